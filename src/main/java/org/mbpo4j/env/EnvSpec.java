package org.mbpo4j.env;

import java.util.List;
import java.util.function.Supplier;

/**
 * A registry entry (Gymnasium's {@code EnvSpec}).
 *
 * @param id              e.g. {@code Pendulum-v1}
 * @param factory         makes a fresh, unwrapped env with the default options
 * @param maxEpisodeSteps the registered time limit
 * @param rewardThreshold the return at which the task counts as solved (NaN if none)
 * @param rules           the task's batched reward and termination rules (default options)
 * @param referenceId     the id whose Gymnasium reference trajectories check this env
 *                        (usually {@code id}; CartPoleContinuous-v1 is checked on CartPole-v1)
 * @param summary         one line for {@code ./mbpo envs}
 * @param options         for an env that takes constructor options or needs something outside
 *                        mbpo4j: how to make it, its rules and spaces per option set; null for a
 *                        plain env (no options, nothing outside mbpo4j)
 */
public record EnvSpec(String id, Supplier<? extends Env<?>> factory, int maxEpisodeSteps,
                      double rewardThreshold, TaskRules rules, String referenceId, String summary,
                      EnvFactory options) {

    /** A plain env: no constructor options, nothing needed beyond mbpo4j. */
    public EnvSpec(String id, Supplier<? extends Env<?>> factory, int maxEpisodeSteps, double rewardThreshold,
                   TaskRules rules, String referenceId, String summary) {
        this(id, factory, maxEpisodeSteps, rewardThreshold, rules, referenceId, summary, null);
    }

    /** An env made by {@code options}; its default factory and rules use the default options. */
    public static EnvSpec withOptions(String id, EnvFactory options, int maxEpisodeSteps, double rewardThreshold,
                                      String summary) {
        EnvKwargs defaults = EnvKwargs.of(id, options.options(), null);
        return new EnvSpec(id, () -> options.make(defaults), maxEpisodeSteps, rewardThreshold,
                options.rules(defaults), id, summary, options);
    }

    /** The constructor options this env takes (empty if none). */
    public List<EnvOption> optionSchema() {
        return options == null ? List.of() : options.options();
    }

    /** Validates constructor options (null or empty: the defaults). */
    public EnvKwargs kwargs(java.util.Map<String, ?> given) {
        return EnvKwargs.of(id, optionSchema(), given);
    }
}

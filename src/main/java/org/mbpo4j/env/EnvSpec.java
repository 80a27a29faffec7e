package org.mbpo4j.env;

import java.util.function.Supplier;

/**
 * A registry entry (Gymnasium's {@code EnvSpec}).
 *
 * @param id              e.g. {@code Pendulum-v1}
 * @param factory         makes a fresh, unwrapped env
 * @param maxEpisodeSteps the registered time limit
 * @param rewardThreshold the return at which the task counts as solved (NaN if none)
 * @param rules           the task's batched reward and termination rules
 * @param referenceId     the id whose Gymnasium reference trajectories check this env
 *                        (usually {@code id}; CartPoleContinuous-v1 is checked on CartPole-v1)
 * @param summary         one line for {@code ./mbpo envs}
 */
public record EnvSpec(String id, Supplier<? extends Env<?>> factory, int maxEpisodeSteps,
                      double rewardThreshold, TaskRules rules, String referenceId, String summary) {
}

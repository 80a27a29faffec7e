package org.mbpo4j.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mbpo4j.agent.Evaluation;
import org.mbpo4j.env.Env;
import org.mbpo4j.env.Envs;
import org.mbpo4j.run.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mbpo eval}: plays whole episodes with a policy and reports the returns. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a policy on an environment for whole episodes.")
final class EvalCommand implements Callable<Integer> {

    /** The most episodes one evaluation plays (its JSON line lists every return). */
    static final int MAX_EPISODES = 100_000;

    /** The policies this command can build. */
    enum PolicyKind { random, heuristic }

    @Spec
    CommandSpec spec;

    @Option(names = "--env", required = true, paramLabel = "ID", description = "Environment id (see `mbpo envs`).")
    String env;

    @Option(names = "--policy", defaultValue = "random", paramLabel = "NAME",
            description = "Policy: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    PolicyKind policy;

    @Option(names = "--episodes", defaultValue = "10", paramLabel = "N",
            description = "Episodes, 1 to " + MAX_EPISODES + " (default: ${DEFAULT-VALUE}).")
    int episodes;

    @Option(names = "--seed", defaultValue = "0",
            description = "Seed: episode i starts from reset(seed + i) (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print one JSON line.")
    boolean json;

    @Override
    public Integer call() {
        if (episodes < 1 || episodes > MAX_EPISODES) {
            throw new UserError("--episodes must be in [1, " + MAX_EPISODES + "], got " + episodes);
        }
        CliPolicies.requireAvailable(env);
        Evaluation ev = evaluate(Envs.make(env));
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("env", env);
        m.put("policy", policy.name());
        m.putAll(ev.toJsonMap());
        if (json) {
            out.println(Json.line(m));
        } else {
            out.printf("%s, %s policy, %d episodes (seed %d): mean return %.2f +- %.2f (min %.2f, max %.2f), "
                            + "mean length %.1f, %d terminated, %d truncated%n",
                    env, policy, ev.episodes(), seed, ev.mean(), ev.std(), ev.min(), ev.max(), ev.meanLength(),
                    ev.terminated(), ev.truncated());
        }
        out.flush();
        return 0;
    }

    private <A> Evaluation evaluate(Env<A> e) {
        return Evaluation.run(e, CliPolicies.build(policy.name(), e, env, seed), episodes, seed, true);
    }
}

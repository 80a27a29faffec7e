package org.mbpo4j.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mbpo4j.agent.Evaluation;
import org.mbpo4j.io.Json;
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

    @Option(names = "--env", paramLabel = "ID",
            description = "Environment id (see `mbpo envs`); with --run or --model it defaults to theirs.")
    String env;

    @Option(names = "--policy", paramLabel = "NAME",
            description = "Policy: ${COMPLETION-CANDIDATES} (default: random; not with --run or --model).")
    PolicyKind policy;

    @Option(names = "--run", paramLabel = "RUN_DIR",
            description = "Play a run's trained agent (SAC, MBPO: the deterministic actor; MPC: planning with the run's model).")
    java.nio.file.Path run;

    @Option(names = "--checkpoint", paramLabel = "latest|STEP",
            description = "With --run: which checkpoint, latest (the newest valid one) or an env step (default: latest).")
    String checkpoint;

    @Option(names = "--model", paramLabel = "FILE", description = "Play a policy file (`mbpo export`, or one of models/).")
    java.nio.file.Path model;

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
        Played played = Played.choose(run, checkpoint, model, policy, env, seed, spec.commandLine().getErr());
        Evaluation ev;
        try {
            ev = played.evaluate(episodes, seed);
        } finally {
            played.env().close();
        }
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("env", played.envId());
        m.put("policy", played.label());
        m.putAll(played.source());
        m.putAll(ev.toJsonMap());
        if (json) {
            out.println(Json.line(m));
        } else {
            out.printf("%s, %s policy, %d episodes (seed %d): mean return %.2f +- %.2f (min %.2f, max %.2f), "
                            + "mean length %.1f, %d terminated, %d truncated%n",
                    played.envId(), played.label(), ev.episodes(), seed, ev.mean(), ev.std(), ev.min(), ev.max(),
                    ev.meanLength(), ev.terminated(), ev.truncated());
        }
        out.flush();
        return 0;
    }
}

package org.mbpo4j.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mbpo4j.baselines.tabular.AgentOptions;
import org.mbpo4j.baselines.tabular.AgentResult;
import org.mbpo4j.baselines.tabular.BuiltinMdps;
import org.mbpo4j.baselines.tabular.CurvePoint;
import org.mbpo4j.baselines.tabular.FakeGradient;
import org.mbpo4j.baselines.tabular.ImportanceWeights;
import org.mbpo4j.baselines.tabular.InvalidMdpException;
import org.mbpo4j.baselines.tabular.LearningCurves;
import org.mbpo4j.baselines.tabular.MdpJson;
import org.mbpo4j.baselines.tabular.Mode;
import org.mbpo4j.baselines.tabular.PolicyIteration;
import org.mbpo4j.baselines.tabular.Solution;
import org.mbpo4j.baselines.tabular.TabularAgent;
import org.mbpo4j.baselines.tabular.TabularMdp;
import org.mbpo4j.baselines.tabular.ValueIteration;
import org.mbpo4j.io.Json;
import org.mbpo4j.run.Manifest;
import org.mbpo4j.run.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mbpo tabular}: an MBPO-style agent on a tabular MDP whose optimum is known exactly
 * ({@link TabularAgent}), or with {@code --solve-only} just the exact solution.
 *
 * <p>Output with {@code --json}: one JSON line. A single mode prints {@code {"mdp", "gamma",
 * "v_star_start", "v_pi_start", "gap", "policy_optimal", "real_transitions", "iterations",
 * "mode", "real_ratio", "fake_transitions", "model_optimum_gap", "seed", "out"}}; {@code --mode
 * all} prints {@code {"mdp", "gamma", "v_star_start", "iterations", "seed", "modes": {"real":
 * {...}, "fake": {...}, "mixed": {...}}, "out"}} with each mode's fields as for a single mode.
 * The run directory's {@code summary.json} holds the same fields, plus {@code pi_star} and, per
 * mode, the final policy's probabilities ({@code policy}) and most probable actions
 * ({@code greedy_policy}). {@code --solve-only} prints {@code {"v_star": [...], "pi_star": [...], "q_star": [[...]],
 * "v_star_start", "mdp", "gamma", "solver", "iterations"}} (plus {@code "horizon"} for an MDP
 * with one; then V*, pi* and Q* are those of time step 0).
 */
@Command(name = "tabular", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Solve a tabular MDP exactly, and train an MBPO-style agent on it: a softmax policy improved by"
                + " off-policy (per-decision importance-sampled) policy gradient on real episodes, on episodes from a"
                + " counts-based model (fake), or on both mixed at --real-ratio. The exact value gap to the optimum"
                + " is tracked against the real transitions used; the run directory gets learning-curve.csv,"
                + " gap-vs-real-transitions.png, gap-vs-iteration.png, summary.json, manifest.json and mdp.json.",
            "",
            "MDP files: {\"states\":S, \"actions\":A, \"gamma\":g, \"P\":[S][A][S], \"R\":[S][A] or [S][A][S],"
                + " \"start\":[S], \"terminal\":[ids] (optional), \"horizon\":H (optional)}. Terminal states are"
                + " absorbing with value 0; with a horizon the value is the H-step value (V*, pi* reported at t = 0).",
            "",
            "Built-in MDPs: frozenlake4x4, frozenlake4x4-slippery, frozenlake8x8, frozenlake8x8-slippery, nchain5,"
                + " riverswim6.",
            ""})
final class TabularCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--mdp", required = true, paramLabel = "NAME|FILE",
            description = "A JSON file, a built-in (frozenlake4x4, frozenlake4x4-slippery, frozenlake8x8,"
                    + " frozenlake8x8-slippery, nchain5, riverswim6), or the name of an example in configs/mdps/"
                    + " (two-state, detour-gamma1, last-minute-horizon).")
    String mdpName;

    @Option(names = "--gamma", paramLabel = "G",
            description = "Discount in (0, 1]; default " + BuiltinMdps.DEFAULT_GAMMA
                    + " for built-ins, the file's gamma for files (which this overrides).")
    Double gamma;

    @Option(names = "--solve-only", description = "Print V* and pi* as one JSON line, and nothing else.")
    boolean solveOnly;

    @Option(names = "--solver", paramLabel = "vi|pi", defaultValue = "vi",
            description = "Exact solver for --solve-only: value or policy iteration (default: ${DEFAULT-VALUE}).")
    String solver;

    @Option(names = "--mode", paramLabel = "real|fake|mixed|all", defaultValue = "mixed",
            description = "What the policy is trained on: real episodes (model-free), the model (fake; real"
                    + " episodes are still collected every iteration, to train the model only), or both mixed at"
                    + " --real-ratio; all runs the three with the same seed and plots them together"
                    + " (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--real-ratio", paramLabel = "R",
            description = "Weight of real data in each mixed batch, in [0, 1] (mixed and all modes; default 0.5).")
    Double realRatio;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "" + AgentOptions.DEFAULT_ITERATIONS,
            description = "Policy-gradient iterations, 1 to 10000000 (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print only one JSON line at the end.")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Run directory (default: runs/<mdp>-tabular-<mode>-<time>).")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines.")
    boolean quiet;

    @Option(names = "--episodes", paramLabel = "N", defaultValue = "10",
            description = "Real episodes per iteration, in every mode, 1 to 1000000 (default: ${DEFAULT-VALUE}).")
    int episodes;

    @Option(names = "--initial-episodes", paramLabel = "N", defaultValue = "10",
            description = "Real episodes under the initial uniform policy, in every mode, 1 to 1000000"
                    + " (default: ${DEFAULT-VALUE}).")
    int initialEpisodes;

    @Option(names = "--fake-episodes", paramLabel = "N", defaultValue = "50",
            description = "Model episodes per update with --fake-gradient sampled, 1 to 10000000"
                    + " (default: ${DEFAULT-VALUE}).")
    int fakeEpisodes;

    @Option(names = "--fake-gradient", paramLabel = "natural|expected|sampled", defaultValue = "natural",
            description = "Fake part of each update: the model's advantages (natural policy gradient), the vanilla"
                    + " gradient's exact expectation over model episodes, or the estimate from --fake-episodes"
                    + " sampled model episodes (default: ${DEFAULT-VALUE}).")
    String fakeGradient;

    @Option(names = "--model-updates", paramLabel = "N", defaultValue = "" + AgentOptions.DEFAULT_MODEL_UPDATES,
            description = "Policy updates per iteration in fake and mixed mode, each with fresh model data (real"
                    + " mode: 1), 1 to 1000000 (default: ${DEFAULT-VALUE}).")
    int modelUpdates;

    @Option(names = "--explore", paramLabel = "EPS",
            description = "Real episodes follow (1 - EPS) pi + EPS uniform, so the model sees every pair; importance"
                    + " weights correct the real batches. Default " + AgentOptions.DEFAULT_EXPLORATION
                    + " in fake and mixed mode, 0 in real mode.")
    Double explore;

    @Option(names = "--stop-gap", paramLabel = "X", defaultValue = "0",
            description = "Stop at the first evaluation whose greedy policy is optimal and whose exact gap is <= X"
                    + " (the real transitions reported are then those needed); 0: never (default: ${DEFAULT-VALUE}).")
    double stopGap;

    @Option(names = "--fake-horizon", paramLabel = "N", defaultValue = "0",
            description = "Longest model episode, 0 to " + AgentOptions.MAX_STEPS + "; 0: as real episodes"
                    + " (default: ${DEFAULT-VALUE}).")
    int fakeHorizon;

    @Option(names = "--max-episode-steps", paramLabel = "N", defaultValue = "0",
            description = "Step limit of real episodes, 0 to " + AgentOptions.MAX_STEPS + "; 0: the horizon,"
                    + " else the first T with gamma^T <= 1e-3"
                    + " (at most " + AgentOptions.AUTO_STEP_CAP + "), 1000 for gamma 1 (default: ${DEFAULT-VALUE}).")
    int maxEpisodeSteps;

    @Option(names = "--replay-iterations", paramLabel = "N", defaultValue = "8",
            description = "Iterations whose real episodes are reused, importance-weighted, 1 to 1000000"
                    + " (default: ${DEFAULT-VALUE}).")
    int replayIterations;

    @Option(names = "--lr", paramLabel = "X", defaultValue = "0.05",
            description = "Adam step size on the logits (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--is-truncation", paramLabel = "C|inf", defaultValue = "10",
            description = "Cap on each per-decision importance weight; inf for none (default: ${DEFAULT-VALUE}).")
    String isTruncation;

    @Option(names = "--is-normalise", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Normalise importance weights per step across the batch (weighted IS); "
                    + "--no-is-normalise for plain IS (default: ${DEFAULT-VALUE}).")
    boolean isNormalise;

    @Option(names = "--eval-every", paramLabel = "N", defaultValue = "1",
            description = "Exact evaluation every N iterations (and at the last) (default: ${DEFAULT-VALUE}).")
    int evalEvery;

    @Override
    public Integer call() {
        TabularMdp mdp = loadMdp();
        PrintWriter o = spec.commandLine().getOut();
        if (solveOnly) {
            o.println(Json.line(solve(mdp)));
            o.flush();
            return 0;
        }
        List<Mode> modes = modes();
        AgentOptions options = options();
        Solution optimum = solveOrExplain(mdp, "vi");
        RunDirectory dir = RunDirectory.create(out, Path.of("runs"), mdp.name(), "tabular-" + mode.toLowerCase(
                Locale.ROOT), Clock.systemDefaultZone());
        dir.writeManifest(Manifest.build(seed, null, manifestExtra(mdp, options)));
        MdpJson.write(dir.path().resolve("mdp.json"), mdp);
        log(o, String.format("mbpo tabular: %s, V*(start) = %.6g, %d iterations, seed %d -> %s", mdp,
                optimum.startValue(mdp), iterations, seed, dir.path()));
        List<AgentResult> results = new ArrayList<>();
        for (Mode m : modes) {
            AgentOptions mo = options(m);
            int every = Math.max(1, iterations / 10);
            log(o, "  mode " + m.id() + (m == Mode.MIXED ? " (real ratio " + mo.realRatio() + ")" : ""));
            AgentResult r = runAgent(mdp, mo, optimum, p -> {
                if (p.iteration() % every == 0 || p.iteration() == iterations) {
                    log(o, String.format("    iteration %d: %d real transitions, V^pi(start) %.6g, gap %.4g%s",
                            p.iteration(), p.realTransitions(), p.vPiStart(), p.gap(),
                            p.greedyOptimal() ? ", greedy policy optimal" : ""));
                }
            });
            results.add(r);
        }
        LearningCurves.write(dir.path(), mdp.name() + " (gamma " + mdp.gamma() + ")", results);
        Map<String, Object> line = modes.size() == 1 ? single(results.get(0), dir, false)
                : all(mdp, results, optimum, dir, false);
        Map<String, Object> summary = modes.size() == 1 ? single(results.get(0), dir, true)
                : all(mdp, results, optimum, dir, true);
        summary.put("pi_star", optimum.policy());
        dir.writeSummary(summary);
        if (json) {
            o.println(Json.line(line));
        } else {
            for (AgentResult r : results) {
                o.printf("%s: gap %.6g (V^pi(start) %.6g of V*(start) %.6g), policy optimal: %s, %d real transitions,"
                                + " %d fake%n", r.mode().id(), r.gap(), r.vPiStart(), r.vStarStart(),
                        r.policyOptimal() ? "yes" : "no", r.realTransitions(), r.fakeTransitions());
            }
            o.println("run directory: " + dir.path());
        }
        o.flush();
        return 0;
    }

    private TabularMdp loadMdp() {
        if (gamma != null && !(gamma > 0 && gamma <= 1)) {
            throw new UserError("--gamma must be in (0, 1], got " + gamma);
        }
        Path file = Path.of(mdpName);
        try {
            if (Files.isRegularFile(file)) {
                TabularMdp m = MdpJson.read(file, this::warn);
                return gamma == null ? m : m.withGamma(gamma);
            }
            var builtin = BuiltinMdps.find(mdpName, gamma == null ? BuiltinMdps.DEFAULT_GAMMA : gamma);
            if (builtin.isPresent()) {
                return builtin.get();
            }
            Path example = examples().resolve(mdpName + ".json");
            if (!mdpName.contains("/") && Files.isRegularFile(example)) {
                TabularMdp m = MdpJson.read(example, this::warn);
                return gamma == null ? m : m.withGamma(gamma);
            }
        } catch (InvalidMdpException e) {
            throw new UserError(gamma == null ? e.getMessage() : e.getMessage() + " (with --gamma " + gamma + ")");
        } catch (UncheckedIOException e) {
            throw new UserError("cannot read MDP file " + mdpName + ": " + e.getCause().getMessage());
        }
        if (mdpName.toLowerCase(Locale.ROOT).endsWith(".json") || mdpName.contains("/")
                || mdpName.contains(java.io.File.separator)) {
            throw new UserError("no such MDP file: " + mdpName);
        }
        List<String> known = exampleNames();
        throw new UserError("unknown MDP '" + mdpName + "': not a file and not a built-in; built-ins: "
                + String.join(", ", BuiltinMdps.names()) + (known.isEmpty() ? "" : "; examples in " + examples()
                + ": " + String.join(", ", known)));
    }

    /** The example MDP files shipped in the install's {@code configs/mdps/}. */
    static Path examples() {
        return Path.of(System.getProperty(Manifest.HOME_PROPERTY, ".")).resolve("configs").resolve("mdps");
    }

    private static List<String> exampleNames() {
        List<String> names = new ArrayList<>();
        try (var files = Files.list(examples())) {
            files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json"))
                    .map(f -> f.substring(0, f.length() - 5)).sorted().forEach(names::add);
        } catch (java.io.IOException | UncheckedIOException e) {
            // no examples directory: nothing to list
        }
        return names;
    }

    private Map<String, Object> solve(TabularMdp mdp) {
        String which = solver.toLowerCase(Locale.ROOT);
        Solution s = solveOrExplain(mdp, which);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("v_star", s.v());
        m.put("pi_star", s.policy());
        m.put("q_star", s.q());
        m.put("v_star_start", s.startValue(mdp));
        m.put("mdp", mdp.name());
        m.put("gamma", mdp.gamma());
        if (mdp.hasHorizon()) {
            m.put("horizon", mdp.horizon());
            m.put("time_step", 0);
        }
        m.put("solver", which.equals("vi") ? "value-iteration" : "policy-iteration");
        m.put("iterations", s.iterations());
        return m;
    }

    private static Solution solveOrExplain(TabularMdp mdp, String which) {
        try {
            return switch (which) {
                case "vi", "value-iteration" -> ValueIteration.solve(mdp);
                case "pi", "policy-iteration" -> PolicyIteration.solve(mdp);
                default -> throw new UserError("--solver must be vi or pi, got '" + which + "'");
            };
        } catch (IllegalArgumentException e) {
            // Only an MDP with gamma 1 gets here: values that are infinite or undefined.
            throw new UserError(mdp.name() + ": " + e.getMessage());
        }
    }

    private List<Mode> modes() {
        String m = mode.toLowerCase(Locale.ROOT);
        if (m.equals("all")) {
            return List.of(Mode.REAL, Mode.FAKE, Mode.MIXED);
        }
        try {
            Mode single = Mode.of(m);
            if (realRatio != null && single != Mode.MIXED) {
                throw new UserError("--real-ratio applies to --mode mixed or all (real uses 1, fake 0), got --mode "
                        + mode);
            }
            return List.of(single);
        } catch (IllegalArgumentException e) {
            throw new UserError("--mode must be real, fake, mixed or all, got '" + mode + "'");
        }
    }

    private AgentOptions options() {
        double cap;
        String t = isTruncation.strip().toLowerCase(Locale.ROOT);
        if (t.equals("inf") || t.equals("infinity") || t.equals("none")) {
            cap = Double.POSITIVE_INFINITY;
        } else {
            try {
                cap = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new UserError("--is-truncation must be a number > 0 or inf, got '" + isTruncation + "'");
            }
        }
        try {
            return new AgentOptions().realRatio(realRatio == null ? 0.5 : realRatio).iterations(iterations)
                    .episodes(episodes).initialEpisodes(initialEpisodes).fakeEpisodes(fakeEpisodes)
                    .fakeHorizon(fakeHorizon).maxEpisodeSteps(maxEpisodeSteps).replayIterations(replayIterations)
                    .learningRate(learningRate).weighting(new ImportanceWeights(cap, isNormalise))
                    .evalEvery(evalEvery).modelUpdates(modelUpdates).exploration(explore == null ? Double.NaN : explore)
                    .fakeGradient(FakeGradient.of(fakeGradient)).stopGap(stopGap).check();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    private AgentOptions options(Mode m) {
        return options().mode(m);
    }

    private AgentResult runAgent(TabularMdp mdp, AgentOptions options, Solution optimum,
                                 java.util.function.Consumer<CurvePoint> progress) {
        try {
            return new TabularAgent(mdp, options, seed, optimum).run(progress);
        } catch (InvalidMdpException e) {
            throw new UserError(e.getMessage());
        } catch (IllegalArgumentException e) {
            if (mdp.gamma() == 1.0 && !mdp.hasHorizon()) {
                throw new UserError(mdp.name() + ": " + e.getMessage());
            }
            throw e;
        }
    }

    /** One mode's fields; {@code detailed} adds the final policy (for summary.json). */
    private Map<String, Object> single(AgentResult r, RunDirectory dir, boolean detailed) {
        Map<String, Object> m = r.toMap();
        m.put("seed", seed);
        m.put("out", dir.path().toString());
        if (detailed) {
            addPolicy(m, r);
        }
        return m;
    }

    private static void addPolicy(Map<String, Object> m, AgentResult r) {
        m.put("greedy_policy", r.greedyPolicy());
        m.put("policy", r.policy());
    }

    private Map<String, Object> all(TabularMdp mdp, List<AgentResult> results, Solution optimum, RunDirectory dir,
                                    boolean detailed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mdp", mdp.name());
        m.put("gamma", mdp.gamma());
        m.put("v_star_start", optimum.startValue(mdp));
        m.put("iterations", iterations);
        m.put("seed", seed);
        Map<String, Object> byMode = new LinkedHashMap<>();
        for (AgentResult r : results) {
            Map<String, Object> one = r.toMap();
            one.remove("mdp");
            one.remove("gamma");
            one.remove("v_star_start");
            one.remove("iterations");
            one.remove("mode");
            if (detailed) {
                addPolicy(one, r);
            }
            byMode.put(r.mode().id(), one);
        }
        m.put("modes", byMode);
        m.put("out", dir.path().toString());
        return m;
    }

    private Map<String, Object> manifestExtra(TabularMdp mdp, AgentOptions options) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("command", "tabular");
        extra.put("mdp", mdpName);
        extra.put("mdp_name", mdp.name());
        extra.put("gamma", mdp.gamma());
        extra.put("mode", mode.toLowerCase(Locale.ROOT));
        extra.put("real_ratio", options.realRatio());
        extra.put("iterations", iterations);
        extra.put("episodes", episodes);
        extra.put("initial_episodes", initialEpisodes);
        extra.put("fake_episodes", fakeEpisodes);
        extra.put("fake_horizon", options.fakeHorizon(mdp));
        extra.put("max_episode_steps", options.maxEpisodeSteps(mdp));
        extra.put("replay_iterations", replayIterations);
        extra.put("lr", learningRate);
        extra.put("is_truncation", options.weighting().truncation());
        extra.put("is_normalise", isNormalise);
        extra.put("eval_every", evalEvery);
        extra.put("fake_gradient", options.fakeGradient().id());
        extra.put("model_updates", modelUpdates);
        extra.put("explore", explore == null ? "default" : explore);
        extra.put("stop_gap", stopGap);
        return extra;
    }

    private void warn(String warning) {
        PrintWriter e = spec.commandLine().getErr();
        e.println("mbpo tabular: warning: " + warning);
        e.flush();
    }

    private void log(PrintWriter o, String line) {
        if (!quiet && !json) {
            o.println(line);
            o.flush();
        }
    }
}

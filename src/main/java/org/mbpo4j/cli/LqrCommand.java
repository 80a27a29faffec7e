package org.mbpo4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mbpo4j.baselines.lqr.CurvePoint;
import org.mbpo4j.baselines.lqr.InvalidSystemException;
import org.mbpo4j.baselines.lqr.LearnerOptions;
import org.mbpo4j.baselines.lqr.LqrLearner;
import org.mbpo4j.baselines.lqr.LqrSolution;
import org.mbpo4j.baselines.lqr.LqrSystem;
import org.mbpo4j.baselines.lqr.LqrSystems;
import org.mbpo4j.baselines.lqr.Mat;
import org.mbpo4j.baselines.lqr.Mode;
import org.mbpo4j.baselines.lqr.Riccati;
import org.mbpo4j.io.CsvLog;
import org.mbpo4j.io.Json;
import org.mbpo4j.run.Manifest;
import org.mbpo4j.io.Plots;
import org.mbpo4j.run.RunDirectory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mbpo lqr}: an LQR system with its exact optimum (Riccati) and an MBPO-style learner
 * on real, fake (least-squares model), mixed data or the model's exact cost, measured against
 * K* and cost* after every iteration.
 */
@Command(name = "lqr", mixinStandardHelpOptions = true,
        description = {"Learn a linear controller for an LQR system and compare it with the exact optimum.",
            "Modes: real (policy gradient on real trajectories), fake (on trajectories of a least-squares model),",
            "mixed (a --real-ratio share of real trajectories), exact-model (Gauss-Newton on the model's exact",
            "cost), all (each mode with the same seed). 'cost' is the exact infinite-horizon average cost per",
            "step of u = K x on the true system (null in JSON, with \"stable\": false, when A + B K is unstable).",
            "Sampled modes hand back the last accepted gain: a step whose real episodes diverge is reverted",
            "(\"reverts\"); fake/mixed also halve steps the fitted model finds unstable (\"model_rejections\")",
            "and leave an accepted gain that a refitted model finds unstable (\"model_reverts\").",
            "Writes a run directory: curve.csv, k-error.png, cost-gap.png, summary.json, manifest.json."})
final class LqrCommand implements Callable<Integer> {
    /** Curve table in the run directory. */
    static final String CURVE_CSV = "curve.csv";
    /** Plot of the relative gain error against real transitions. */
    static final String K_ERROR_PNG = "k-error.png";
    /** Plot of the cost gap against real transitions. */
    static final String COST_GAP_PNG = "cost-gap.png";
    static final List<String> CURVE_HEADER = List.of("mode", "iteration", "real_transitions", "rel_err", "cost",
            "cost_gap", "stable", "ess", "shrinkage", "reverts", "model_rejections", "model_reverts");

    @Spec
    CommandSpec spec;

    @Option(names = "--system", paramLabel = "NAME|FILE", defaultValue = "double-integrator",
            description = "A built-in (double-integrator, laplacian) or a YAML/JSON file with A, B, Q, R"
                    + " [, noise_std, x0_std, horizon] (default: ${DEFAULT-VALUE}).")
    String system;

    @Option(names = "--Q", paramLabel = "MATRIX|NUMBER", description = "Override Q: a matrix such as"
            + " '[[1,0],[0,0]]' or a number s for s*I.")
    String qOverride;

    @Option(names = "--R", paramLabel = "MATRIX|NUMBER", description = "Override R: a matrix or a number s for s*I.")
    String rOverride;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "real",
            description = "real, fake, mixed, exact-model or all (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--real-ratio", paramLabel = "R", defaultValue = "0.5",
            description = "Share of real trajectories in a mixed batch, in [0, 1] (default: ${DEFAULT-VALUE}).")
    double realRatio;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "100",
            description = "Policy updates, 0 to 1000000 (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--episodes-per-iter", paramLabel = "E", defaultValue = "2",
            description = "Real episodes collected per iteration in every mode, 1 to 100000"
                    + " (default: ${DEFAULT-VALUE}).")
    int episodesPerIter;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "60",
            description = "Trajectories per policy-gradient update: the model rollouts of fake (and mixed's model"
                    + " share); the most recent real ones with --estimator nac|naive (lstdq fits every real"
                    + " transition); 1 to 100000 (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--sigma", paramLabel = "S", defaultValue = "3.0",
            description = "Exploration std of the Gaussian policy u ~ N(Kx, S^2 I); larger excites the states more"
                    + " against the process noise and sharpens the lstdq critic (use 1 with --estimator nac)"
                    + " (default: ${DEFAULT-VALUE}).")
    double sigma;

    @Option(names = "--step", paramLabel = "ETA", defaultValue = "0.5",
            description = "Gauss-Newton step of the natural actor-critic; the plain gradient step with"
                    + " --estimator naive (default: ${DEFAULT-VALUE}).")
    double step;

    @Option(names = "--trust", paramLabel = "D", defaultValue = "0.2",
            description = "Cap on ||dK||_F / ||K||_F per policy-gradient update (default: ${DEFAULT-VALUE}).")
    double trust;

    @Option(names = "--is-window", paramLabel = "H", defaultValue = "1",
            description = "Advantage window in steps, 1 to 1000000; importance weights cover the actions inside it"
                    + " (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--clip", paramLabel = "C", defaultValue = "10",
            description = "Truncation of importance weights, >= 1 (default: ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--estimator", paramLabel = "lstdq|nac|naive", defaultValue = "lstdq",
            description = "lstdq: natural actor-critic with a joint LSTD-Q critic (no importance weights);"
                    + " nac: LSTD(0) critic and importance-weighted advantage regression (--is-window, --clip);"
                    + " naive: trajectory-weighted REINFORCE without baseline, kept for comparison"
                    + " (default: ${DEFAULT-VALUE}).")
    String estimator;

    @Option(names = "--k0", paramLabel = "MATRIX",
            description = "Initial gain (m x n); default: the optimal gain for R ten times larger.")
    String k0;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--solve-only", description = "Print K*, trace P*, cost* and the spectral radius; learn nothing.")
    boolean solveOnly;

    @Option(names = "--json", description = "Print one JSON line (one per mode with --mode all) and no log.")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/<system>-lqr-<time>).")
    String out;

    @Option(names = {"-q", "--quiet"}, description = "No log lines.")
    boolean quiet;

    @Override
    public Integer call() {
        LqrSystem sys = loadSystem();
        LqrSolution opt = solve(sys);
        PrintWriter o = spec.commandLine().getOut();
        if (solveOnly) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("system", sys.name());
            r.put("K_star", opt.k());
            r.put("P_trace", Mat.trace(opt.p()));
            r.put("cost_star", opt.costStar());
            r.put("spectral_radius", opt.spectralRadius());
            r.put("P", opt.p());
            r.put("riccati_residual", opt.residual());
            o.println(json ? Json.line(r) : Json.pretty(r).strip());
            o.flush();
            return 0;
        }
        List<Mode> modes = modes();
        LearnerOptions options = options(sys);
        if (options.k0() == null) {
            defaultK0(sys);
        }
        RunDirectory dir = RunDirectory.create(out == null ? null : Path.of(out), Path.of("runs"), sys.name(), "lqr",
                Clock.systemDefaultZone());
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("command", "lqr");
        extra.put("system", system);
        extra.put("modes", modes.stream().map(Mode::cliName).toList());
        extra.put("options", optionsMap(options));
        dir.writeManifest(Manifest.build(seed, null, extra));
        CsvLog csv = CsvLog.create(dir.path().resolve(CURVE_CSV), CURVE_HEADER);
        boolean log = !json && !quiet;
        if (log) {
            o.printf("mbpo lqr: %s (n=%d, m=%d), K* %s, cost* %.6g; modes %s, %d iterations, seed %d -> %s%n",
                    sys.name(), sys.n(), sys.m(), Mat.format(opt.k()), opt.costStar(),
                    modes.stream().map(Mode::cliName).toList(), iterations, seed, dir.path());
            o.flush();
        }
        List<Map<String, Object>> results = new ArrayList<>();
        List<Plots.Line> errLines = new ArrayList<>();
        List<Plots.Line> gapLines = new ArrayList<>();
        LqrLearner learner = new LqrLearner(sys, opt, options);
        int every = Math.max(1, iterations / 10);
        for (Mode m : modes) {
            List<CurvePoint> curve = learner.run(m, seed, p -> {
                csv.append(List.of(p.mode().cliName(), p.iteration(), p.realTransitions(), p.relErr(), p.cost(),
                        p.costGap(), p.stable(), p.effectiveSampleSize(), p.shrinkage(), p.reverts(),
                        p.modelRejections(), p.modelReverts()));
                if (log && (p.iteration() % every == 0 || p.iteration() == iterations)) {
                    o.printf("  %-11s it %4d  real %7d  rel_err %.4g  cost_gap %s%n", m.cliName(), p.iteration(),
                            p.realTransitions(), p.relErr(), p.stable() ? String.format("%.4g", p.costGap())
                                    : "inf (unstable)");
                    o.flush();
                }
            });
            double[] x = new double[curve.size()];
            double[] err = new double[curve.size()];
            double[] gap = new double[curve.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = curve.get(i).realTransitions();
                err[i] = curve.get(i).relErr();
                gap[i] = curve.get(i).costGap();
            }
            errLines.add(new Plots.Line(m.cliName(), x, err));
            gapLines.add(new Plots.Line(m.cliName(), x, gap));
            results.add(result(sys, opt, curve.get(curve.size() - 1), dir));
        }
        Plots.lines(dir.path().resolve(K_ERROR_PNG), sys.name() + ": ||K - K*||_F / ||K*||_F", "real transitions",
                "relative gain error", errLines, true);
        Plots.lines(dir.path().resolve(COST_GAP_PNG), sys.name() + ": cost / cost* - 1", "real transitions",
                "cost gap", gapLines, true);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("system", sys.name());
        summary.put("K_star", opt.k());
        summary.put("cost_star", opt.costStar());
        summary.put("results", results);
        summary.put("complete", true);
        dir.writeSummary(summary);
        for (Map<String, Object> r : results) {
            if (json) {
                o.println(Json.line(r));
            } else if (!quiet) {
                o.printf("%s: rel_err %.4g, cost %.6g (cost* %.6g, gap %.4g), %d real transitions, %d reverts,"
                                + " %d model rejections, %d model reverts%n", r.get("mode"), (Double) r.get("rel_err"),
                        (Double) r.get("cost"), opt.costStar(), (Double) r.get("cost_gap"),
                        (Long) r.get("real_transitions"), (Integer) r.get("reverts"),
                        (Integer) r.get("model_rejections"), (Integer) r.get("model_reverts"));
            }
        }
        o.flush();
        return 0;
    }

    private Map<String, Object> result(LqrSystem sys, LqrSolution opt, CurvePoint last, RunDirectory dir) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("system", sys.name());
        r.put("K_star", opt.k());
        r.put("K", last.k());
        r.put("rel_err", last.relErr());
        r.put("cost_star", opt.costStar());
        r.put("cost", last.cost());
        r.put("cost_gap", last.costGap());
        r.put("real_transitions", last.realTransitions());
        r.put("mode", last.mode().cliName());
        r.put("stable", last.stable());
        r.put("iterations", last.iteration());
        r.put("reverts", last.reverts());
        r.put("model_rejections", last.modelRejections());
        r.put("model_reverts", last.modelReverts());
        r.put("seed", seed);
        r.put("run_dir", dir.path().toString());
        return r;
    }

    private LqrSystem loadSystem() {
        try {
            LqrSystem sys = LqrSystems.resolve(system);
            if (qOverride != null || rOverride != null) {
                double[][] q = qOverride == null ? sys.q() : matrixOption("--Q", qOverride, sys.n());
                double[][] r = rOverride == null ? sys.r() : matrixOption("--R", rOverride, sys.m());
                sys = sys.withCosts(q, r);
            }
            return sys;
        } catch (InvalidSystemException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static LqrSolution solve(LqrSystem sys) {
        try {
            return Riccati.solve(sys);
        } catch (InvalidSystemException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** Checks that the default initial gain (optimal for R ten times larger) exists, before any output. */
    private static void defaultK0(LqrSystem sys) {
        try {
            LqrLearner.defaultK0(sys);
        } catch (InvalidSystemException e) {
            throw new UserError(e.getMessage() + " (for the default initial gain, optimal for R ten times larger;"
                    + " give one with --k0)");
        }
    }

    private List<Mode> modes() {
        if ("all".equals(mode)) {
            return List.of(Mode.values());
        }
        Mode m = Mode.parse(mode);
        if (m == null) {
            throw new UserError("--mode must be one of real, fake, mixed, exact-model, all; got '" + mode + "'");
        }
        return List.of(m);
    }

    private LearnerOptions options(LqrSystem sys) {
        range("--iterations", iterations, 0, 1_000_000);
        range("--episodes-per-iter", episodesPerIter, 1, 100_000);
        range("--batch", batch, 1, 100_000);
        range("--is-window", window, 1, 1_000_000);
        if (!(realRatio >= 0 && realRatio <= 1)) {
            throw new UserError("--real-ratio must be in [0, 1], got " + realRatio);
        }
        positive("--sigma", sigma);
        positive("--step", step);
        positive("--trust", trust);
        if (!(clip >= 1)) {
            throw new UserError("--clip must be at least 1, got " + clip);
        }
        LearnerOptions.Estimator est = LearnerOptions.Estimator.parse(estimator);
        if (est == null) {
            throw new UserError("--estimator must be lstdq, nac or naive, got '" + estimator + "'");
        }
        double[][] k = null;
        if (k0 != null) {
            k = matrixOption("--k0", k0, -1);
            if (k.length != sys.m() || Mat.cols(k) != sys.n()) {
                throw new UserError("--k0 must be " + sys.m() + "x" + sys.n() + " (inputs x states), got " + k.length
                        + "x" + Mat.cols(k));
            }
        }
        return new LearnerOptions(iterations, episodesPerIter, batch, realRatio, sigma, step, trust, window, clip,
                est, k);
    }

    private static double[][] matrixOption(String option, String text, int identitySize) {
        Object tree;
        try {
            tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new UserError(option + ": not a matrix such as [[1, 0], [0, 1]]: '" + text + "'");
        }
        try {
            double[][] m = LqrSystems.matrix(option, "value", tree, identitySize);
            for (double[] row : m) {
                if (row.length != m[0].length) {
                    throw new UserError(option + ": rows must be equally long, got '" + text + "'");
                }
            }
            return m;
        } catch (InvalidSystemException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static void range(String option, long v, long lo, long hi) {
        if (v < lo || v > hi) {
            throw new UserError(option + " must be in [" + lo + ", " + hi + "], got " + v);
        }
    }

    private static void positive(String option, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new UserError(option + " must be a finite number > 0, got " + v);
        }
    }

    private static Map<String, Object> optionsMap(LearnerOptions o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iterations", o.iterations());
        m.put("episodes_per_iter", o.episodesPerIteration());
        m.put("batch", o.batch());
        m.put("real_ratio", o.realRatio());
        m.put("sigma", o.sigma());
        m.put("step", o.step());
        m.put("trust", o.trust());
        m.put("is_window", o.window());
        m.put("clip", o.clip());
        m.put("estimator", o.estimator().cliName());
        m.put("k0", o.k0());
        return m;
    }
}

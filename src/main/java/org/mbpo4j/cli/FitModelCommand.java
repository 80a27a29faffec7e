package org.mbpo4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.Envs;
import org.mbpo4j.model.HorizonError;
import org.mbpo4j.model.ModelDiagnostics;
import org.mbpo4j.model.ModelFile;
import org.mbpo4j.model.ModelTrainer;
import org.mbpo4j.model.RealData;
import org.mbpo4j.model.TrainReport;
import org.mbpo4j.model.Transitions;
import org.mbpo4j.model.TransitionModel;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.random.Rng;
import org.mbpo4j.run.Backend;
import org.mbpo4j.run.BackendInfo;
import org.mbpo4j.io.Json;
import org.mbpo4j.run.Manifest;
import org.mbpo4j.run.RunDirectory;
import org.mbpo4j.run.config.ConfigException;
import org.mbpo4j.run.config.ConfigLoader;
import org.mbpo4j.run.config.ModelConfig;
import org.mbpo4j.run.config.RunConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mbpo fit-model}: learns an env's dynamics from random-action data with the config's
 * {@code model:} section, training as MBPO does (every {@code model.train_every} steps on all
 * the data so far), and writes the model and its diagnostics to a run directory.
 */
@Command(name = "fit-model", mixinStandardHelpOptions = true,
        description = {"Fit the config's dynamics model to random-action data of its env.",
            "It trains every model.train_every steps as MBPO does, and writes a run directory",
            "(config.yaml, manifest.json, model-train.csv, model-horizon-error.csv/.png, model.bin,",
            "summary.json)."})
final class FitModelCommand implements Callable<Integer> {
    /** The trained model's file in the run directory. */
    static final String MODEL_FILE = "model.bin";

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE|PRESET", defaultValue = TrainCommand.DEFAULT_PRESET,
            description = "A YAML file, or the name of a preset in configs/ (default: ${DEFAULT-VALUE}).")
    String config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override any config key, e.g. --set model.members=5 (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "Shortcut for --set seed=N.")
    String seed;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "5000",
            description = "Random-action env steps to learn from, 1 to 10000000 (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--heldout-steps", paramLabel = "N", defaultValue = "1000",
            description = "Further random-action steps, never trained on, for the horizon-error diagnostics,"
                    + " 1 to 1000000 (default: ${DEFAULT-VALUE}).")
    int heldoutSteps;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/<env>-fit-model-<time>).")
    String out;

    @Option(names = {"-q", "--quiet"}, description = "No log lines.")
    boolean quiet;

    @Option(names = "--backend", paramLabel = "auto|cpu|cuda",
            description = "Shortcut for --set compute.backend=...; default from MBPO4J_BACKEND, else the config.")
    String backendChoice;

    @Option(names = "--kernels", paramLabel = "auto|cpu|nd4j",
            description = "Shortcut for --set compute.kernels=... (auto: Java loops on CPU, ND4J ops on CUDA).")
    String kernelsChoice;

    @Override
    public Integer call() {
        if (steps < 1 || steps > 10_000_000) {
            throw new UserError("--steps must be in [1, 10000000], got " + steps);
        }
        if (heldoutSteps < 1 || heldoutSteps > 1_000_000) {
            throw new UserError("--heldout-steps must be in [1, 1000000], got " + heldoutSteps);
        }
        Path file = TrainCommand.ConfigFiles.resolve(config);
        ConfigShortcuts c = new ConfigShortcuts(sets).add("--seed", "seed", seed, seed).addPath("--out", "out", out)
                .addCompute(backendChoice, kernelsChoice);
        RunConfig cfg = c.load(file);
        TrainCommand.checkEnvOptions(cfg, c.sourceUnder("env_kwargs", file));
        if (!(Envs.actionSpace(cfg.env(), cfg.kwargs()) instanceof Box)) {
            throw new ConfigException(c.sourceOf("env", file), "env", "fit-model needs a continuous (Box) action"
                    + " space, and " + cfg.env() + " is discrete; continuous envs: " + Envs.idsWhere(true));
        }
        CliPolicies.requireAvailable(cfg.env());
        BackendInfo backend = Backend.describe();
        Kernels kernels = Compute.kernels(cfg.compute(), backend, Backend.cudaFallback(), spec.commandLine().getErr());
        RunDirectory dir = RunDirectory.create(cfg.out() == null ? null : Path.of(cfg.out()), Path.of("runs"),
                cfg.env(), "fit-model", Clock.systemDefaultZone());
        cfg = cfg.withOut(dir.path().toString());
        dir.writeConfig(ConfigLoader.toYaml(cfg));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("config_file", file.toAbsolutePath().toString());
        extra.put("overrides", c.overrides());
        extra.put("kernels", kernels.name());
        extra.put("steps", steps);
        extra.put("heldout_steps", heldoutSteps);
        TrainCommand.recordNativeLibraries(cfg, extra);
        dir.writeManifest(Manifest.build(cfg.seed(), backend, extra));
        return fit(cfg, dir, kernels);
    }

    /** A fresh env of the config (its options, the registered time limit); continuous, as checked on loading. */
    @SuppressWarnings("unchecked")
    private static org.mbpo4j.env.Env<float[]> continuous(RunConfig cfg) {
        return (org.mbpo4j.env.Env<float[]>) Envs.make(cfg.env(), cfg.kwargs());
    }

    private int fit(RunConfig cfg, RunDirectory dir, Kernels kernels) {
        PrintWriter o = spec.commandLine().getOut();
        ModelConfig mc = cfg.model();
        log(o, "mbpo fit-model: " + cfg.env() + ", " + steps + " random steps (+" + heldoutSteps + " held out), "
                + mc.members() + " x " + mc.hiddenLayers() + " x " + mc.hidden() + " ensemble, seed " + cfg.seed()
                + " -> " + dir.path());
        Rng root = new Rng(cfg.seed());
        RealData data = RealData.random(continuous(cfg), steps, root.child("env").nextLong() >>> 1,
                root.child("actions"));
        RealData heldout = RealData.random(continuous(cfg), heldoutSteps,
                root.child("heldout-env").nextLong() >>> 1, root.child("heldout-actions"));
        Transitions all = data.transitions();
        mc.requireFits(all.obsDim());
        TransitionModel model = TransitionModel.create(mc.toOptions(), all.obsDim(), all.actDim(), root.child("model"));
        ModelTrainer.Options options = mc.toOptions().trainerOptions();
        ModelTrainer trainer = new ModelTrainer(model, options, kernels, root.child("trainer"));
        ModelDiagnostics diagnostics = new ModelDiagnostics(dir.path(), mc.members());
        long t0 = System.nanoTime();
        TrainReport last = null;
        HorizonError lastHorizon = null;
        int trained = 0;
        for (int n = Math.min(mc.trainEvery(), steps); n <= steps; n = nextTraining(n, mc.trainEvery(), steps)) {
            if (!options.canTrainOn(n)) {
                log(o, "  " + n + " steps: too few to train on yet (a minibatch of " + options.batchSize()
                        + " plus the holdout)");
            } else {
                last = trainer.train(new Transitions(all.obs(), all.act(), all.reward(), all.nextObs(), n,
                        all.obsDim(), all.actDim()));
                int index = diagnostics.recordTraining(n, last);
                trained++;
                String horizonText = "";
                if (mc.diagnosticsEvery() > 0 && (index % mc.diagnosticsEvery() == 0 || n == steps)) {
                    lastHorizon = HorizonError.measure(model, heldout.episodes(), mc.diagnosticHorizon(),
                            mc.rolloutChunk(), kernels);
                    diagnostics.recordHorizon(index, n, lastHorizon);
                    horizonText = String.format(", open-loop error h1 %.3g h%d %.3g", lastHorizon.normalisedMse()[0],
                            lastHorizon.horizon(), lastHorizon.normalisedMse()[lastHorizon.horizon() - 1]);
                }
                log(o, String.format("  %d steps: %d epochs (%s), holdout MSE/var %.4g, within 1/2 sigma %.2f/%.2f"
                                + "%s, %.1f s%s", n, last.epochs(), last.stopReason(), last.normalisedMse(),
                        last.within1Sigma(), last.within2Sigma(), horizonText, last.seconds(),
                        last.rejected() == 0 ? "" : "; warning: " + last.rejected() + " rows with NaN or infinity"
                                + " left out"));
            }
            if (n == steps) {
                break;
            }
        }
        if (last == null) {
            throw new UserError(steps + " steps are too few to train the model: it needs a minibatch of "
                    + options.batchSize() + " plus a holdout of " + options.holdoutRatio() + " of the data");
        }
        ModelFile.save(dir.path().resolve(MODEL_FILE), model);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("env", cfg.env());
        summary.put("steps", steps);
        summary.put("trainings", trained);
        summary.put("seconds", (System.nanoTime() - t0) * 1e-9);
        summary.put("last_training", last.toMap());
        if (lastHorizon != null) {
            summary.put("horizon_normalised_mse", lastHorizon.normalisedMse());
        }
        summary.put("model_file", MODEL_FILE);
        summary.put("complete", true);
        dir.writeSummary(summary);
        o.println(Json.line(summary));
        o.flush();
        return 0;
    }

    private static int nextTraining(int n, int every, int steps) {
        return n + every > steps && n < steps ? steps : n + every;
    }

    private void log(PrintWriter o, String line) {
        if (!quiet) {
            o.println(line);
            o.flush();
        }
    }
}

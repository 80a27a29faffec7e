package org.mbpo4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mbpo4j.api.ConfiguredRun;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.Env;
import org.mbpo4j.env.Envs;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.run.Backend;
import org.mbpo4j.run.CheckpointStore;
import org.mbpo4j.run.BackendInfo;
import org.mbpo4j.io.Json;
import org.mbpo4j.run.Manifest;
import org.mbpo4j.run.RunDirectory;
import org.mbpo4j.run.RunLock;
import org.mbpo4j.run.config.Algo;
import org.mbpo4j.run.config.ConfigException;
import org.mbpo4j.run.config.ConfigLoader;
import org.mbpo4j.run.config.RunConfig;
import org.mbpo4j.train.Progress;
import org.mbpo4j.train.TrainListener;
import org.mbpo4j.train.TrainLoop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mbpo train}: trains an agent from a YAML config and writes a run directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train an agent from a YAML config and write a run directory",
            "(config.yaml, manifest.json, metrics.csv, eval.csv, curve.png, summary.json, checkpoints/)."})
final class TrainCommand implements Callable<Integer> {

    /** The preset used when no --config is given. */
    static final String DEFAULT_PRESET = "pendulum-mbpo";

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE|PRESET", defaultValue = DEFAULT_PRESET,
            description = "A YAML file, or the name of a preset in configs/ (default: ${DEFAULT-VALUE}).")
    String config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override any config key, e.g. --set train.steps=2000 (repeatable).")
    List<String> sets = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "Shortcut for --set seed=N.")
    String seed;

    @Option(names = "--steps", paramLabel = "N", description = "Shortcut for --set train.steps=N.")
    String steps;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/<env>-<algo>-<time>).")
    String out;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar or log lines.")
    boolean quiet;

    @Option(names = "--backend", paramLabel = "auto|cpu|cuda",
            description = "Shortcut for --set compute.backend=...; default from MBPO4J_BACKEND, else the config.")
    String backendChoice;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = {"Continue a run from its latest checkpoint, with its own config.yaml; only --steps",
                "(to extend it), --backend, --kernels and -q may be given with it."})
    Path resume;

    @Option(names = "--kernels", paramLabel = "auto|cpu|nd4j",
            description = "Shortcut for --set compute.kernels=... (auto: Java loops on CPU, ND4J ops on CUDA).")
    String kernelsChoice;

    @Override
    public Integer call() {
        return resume != null ? resumeRun() : newRun();
    }

    private int newRun() {
        ConfigShortcuts c = new ConfigShortcuts(sets).add("--seed", "seed", seed, seed).addPath("--out", "out", out)
                .add("--steps", "train.steps", steps, steps).addCompute(backendChoice, kernelsChoice);
        return startNew(ConfigFiles.resolve(config), c, quiet, spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }

    /**
     * Starts a new run of {@code file} with the overrides of {@code c} (shortcut options already
     * added) in the directory its {@code out} names (else under runs/): checks everything, builds
     * the agent, then creates the directory, writes config.yaml and manifest.json and trains.
     * What {@code train}, {@code compare} and {@code sweep} share.
     */
    static int startNew(Path file, ConfigShortcuts c, boolean quiet, PrintWriter o, PrintWriter err) {
        RunConfig cfg = checkedConfig(file, c);
        List<String> overrides = c.overrides();
        // Before any file is written: a backend that cannot start, an env or an agent that cannot
        // be built leave nothing behind.
        BackendInfo backend = Backend.describe();
        Kernels kernels = Compute.kernels(cfg.compute(), backend, Backend.cudaFallback(), err);
        Compute.slowBlasNote(backend, err);
        ConfiguredRun<?> setup = setup(cfg, kernels);
        RunDirectory dir = RunDirectory.create(cfg.out() == null ? null : Path.of(cfg.out()), Path.of("runs"),
                cfg.env(), cfg.algo().yamlName(), Clock.systemDefaultZone());
        try (RunLock lock = RunLock.acquire(dir.path())) {
            cfg = cfg.withOut(dir.path().toString());
            dir.writeConfig(ConfigLoader.toYaml(cfg));
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("config_file", file.toAbsolutePath().toString());
            extra.put("overrides", overrides);
            extra.put("kernels", kernels.name());
            recordNativeLibraries(cfg, extra);
            dir.writeManifest(Manifest.build(cfg.seed(), backend, extra));
            return trainRun(cfg, dir, setup, null, quiet, o);
        }
    }

    private int resumeRun() {
        var given = spec.commandLine().getParseResult();
        for (String option : List.of("--config", "--set", "--seed", "--out")) {
            if (given != null && given.hasMatchedOption(option)) {
                throw new UserError("--resume continues a run with its own config.yaml; " + option
                        + " cannot be combined with it (only --steps, --backend, --kernels and -q)");
            }
        }
        ConfigShortcuts c = new ConfigShortcuts(new ArrayList<>()).add("--steps", "train.steps", steps, steps)
                .addCompute(backendChoice, kernelsChoice);
        return resume(resume, c, steps != null, quiet, spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /**
     * Continues the run in {@code runDir} from its newest valid checkpoint (from step 0 if it has
     * none), with its own config.yaml and the overrides of {@code c} ({@code --steps} and the
     * compute options); {@code extended} rewrites config.yaml with the new {@code train.steps}.
     */
    static int resume(Path runDir, ConfigShortcuts c, boolean extended, boolean quiet, PrintWriter o,
                      PrintWriter err) {
        Path file = TrainedRun.configOf(runDir, "--resume " + runDir);
        RunDirectory dir = RunDirectory.open(runDir);
        try (RunLock lock = RunLock.acquire(dir.path())) {
            RunConfig cfg = checkedConfig(file, c);
            BackendInfo backend = Backend.describe();
            Kernels kernels = Compute.kernels(cfg.compute(), backend, Backend.cudaFallback(), err);
            Compute.slowBlasNote(backend, err);
            ConfiguredRun<?> setup = setup(cfg, kernels);
            // Only now, with everything built, is the directory touched: leftovers of a crash
            // removed, newer or damaged checkpoints moved aside.
            dir.removeLeftovers();
            CheckpointStore.Recovery found = dir.checkpoints(cfg.train().keepCheckpoints()).recover();
            found.notices().forEach(n -> err.println("mbpo train: " + n));
            err.flush();
            if (found.checkpoint().isPresent()) {
                long at = found.checkpoint().get().envStep();
                if (at > cfg.train().steps() || at == cfg.train().steps() && summaryComplete(dir.path())) {
                    throw new UserError("--resume " + runDir + ": the run is complete (checkpoint at step " + at
                            + " of train.steps " + cfg.train().steps() + "); give --steps N with N > " + at
                            + " to extend it");
                }
                if (at == cfg.train().steps()) {
                    // Stopped after its last checkpoint but before its summary: the resume only finishes it.
                    err.println("mbpo train: " + runDir + " stopped after its last checkpoint (step " + at
                            + "); writing its summary");
                    err.flush();
                }
            } else {
                Path aside = dir.setAsideOutputs();
                err.println("mbpo train: " + runDir + " has no checkpoint to resume from ("
                        + (found.notices().isEmpty() ? "the run stopped before its first one"
                        : "every one was damaged and set aside") + "): starting it again from step 0 in the same directory"
                        + (aside == null ? "" : "; the stopped attempt's logs are in " + aside));
                err.flush();
            }
            if (extended) {
                dir.replaceConfig(ConfigLoader.toYaml(cfg));
            }
            return trainRun(cfg, dir, setup, found.checkpoint().orElse(null), quiet, o);
        }
    }

    /** Whether the run's summary.json says it is complete (a damaged summary: not complete). */
    private static boolean summaryComplete(Path runDir) {
        try {
            return RunDirectory.isComplete(runDir);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The config with the overrides of {@code c}, checked: env id, env options, action space, rules, availability. */
    private static RunConfig checkedConfig(Path file, ConfigShortcuts c) {
        RunConfig cfg = c.load(file);
        // The config's own errors come first, on any machine; a user's model file needs the library to be read.
        checkEnvOptions(cfg, c.sourceUnder("env_kwargs", file));
        if (cfg.algo() != Algo.RANDOM && !(Envs.actionSpace(cfg.env(), cfg.kwargs()) instanceof Box)) {
            throw new ConfigException(c.sourceOf("env", file), "env", "algo " + cfg.algo().yamlName()
                    + " needs a continuous (Box)"
                    + " action space, and " + cfg.env() + " is discrete; continuous envs: " + Envs.idsWhere(true));
        }
        if (cfg.algo() == Algo.MBPO || cfg.algo() == Algo.MPC) {
            rulesFor(cfg, cfg.algo().yamlName());
        }
        CliPolicies.requireAvailable(cfg.env());
        return cfg;
    }

    /**
     * An env with options of the user's ({@code env_kwargs}, such as a model file or a body name)
     * is made and reset once before anything is written, so that options the model does not fit
     * (a file MuJoCo cannot compile, a body it lacks, too few joints) are a configuration error
     * naming the key.
     */
    static void checkEnvOptions(RunConfig cfg, String source) {
        if (cfg.envKwargs().isEmpty()) {
            return;
        }
        CliPolicies.requireAvailable(cfg.env());
        try (Env<?> env = Envs.make(cfg.env(), cfg.kwargs())) {
            env.reset(0L);
        } catch (IllegalArgumentException | IllegalStateException e) {
            String key = cfg.envKwargs().containsKey("xml_file") ? "env_kwargs.xml_file" : "env_kwargs";
            throw new ConfigException(source, key, e.getMessage());
        }
    }

    /** The native libraries a run of this config uses, for its manifest (MuJoCo's path and version). */
    static void recordNativeLibraries(RunConfig cfg, Map<String, Object> extra) {
        org.mbpo4j.env.EnvSpec s = Envs.spec(cfg.env());
        if (s.options() != null && "MuJoCo".equals(s.options().requires())) {
            extra.put("mujoco", org.mbpo4j.env.mujoco.MujocoLibrary.get().describe());
        }
    }

    /**
     * The envs and the agent the config names, built through the library
     * ({@link ConfiguredRun#build}) before the run directory is touched; nothing is written.
     */
    static ConfiguredRun<?> setup(RunConfig cfg, Kernels kernels) {
        if (cfg.algo() == Algo.MBPO || cfg.algo() == Algo.MPC) {
            cfg.model().requireFits(Envs.observationSpace(cfg.env(), cfg.kwargs()).size());
        }
        return ConfiguredRun.build(cfg, kernels);
    }

    /**
     * Trains a built run in {@code dir} (from a checkpoint if given), printing its start line and
     * its summary on {@code o}: what {@code train}, {@code compare} and {@code sweep} share.
     */
    static int trainRun(RunConfig cfg, RunDirectory dir, ConfiguredRun<?> run, CheckpointStore.Checkpoint from,
                        boolean quiet, PrintWriter o) {
        o.println("mbpo train: " + cfg.algo().yamlName() + " on " + cfg.env() + ", seed " + cfg.seed() + ", "
                + cfg.train().steps() + " steps" + (from == null ? "" : ", resuming after step " + from.envStep())
                + " -> " + dir.path());
        o.flush();
        TrainLoop.Result result;
        try (Progress progress = Progress.auto("train", cfg.train().steps(), quiet, System.out)) {
            result = run.train(dir, from, progress, TrainListener.NONE);
        } catch (ConfiguredRun.CheckpointMismatchException e) {
            // Checksums matched, so the checkpoint is as it was written: it does not fit this
            // build or config (e.g. written by another version). Nothing was truncated yet.
            throw new UserError("--resume " + dir.path() + ": the checkpoint at step " + e.envStep()
                    + " (" + from.file().getFileName() + ") could not be loaded: " + e.reason()
                    + "; it was written by another mbpo4j version or does not fit config.yaml");
        }
        o.println(Json.line(result.summary()));
        o.flush();
        return 0;
    }

    /**
     * The task's rules for the run's env options, which model rollouts need; an env without them
     * (BipedalWalker: its reward needs the hull's x, which is not observed) is a user error for the
     * model-based algorithms, and so is {@code model.learned_rewards: false} where the reward
     * cannot be computed from observations (most MuJoCo tasks).
     */
    static org.mbpo4j.env.TaskRules rulesFor(RunConfig cfg, String algo) {
        String env = cfg.env();
        org.mbpo4j.env.TaskRules rules = ConfiguredRun.rules(cfg);
        if (rules == null) {
            throw new UserError("algo " + algo + " needs the task's reward and termination rules, and env '" + env
                    + "' has none (they depend on state the observation does not hold); use algo sac or random");
        }
        if (!cfg.model().learnedRewards() && rules.rewardNotFromObs() != null) {
            throw new UserError("model.learned_rewards: false needs the reward computed from observations, and on "
                    + env + " it cannot be: " + rules.rewardNotFromObs() + "; keep model.learned_rewards: true"
                    + " (the model learns the reward, as MBPO does)");
        }
        return rules;
    }

    /** Finds config files: a path as given, else a preset name under the install's configs/. */
    static final class ConfigFiles {
        private ConfigFiles() {
        }

        static Path resolve(String nameOrPath) {
            Path p = Path.of(nameOrPath);
            if (Files.isRegularFile(p)) {
                return p;
            }
            Path presets = Path.of(System.getProperty("mbpo4j.home", ".")).resolve("configs");
            String name = nameOrPath.endsWith(".yaml") ? nameOrPath : nameOrPath + ".yaml";
            Path preset = presets.resolve(name);
            if (!nameOrPath.contains("/") && Files.isRegularFile(preset)) {
                return preset;
            }
            List<String> known = new ArrayList<>();
            try (var files = Files.list(presets)) {
                files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml"))
                        .map(f -> f.substring(0, f.length() - 5)).sorted().forEach(known::add);
            } catch (java.io.IOException e) {
                // no presets directory: nothing to list
            }
            throw new UserError("config '" + nameOrPath + "' not found: no such file, and no preset "
                    + preset + (known.isEmpty() ? "" : " (presets: " + String.join(", ", known) + ")"));
        }
    }
}

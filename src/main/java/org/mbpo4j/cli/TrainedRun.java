package org.mbpo4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.Env;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.run.Backend;
import org.mbpo4j.api.ConfiguredRun;
import org.mbpo4j.run.CheckpointStore;
import org.mbpo4j.io.Json;
import org.mbpo4j.run.RunDirectory;
import org.mbpo4j.run.config.Algo;
import org.mbpo4j.run.config.RunConfig;
import org.mbpo4j.sac.SacAgent;

/**
 * A run directory's trained agent, restored read-only from one of its checkpoints, with the
 * run's config and envs: what {@code eval --run}, {@code render --run} and {@code export} play
 * or write. Nothing in the run directory is changed, so a run still training can be read.
 */
final class TrainedRun {
    final Path dir;
    final RunConfig cfg;
    final ConfiguredRun<?> setup;
    final CheckpointStore.Checkpoint checkpoint;

    private TrainedRun(Path dir, RunConfig cfg, ConfiguredRun<?> setup, CheckpointStore.Checkpoint checkpoint) {
        this.dir = dir;
        this.cfg = cfg;
        this.setup = setup;
        this.checkpoint = checkpoint;
    }

    /**
     * Opens {@code runDir} at checkpoint {@code which} ({@code latest} or null: the newest valid
     * one; else an env step).
     *
     * @throws UserError naming the run and what is missing or wrong
     */
    static TrainedRun open(Path runDir, String which, PrintWriter err) {
        String label = "run " + runDir;
        Path file = configOf(runDir, label);
        RunConfig cfg = new ConfigShortcuts(new ArrayList<>()).load(file);
        CliPolicies.requireAvailable(cfg.env());
        Path checkpoints = runDir.resolve(RunDirectory.CHECKPOINTS);
        if (!Files.isDirectory(checkpoints)) {
            throw new UserError(label + " has no checkpoints/ directory: nothing trained to load");
        }
        CheckpointStore store = new CheckpointStore(checkpoints, cfg.train().keepCheckpoints());
        CheckpointStore.Checkpoint cp;
        if (which == null || which.equals("latest")) {
            cp = store.newestValid().orElseThrow(() -> new UserError(label + " has no complete checkpoint yet (it"
                    + " stopped before its first one, or every one is damaged): nothing trained to load"));
        } else {
            long step;
            try {
                step = Long.parseLong(which);
            } catch (NumberFormatException e) {
                throw new UserError("--checkpoint must be 'latest' or an env step, got '" + which + "'");
            }
            try {
                cp = store.at(step);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new UserError(e.getMessage());
            }
        }
        Kernels kernels = Compute.kernels(cfg.compute(), Backend.describe(), Backend.cudaFallback(), err);
        ConfiguredRun<?> setup = TrainCommand.setup(cfg, kernels);
        try {
            setup.restore(cp, store.filesDir(cp.envStep()));
        } catch (ConfiguredRun.CheckpointMismatchException e) {
            throw new UserError(label + ": its checkpoint at step " + cp.envStep() + " could not be loaded: "
                    + e.reason());
        }
        return new TrainedRun(runDir, cfg, setup, cp);
    }

    /**
     * The {@code config.yaml} of the run directory {@code runDir}.
     *
     * @throws UserError starting with {@code label} if there is no such directory, it is a file,
     *     or it holds no config.yaml
     */
    static Path configOf(Path runDir, String label) {
        if (!Files.exists(runDir)) {
            throw new UserError(label + ": no such directory");
        }
        if (!Files.isDirectory(runDir)) {
            throw new UserError(label + ": is a file, not a run directory");
        }
        Path file = runDir.resolve(RunDirectory.CONFIG);
        if (!Files.isRegularFile(file)) {
            throw new UserError(label + ": not a run directory (no " + RunDirectory.CONFIG + ")");
        }
        return file;
    }

    /** The env step of the loaded checkpoint. */
    long envStep() {
        return checkpoint.envStep();
    }

    /** The run's last evaluation return at the checkpoint (NaN if none). */
    double lastEval() {
        Object loop = checkpoint.state().get("loop");
        Object v = loop instanceof Map<?, ?> m ? m.get("last_eval") : null;
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** The agent's actor, for SAC and MBPO runs. */
    SacAgent.ActorSnapshot actor() {
        SacAgent.ActorSnapshot actor = setup.actor();
        if (actor != null) {
            return actor;
        }
        throw new UserError("run " + dir + " trained algo " + cfg.algo().yamlName() + ", which has no actor network"
                + " to export (" + (cfg.algo() == Algo.MPC ? "MPC plans with its model at every step; play it with"
                + " `mbpo eval --run`" : "a random agent learns nothing") + "); export works for sac and mbpo runs");
    }

    /** The env's own action space (the training env wraps it in RescaleAction for SAC and MBPO). */
    Box actionSpace() {
        try (Env<?> raw = ConfiguredRun.makeEnv(cfg)) {
            return (Box) raw.actionSpace();
        }
    }

    /** The run's env options as a JSON object. */
    String envOptionsJson() {
        return Json.line(cfg.envKwargs());
    }
}

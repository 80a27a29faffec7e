package org.mbpo4j.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.mbpo4j.agent.Agent;
import org.mbpo4j.agent.RandomAgent;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.Env;
import org.mbpo4j.env.Envs;
import org.mbpo4j.env.RescaleAction;
import org.mbpo4j.env.TaskRules;
import org.mbpo4j.mbpo.MbpoAgent;
import org.mbpo4j.mpc.MpcAgent;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.random.Rng;
import org.mbpo4j.run.CheckpointStore;
import org.mbpo4j.run.RunDirectory;
import org.mbpo4j.run.config.RunConfig;
import org.mbpo4j.sac.SacAgent;
import org.mbpo4j.train.Progress;
import org.mbpo4j.train.TrainListener;
import org.mbpo4j.train.TrainLoop;

/**
 * A run as a YAML config describes it (a {@link RunConfig}, e.g.
 * {@code ConfigLoader.load(Path.of("configs/hopper-mbpo.yaml"), List.of("seed=3"))}): its training
 * and evaluation envs and its agent (random, SAC, MBPO or MPC), built the one way
 * {@code ./mbpo train}, {@code compare}, {@code sweep}, {@code eval --run} and {@code export} build
 * them, then trained into a run directory or in memory, or restored from a checkpoint.
 * {@link Training} is the builder for code without a config file.
 *
 * <pre>
 *   ConfiguredRun&lt;?&gt; run = ConfiguredRun.build(cfg, Kernels.cpu());
 *   TrainLoop.Result r = run.train(null, null, Progress.none(), TrainListener.NONE);  // in memory
 * </pre>
 *
 * @param <A> the env's action type
 */
public final class ConfiguredRun<A> {
    /** The most real transitions an MPC run keeps (all of them, for runs up to this long). */
    public static final long MPC_MAX_BUFFER = 1_000_000;

    private final RunConfig cfg;
    private final Env<A> env;
    private final Env<A> evalEnv;
    private final Agent<A> agent;
    private final Rng root;

    private ConfiguredRun(RunConfig cfg, Env<A> env, Env<A> evalEnv, Agent<A> agent, Rng root) {
        this.cfg = cfg;
        this.env = env;
        this.evalEnv = evalEnv;
        this.agent = agent;
        this.root = root;
    }

    /**
     * Builds the envs and the agent the config names; nothing is written. The seed splits as in
     * every run: the agent draws from {@code root.child("agent")}, the envs' seeds come from
     * {@link TrainLoop#seeded}.
     *
     * @throws IllegalArgumentException when the algorithm needs the task's rules (MBPO, MPC) and
     *     the env has none, or the model's options do not fit the env
     */
    public static ConfiguredRun<?> build(RunConfig cfg, Kernels kernels) {
        Rng root = new Rng(cfg.seed());
        return switch (cfg.algo()) {
            case RANDOM -> random(makeEnv(cfg), cfg, root);
            case SAC -> {
                // SAC acts in [-1, 1]^A; RescaleAction maps that onto the env's bounds.
                Env<float[]> env = new RescaleAction(continuousEnv(cfg));
                Env<float[]> evalEnv = new RescaleAction(continuousEnv(cfg));
                SacAgent agent = Agents.sac(env, cfg.sac().toOptions(), kernels, root);
                yield new ConfiguredRun<>(cfg, env, evalEnv, agent, root);
            }
            case MBPO -> {
                Env<float[]> raw = continuousEnv(cfg);
                Env<float[]> env = new RescaleAction(raw);
                Env<float[]> evalEnv = new RescaleAction(continuousEnv(cfg));
                MbpoAgent agent = Agents.mbpo(raw, requireRules(cfg), cfg.sac().toOptions(), cfg.model().toOptions(),
                        cfg.mbpo().toOptions(), cfg.train().epochLength(), kernels, root);
                yield new ConfiguredRun<>(cfg, env, evalEnv, agent, root);
            }
            case MPC -> {
                // MPC plans in the env's own action bounds: the task's rules score its imagined steps as they are.
                Env<float[]> env = continuousEnv(cfg);
                Env<float[]> evalEnv = continuousEnv(cfg);
                int capacity = (int) Math.min(cfg.train().steps(), MPC_MAX_BUFFER);
                MpcAgent agent = Agents.mpc(env, requireRules(cfg), cfg.model().toOptions(), cfg.mpc().toOptions(),
                        capacity, kernels, root);
                yield new ConfiguredRun<>(cfg, env, evalEnv, agent, root);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <A> ConfiguredRun<A> random(Env<A> env, RunConfig cfg, Rng root) {
        Env<A> evalEnv = (Env<A>) makeEnv(cfg);
        return new ConfiguredRun<>(cfg, env, evalEnv, new RandomAgent<>(env.actionSpace(), root.child("agent")), root);
    }

    /** The task's reward and termination rules for the config's env options, or null where the env has none. */
    public static TaskRules rules(RunConfig cfg) {
        return Envs.rules(cfg.env(), cfg.kwargs());
    }

    private static TaskRules requireRules(RunConfig cfg) {
        TaskRules r = rules(cfg);
        if (r == null) {
            throw new IllegalArgumentException("algo " + cfg.algo().yamlName() + " needs the task's reward and"
                    + " termination rules, and env '" + cfg.env() + "' has none");
        }
        return r;
    }

    /** A fresh env of the config, with {@code train.max_episode_steps} or else the registered time limit. */
    public static Env<?> makeEnv(RunConfig cfg) {
        Integer limit = cfg.train().maxEpisodeSteps();
        return Envs.make(cfg.env(), cfg.kwargs(), limit == null ? Envs.spec(cfg.env()).maxEpisodeSteps() : limit);
    }

    @SuppressWarnings("unchecked")
    private static Env<float[]> continuousEnv(RunConfig cfg) {
        Env<?> e = makeEnv(cfg);
        if (!(e.actionSpace() instanceof Box)) {
            e.close();
            throw new IllegalArgumentException("algo " + cfg.algo().yamlName() + " needs a continuous (Box) action"
                    + " space, and " + cfg.env() + " is discrete");
        }
        return (Env<float[]>) e;
    }

    /** The agent's actor network (SAC and MBPO), or null where it has none (MPC, the random agent). */
    public SacAgent.ActorSnapshot actor() {
        return Agents.actor(agent);
    }

    /** The config the run was built from. */
    public RunConfig config() {
        return cfg;
    }

    /** The training env (for SAC and MBPO wrapped in {@link RescaleAction}). */
    public Env<A> env() {
        return env;
    }

    /** The evaluation env, wrapped as the training env is. */
    public Env<A> evalEnv() {
        return evalEnv;
    }

    /** The agent. */
    public Agent<A> agent() {
        return agent;
    }

    /**
     * Restores the agent from a checkpoint of a run of this config: its state, then its files
     * (networks, buffers) from {@code files}.
     *
     * @throws CheckpointMismatchException when the checkpoint was written by another agent, or
     *     its state or files do not fit this config or build
     */
    @SuppressWarnings("unchecked")
    public void restore(CheckpointStore.Checkpoint checkpoint, Path files) {
        Object name = checkpoint.state().get("agent_name");
        if (!agent.name().equals(name)) {
            throw new CheckpointMismatchException(checkpoint.envStep(), "it was written by agent " + name
                    + ", and the config builds " + agent.name(), null);
        }
        try {
            agent.restore((Map<String, Object>) checkpoint.state().get("agent"));
            agent.loadFiles(files);
        } catch (IOException | RuntimeException e) {
            throw new CheckpointMismatchException(checkpoint.envStep(), e.getMessage(), e);
        }
    }

    /**
     * Trains to {@code train.steps}: into {@code dir} (its config and manifest already written;
     * null holds the run in memory), from step 0 or after {@code from}, a checkpoint of
     * {@code dir}. MBPO and MPC also write their model logs into {@code dir}.
     *
     * @throws CheckpointMismatchException when {@code from} does not fit this config or build;
     *     nothing in {@code dir} was changed then
     */
    public TrainLoop.Result train(RunDirectory dir, CheckpointStore.Checkpoint from, Progress progress,
                                  TrainListener listener) {
        TrainLoop<A> loop = Agents.loop(env, evalEnv, agent, cfg.train().toOptions(), cfg.seed(), root, dir,
                progress, listener);
        if (from != null) {
            if (dir == null) {
                throw new IllegalArgumentException("a checkpoint is resumed in its run directory; got none");
            }
            restore(from, dir.checkpoints(cfg.train().keepCheckpoints()).filesDir(from.envStep()));
            try {
                loop.resumeFrom(from.envStep(), from.state());
            } catch (RuntimeException e) {
                throw new CheckpointMismatchException(from.envStep(), e.getMessage(), e);
            }
        }
        return loop.run();
    }

    /** A checkpoint that cannot be loaded into the agent its run's config builds. */
    public static final class CheckpointMismatchException extends RuntimeException {
        private final long envStep;
        private final String reason;

        CheckpointMismatchException(long envStep, String reason, Throwable cause) {
            super("the checkpoint at step " + envStep + " could not be loaded: " + reason, cause);
            this.envStep = envStep;
            this.reason = reason;
        }

        /** The checkpoint's env step. */
        public long envStep() {
            return envStep;
        }

        /** Why it does not fit. */
        public String reason() {
            return reason;
        }
    }
}

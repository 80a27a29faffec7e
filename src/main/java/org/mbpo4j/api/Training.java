package org.mbpo4j.api;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.mbpo4j.agent.Agent;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.Env;
import org.mbpo4j.env.EnvKwargs;
import org.mbpo4j.env.Envs;
import org.mbpo4j.env.RescaleAction;
import org.mbpo4j.env.TaskRules;
import org.mbpo4j.mbpo.MbpoOptions;
import org.mbpo4j.model.ModelOptions;
import org.mbpo4j.mpc.MpcOptions;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.policy.TrainedPolicy;
import org.mbpo4j.random.Rng;
import org.mbpo4j.run.RunDirectory;
import org.mbpo4j.sac.SacAgent;
import org.mbpo4j.sac.SacOptions;
import org.mbpo4j.train.Progress;
import org.mbpo4j.train.TrainListener;
import org.mbpo4j.train.TrainLoop;
import org.mbpo4j.train.TrainOptions;

/**
 * Trains SAC, MBPO or MPC from Java:
 * <pre>
 *   Training.Result r = Training.mbpo("Pendulum-v1").steps(3000).listener(myListener).train();
 *   float[] action = r.policy().act(observation);
 * </pre>
 * An env of your own: {@code Training.sac(() -> new MyEnv())} or
 * {@code Training.mbpo(() -> new MyEnv(), myRules)}; the factory is called twice (a training and
 * an evaluation env). Without {@link #runDirectory} the run is held in memory (no files, no
 * checkpoints). Options not set keep their defaults (MBPO's and the SAC paper's).
 */
public final class Training {
    private enum Algo { SAC, MBPO, MPC }

    private final Algo algo;
    private final Supplier<? extends Env<float[]>> envs;
    private final TaskRules rules;
    private String label;
    private long steps = 5000;
    private long seed;
    private int epochLength = 1000;
    private int evalEpisodes = 5;
    private int logInterval;
    private Double stopReturn;
    private SacOptions sac = SacOptions.defaults();
    private ModelOptions model = ModelOptions.defaults();
    private MbpoOptions mbpo = MbpoOptions.defaults();
    private MpcOptions mpc = MpcOptions.defaults();
    private Kernels kernels;
    private Path runDirectory;
    private TrainListener listener = TrainListener.NONE;

    private Training(Algo algo, Supplier<? extends Env<float[]>> envs, TaskRules rules, String label) {
        this.algo = algo;
        this.envs = Objects.requireNonNull(envs, "env factory");
        this.rules = rules;
        this.label = label;
    }

    /** SAC on envs made by {@code envs} (continuous, bounded actions). */
    public static Training sac(Supplier<? extends Env<float[]>> envs) {
        return new Training(Algo.SAC, envs, null, null);
    }

    /** SAC on a registered env, e.g. {@code "Pendulum-v1"}. */
    public static Training sac(String envId) {
        return new Training(Algo.SAC, registered(envId), null, envId);
    }

    /** MBPO on envs made by {@code envs}, whose reward and termination model rollouts take from {@code rules}. */
    public static Training mbpo(Supplier<? extends Env<float[]>> envs, TaskRules rules) {
        return new Training(Algo.MBPO, envs, Objects.requireNonNull(rules, "rules"), null);
    }

    /** MBPO on a registered env with its own rules. */
    public static Training mbpo(String envId) {
        TaskRules r = Envs.rules(envId, EnvKwargs.none());
        if (r == null) {
            throw new IllegalArgumentException("MBPO needs the task's reward and termination rules, and " + envId
                    + " has none; use Training.sac");
        }
        return new Training(Algo.MBPO, registered(envId), r, envId);
    }

    /**
     * Model predictive control (PETS-style CEM, random shooting or MPPI) over a learned dynamics
     * model, on envs made by {@code envs}, scoring imagined steps with {@code rules}; it plans in
     * the env's own action bounds and has no actor network ({@link Result#policy()} is null).
     */
    public static Training mpc(Supplier<? extends Env<float[]>> envs, TaskRules rules) {
        return new Training(Algo.MPC, envs, Objects.requireNonNull(rules, "rules"), null);
    }

    /** MPC on a registered env with its own rules. */
    public static Training mpc(String envId) {
        TaskRules r = Envs.rules(envId, EnvKwargs.none());
        if (r == null) {
            throw new IllegalArgumentException("MPC needs the task's reward and termination rules, and " + envId
                    + " has none; use Training.sac");
        }
        return new Training(Algo.MPC, registered(envId), r, envId);
    }

    @SuppressWarnings("unchecked")
    private static Supplier<Env<float[]>> registered(String envId) {
        Envs.spec(envId); // unknown ids fail here, naming the known ones
        return () -> (Env<float[]>) Envs.make(envId);
    }

    /** Real env steps to train for (default 5,000). */
    public Training steps(long n) {
        this.steps = n;
        return this;
    }

    /** The root seed (default 0): the same seed gives the same run on the CPU. */
    public Training seed(long s) {
        this.seed = s;
        return this;
    }

    /** Env steps between evaluations (and checkpoints, with a run directory); default 1,000. */
    public Training epochLength(int n) {
        this.epochLength = n;
        return this;
    }

    /** Deterministic episodes per evaluation (default 5; 0: no evaluations). */
    public Training evalEpisodes(int n) {
        this.evalEpisodes = n;
        return this;
    }

    /** Env steps between metrics rows for {@link TrainListener#onLog} (default: the epoch length). */
    public Training logInterval(int n) {
        this.logInterval = n;
        return this;
    }

    /** Stops at the first evaluation whose mean return reaches {@code r}. */
    public Training stopReturn(double r) {
        this.stopReturn = r;
        return this;
    }

    /**
     * Every option of a loaded YAML config (a preset such as {@code configs/pendulum-mbpo.yaml},
     * read with {@code ConfigLoader.load(path, overrides)}): SAC's, the model's, MBPO's, the seed
     * and the training section's steps, epoch length, evaluation episodes, log interval and stop
     * return. Its env and algorithm are not taken: this builder has its own.
     */
    public Training options(org.mbpo4j.run.config.RunConfig cfg) {
        this.sac = cfg.sac().toOptions();
        this.model = cfg.model().toOptions();
        this.mbpo = cfg.mbpo().toOptions();
        this.mpc = cfg.mpc().toOptions();
        this.seed = cfg.seed();
        this.steps = cfg.train().steps();
        this.epochLength = cfg.train().epochLength();
        this.evalEpisodes = cfg.train().evalEpisodes();
        this.logInterval = cfg.train().logInterval();
        this.stopReturn = cfg.train().stopReturn();
        return this;
    }

    /** SAC's options (the policy learner of both algorithms). */
    public Training sacOptions(SacOptions options) {
        this.sac = Objects.requireNonNull(options);
        return this;
    }

    /** The dynamics model's options (MBPO). */
    public Training modelOptions(ModelOptions options) {
        this.model = Objects.requireNonNull(options);
        return this;
    }

    /** MBPO's options (rollouts, real ratio, schedule). */
    public Training mbpoOptions(MbpoOptions options) {
        this.mbpo = Objects.requireNonNull(options);
        return this;
    }

    /** MPC's options (planner, horizon, population, retraining). */
    public Training mpcOptions(MpcOptions options) {
        this.mpc = Objects.requireNonNull(options);
        return this;
    }

    /** The compute kernels (default: Java loops with OpenBLAS on the CPU; {@code Kernels.nd4j()} for CUDA). */
    public Training kernels(Kernels k) {
        this.kernels = Objects.requireNonNull(k);
        return this;
    }

    /** Writes the run into {@code dir} (new or empty): metrics, evaluations, checkpoints, TensorBoard files. */
    public Training runDirectory(Path dir) {
        this.runDirectory = dir;
        return this;
    }

    /** Receives every metrics row and evaluation; may stop the run at an evaluation. */
    public Training listener(TrainListener l) {
        this.listener = Objects.requireNonNull(l);
        return this;
    }

    /**
     * What a run gives back.
     *
     * @param policy the trained actor as a plain-Java policy (SAC and MBPO); null for MPC, which
     *     has no actor network and plans with its model at every step (act with {@code agent})
     * @param agent the trained agent itself
     */
    public record Result(TrainedPolicy policy, Agent<float[]> agent, long envSteps, long episodes,
                         double finalEvalReturn, double bestEvalReturn, Map<String, Object> summary) {
    }

    /** Trains, then returns the trained policy and the run's figures. */
    public Result train() {
        TrainOptions train = new TrainOptions(steps, epochLength, evalEpisodes, logInterval > 0 ? logInterval
                : epochLength, 1, 3, null, stopReturn);
        Env<float[]> raw = envs.get();
        Env<float[]> evalRaw = envs.get();
        Box box = Agents.box(raw);
        // SAC and MBPO act in [-1, 1]^A through RescaleAction; MPC plans in the env's own bounds.
        Env<float[]> env = algo == Algo.MPC ? raw : new RescaleAction(raw);
        Env<float[]> evalEnv = algo == Algo.MPC ? evalRaw : new RescaleAction(evalRaw);
        Kernels k = kernels != null ? kernels : Kernels.cpu();
        // The same seeds, in the same order, as `mbpo train`.
        Rng root = new Rng(seed);
        Agent<float[]> agent = switch (algo) {
            case SAC -> Agents.sac(env, sac, k, root);
            case MBPO -> Agents.mbpo(raw, rules, sac, model, mbpo, epochLength, k, root);
            case MPC -> Agents.mpc(raw, rules, model, mpc, (int) Math.min(steps, ConfiguredRun.MPC_MAX_BUFFER), k,
                    root);
        };
        RunDirectory dir = runDirectory == null ? null : RunDirectory.create(runDirectory, null,
                label == null ? raw.id() : label, algo.name().toLowerCase(), Clock.systemDefaultZone());
        TrainLoop.Result r;
        try {
            r = Agents.loop(env, evalEnv, agent, train, seed, root, dir, Progress.none(), listener).run();
        } finally {
            env.close();
            evalEnv.close();
        }
        SacAgent.ActorSnapshot actor = Agents.actor(agent);
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("algo", algo.name().toLowerCase());
        provenance.put("seed", Long.toString(seed));
        provenance.put("env_steps", Long.toString(r.envSteps()));
        provenance.put("eval_return", Double.toString(r.finalEvalReturn()));
        TrainedPolicy policy = actor == null ? null : actor.toPolicy(raw.id(), "{}", box, provenance);
        return new Result(policy, agent, r.envSteps(), r.episodes(), r.finalEvalReturn(), r.bestEvalReturn(), r.summary());
    }
}

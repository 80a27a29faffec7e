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
import org.mbpo4j.mbpo.MbpoAgent;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.policy.TrainedPolicy;
import org.mbpo4j.random.Rng;
import org.mbpo4j.run.RunDirectory;
import org.mbpo4j.run.config.MbpoConfig;
import org.mbpo4j.run.config.ModelConfig;
import org.mbpo4j.run.config.SacConfig;
import org.mbpo4j.run.config.TrainConfig;
import org.mbpo4j.sac.SacAgent;
import org.mbpo4j.train.Progress;
import org.mbpo4j.train.TrainListener;
import org.mbpo4j.train.TrainLoop;

/**
 * Trains SAC or MBPO from Java:
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
    private enum Algo { SAC, MBPO }

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
    private SacConfig sac = SacConfig.defaults();
    private ModelConfig model = ModelConfig.defaults();
    private MbpoConfig mbpo = MbpoConfig.defaults();
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
        this.sac = cfg.sac();
        this.model = cfg.model();
        this.mbpo = cfg.mbpo();
        this.seed = cfg.seed();
        this.steps = cfg.train().steps();
        this.epochLength = cfg.train().epochLength();
        this.evalEpisodes = cfg.train().evalEpisodes();
        this.logInterval = cfg.train().logInterval();
        this.stopReturn = cfg.train().stopReturn();
        return this;
    }

    /** SAC's options (the policy learner of both algorithms). */
    public Training sacOptions(SacConfig options) {
        this.sac = Objects.requireNonNull(options);
        return this;
    }

    /** The dynamics model's options (MBPO). */
    public Training modelOptions(ModelConfig options) {
        this.model = Objects.requireNonNull(options);
        return this;
    }

    /** MBPO's options (rollouts, real ratio, schedule). */
    public Training mbpoOptions(MbpoConfig options) {
        this.mbpo = Objects.requireNonNull(options);
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

    /** What a run gives back. */
    public record Result(TrainedPolicy policy, long envSteps, long episodes, double finalEvalReturn,
                         double bestEvalReturn, Map<String, Object> summary) {
    }

    /** Trains, then returns the trained policy and the run's figures. */
    public Result train() {
        TrainConfig train = new TrainConfig(steps, epochLength, evalEpisodes, logInterval > 0 ? logInterval
                : epochLength, 1, 3, null, stopReturn);
        Env<float[]> raw = envs.get();
        Env<float[]> evalRaw = envs.get();
        if (!(raw.actionSpace() instanceof Box box)) {
            throw new IllegalArgumentException(raw.id() + " has a discrete action space; SAC and MBPO need a Box");
        }
        Env<float[]> env = new RescaleAction(raw);
        Env<float[]> evalEnv = new RescaleAction(evalRaw);
        Kernels k = kernels != null ? kernels : Kernels.cpu();
        // The same seeds, in the same order, as `mbpo train`.
        Rng root = new Rng(seed);
        int obsDim = env.observationSpace().size();
        Agent<float[]> agent = algo == Algo.SAC
                ? new SacAgent(obsDim, box.size(), sac, k, root.child("agent"))
                : new MbpoAgent(obsDim, box, rules, sac, model, mbpo, epochLength, k, root.child("agent"));
        RunDirectory dir = runDirectory == null ? null : RunDirectory.create(runDirectory, null,
                label == null ? raw.id() : label, algo.name().toLowerCase(), Clock.systemDefaultZone());
        if (dir != null && agent instanceof MbpoAgent m) {
            m.withDiagnostics(dir.path());
        }
        TrainLoop.Result r;
        try {
            r = TrainLoop.seeded(env, evalEnv, agent, train, seed, root, dir, Progress.none()).withListener(listener)
                    .run();
        } finally {
            env.close();
            evalEnv.close();
        }
        SacAgent.ActorSnapshot actor = agent instanceof SacAgent s ? s.actorSnapshot()
                : ((MbpoAgent) agent).actorSnapshot();
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("algo", algo.name().toLowerCase());
        provenance.put("seed", Long.toString(seed));
        provenance.put("env_steps", Long.toString(r.envSteps()));
        provenance.put("eval_return", Double.toString(r.finalEvalReturn()));
        TrainedPolicy policy = actor.toPolicy(raw.id(), "{}", box, provenance);
        return new Result(policy, r.envSteps(), r.episodes(), r.finalEvalReturn(), r.bestEvalReturn(), r.summary());
    }
}

package org.mbpo4j.mbpo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mbpo4j.agent.Agent;
import org.mbpo4j.agent.Transition;
import org.mbpo4j.buffer.Batch;
import org.mbpo4j.buffer.ReplayBuffer;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.TaskRules;
import org.mbpo4j.model.HorizonError;
import org.mbpo4j.model.ModelEnv;
import org.mbpo4j.model.ModelLearner;
import org.mbpo4j.model.RolloutStats;
import org.mbpo4j.model.Trajectory;
import org.mbpo4j.model.Transitions;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.random.Rng;
import org.mbpo4j.io.Json;
import org.mbpo4j.io.PhaseTimer;
import org.mbpo4j.model.ModelOptions;
import org.mbpo4j.sac.SacOptions;
import org.mbpo4j.sac.SacAgent;

/**
 * MBPO (Janner et al. 2019) as an agent of the common training loop. Per real env step:
 * <pre>
 *   store the real transition
 *   if exploration is over and it is a model-training step (every model.train_every):
 *       train the model on the whole real buffer           (phase model_train)
 *       k = rollout length of this epoch; resize the model buffer if k changed
 *       branch rollout_batch_size k-step rollouts from real states into the model buffer
 *                                                           (phase rollout)
 *   if exploration is over:
 *       G SAC updates on batches mixing real_ratio real and model data (phase policy_update)
 * </pre>
 * Acting is SAC's: uniform random actions during the first {@code init_steps}, then sampled from
 * the policy; evaluation uses the deterministic action. Actions are in [-1, 1] (the env is
 * wrapped in {@code RescaleAction}).
 */
public final class MbpoAgent implements Agent<float[]> {
    static final String MODEL_BUFFER = "model-replay.buf";
    private static final List<String> PHASES = List.of("model_train", "rollout", "policy_update");

    private final MbpoOptions cfg;
    private final ModelOptions modelCfg;
    private final int epochLength;
    private final Kernels k;
    private final SacAgent sac;
    private final TaskRules rules;
    private final Batch starts;
    private final PhaseTimer timer = new PhaseTimer();
    private final ModelLearner learner;
    private ModelEnv modelEnv;
    private Rng envRng;
    private Rng startRng;
    private ReplayBuffer modelBuffer;
    private int rolloutLength;
    private RolloutStats lastRollout;
    private final List<Transition<float[]>> recent = new ArrayList<>();
    private Map<String, Double> restoredModelMetrics;

    /**
     * @param actionSpace  the env's own action space (for rewards computed by the task's rules)
     * @param epochLength  env steps per epoch (the rollout schedule counts epochs)
     */
    public MbpoAgent(int obsDim, Box actionSpace, TaskRules rules, SacOptions sacCfg, ModelOptions modelCfg,
                     MbpoOptions cfg, int epochLength, Kernels k, Rng rng) {
        this.cfg = cfg;
        this.modelCfg = modelCfg;
        this.epochLength = epochLength;
        this.k = k;
        int actDim = actionSpace.size();
        // MBPO's exploration and update rate replace SAC's own
        SacOptions s = sacCfg.withSchedule(cfg.initSteps(), cfg.updatesPerStep());
        this.sac = new SacAgent(obsDim, actDim, s, k, rng.child("sac"));
        this.rules = modelCfg.learnedRewards() ? rules : new RescaledActionRules(rules, actionSpace);
        this.learner = new ModelLearner(modelCfg, obsDim, actDim, k, rng.child("model-init"),
                rng.child("model-training"));
        this.envRng = rng.child("model-rollouts");
        this.startRng = rng.child("rollout-starts");
        buildModelParts();
        this.starts = Batch.allocate(cfg.rolloutBatchSize(), obsDim, actDim);
        PHASES.forEach(p -> timer.add(p, 0));
    }

    private void buildModelParts() {
        modelEnv = new ModelEnv(learner.model(), rules, modelCfg.propagation(), modelCfg.deterministic(),
                modelCfg.rolloutChunk(), k, envRng);
    }

    /** Writes the model's training log and horizon-error diagnostics into {@code runDir}. */
    public MbpoAgent withDiagnostics(Path runDir) {
        learner.writeDiagnosticsTo(runDir);
        return this;
    }

    @Override
    public void onModelTraining(java.util.function.BiConsumer<Long, Map<String, Object>> hook) {
        learner.onTraining(hook);
    }

    @Override
    public String name() {
        return "mbpo";
    }

    @Override
    public float[] act(float[] obs, boolean deterministic) {
        return sac.act(obs, deterministic);
    }

    @Override
    public void observe(Transition<float[]> t) {
        sac.store(t);
        recent.add(t);
        long steps = sac.steps();
        if (steps < cfg.initSteps()) {
            return;
        }
        boolean modelBased = cfg.realRatio() < 1.0;
        if (modelBased && (steps - cfg.initSteps()) % modelCfg.trainEvery() == 0 && enoughDataForModel()) {
            trainModelAndRollout(steps);
        }
        try (var lap = timer.time("policy_update")) {
            for (int u = 0; u < cfg.updatesPerStep(); u++) {
                sac.updateMixed(modelBuffer == null ? sac.buffer() : modelBuffer, cfg.realRatio(),
                        cfg.mixing() == MbpoOptions.Mixing.COIN);
            }
        }
    }

    /** One minibatch of training rows after the holdout: otherwise the trainer refuses (SAC then learns from real data). */
    private boolean enoughDataForModel() {
        return learner.canTrainOn(sac.buffer().size());
    }

    private void trainModelAndRollout(long steps) {
        try (var lap = timer.time("model_train")) {
            long trainings = learner.trainings();
            if (learner.diagnostics() != null && trainings > 0 && modelCfg.diagnosticsEvery() > 0
                    && trainings % modelCfg.diagnosticsEvery() == 0) {
                // the model of the last training, on the real steps taken since: data it never saw
                List<Trajectory> fresh = recentTrajectories();
                if (!fresh.isEmpty()) {
                    learner.diagnostics().recordHorizon((int) trainings, steps, HorizonError.measure(
                            learner.model(), fresh, modelCfg.diagnosticHorizon(), modelCfg.rolloutChunk(), k));
                }
            }
            recent.clear();
            learner.train(steps, Transitions.of(sac.buffer()));
        }
        int newLength = cfg.rolloutLength(steps / epochLength);
        if (modelBuffer == null || newLength != rolloutLength) {
            rolloutLength = newLength;
            int capacity = modelBufferCapacity(rolloutLength);
            if (modelBuffer == null) {
                modelBuffer = new ReplayBuffer(capacity, learner.model().obsDim(), learner.model().actDim());
            } else {
                modelBuffer.resize(capacity);
            }
        }
        try (var lap = timer.time("rollout")) {
            sac.buffer().sample(starts, startRng);
            lastRollout = modelEnv.rollout(starts.obs(), cfg.rolloutBatchSize(),
                    (obs, n, actions) -> sac.sampleActions(obs, n, actions, modelCfg.rolloutChunk()),
                    rolloutLength, modelBuffer);
        }
    }

    /** retain_epochs * k * rollout_batch_size * (model trainings per epoch), as the original sizes it. */
    int modelBufferCapacity(int k) {
        long perEpoch = Math.max(1, epochLength / modelCfg.trainEvery());
        long c = (long) cfg.retainEpochs() * k * cfg.rolloutBatchSize() * perEpoch;
        return (int) Math.min(Integer.MAX_VALUE - 8, c);
    }

    /** The real steps since the last training, cut into trajectories at episode ends. */
    private List<Trajectory> recentTrajectories() {
        List<Trajectory> out = new ArrayList<>();
        int begin = 0;
        for (int i = 0; i < recent.size(); i++) {
            Transition<float[]> t = recent.get(i);
            boolean end = t.terminated() || t.truncated() || i == recent.size() - 1;
            if (end) {
                int n = i + 1 - begin;
                int o = t.obs().length;
                int a = t.action().length;
                float[] obs = new float[(n + 1) * o];
                float[] act = new float[n * a];
                for (int j = 0; j < n; j++) {
                    Transition<float[]> u = recent.get(begin + j);
                    System.arraycopy(u.obs(), 0, obs, j * o, o);
                    System.arraycopy(u.action(), 0, act, j * a, a);
                }
                System.arraycopy(t.nextObs(), 0, obs, n * o, o);
                out.add(new Trajectory(obs, act, n, o, a));
                begin = i + 1;
            }
        }
        return out;
    }

    @Override
    public long explorationSteps() {
        return cfg.initSteps();
    }

    @Override
    public String progressNote() {
        return learner.lastReport() == null ? ""
                : String.format(" k %d model-mse %.3g", rolloutLength, learner.lastReport().eliteMse());
    }

    @Override
    public Map<String, Double> phaseSeconds() {
        return timer.seconds(PHASES);
    }

    @Override
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>(sac.metrics());
        m.putAll(modelMetrics());
        return m;
    }

    private Map<String, Double> modelMetrics() {
        if (learner.lastReport() == null && restoredModelMetrics != null) {
            return restoredModelMetrics;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("rollout_length", modelBuffer == null ? Double.NaN : (double) rolloutLength);
        m.putAll(learner.metrics());
        m.put("rollout_transitions", lastRollout == null ? Double.NaN : (double) lastRollout.transitions());
        m.put("model_buffer_rows", modelBuffer == null ? 0.0 : modelBuffer.size());
        return m;
    }

    // ------------------------------------------------------------------ checkpoints

    @Override
    public Map<String, Object> checkpointState() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("sac", sac.checkpointState());
        s.put("rollout_length", rolloutLength);
        s.put("model_metrics", modelMetrics());
        s.put("phase_s", phaseSeconds());
        learner.state().putInto(s);
        s.put("rng_model_rollouts", envRng.state());
        s.put("rng_rollout_starts", startRng.state());
        List<Object> rec = new ArrayList<>();
        for (Transition<float[]> t : recent) {
            rec.add(List.of(doubles(t.obs()), doubles(t.action()), t.reward(), doubles(t.nextObs()), t.terminated(),
                    t.truncated()));
        }
        s.put("recent", rec);
        return s;
    }

    @SuppressWarnings("unchecked")
    @Override
    public void restore(Map<String, Object> state) {
        sac.restore((Map<String, Object>) state.get("sac"));
        rolloutLength = ((Number) state.get("rollout_length")).intValue();
        restoredModelMetrics = ModelLearner.numbers((Map<String, Object>) state.get("model_metrics"));
        ((Map<String, Object>) state.get("phase_s")).forEach((p, v) -> timer.add(p, ((Number) v).doubleValue()));
        learner.restore(ModelLearner.State.from(state));
        envRng = Rng.fromState(Json.longArray(state.get("rng_model_rollouts")));
        startRng = Rng.fromState(Json.longArray(state.get("rng_rollout_starts")));
        recent.clear();
        for (Object o : (List<Object>) state.get("recent")) {
            List<Object> r = (List<Object>) o;
            recent.add(new Transition<>(floats(r.get(0)), floats(r.get(1)), ((Number) r.get(2)).doubleValue(),
                    floats(r.get(3)), (Boolean) r.get(4), (Boolean) r.get(5)));
        }
        buildModelParts();
    }

    private static double[] doubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static float[] floats(Object o) {
        double[] d = Json.doubleArray(o);
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    @Override
    public void saveFiles(Path dir) {
        sac.saveFiles(dir);
        learner.saveModel(dir);
        if (modelBuffer != null) {
            modelBuffer.save(dir.resolve(MODEL_BUFFER));
        }
    }

    @Override
    public void loadFiles(Path dir) {
        sac.loadFiles(dir);
        learner.loadModel(dir);
        buildModelParts();
        Path buf = dir.resolve(MODEL_BUFFER);
        if (Files.exists(buf)) {
            modelBuffer = ReplayBuffer.load(buf);
            int capacity = modelBufferCapacity(rolloutLength);
            if (modelBuffer.capacity() != capacity) {
                modelBuffer.resize(capacity);
            }
        }
    }

    /** The SAC learner (for tests). */
    SacAgent sac() {
        return sac;
    }

    /** The policy's actor (see {@link SacAgent#actorSnapshot()}). */
    public SacAgent.ActorSnapshot actorSnapshot() {
        return sac.actorSnapshot();
    }

    /** The model buffer, null before the first rollout (for tests). */
    ReplayBuffer modelBuffer() {
        return modelBuffer;
    }

    int rolloutLength() {
        return rolloutLength;
    }
}

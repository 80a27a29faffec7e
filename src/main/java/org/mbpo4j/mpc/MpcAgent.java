package org.mbpo4j.mpc;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mbpo4j.agent.Agent;
import org.mbpo4j.agent.Transition;
import org.mbpo4j.buffer.ReplayBuffer;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.TaskRules;
import org.mbpo4j.model.ModelEnv;
import org.mbpo4j.model.ModelLearner;
import org.mbpo4j.model.Propagation;
import org.mbpo4j.model.TransitionModel;
import org.mbpo4j.model.Transitions;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.random.Rng;
import org.mbpo4j.io.Json;
import org.mbpo4j.io.PhaseTimer;
import org.mbpo4j.model.ModelOptions;

/**
 * Model predictive control with a learned model (PETS-style) as an agent of the common training
 * loop. Per real env step:
 * <pre>
 *   act:     while the model has never been trained: a uniformly random action
 *            else: plan H steps ahead through the model, execute the plan's first action
 *                  (timed: phase planning)
 *   observe: store the transition (every one is kept, up to the buffer's capacity)
 *            at an episode end: log the episode, forget the plan (no warm start across episodes)
 *            from step init_steps on, every retrain_every steps (and at episode ends when
 *            retrain_each_episode): train the model on all real data (phase model_train)
 * </pre>
 * Planning runs in the env's own action units and bounds (no RescaleAction): the task's rules
 * then score imagined steps as they are, when rewards are not learned.
 *
 * <p>Evaluation ({@code act(obs, true)}) plans with a planner, model sampling stream and warm
 * start of its own, so evaluating never changes what training does; its warm start carries over
 * from one evaluation episode to the next (the agent does not see evaluation episodes end).
 * Everything that decides the rest of a run is in the checkpoint (counters, random streams, the
 * planners' previous plans, the model and the real data), so a resumed run repeats the
 * uninterrupted one.
 */
public final class MpcAgent implements Agent<float[]> {
    static final String REAL_BUFFER = "real-replay.buf";
    private static final List<String> PHASES = List.of("model_train", "planning");

    private final MpcOptions cfg;
    private final ModelOptions modelCfg;
    private final Box actionSpace;
    private final ActionBounds bounds;
    private final TaskRules rules;
    private final Kernels k;
    private final PhaseTimer timer = new PhaseTimer();
    private ReplayBuffer real;
    private final ModelLearner learner;
    private Rng actionRng;
    private Rng evalActionRng;
    private Rng planModelRng;
    private Rng evalModelRng;
    private Planning train;
    private Planning eval;
    private EpisodeLog episodeLog;

    private long steps;
    private long episodes;
    private long plans;
    private double planSeconds;
    private double episodeReturn;
    private int episodeLength;
    private long episodePlans;
    private double episodePlanSeconds;
    private double lastEpisodePlanMs = Double.NaN;
    private Map<String, Double> restoredModelMetrics;

    /** A planner with its own imagined env, evaluator and random streams. */
    private record Planning(ModelEnv env, TrajectoryEvaluator evaluator, Planner planner) {
    }

    /**
     * @param actionSpace    the env's bounded action space (plans stay in it)
     * @param rules          the task's rules: termination, and the reward unless the model learns it
     * @param bufferCapacity real transitions kept (PETS keeps them all: give the run's steps)
     */
    public MpcAgent(int obsDim, Box actionSpace, TaskRules rules, ModelOptions modelCfg, MpcOptions cfg,
                    int bufferCapacity, Kernels k, Rng rng) {
        if (!actionSpace.isBounded()) {
            throw new IllegalArgumentException("MPC plans within the action bounds, and " + actionSpace
                    + " is unbounded");
        }
        this.cfg = cfg;
        this.modelCfg = modelCfg;
        this.actionSpace = actionSpace;
        this.bounds = ActionBounds.of(actionSpace);
        this.rules = rules;
        this.k = k;
        int actDim = actionSpace.size();
        this.real = new ReplayBuffer(bufferCapacity, obsDim, actDim);
        this.learner = new ModelLearner(modelCfg, obsDim, actDim, k, rng.child("model-init"),
                rng.child("model-training"));
        this.actionRng = rng.child("explore");
        this.evalActionRng = rng.child("eval-explore");
        this.planModelRng = rng.child("planning-model");
        this.evalModelRng = rng.child("eval-planning-model");
        buildModelParts(rng.child("planner"), rng.child("eval-planner"));
        PHASES.forEach(p -> timer.add(p, 0));
    }

    /**
     * (Re)builds everything that holds the model. New planners draw from the given streams;
     * on a rebuild they take over the old planners' streams and previous plans instead.
     */
    private void buildModelParts(Rng plannerRng, Rng evalPlannerRng) {
        Map<String, Object> trainState = train == null ? null : train.planner().checkpointState();
        Map<String, Object> evalState = eval == null ? null : eval.planner().checkpointState();
        train = planning(planModelRng, plannerRng);
        eval = planning(evalModelRng, evalPlannerRng);
        if (trainState != null) {
            train.planner().restore(trainState);
            eval.planner().restore(evalState);
        }
    }

    private Planning planning(Rng modelRng, Rng plannerRng) {
        TransitionModel model = learner.model();
        ModelEnv env = new ModelEnv(model, rules, Propagation.FIXED_MEMBER, modelCfg.deterministic(),
                Math.min(rowsPerMember(cfg, model.eliteCount()), modelCfg.rolloutChunk()), k, modelRng);
        TrajectoryEvaluator evaluator = new TrajectoryEvaluator(env, cfg.particles(), cfg.population());
        return new Planning(env, evaluator, Planners.create(cfg, evaluator, bounds, plannerRng));
    }

    /**
     * The most rows one elite gets in an imagined step: its particles ({@code particles / elites},
     * rounded up) of every candidate. The planning model env passes rows in pieces of this size
     * (at most {@code model.rollout_chunk}, which bounds the memory), so that each member's rows
     * of a step go through the network in one batch, not in a ladder of smaller ones.
     */
    static int rowsPerMember(MpcOptions c, int elites) {
        long perCandidate = (c.particles() + elites - 1) / elites;
        return (int) Math.max(1, Math.min(c.population() * perCandidate, MpcOptions.MAX_ROWS));
    }

    /** Writes {@value EpisodeLog#FILE} and the model's training log into {@code runDir}. */
    public MpcAgent withRunDir(Path runDir) {
        this.episodeLog = new EpisodeLog(runDir);
        learner.writeDiagnosticsTo(runDir);
        return this;
    }

    @Override
    public void onModelTraining(java.util.function.BiConsumer<Long, Map<String, Object>> hook) {
        learner.onTraining(hook);
    }

    @Override
    public String name() {
        return "mpc";
    }

    @Override
    public float[] act(float[] obs, boolean deterministic) {
        if (learner.trainings() == 0) {
            return actionSpace.sample(deterministic ? evalActionRng : actionRng);
        }
        if (deterministic) {
            return eval.planner().firstAction(obs);
        }
        long t0 = System.nanoTime();
        float[] a = train.planner().firstAction(obs);
        double s = (System.nanoTime() - t0) * 1e-9;
        timer.add("planning", s);
        plans++;
        planSeconds += s;
        episodePlans++;
        episodePlanSeconds += s;
        return a;
    }

    @Override
    public void observe(Transition<float[]> t) {
        real.add(t.obs(), t.action(), t.reward(), t.nextObs(), t.terminated(), t.truncated());
        steps++;
        episodeReturn += t.reward();
        episodeLength++;
        boolean end = t.terminated() || t.truncated();
        boolean retrain = false;
        if (steps >= cfg.initSteps()) {
            retrain = cfg.retrainEvery() > 0 && (steps - cfg.initSteps()) % cfg.retrainEvery() == 0
                    || end && cfg.retrainEachEpisode();
        }
        if (end) {
            finishEpisode();
        }
        if (retrain && learner.canTrainOn(real.size())) {
            try (var lap = timer.time("model_train")) {
                learner.train(steps, Transitions.of(real));
            }
        }
    }

    private void finishEpisode() {
        episodes++;
        lastEpisodePlanMs = episodePlans == 0 ? Double.NaN : episodePlanSeconds / episodePlans * 1000;
        if (episodeLog != null) {
            episodeLog.append(episodes, steps, episodeReturn, episodeLength, episodePlans, lastEpisodePlanMs,
                    learner.trainings());
        }
        episodeReturn = 0;
        episodeLength = 0;
        episodePlans = 0;
        episodePlanSeconds = 0;
        train.planner().reset();
    }

    @Override
    public long explorationSteps() {
        return cfg.initSteps();
    }

    @Override
    public String progressNote() {
        if (learner.trainings() == 0) {
            return "";
        }
        return String.format(" plan %.0f ms", plans == 0 ? Double.NaN : planSeconds / plans * 1000)
                + (learner.lastReport() == null ? "" : String.format(" model-mse %.3g",
                learner.lastReport().eliteMse()));
    }

    @Override
    public Map<String, Double> phaseSeconds() {
        return timer.seconds(PHASES);
    }

    /**
     * Planning statistics ({@code plan_ms}: mean milliseconds per planned action so far;
     * {@code plan_ms_last_episode}; {@code plans}; {@code plan_predicted_return}: the model's
     * return of the last plan's best candidate) and the last model training's.
     */
    @Override
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("plan_ms", plans == 0 ? Double.NaN : planSeconds / plans * 1000);
        m.put("plan_ms_last_episode", lastEpisodePlanMs);
        m.put("plans", (double) plans);
        m.put("plan_predicted_return", train.planner().lastPredictedReturn());
        m.putAll(modelMetrics());
        return m;
    }

    private Map<String, Double> modelMetrics() {
        if (learner.lastReport() == null && restoredModelMetrics != null) {
            return restoredModelMetrics;
        }
        return learner.metrics();
    }

    // ------------------------------------------------------------------ checkpoints

    @Override
    public Map<String, Object> checkpointState() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("steps", steps);
        s.put("episodes", episodes);
        s.put("plans", plans);
        s.put("plan_s", planSeconds);
        s.put("episode_return", episodeReturn);
        s.put("episode_length", episodeLength);
        s.put("episode_plans", episodePlans);
        s.put("episode_plan_s", episodePlanSeconds);
        s.put("last_episode_plan_ms", lastEpisodePlanMs);
        s.put("model_metrics", modelMetrics());
        s.put("phase_s", phaseSeconds());
        s.put("rng_explore", actionRng.state());
        s.put("rng_eval_explore", evalActionRng.state());
        s.put("rng_planning_model", planModelRng.state());
        s.put("rng_eval_planning_model", evalModelRng.state());
        s.put("planner", train.planner().checkpointState());
        s.put("eval_planner", eval.planner().checkpointState());
        s.put("episode_log_rows", episodeLog == null ? 0 : episodeLog.rows());
        learner.state().putInto(s);
        return s;
    }

    @SuppressWarnings("unchecked")
    @Override
    public void restore(Map<String, Object> state) {
        steps = ((Number) state.get("steps")).longValue();
        episodes = ((Number) state.get("episodes")).longValue();
        plans = ((Number) state.get("plans")).longValue();
        planSeconds = number(state.get("plan_s"));
        episodeReturn = number(state.get("episode_return"));
        episodeLength = ((Number) state.get("episode_length")).intValue();
        episodePlans = ((Number) state.get("episode_plans")).longValue();
        episodePlanSeconds = number(state.get("episode_plan_s"));
        lastEpisodePlanMs = number(state.get("last_episode_plan_ms"));
        restoredModelMetrics = ModelLearner.numbers((Map<String, Object>) state.get("model_metrics"));
        ((Map<String, Object>) state.get("phase_s")).forEach((p, v) -> timer.add(p, number(v) - timer.seconds(p)));
        learner.restore(ModelLearner.State.from(state));
        actionRng = Rng.fromState(Json.longArray(state.get("rng_explore")));
        evalActionRng = Rng.fromState(Json.longArray(state.get("rng_eval_explore")));
        planModelRng = Rng.fromState(Json.longArray(state.get("rng_planning_model")));
        evalModelRng = Rng.fromState(Json.longArray(state.get("rng_eval_planning_model")));
        // the planners' streams come from the checkpoint: the placeholders are overwritten
        buildModelParts(new Rng(0), new Rng(0));
        train.planner().restore((Map<String, Object>) state.get("planner"));
        eval.planner().restore((Map<String, Object>) state.get("eval_planner"));
        if (episodeLog != null) {
            episodeLog.truncate(((Number) state.get("episode_log_rows")).intValue());
        }
    }

    private static double number(Object o) {
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }

    @Override
    public void saveFiles(Path dir) {
        learner.saveModel(dir);
        real.save(dir.resolve(REAL_BUFFER));
    }

    @Override
    public void loadFiles(Path dir) {
        learner.loadModel(dir);
        ReplayBuffer loaded = ReplayBuffer.load(dir.resolve(REAL_BUFFER));
        if (loaded.capacity() != real.capacity()) {
            // a run extended with --steps keeps more data than it was started for
            loaded.resize(real.capacity());
        }
        real = loaded;
        // keeps the planners' streams and previous plans (restored before the files)
        buildModelParts(new Rng(0), new Rng(0));
    }

    // ------------------------------------------------------------------ for tests and benchmarks

    /** The model (for tests). */
    TransitionModel model() {
        return learner.model();
    }

    /** Model trainings so far. */
    public long trainings() {
        return learner.trainings();
    }

    /** The training planner's evaluator: its model time and row counts. */
    public TrajectoryEvaluator evaluator() {
        return train.evaluator();
    }

    /** Planned actions so far and their total seconds. */
    public long plans() {
        return plans;
    }

    public double planSeconds() {
        return planSeconds;
    }
}

package org.mbpo4j.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mbpo4j.agent.Agent;
import org.mbpo4j.agent.Evaluation;
import org.mbpo4j.agent.Transition;
import org.mbpo4j.env.Env;
import org.mbpo4j.env.EpisodeStatistics;
import org.mbpo4j.env.StatefulEnv;
import org.mbpo4j.env.StepResult;
import org.mbpo4j.env.TimeLimit;
import org.mbpo4j.io.CsvLog;
import org.mbpo4j.io.TensorBoardWriter;
import org.mbpo4j.io.Json;
import org.mbpo4j.io.PhaseTimer;

/**
 * The generic training loop: act, step, let the agent observe; every {@code log_interval} steps
 * a metrics row; every epoch an evaluation, the learning curve, summary.json and a checkpoint.
 * Any {@link Agent} plugs in; learners do their updates inside {@link Agent#observe}.
 *
 * <p>A checkpoint holds everything that decides the rest of the run: the loop's counters, the
 * training env's internal state, step count and random stream, and the agent's state and
 * files. {@link #resumeFrom} restores it, so on the CPU a resumed run continues exactly as the
 * uninterrupted run would have (same evaluations, same metrics apart from wall times).
 *
 * <p>A loop object runs once: it holds the counters of one run.
 *
 * @param <A> the action type
 */
public final class TrainLoop<A> {

    /** What a finished run reports. */
    public record Result(long envSteps, long episodes, double finalEvalReturn, double bestEvalReturn,
                         double wallSeconds, Map<String, Double> phaseSeconds, Map<String, Object> summary) {
    }

    /** Where the wall time goes. */
    private static final List<String> PHASES = List.of("env", "agent", "eval", "io");

    private final EpisodeStatistics<A> env;
    private final Env<A> evalEnv;
    private final Agent<A> agent;
    private final TrainOptions cfg;
    private final long rootSeed;
    private final long envSeed;
    private final long evalSeed;
    private final RunOutput out;
    private Progress progress;
    private final PhaseTimer timer = new PhaseTimer();

    private CsvLog metrics;
    private CsvLog evalLog;
    private TensorBoardWriter tensorBoard;
    private long startNanos;
    private double wallBefore;      // wall seconds of earlier sessions of a resumed run
    private double wallAtExploration = Double.NaN; // wall seconds when the agent's exploration ended
    private long intervalStart;
    private long firstStep = 1;
    private Map<String, Object> resumeEnv;
    private String resumeNote;
    /** The env step at which {@code train.stop_return} was reached, or -1. */
    private long stoppedAtReturn = -1;
    private long stoppedByListener = -1;
    private boolean stopRequested;
    private TrainListener listener = TrainListener.NONE;
    private long episodes;
    private long epoch;
    private double lastReturn = Double.NaN;
    private double lastEval = Double.NaN;
    private double bestEval = Double.NaN;
    private double intervalReturnSum;
    private double intervalLengthSum;
    private int intervalEpisodes;

    private final List<Double> episodeSteps = new ArrayList<>();
    private final List<Double> episodeReturns = new ArrayList<>();
    private final List<double[]> evalRows = new ArrayList<>();

    /**
     * @param rootSeed the run's seed (reported in summary.json)
     * @param envSeed  the seed of the first training reset (later resets continue its stream)
     * @param evalSeed evaluation episode {@code i} of every epoch resets with {@code evalSeed + i}
     */
    public TrainLoop(Env<A> env, Env<A> evalEnv, Agent<A> agent, TrainOptions cfg, long rootSeed, long envSeed,
                     long evalSeed, RunOutput out, Progress progress) {
        this.rootSeed = rootSeed;
        this.env = new EpisodeStatistics<>(env);
        this.evalEnv = evalEnv;
        this.agent = agent;
        this.cfg = cfg;
        this.envSeed = envSeed;
        this.evalSeed = evalSeed;
        this.out = out == null ? RunOutput.inMemory() : out;
        this.progress = progress;
    }

    /** Shows progress on {@code p} instead of the one given at construction. */
    public TrainLoop<A> withProgress(Progress p) {
        this.progress = p;
        return this;
    }

    /**
     * A loop whose training and evaluation env seeds are drawn from {@code root}, the run's root
     * RNG after the agent took its stream ({@code root.child("agent")}): how {@code mbpo train}
     * and the library API seed a run, so that the same seed gives the same run through either.
     */
    public static <A> TrainLoop<A> seeded(Env<A> env, Env<A> evalEnv, Agent<A> agent, TrainOptions cfg, long seed,
                                          org.mbpo4j.random.Rng root, RunOutput out, Progress progress) {
        long envSeed = root.child("env").nextLong() >>> 1;
        long evalSeed = root.child("eval").nextLong() >>> 1;
        return new TrainLoop<>(env, evalEnv, agent, cfg, seed, envSeed, evalSeed, out, progress);
    }

    /** Tells {@code l} about every metrics row and evaluation; it may stop the run at an evaluation. */
    public TrainLoop<A> withListener(TrainListener l) {
        this.listener = java.util.Objects.requireNonNull(l, "listener");
        agent.onModelTraining((step, report) -> l.onModelTraining(step, java.util.Collections.unmodifiableMap(report)));
        return this;
    }

    /** Runs up to {@code train.steps} real steps; evaluates, plots and checkpoints every epoch. */
    public Result run() {
        startNanos = System.nanoTime();
        intervalStart = startNanos;
        PHASES.forEach(p -> timer.add(p, 0));
        // Held in memory (RunOutput.inMemory()): logs in memory, no checkpoints or files.
        metrics = out.metrics(metricsHeader());
        evalLog = out.eval();
        // A resumed run's file tells TensorBoard to drop the earlier points from the resumed step on.
        tensorBoard = out.tensorBoard(firstStep > 1 ? firstStep : 0);
        try {
            return loop();
        } finally {
            if (tensorBoard != null) {
                tensorBoard.close();
            }
        }
    }

    private Result loop() {

        float[] obs = resumeEnv == null ? env.reset(envSeed).obs() : restoreEnv(resumeEnv);
        if (agent.explorationSteps() == 0 && Double.isNaN(wallAtExploration)) {
            wallAtExploration = wallSeconds();
        }
        long finalStep = cfg.steps();
        Double target = cfg.stopReturn();
        for (long step = firstStep; step <= cfg.steps(); step++) {
            long episodesBefore = episodes;
            obs = realStep(obs, step);
            if (step == agent.explorationSteps()) {
                wallAtExploration = wallSeconds();
            }
            boolean reached = target != null && cfg.evalEpisodes() == 0 && episodes > episodesBefore
                    && lastReturn >= target;
            boolean last = step == cfg.steps() || reached;
            boolean epochEnd = step % cfg.epochLength() == 0 || last;
            if (epochEnd) {
                epoch++;
                evaluate(step);
                if (target != null && cfg.evalEpisodes() > 0 && lastEval >= target) {
                    reached = true;
                    last = true;
                }
                if (stopRequested) {
                    stoppedByListener = step;
                    last = true;
                }
            }
            if (reached) {
                stoppedAtReturn = step;
            }
            if (step % cfg.logInterval() == 0 || last) {
                logMetrics(step);
            }
            if (epochEnd && (epoch % cfg.checkpointEvery() == 0 || last)) {
                checkpoint(step);
            }
            if (epochEnd && !last && out.path() != null) {
                try (var t = timer.time("io")) {
                    out.writeSummary(summary(step, false));
                }
            }
            progress.update(step, (Double.isNaN(lastEval) ? "" : " eval " + format(lastEval)) + agent.progressNote());
            if (last) {
                finalStep = step;
                break;
            }
        }
        if (evalRows.isEmpty()) {
            writeCurve();
        }
        Map<String, Object> summary = summary(finalStep, true);
        out.writeSummary(summary);
        return new Result(finalStep, episodes, lastEval, bestEval, (Double) summary.get("wall_s"), timer.snapshot(),
                summary);
    }

    /** Act, step the env, let the agent observe; returns the next observation. */
    private float[] realStep(float[] obs, long step) {
        A action;
        try (var t = timer.time("agent")) {
            action = agent.act(obs, false);
        }
        StepResult r;
        try (var t = timer.time("env")) {
            r = env.step(action);
        }
        try (var t = timer.time("agent")) {
            agent.observe(new Transition<>(obs, action, r.reward(), r.obs(), r.terminated(), r.truncated()));
        }
        if (!r.done()) {
            return r.obs();
        }
        EpisodeStatistics.Episode e = (EpisodeStatistics.Episode) r.info().get(EpisodeStatistics.INFO_KEY);
        episodes++;
        lastReturn = e.episodeReturn();
        intervalReturnSum += e.episodeReturn();
        intervalLengthSum += e.length();
        intervalEpisodes++;
        episodeSteps.add((double) step);
        episodeReturns.add(e.episodeReturn());
        try (var t = timer.time("env")) {
            return env.reset(null).obs();
        }
    }

    /** Deterministic-policy evaluation, its row in eval.csv, and the redrawn curve. */
    private void evaluate(long step) {
        if (cfg.evalEpisodes() == 0) {
            return;
        }
        Evaluation ev;
        try (var t = timer.time("eval")) {
            ev = Evaluation.run(evalEnv, agent, cfg.evalEpisodes(), evalSeed, true);
        }
        lastEval = ev.mean();
        bestEval = Double.isNaN(bestEval) ? lastEval : Math.max(bestEval, lastEval);
        evalRows.add(new double[] {step, ev.mean(), ev.std()});
        try (var t = timer.time("io")) {
            Map<String, Object> row = evalRow(step, ev);
            evalLog.append(row);
            stopRequested = !listener.onEvaluation(step, ev.mean(), ev.std());
            row.forEach((k, v) -> {
                if (!k.equals("env_steps") && v instanceof Number n) {
                    if (tensorBoard != null) {
                        tensorBoard.scalar("eval/" + k, step, n.doubleValue());
                    }
                }
            });
            if (tensorBoard != null) {
                tensorBoard.flush();
            }
            writeCurve();
        }
    }

    /** One row of metrics.csv (and a log line where there is no progress bar). */
    private void logMetrics(long step) {
        double secs = (System.nanoTime() - intervalStart) / 1e9;
        long stepsInInterval = step % cfg.logInterval() == 0 ? cfg.logInterval() : step % cfg.logInterval();
        double stepsPerSecond = stepsInInterval / Math.max(secs, 1e-9);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("env_steps", step);
        row.put("episodes", episodes);
        row.put("epoch", epoch);
        row.put("episode_return_mean", intervalEpisodes == 0 ? Double.NaN : intervalReturnSum / intervalEpisodes);
        row.put("episode_return_last", lastReturn);
        row.put("episode_length_mean", intervalEpisodes == 0 ? Double.NaN : intervalLengthSum / intervalEpisodes);
        row.put("steps_per_s", stepsPerSecond);
        row.put("wall_s", wallSeconds());
        for (String p : PHASES) {
            row.put("phase_" + p + "_s", timer.seconds(p));
        }
        agent.phaseSeconds().forEach((p, v) -> row.put("phase_" + p + "_s", v));
        row.putAll(agent.metrics());
        try (var t = timer.time("io")) {
            metrics.append(row);
            listener.onLog(step, java.util.Collections.unmodifiableMap(row));
            row.forEach((k, v) -> {
                if (!k.equals("env_steps") && v instanceof Number n) {
                    if (tensorBoard != null) {
                        tensorBoard.scalar((k.startsWith("phase_") ? "time/" : "train/") + k, step, n.doubleValue());
                    }
                }
            });
            if (tensorBoard != null) {
                tensorBoard.flush();
            }
        }
        progress.log(String.format("step %d/%d  episodes %d  return(last) %s  eval %s  %.0f steps/s",
                step, cfg.steps(), episodes, format(lastReturn), format(lastEval), stepsPerSecond));
        intervalReturnSum = 0;
        intervalLengthSum = 0;
        intervalEpisodes = 0;
        intervalStart = System.nanoTime();
    }

    private void checkpoint(long step) {
        try (var t = timer.time("io")) {
            if (out.path() != null) {
                out.saveCheckpoint(step, checkpointState(step), cfg.keepCheckpoints(), agent::saveFiles);
            }
        }
    }

    private List<String> metricsHeader() {
        List<String> header = new ArrayList<>(List.of("env_steps", "episodes", "epoch", "episode_return_mean",
                "episode_return_last", "episode_length_mean", "steps_per_s", "wall_s"));
        PHASES.forEach(p -> header.add("phase_" + p + "_s"));
        agent.phaseSeconds().keySet().forEach(p -> header.add("phase_" + p + "_s"));
        header.addAll(agent.metrics().keySet());
        return header;
    }

    private static String format(double x) {
        return Double.isNaN(x) ? "-" : String.format("%.1f", x);
    }

    private double wallSeconds() {
        return wallBefore + (System.nanoTime() - startNanos) / 1e9;
    }

    private void writeCurve() {
        double[] x = new double[evalRows.size()];
        double[] mean = new double[x.length];
        double[] std = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = evalRows.get(i)[0];
            mean[i] = evalRows.get(i)[1];
            std[i] = evalRows.get(i)[2];
        }
        out.writeCurve(env.id() + " - " + agent.name(), x, mean, std, toArray(episodeSteps), toArray(episodeReturns));
    }

    /**
     * The run so far, as summary.json holds it: written at every epoch (complete false) and at
     * the end (complete true), so an interrupted run still has one.
     */
    public Map<String, Object> summary(long envSteps, boolean complete) {
        double wall = wallSeconds();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("env", env.id());
        m.put("algo", agent.name());
        m.put("seed", rootSeed);
        m.put("env_steps", envSteps);
        m.put("episodes", episodes);
        m.put("final_eval_return", lastEval);
        m.put("best_eval_return", bestEval);
        m.put("wall_s", wall);
        long learning = envSteps - agent.explorationSteps();
        // wall seconds per 1,000 env steps after the agent's initial exploration
        m.put("sec_per_1k_steps", learning <= 0 || Double.isNaN(wallAtExploration) ? Double.NaN
                : (wall - wallAtExploration) / learning * 1000.0);
        Map<String, Double> phases = timer.snapshot();
        phases.putAll(agent.phaseSeconds());
        m.put("phase_s", phases);
        m.put("complete", complete);
        if (resumeNote != null) {
            m.put("resume_note", resumeNote);
        }
        if (cfg.stopReturn() != null) {
            m.put("stopped_at_return", stoppedAtReturn < 0 ? null : stoppedAtReturn);
        }
        if (stoppedByListener >= 0) {
            m.put("stopped_by_listener", stoppedByListener);
        }
        m.put("run_dir", out.path() == null ? null : out.path().toString());
        return m;
    }

    private static Map<String, Object> evalRow(long step, Evaluation ev) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("env_steps", step);
        row.put("mean_return", ev.mean());
        row.put("std_return", ev.std());
        row.put("episodes", ev.episodes());
        row.put("min_return", ev.min());
        row.put("max_return", ev.max());
        row.put("mean_length", ev.meanLength());
        return row;
    }

    // ------------------------------------------------------------------ checkpoints and resume

    private Map<String, Object> checkpointState(long step) {
        Map<String, Object> loop = new LinkedHashMap<>();
        loop.put("episodes", episodes);
        loop.put("epoch", epoch);
        loop.put("last_return", lastReturn);
        loop.put("last_eval", lastEval);
        loop.put("best_eval", bestEval);
        loop.put("interval_return_sum", intervalReturnSum);
        loop.put("interval_length_sum", intervalLengthSum);
        loop.put("interval_episodes", intervalEpisodes);
        loop.put("episode_steps", toArray(episodeSteps));
        loop.put("episode_returns", toArray(episodeReturns));
        loop.put("eval_rows", evalRows);
        loop.put("metrics_rows", metrics.size());
        loop.put("eval_csv_rows", evalLog.size());
        loop.put("wall_s", wallSeconds());
        loop.put("wall_at_exploration_s", wallAtExploration);
        loop.put("phase_s", timer.snapshot());

        Map<String, Object> e = new LinkedHashMap<>();
        StatefulEnv st = env.find(StatefulEnv.class).orElse(null);
        if (st != null) {
            TimeLimit<?> limit = env.find(TimeLimit.class).orElseThrow();
            e.put("state", st.getState());
            e.put("elapsed_steps", limit.elapsedSteps());
            e.put("rng", st.randomState());
            e.put("episode_return", env.currentReturn());
            e.put("episode_length", env.currentLength());
        } else {
            // A physics engine's world (Box2D) cannot be saved: a resumed run starts a new episode.
            e.put("state", null);
            e.put("episode_length", env.currentLength());
        }

        Map<String, Object> s = new LinkedHashMap<>();
        s.put("env_steps", step);
        s.put("loop", loop);
        s.put("env", e);
        s.put("agent_name", agent.name());
        s.put("agent", agent.checkpointState());
        return s;
    }

    /**
     * Continues a run from a checkpoint written by this loop (call before {@link #run()}): the
     * counters, the training env, and the rows of metrics.csv and eval.csv written before it
     * (later rows, from after the checkpoint, are dropped). The agent is restored by the caller.
     */
    @SuppressWarnings("unchecked")
    public void resumeFrom(long envStep, Map<String, Object> s) {
        Map<String, Object> loop = (Map<String, Object>) s.get("loop");
        firstStep = envStep + 1;
        episodes = ((Number) loop.get("episodes")).longValue();
        epoch = ((Number) loop.get("epoch")).longValue();
        lastReturn = number(loop.get("last_return"));
        lastEval = number(loop.get("last_eval"));
        bestEval = number(loop.get("best_eval"));
        intervalReturnSum = number(loop.get("interval_return_sum"));
        intervalLengthSum = number(loop.get("interval_length_sum"));
        intervalEpisodes = ((Number) loop.get("interval_episodes")).intValue();
        for (double v : Json.doubleArray(loop.get("episode_steps"))) {
            episodeSteps.add(v);
        }
        for (double v : Json.doubleArray(loop.get("episode_returns"))) {
            episodeReturns.add(v);
        }
        for (Object row : (List<Object>) loop.get("eval_rows")) {
            evalRows.add(Json.doubleArray(row));
        }
        wallBefore = number(loop.get("wall_s"));
        wallAtExploration = loop.containsKey("wall_at_exploration_s") ? number(loop.get("wall_at_exploration_s"))
                : Double.NaN;
        ((Map<String, Object>) loop.get("phase_s")).forEach((k, v) -> timer.add(k, number(v)));
        int metricsRows = ((Number) loop.get("metrics_rows")).intValue();
        int evalCsvRows = ((Number) loop.get("eval_csv_rows")).intValue();
        out.metrics(metricsHeader()).truncate(metricsRows);
        out.eval().truncate(evalCsvRows);
        resumeEnv = (Map<String, Object>) s.get("env");
    }

    private float[] restoreEnv(Map<String, Object> e) {
        if (e.get("state") == null) {
            // The episode in progress at the checkpoint is abandoned (its transitions stay in the
            // buffers); the new one's seed depends on the run's seed and the episode count alone.
            float[] obs = env.reset(envSeed + 0x9E3779B97F4A7C15L * (episodes + 1)).obs();
            env.restoreProgress(0, 0, episodes);
            resumeNote = env.id() + " cannot save its physics mid-episode: the episode in progress at the checkpoint ("
                    + e.get("episode_length") + " steps) was abandoned and a new one started";
            return obs;
        }
        StatefulEnv st = env.find(StatefulEnv.class).orElseThrow();
        TimeLimit<?> limit = env.find(TimeLimit.class).orElseThrow();
        st.setState(Json.doubleArray(e.get("state")));
        limit.setElapsedSteps(((Number) e.get("elapsed_steps")).intValue());
        st.restoreRandomState(Json.longArray(e.get("rng")));
        env.restoreProgress(number(e.get("episode_return")), ((Number) e.get("episode_length")).intValue(), episodes);
        return st.observe();
    }

    private static double number(Object o) {
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }

    private static double[] toArray(List<Double> l) {
        double[] a = new double[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }
}

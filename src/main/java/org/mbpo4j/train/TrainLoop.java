package org.mbpo4j.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mbpo4j.agent.Agent;
import org.mbpo4j.agent.Evaluation;
import org.mbpo4j.agent.Transition;
import org.mbpo4j.env.Env;
import org.mbpo4j.env.StepResult;
import org.mbpo4j.run.CheckpointStore;
import org.mbpo4j.run.CsvLog;
import org.mbpo4j.run.PhaseTimer;
import org.mbpo4j.run.Plots;
import org.mbpo4j.run.RunDirectory;
import org.mbpo4j.run.config.TrainConfig;

/**
 * The generic training loop: act, step, let the agent observe; every {@code log_interval} steps
 * a metrics row; every epoch an evaluation, the learning curve and a checkpoint. Any
 * {@link Agent} plugs in; learners do their updates inside {@link Agent#observe}.
 *
 * @param <A> the action type
 */
public final class TrainLoop<A> {

    /** What a finished run reports. */
    public record Result(long envSteps, long episodes, double finalEvalReturn, double bestEvalReturn,
                         double wallSeconds, Map<String, Double> phaseSeconds) {
    }

    private final Env<A> env;
    private final Env<A> evalEnv;
    private final Agent<A> agent;
    private final TrainConfig cfg;
    private final long envSeed;
    private final long evalSeed;
    private final RunDirectory dir;
    private final Progress progress;
    private final PhaseTimer timer = new PhaseTimer();

    private final List<Double> episodeSteps = new ArrayList<>();
    private final List<Double> episodeReturns = new ArrayList<>();
    private final List<double[]> evalRows = new ArrayList<>();

    public TrainLoop(Env<A> env, Env<A> evalEnv, Agent<A> agent, TrainConfig cfg, long envSeed, long evalSeed,
                     RunDirectory dir, Progress progress) {
        this.env = env;
        this.evalEnv = evalEnv;
        this.agent = agent;
        this.cfg = cfg;
        this.envSeed = envSeed;
        this.evalSeed = evalSeed;
        this.dir = dir;
        this.progress = progress;
    }

    public Result run() {
        long start = System.nanoTime();
        List<String> phases = List.of("env", "agent", "eval", "io");
        for (String p : phases) {
            timer.add(p, 0);
        }
        List<String> header = new ArrayList<>(List.of("env_steps", "episodes", "epoch", "episode_return_mean",
                "episode_return_last", "episode_length_mean", "steps_per_s", "wall_s"));
        for (String p : phases) {
            header.add("phase_" + p + "_s");
        }
        header.addAll(agent.metrics().keySet());
        CsvLog metrics = dir.metrics(header);
        CsvLog evalLog = dir.eval();
        CheckpointStore checkpoints = new CheckpointStore(dir.checkpointsDir(), cfg.keepCheckpoints());

        float[] obs = env.reset(envSeed).obs();
        double epReturn = 0;
        int epLength = 0;
        long episodes = 0;
        double intervalReturnSum = 0;
        double intervalLengthSum = 0;
        int intervalEpisodes = 0;
        double lastReturn = Double.NaN;
        double lastEval = Double.NaN;
        double bestEval = Double.NaN;
        long intervalStart = System.nanoTime();
        long epoch = 0;

        for (long step = 1; step <= cfg.steps(); step++) {
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
            epReturn += r.reward();
            epLength++;
            if (r.done()) {
                episodes++;
                lastReturn = epReturn;
                intervalReturnSum += epReturn;
                intervalLengthSum += epLength;
                intervalEpisodes++;
                episodeSteps.add((double) step);
                episodeReturns.add(epReturn);
                epReturn = 0;
                epLength = 0;
                try (var t = timer.time("env")) {
                    obs = env.reset(null).obs();
                }
            } else {
                obs = r.obs();
            }

            boolean last = step == cfg.steps();
            if (step % cfg.logInterval() == 0 || last) {
                double secs = (System.nanoTime() - intervalStart) / 1e9;
                long stepsInInterval = step % cfg.logInterval() == 0 ? cfg.logInterval() : step % cfg.logInterval();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("env_steps", step);
                row.put("episodes", episodes);
                row.put("epoch", epoch);
                row.put("episode_return_mean", intervalEpisodes == 0 ? Double.NaN : intervalReturnSum / intervalEpisodes);
                row.put("episode_return_last", lastReturn);
                row.put("episode_length_mean", intervalEpisodes == 0 ? Double.NaN : intervalLengthSum / intervalEpisodes);
                row.put("steps_per_s", stepsInInterval / Math.max(secs, 1e-9));
                row.put("wall_s", (System.nanoTime() - start) / 1e9);
                for (String p : phases) {
                    row.put("phase_" + p + "_s", timer.seconds(p));
                }
                row.putAll(agent.metrics());
                try (var t = timer.time("io")) {
                    metrics.append(row);
                }
                progress.log(String.format("step %d/%d  episodes %d  return(last) %.1f  eval %.1f  %.0f steps/s",
                        step, cfg.steps(), episodes, lastReturn, lastEval, stepsInInterval / Math.max(secs, 1e-9)));
                intervalReturnSum = 0;
                intervalLengthSum = 0;
                intervalEpisodes = 0;
                intervalStart = System.nanoTime();
            }

            if (step % cfg.epochLength() == 0 || last) {
                epoch++;
                if (cfg.evalEpisodes() > 0) {
                    Evaluation ev;
                    try (var t = timer.time("eval")) {
                        ev = Evaluation.run(evalEnv, agent, cfg.evalEpisodes(), evalSeed, true);
                    }
                    lastEval = ev.mean();
                    bestEval = Double.isNaN(bestEval) ? lastEval : Math.max(bestEval, lastEval);
                    evalRows.add(new double[] {step, ev.mean(), ev.std()});
                    try (var t = timer.time("io")) {
                        evalLog.append(evalRow(step, ev));
                        writeCurve();
                    }
                }
                if (epoch % cfg.checkpointEvery() == 0 || last) {
                    try (var t = timer.time("io")) {
                        checkpoints.save(step, checkpointState(step, episodes, epoch));
                    }
                }
            }
            progress.update(step, Double.isNaN(lastEval) ? "" : String.format("eval %.1f", lastEval));
        }
        if (evalRows.isEmpty()) {
            writeCurve();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        return new Result(cfg.steps(), episodes, lastEval, bestEval, wall, timer.snapshot());
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

    private Map<String, Object> checkpointState(long step, long episodes, long epoch) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("env_steps", step);
        s.put("episodes", episodes);
        s.put("epoch", epoch);
        s.put("agent_name", agent.name());
        s.put("agent", agent.checkpointState());
        return s;
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
        Plots.learningCurve(dir.path().resolve("curve.png"), env.id() + " - " + agent.name(), x, mean, std,
                toArray(episodeSteps), toArray(episodeReturns));
    }

    private static double[] toArray(List<Double> l) {
        double[] a = new double[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }
}

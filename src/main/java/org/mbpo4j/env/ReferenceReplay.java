package org.mbpo4j.env;

import static org.mbpo4j.env.RecordedCases.doubles;
import static org.mbpo4j.env.RecordedCases.field;
import static org.mbpo4j.env.RecordedCases.maxAbsDiff;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays trajectories recorded from the real Gymnasium envs (the {@code gymref} format: one
 * JSON case per line, with the internal state before the first step, the actions, and every
 * step's obs, reward, flags and state) and measures how far an env strays from them.
 *
 * <p>Two modes, as the format's README describes: <b>one-step</b> (teacher forced: each step
 * starts from the recorded state and step count, so every step is checked independently) and
 * <b>open loop</b> (the whole action sequence from the initial state, for the first
 * {@code stable_steps} steps, where the recording is known to be free of chaotic drift).
 *
 * <p>Continuous envs checked on discrete recordings (CartPoleContinuous-v1 on CartPole-v1)
 * get action {@code 2k - 1} for recorded action {@code k}, which gives the same force.
 */
public final class ReferenceReplay {
    /** Pass thresholds. */
    public static final double STATE_TOL = 1e-9;
    public static final double OBS_TOL = 1e-6;
    public static final double REWARD_TOL = 1e-9;
    public static final double OPEN_LOOP_OBS_TOL = 1e-5;

    private static final int MAX_PROBLEMS = 10;

    /**
     * The result of a replay.
     *
     * @param problems human-readable descriptions of the first discrepancies (empty on a pass)
     */
    public record Report(String env, Path file, int cases, int steps, double maxStateErr, double maxObsErr,
                         double maxRewardErr, int flagMismatches, double openLoopMaxObsErr, boolean pass,
                         List<String> problems) {

        /** The one-line JSON object of {@code ./mbpo check-env --reference}. */
        public Map<String, Object> toJsonMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("env", env);
            m.put("cases", cases);
            m.put("steps", steps);
            m.put("max_state_err", maxStateErr);
            m.put("max_obs_err", maxObsErr);
            m.put("max_reward_err", maxRewardErr);
            m.put("flag_mismatches", flagMismatches);
            m.put("open_loop_max_obs_err", openLoopMaxObsErr);
            m.put("pass", pass);
            return m;
        }
    }

    private ReferenceReplay() {
    }

    /**
     * The reference file for {@code id} in {@code dir}: {@code <id>.jsonl}, else the file of
     * the spec's reference id.
     *
     * @throws IllegalArgumentException naming what was looked for when there is none
     */
    public static Path referenceFile(Path dir, String id) {
        RecordedCases.requireDirectory(dir);
        Path own = dir.resolve(id + ".jsonl");
        if (Files.isRegularFile(own)) {
            return own;
        }
        String ref = Envs.spec(id).referenceId();
        Path alias = dir.resolve(ref + ".jsonl");
        if (Files.isRegularFile(alias)) {
            return alias;
        }
        throw new IllegalArgumentException("no reference trajectories for " + id + " in " + dir
                + " (looked for " + own.getFileName() + (ref.equals(id) ? "" : " and " + alias.getFileName()) + ")");
    }

    /** Replays every case of the reference file for {@code id} found in {@code dir}. */
    public static Report run(String id, Path dir) throws IOException {
        Path file = referenceFile(dir, id);
        Replay r = new Replay(id, file);
        try (InputStream in = Files.newInputStream(file)) {
            RecordedCases.forEach(in, file, r::replayCase);
        }
        if (r.cases == 0) {
            throw new IllegalArgumentException(file + " holds no cases");
        }
        return r.report();
    }

    /** The mutable tallies of one replay. */
    private static final class Replay {
        private final String id;
        private final Path file;
        private final List<String> problems = new ArrayList<>();
        private int cases;
        private int steps;
        private double maxStateErr;
        private double maxObsErr;
        private double maxRewardErr;
        private int flagMismatches;
        private double openLoopMaxObsErr;

        Replay(String id, Path file) {
            this.id = id;
            this.file = file;
        }

        void replayCase(JsonNode c, String where) {
            Env<?> env = Envs.make(id);
            StatefulEnv stateful = env.find(StatefulEnv.class).orElseThrow(() ->
                    new IllegalArgumentException(id + " does not expose its state (StatefulEnv); it cannot be replayed"));
            TimeLimit<?> limit = env.find(TimeLimit.class).orElseThrow();
            int caseNo = field(c, "case", where).asInt();
            String label = "case " + caseNo;
            int n = field(c, "num_steps", where).asInt();
            int stable = field(c, "stable_steps", where).asInt();
            int maxSteps = field(c, "max_episode_steps", where).asInt();
            if (maxSteps != limit.maxEpisodeSteps()) {
                problem(label + ": recorded time limit " + maxSteps + " but " + id + " is registered with "
                        + limit.maxEpisodeSteps());
                flagMismatches++;
            }
            double[] init = doubles(field(c, "init_state", where));
            JsonNode actions = field(c, "actions", where);
            JsonNode obs = field(c, "obs", where);
            JsonNode rewards = field(c, "reward", where);
            JsonNode terminated = field(c, "terminated", where);
            JsonNode truncated = field(c, "truncated", where);
            JsonNode states = field(c, "state", where);
            for (JsonNode arr : List.of(actions, obs, rewards, terminated, truncated, states)) {
                if (arr.size() != n) {
                    throw new IllegalArgumentException(where + ": arrays must hold num_steps=" + n + " entries");
                }
            }
            cases++;

            // Mode 1: one step from each recorded state.
            stateful.setState(init);
            obsError(stateful.observe(), doubles(field(c, "init_obs", where)), label + " init_obs", false);
            for (int j = 0; j < n; j++) {
                stateful.setState(j == 0 ? init : doubles(states.get(j - 1)));
                limit.setElapsedSteps(Math.min(j, maxSteps - 1));
                StepResult s = step(env, actions.get(j), where);
                steps++;
                String at = label + " step " + (j + 1);
                double se = maxAbsDiff(stateful.getState(), doubles(states.get(j)));
                if (se > STATE_TOL) {
                    problem(at + ": state error " + se);
                }
                maxStateErr = Math.max(maxStateErr, se);
                obsError(s.obs(), doubles(obs.get(j)), at, false);
                double re = Math.abs(s.reward() - rewards.get(j).asDouble());
                if (!(re <= REWARD_TOL)) {
                    problem(at + ": reward " + s.reward() + " vs recorded " + rewards.get(j).asDouble());
                }
                maxRewardErr = Math.max(maxRewardErr, Double.isNaN(re) ? Double.POSITIVE_INFINITY : re);
                checkFlags(s, terminated.get(j), truncated.get(j), at);
            }

            // Mode 2: open loop from the initial state.
            stateful.setState(init);
            limit.setElapsedSteps(0);
            for (int j = 0; j < Math.min(stable, n); j++) {
                StepResult s = step(env, actions.get(j), where);
                String at = label + " open-loop step " + (j + 1);
                obsError(s.obs(), doubles(obs.get(j)), at, true);
                checkFlags(s, terminated.get(j), truncated.get(j), at);
                if (s.done()) {
                    break;
                }
            }
        }

        private void obsError(float[] got, double[] want, String at, boolean openLoop) {
            double e = maxAbsDiff(toDouble(got), want);
            double tol = openLoop ? OPEN_LOOP_OBS_TOL : OBS_TOL;
            if (!(e <= tol)) {
                problem(at + ": obs error " + e);
            }
            if (openLoop) {
                openLoopMaxObsErr = Math.max(openLoopMaxObsErr, e);
            } else {
                maxObsErr = Math.max(maxObsErr, e);
            }
        }

        private void checkFlags(StepResult s, JsonNode term, JsonNode trunc, String at) {
            boolean wantTerm = term.asInt() != 0;
            boolean wantTrunc = trunc.asInt() != 0;
            if (s.terminated() != wantTerm || s.truncated() != wantTrunc) {
                flagMismatches++;
                problem(at + ": flags terminated=" + s.terminated() + " truncated=" + s.truncated()
                        + " vs recorded " + wantTerm + "/" + wantTrunc);
            }
        }

        private void problem(String p) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(p);
            }
        }

        Report report() {
            boolean pass = maxStateErr <= STATE_TOL && maxObsErr <= OBS_TOL && maxRewardErr <= REWARD_TOL
                    && flagMismatches == 0 && openLoopMaxObsErr <= OPEN_LOOP_OBS_TOL;
            return new Report(id, file, cases, steps, maxStateErr, maxObsErr, maxRewardErr, flagMismatches,
                    openLoopMaxObsErr, pass, List.copyOf(problems));
        }
    }

    @SuppressWarnings("unchecked")
    private static StepResult step(Env<?> env, JsonNode recorded, String where) {
        Space<?> space = env.actionSpace();
        if (space instanceof Box box) {
            float[] a = new float[box.size()];
            if (recorded.isArray()) {
                if (recorded.size() != a.length) {
                    throw new IllegalArgumentException(where + ": recorded action " + recorded + " does not fit " + box);
                }
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) recorded.get(i).asDouble();
                }
            } else if (recorded.isInt() && a.length == 1) {
                a[0] = 2 * recorded.asInt() - 1;
            } else {
                throw new IllegalArgumentException(where + ": recorded action " + recorded + " does not fit " + box);
            }
            return ((Env<float[]>) env).step(a);
        }
        if (!recorded.isInt()) {
            throw new IllegalArgumentException(where + ": recorded action " + recorded + " does not fit " + space);
        }
        return ((Env<Integer>) env).step(recorded.asInt());
    }



    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

}

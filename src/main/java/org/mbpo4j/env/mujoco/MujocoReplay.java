package org.mbpo4j.env.mujoco;

import static org.mbpo4j.env.RecordedCases.doubles;
import static org.mbpo4j.env.RecordedCases.field;
import static org.mbpo4j.env.RecordedCases.maxAbsDiff;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.mbpo4j.env.Env;
import org.mbpo4j.env.Envs;
import org.mbpo4j.env.RecordedCases;
import org.mbpo4j.env.StepResult;
import org.mbpo4j.env.TimeLimit;
import org.mbpo4j.io.TextFiles;

/**
 * Replays trajectories recorded from Gymnasium's MuJoCo envs (the {@code mujocoref} format: one
 * JSON case per line with the state after reset, the float32 actions, and every step's
 * observation, reward, flags, info and MuJoCo state) and measures how far the port strays.
 *
 * <p><b>Teacher forced</b>: every step starts from the recorded {@code qpos}, {@code qvel} and
 * {@code qacc_warmstart} of the step before (step 0 from the recorded reset state, entered as
 * Gymnasium's reset does: {@code mj_resetData}, the state, {@code mj_forward}). What Gymnasium
 * reads from {@code mjData} before a step (the torso's or the centre of mass's position as the
 * previous step left it) comes from the port's own previous step, so each step is checked on
 * its own. Compared: {@code qpos}, {@code qvel}, the observation (in double precision, before
 * the float32 the env API returns), the reward, every numeric info entry, and the flags.
 *
 * <p><b>Open loop</b>: the whole action sequence from the reset state, over the first
 * {@code stable_steps} steps (over which the real env stays within 1e-5 of itself when its
 * initial state moves by 1e-12): observations and flags.
 *
 * <p><b>Thresholds</b> follow the library in use ({@link Thresholds#of}): with MuJoCo 3.14, which
 * recorded the references, the replay is exact; MuJoCo 2.2.2 differs by its solver's tolerance.
 */
public final class MujocoReplay {
    private static final int MAX_PROBLEMS = 10;

    /**
     * The pass thresholds for a library and task.
     *
     * @param state    qpos and qvel after a teacher-forced step (absolute)
     * @param obs      observation after a teacher-forced step ({@code |a - b| / max(1, |b|)})
     * @param reward   reward and info entries after a teacher-forced step (the same measure)
     * @param openLoop observation over the open-loop steps (the same measure)
     */
    public record Thresholds(double state, double obs, double reward, double openLoop) {

        /**
         * Exact on 3.14, which recorded the references (1e-12, to allow nothing but the last bit
         * of a sine). On 2.2.2 (with the doubled contact margins) the differences measured on set
         * A, with a margin of about 3: solver tolerance in Ant and Reacher, Humanoid's PGS solver
         * stopping after 50 iterations (4e-5 in qvel, 6e-4 relative in its contact forces), and
         * open-loop drift in the chaotic HalfCheetah and Ant.
         */
        public static Thresholds of(String version, String id) {
            if (!version.startsWith("2.")) {
                return new Thresholds(1e-12, 1e-12, 1e-12, 1e-12);
            }
            String task = id.substring(0, id.indexOf('-'));
            return switch (task) {
                case "Humanoid" -> new Thresholds(1.5e-4, 3e-3, 1e-4, 3e-3);
                case "Ant" -> new Thresholds(3e-6, 3e-6, 1e-6, 1e-5);
                case "Reacher" -> new Thresholds(1e-6, 1e-6, 1e-11, 1e-6);
                case "HalfCheetah" -> new Thresholds(1e-10, 1e-10, 1e-11, 1e-7);
                default -> new Thresholds(1e-11, 1e-11, 1e-11, 1e-9);
            };
        }

        Map<String, Object> toJsonMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("state", state);
            m.put("obs", obs);
            m.put("reward", reward);
            m.put("open_loop_obs", openLoop);
            return m;
        }
    }

    /** The result of a replay; {@code problems} describes the first discrepancies (empty on a pass). */
    public record Report(String env, Path file, String library, String version, int cases, int steps,
                         double maxStateErr, double maxObsErr, double maxRewardErr, double maxInfoErr,
                         int flagMismatches, int openLoopSteps, double openLoopMaxObsErr, Thresholds thresholds,
                         boolean pass, List<String> problems) {

        /** The one-line JSON object of {@code ./mbpo check-env ID --reference DIR}. */
        public Map<String, Object> toJsonMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("env", env);
            m.put("mujoco", version);
            m.put("library", library);
            m.put("cases", cases);
            m.put("steps", steps);
            m.put("max_state_err", maxStateErr);
            m.put("max_obs_err", maxObsErr);
            m.put("max_reward_err", maxRewardErr);
            m.put("max_info_err", maxInfoErr);
            m.put("flag_mismatches", flagMismatches);
            m.put("open_loop_steps", openLoopSteps);
            m.put("open_loop_max_obs_err", openLoopMaxObsErr);
            m.put("thresholds", thresholds.toJsonMap());
            m.put("pass", pass);
            return m;
        }
    }

    private MujocoReplay() {
    }

    /**
     * Whether {@code dir} holds a recording of {@code id} in this format: {@code <id>.jsonl} (or
     * {@code <id>.jsonl.gz}) whose first case has {@code init_qpos}.
     */
    public static boolean isMujocoReference(Path dir, String id) {
        Path f = file(dir, id);
        if (f == null) {
            return false;
        }
        try (TextFiles.LineReader r = new TextFiles.LineReader(open(f), f)) {
            String line = r.readLine();
            return line != null && line.contains("\"init_qpos\"");
        } catch (IOException e) {
            // Only this replay reads gzip: a .gz file it cannot read is still its to report on.
            return f.getFileName().toString().endsWith(".gz");
        }
    }

    /** {@code dir/<id>.jsonl}, else {@code dir/<id>.jsonl.gz}, else null. */
    private static Path file(Path dir, String id) {
        for (String name : new String[] {id + ".jsonl", id + ".jsonl.gz"}) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        return null;
    }

    /** The bytes of {@code f}'s text: decompressed when its name ends in .gz. */
    private static InputStream open(Path f) throws IOException {
        InputStream in = Files.newInputStream(f);
        if (f.getFileName().toString().endsWith(".gz")) {
            try {
                return new GZIPInputStream(in);
            } catch (IOException | RuntimeException e) {
                in.close();
                throw e;
            }
        }
        return in;
    }

    /**
     * Replays every case of {@code dir/<id>.jsonl} (or {@code .jsonl.gz}).
     *
     * @throws IllegalArgumentException naming the file and line of a malformed case
     */
    public static Report run(String id, Path dir) throws IOException {
        RecordedCases.requireDirectory(dir);
        Path file = file(dir, id);
        if (file == null) {
            throw new IllegalArgumentException("no reference trajectories for " + id + " in " + dir + " (looked for "
                    + id + ".jsonl and " + id + ".jsonl.gz)");
        }
        MujocoLibrary lib = MujocoLibrary.get();
        Replay r = new Replay(id, file, Thresholds.of(lib.version(), id));
        try (InputStream in = open(file)) {
            RecordedCases.forEach(in, file, r::replayCase);
        } catch (ZipException | EOFException e) {
            // Only the gzip stream fails so: a file ending in .gz that is not (whole) gzip data.
            throw new IllegalArgumentException(file + " is not valid gzip data (" + e.getMessage() + "): expected "
                    + RecordedCases.EXPECTED + ", gzip-compressed", e);
        }
        if (r.cases == 0) {
            throw new IllegalArgumentException(file + " holds no cases");
        }
        return r.report(lib);
    }

    /** The tallies of one replay. */
    private static final class Replay {
        private final String id;
        private final Path file;
        private final Thresholds tol;
        private final List<String> problems = new ArrayList<>();
        private int cases;
        private int steps;
        private int openLoopSteps;
        private double maxStateErr;
        private double maxObsErr;
        private double maxRewardErr;
        private double maxInfoErr;
        private int flagMismatches;
        private double openLoopMaxObsErr;

        Replay(String id, Path file, Thresholds tol) {
            this.id = id;
            this.file = file;
            this.tol = tol;
        }

        @SuppressWarnings("unchecked")
        void replayCase(JsonNode c, String where) {
            Env<?> made = Envs.make(id);
            try {
                MujocoEnv env = made.find(MujocoEnv.class).orElseThrow(() ->
                        new IllegalArgumentException(id + " is not a MuJoCo env"));
                TimeLimit<float[]> limit = made.find(TimeLimit.class).orElseThrow();
                Env<float[]> stepper = (Env<float[]>) made;
                replay(c, where, env, limit, stepper);
            } finally {
                made.close();
            }
        }

        private void replay(JsonNode c, String where, MujocoEnv env, TimeLimit<float[]> limit, Env<float[]> stepper) {
            String label = "case " + field(c, "case", where).asInt();
            int n = field(c, "num_steps", where).asInt();
            int stable = field(c, "stable_steps", where).asInt();
            if (field(c, "max_episode_steps", where).asInt() != limit.maxEpisodeSteps()) {
                flagMismatches++;
                problem(label + ": recorded time limit " + c.get("max_episode_steps") + " but " + id
                        + " is registered with " + limit.maxEpisodeSteps());
            }
            MjSim sim0 = env.sim();
            if (field(c, "frame_skip", where).asInt() != env.frameSkip()
                    || field(c, "timestep", where).asDouble() != sim0.timestep
                    || field(c, "integrator", where).asInt() != sim0.integrator()
                    || field(c, "solver", where).asInt() != sim0.solver()) {
                throw new IllegalArgumentException(where + ": recorded with frame_skip " + c.get("frame_skip")
                        + ", timestep " + c.get("timestep") + ", integrator " + c.get("integrator") + ", solver "
                        + c.get("solver") + "; " + id + " has " + env.frameSkip() + ", " + sim0.timestep + ", "
                        + sim0.integrator() + ", " + sim0.solver() + " (a recording of another model?)");
            }
            double[] initQpos = doubles(field(c, "init_qpos", where));
            double[] initQvel = doubles(field(c, "init_qvel", where));
            JsonNode actions = field(c, "actions", where);
            JsonNode obs = field(c, "obs", where);
            JsonNode rewards = field(c, "reward", where);
            JsonNode terminated = field(c, "terminated", where);
            JsonNode truncated = field(c, "truncated", where);
            JsonNode qpos = field(c, "qpos", where);
            JsonNode qvel = field(c, "qvel", where);
            JsonNode warm = field(c, "qacc_warmstart", where);
            JsonNode info = field(c, "info", where);
            for (JsonNode arr : List.of(actions, obs, rewards, terminated, truncated, qpos, qvel, warm)) {
                if (arr.size() != n) {
                    throw new IllegalArgumentException(where + ": arrays must hold num_steps=" + n + " entries");
                }
            }
            if (initQpos.length != env.sim().nq || initQvel.length != env.sim().nv) {
                throw new IllegalArgumentException(where + ": init_qpos/init_qvel hold " + initQpos.length + "/"
                        + initQvel.length + " values, the model has nq=" + env.sim().nq + ", nv=" + env.sim().nv);
            }
            cases++;

            // Teacher forced: each step from the recorded state before it.
            stepper.reset(0L);
            env.resetTo(initQpos, initQvel);
            obsError(env.observation64(), doubles(field(c, "init_obs", where)), label + " init_obs", false);
            JsonNode resetInfo = c.get("reset_info");
            if (resetInfo != null) {
                infoError(env.currentResetInfo(), resetInfo, -1, label + " reset_info");
            }
            for (int j = 0; j < n; j++) {
                if (j > 0) {
                    env.restorePhysics(doubles(qpos.get(j - 1)), doubles(qvel.get(j - 1)), doubles(warm.get(j - 1)));
                }
                limit.setElapsedSteps(Math.min(j, limit.maxEpisodeSteps() - 1));
                StepResult s = stepper.step(action(actions.get(j), env, where));
                steps++;
                String at = label + " step " + (j + 1);
                MjSim sim = env.sim();
                double[] q = new double[sim.nq];
                double[] v = new double[sim.nv];
                sim.getQpos(q, 0);
                sim.getQvel(v, 0);
                double se = Math.max(maxAbsDiff(q, doubles(qpos.get(j))), maxAbsDiff(v, doubles(qvel.get(j))));
                if (!(se <= tol.state())) {
                    problem(at + ": state error " + se);
                }
                maxStateErr = max(maxStateErr, se);
                obsError(env.observation64(), doubles(obs.get(j)), at, false);
                double want = rewards.get(j).asDouble();
                double re = relErr(s.reward(), want);
                if (!(re <= tol.reward())) {
                    problem(at + ": reward " + s.reward() + " vs recorded " + want);
                }
                maxRewardErr = max(maxRewardErr, re);
                infoError(s.info(), info, j, at);
                checkFlags(s, terminated.get(j), truncated.get(j), at);
                if (s.done()) {
                    break;
                }
            }

            // Open loop over the stable steps.
            stepper.reset(0L);
            env.resetTo(initQpos, initQvel);
            limit.setElapsedSteps(0);
            for (int j = 0; j < Math.min(stable, n); j++) {
                StepResult s = stepper.step(action(actions.get(j), env, where));
                openLoopSteps++;
                String at = label + " open-loop step " + (j + 1);
                obsError(env.observation64(), doubles(obs.get(j)), at, true);
                checkFlags(s, terminated.get(j), truncated.get(j), at);
                if (s.done()) {
                    break;
                }
            }
        }

        private static float[] action(JsonNode a, MujocoEnv env, String where) {
            if (!a.isArray() || a.size() != env.sim().nu) {
                throw new IllegalArgumentException(where + ": recorded action " + a + " does not fit " + env.actionSpace());
            }
            float[] f = new float[a.size()];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) a.get(i).asDouble();
            }
            return f;
        }

        private void obsError(double[] got, double[] want, String at, boolean openLoop) {
            double e = maxRelDiff(got, want);
            double t = openLoop ? tol.openLoop() : tol.obs();
            if (!(e <= t)) {
                problem(at + ": obs error " + e);
            }
            if (openLoop) {
                openLoopMaxObsErr = max(openLoopMaxObsErr, e);
            } else {
                maxObsErr = max(maxObsErr, e);
            }
        }

        /** Compares each recorded numeric info entry (step {@code j}, or the reset info for j = -1). */
        private void infoError(Map<String, Object> got, JsonNode recorded, int j, String at) {
            Iterator<Map.Entry<String, JsonNode>> it = recorded.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode want = j < 0 ? e.getValue() : e.getValue().get(j);
                Object mine = got.get(e.getKey());
                if (mine == null) {
                    maxInfoErr = Double.POSITIVE_INFINITY;
                    problem(at + ": info has no '" + e.getKey() + "'");
                    continue;
                }
                double err;
                if (want.isArray()) {
                    double[] m = mine instanceof double[] d ? d : new double[0];
                    err = maxAbsDiff(m, doubles(want));
                } else if (mine instanceof Number num) {
                    err = relErr(num.doubleValue(), want.asDouble());
                } else {
                    err = Double.POSITIVE_INFINITY;
                }
                if (!(err <= tol.reward())) {
                    problem(at + ": info '" + e.getKey() + "' " + (mine instanceof double[] d
                            ? java.util.Arrays.toString(d) : mine) + " vs recorded " + want);
                }
                maxInfoErr = max(maxInfoErr, err);
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

        Report report(MujocoLibrary lib) {
            boolean pass = maxStateErr <= tol.state() && maxObsErr <= tol.obs() && maxRewardErr <= tol.reward()
                    && maxInfoErr <= tol.reward() && flagMismatches == 0 && openLoopMaxObsErr <= tol.openLoop();
            return new Report(id, file, lib.path(), lib.version(), cases, steps, maxStateErr, maxObsErr, maxRewardErr,
                    maxInfoErr, flagMismatches, openLoopSteps, openLoopMaxObsErr, tol, pass, List.copyOf(problems));
        }
    }



    /** |a - b|, relative to |b| where |b| > 1; infinite for NaN. */
    private static double relErr(double a, double b) {
        double d = Math.abs(a - b) / Math.max(1, Math.abs(b));
        return Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
    }

    private static double max(double a, double b) {
        return Double.isNaN(b) ? Double.POSITIVE_INFINITY : Math.max(a, b);
    }

    /** The largest {@code |a - b| / max(1, |b|)}: absolute for small values, relative for large ones (forces). */
    private static double maxRelDiff(double[] a, double[] b) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = max(m, relErr(a[i], b[i]));
        }
        return m;
    }

}

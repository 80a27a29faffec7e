package org.mbpo4j.env.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mbpo4j.env.CheckReport;
import org.mbpo4j.env.Env;
import org.mbpo4j.env.EnvChecker;
import org.mbpo4j.env.EnvKwargs;
import org.mbpo4j.env.Envs;
import org.mbpo4j.env.StepResult;
import org.mbpo4j.env.TaskRules;

/**
 * Each MuJoCo task's {@link TaskRules} against the real env: on the observations Gymnasium
 * recorded (termination as a model rollout computes it, and the reward where it can be computed
 * from observations), on the env's own rows over random episodes (the env checker), and on the
 * edge cases other ports got wrong.
 */
class MujocoRulesTest {

    static List<String> ids() {
        return MujocoTests.IDS;
    }

    /** Termination from Gymnasium's recorded observations, as model rollouts compute it; needs no library. */
    @ParameterizedTest
    @MethodSource("ids")
    void terminationFromRecordedObservations(String id) {
        TaskRules rules = Envs.spec(id).rules();
        int od = rules.obsDim();
        int sd = rules.stateDim();
        int checked = 0;
        int terminal = 0;
        for (JsonNode c : SetA.cases(id)) {
            int n = c.get("num_steps").asInt();
            double[] obs = SetA.rows(c.get("obs"), n);
            assertEquals(n * od, obs.length, id + ": observation length");
            double[] states = new double[n * sd];
            rules.stateFromObs(obs, n, states);
            boolean[] term = new boolean[n];
            rules.terminated(states, n, term);
            for (int j = 0; j < n; j++) {
                boolean want = c.get("terminated").get(j).asInt() != 0;
                assertEquals(want, term[j], id + " case " + c.get("case") + " step " + (j + 1) + ": obs "
                        + Arrays.toString(Arrays.copyOfRange(obs, j * od, (j + 1) * od)));
                terminal += want ? 1 : 0;
                checked++;
            }
        }
        assertTrue(checked >= 5, id);
        if (id.startsWith("Hopper") || id.startsWith("Walker") || id.startsWith("Humanoid")
                || id.startsWith("Inverted")) {
            assertEquals(5, terminal, id + ": every recorded episode of set A ends by termination");
        }
    }

    /** The reward from recorded observations, where the rules say it can be computed from them. */
    @ParameterizedTest
    @MethodSource("ids")
    void rewardFromRecordedObservations(String id) {
        TaskRules rules = Envs.spec(id).rules();
        if (rules.rewardNotFromObs() != null) {
            assertFalse(rules.rewardNotFromObs().isBlank(), id);
            return;
        }
        int od = rules.obsDim();
        int sd = rules.stateDim();
        int ad = rules.actionDim();
        for (JsonNode c : SetA.cases(id)) {
            int n = c.get("num_steps").asInt();
            double[] obs = SetA.rows(c.get("obs"), n);
            double[] before = new double[n * od];
            System.arraycopy(SetA.doubles(c.get("init_obs")), 0, before, 0, od);
            System.arraycopy(obs, 0, before, od, (n - 1) * od);
            double[] s = new double[n * sd];
            double[] next = new double[n * sd];
            rules.stateFromObs(before, n, s);
            rules.stateFromObs(obs, n, next);
            double[] actions = SetA.rows(c.get("actions"), n);
            assertEquals(n * ad, actions.length);
            boolean[] term = new boolean[n];
            for (int j = 0; j < n; j++) {
                term[j] = c.get("terminated").get(j).asInt() != 0;
            }
            double[] r = new double[n];
            rules.reward(s, actions, next, term, n, r);
            for (int j = 0; j < n; j++) {
                assertEquals(c.get("reward").get(j).asDouble(), r[j], 1e-12, id + " step " + (j + 1));
            }
        }
    }

    /** The env checker's rules checks run on the env's own rows over random episodes, for every id. */
    @ParameterizedTest
    @MethodSource("ids")
    void envCheckerPasses(String id) {
        MujocoTests.assumeLibrary();
        CheckReport report = EnvChecker.check(Envs.spec(id), 3, 600);
        assertTrue(report.passed(), id + ":\n" + report.toText());
        for (String check : List.of(EnvChecker.RULES_TERMINATED, EnvChecker.RULES_REWARD,
                EnvChecker.RULES_STATE_FROM_OBS)) {
            assertEquals(CheckReport.Status.PASS, report.status(check), id + " " + check + ":\n" + report.toText());
        }
    }

    /**
     * Termination as a model rollout computes it, from the env's float32 observations over random
     * episodes, against the env's flags: exact for every id but InvertedDoublePendulum, whose tip
     * height from observations lags Gymnasium's by one sub-step (rarely on the other side of z = 1).
     */
    @ParameterizedTest
    @MethodSource("ids")
    void terminationFromObservationsOverRandomEpisodes(String id) {
        MujocoTests.assumeLibrary();
        TaskRules rules = Envs.spec(id).rules();
        int od = rules.obsDim();
        double[] obs = new double[od];
        double[] state = new double[rules.stateDim()];
        boolean[] out = new boolean[1];
        int steps = 0;
        int terminal = 0;
        int mismatches = 0;
        @SuppressWarnings("unchecked")
        Env<float[]> env = (Env<float[]>) Envs.make(id);
        try (env) {
            java.util.Random rnd = new java.util.Random(17);
            org.mbpo4j.env.Box box = (org.mbpo4j.env.Box) env.actionSpace();
            env.reset(2024L);
            while (steps < 3000) {
                float[] a = new float[box.size()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = box.low(i) + rnd.nextFloat() * (box.high(i) - box.low(i));
                }
                StepResult s = env.step(a);
                steps++;
                for (int i = 0; i < od; i++) {
                    obs[i] = s.obs()[i];
                }
                rules.stateFromObs(obs, 1, state);
                rules.terminated(state, 1, out);
                terminal += s.terminated() ? 1 : 0;
                mismatches += out[0] != s.terminated() ? 1 : 0;
                if (s.done()) {
                    env.reset((long) steps);
                }
            }
        }
        if (id.startsWith("InvertedDoublePendulum")) {
            assertTrue(mismatches <= terminal / 10, id + ": " + mismatches + " of " + terminal + " terminations");
        } else {
            assertEquals(0, mismatches, id + ": " + terminal + " terminal of " + steps);
        }
    }

    /**
     * MBPO's own Hopper termination function writes {@code np.abs(next_obs[:, 1:] < 100)}: the
     * absolute value of a comparison, so a large negative entry never terminates. Here each entry
     * is compared with both bounds.
     */
    @Test
    void hopperTerminatesOnLargeNegativeStateEntries() {
        TaskRules rules = Envs.spec("Hopper-v4").rules();
        int sd = rules.stateDim();
        double[] row = new double[sd];
        row[0] = 1.25; // z
        boolean[] out = new boolean[1];
        rules.terminated(row, 1, out);
        assertFalse(out[0], "upright and still is healthy");
        for (int j = 2; j < rules.obsDim(); j++) {
            for (double v : new double[] {-150, 150, -100, 100}) {
                double[] r = row.clone();
                r[j] = v;
                rules.terminated(r, 1, out);
                assertTrue(out[0], "entry " + j + " = " + v + " is outside the open range (-100, 100)");
            }
            double[] r = row.clone();
            r[j] = -99.9;
            rules.terminated(r, 1, out);
            assertFalse(out[0], "entry " + j + " = -99.9 is inside");
        }
        double[] low = row.clone();
        low[0] = 0.7;
        rules.terminated(low, 1, out);
        assertTrue(out[0], "z = 0.7 is not strictly above 0.7");
        double[] tilted = row.clone();
        tilted[1] = -0.2;
        rules.terminated(tilted, 1, out);
        assertTrue(out[0], "angle -0.2 is not strictly inside (-0.2, 0.2)");
        double[] nan = row.clone();
        nan[0] = Double.NaN;
        rules.terminated(nan, 1, out);
        assertTrue(out[0], "NaN is unhealthy");
    }

    @Test
    void optionsChangeTheRules() {
        EnvKwargs keep = Envs.spec("Hopper-v5").kwargs(Map.of("terminate_when_unhealthy", false));
        TaskRules rules = Envs.rules("Hopper-v5", keep);
        double[] fallen = new double[rules.stateDim()];
        boolean[] out = new boolean[1];
        rules.terminated(fallen, 1, out);
        assertFalse(out[0], "terminate_when_unhealthy: false never terminates");
        TaskRules walker = Envs.rules("Walker2d-v5", Envs.spec("Walker2d-v5").kwargs(
                Map.of("healthy_z_range", List.of(0.5, 3.0))));
        double[] row = new double[walker.stateDim()];
        row[0] = 0.6;
        walker.terminated(row, 1, out);
        assertFalse(out[0], "z 0.6 is healthy in (0.5, 3.0)");
        assertNotNull(Envs.spec("Hopper-v4").rules().rewardNotFromObs(), "x is excluded by default");
        assertNull(Envs.rules("Hopper-v4", Envs.spec("Hopper-v4").kwargs(
                Map.of("exclude_current_positions_from_observation", false))).rewardNotFromObs());
        assertNotNull(Envs.spec("Ant-v4").rules().rewardNotFromObs());
        assertNotNull(Envs.spec("Humanoid-v5").rules().rewardNotFromObs());
        assertNull(Envs.spec("InvertedPendulum-v5").rules().rewardNotFromObs());
        assertNull(Envs.spec("Reacher-v4").rules().rewardNotFromObs());
    }

    /**
     * With the x position observed, the reward a model rollout computes from observations (float32,
     * as a model predicts them) is the env's to float32 rounding, over random episodes.
     */
    @Test
    void rewardFromObservationsWhereXIsObserved() {
        MujocoTests.assumeLibrary();
        for (String id : List.of("Hopper-v4", "Walker2d-v5", "HalfCheetah-v4", "Swimmer-v5")) {
            EnvKwargs kw = Envs.spec(id).kwargs(Map.of("exclude_current_positions_from_observation", false));
            TaskRules rules = Envs.rules(id, kw);
            assertNull(rules.rewardNotFromObs(), id);
            @SuppressWarnings("unchecked")
            Env<float[]> env = (Env<float[]>) Envs.make(id, kw);
            try (env) {
                java.util.Random rnd = new java.util.Random(5);
                float[] obs = env.reset(7L).obs();
                int sd = rules.stateDim();
                int od = rules.obsDim();
                double maxErr = 0;
                for (int t = 0; t < 300; t++) {
                    float[] a = new float[rules.actionDim()];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = rnd.nextFloat() * 2 - 1;
                    }
                    StepResult s = env.step(a);
                    double[] o = new double[2 * od];
                    for (int i = 0; i < od; i++) {
                        o[i] = obs[i];
                        o[od + i] = s.obs()[i];
                    }
                    double[] st = new double[2 * sd];
                    rules.stateFromObs(o, 2, st);
                    double[] ad = new double[a.length];
                    for (int i = 0; i < a.length; i++) {
                        ad[i] = a[i];
                    }
                    double[] r = new double[1];
                    rules.reward(Arrays.copyOfRange(st, 0, sd), ad, Arrays.copyOfRange(st, sd, 2 * sd),
                            new boolean[] {s.terminated()}, 1, r);
                    // x to float32 rounding, divided by dt
                    double dt = ((MujocoEnv) env.find(MujocoEnv.class).orElseThrow()).dt();
                    double tol = 2 * Math.ulp((float) Math.max(1, Math.abs(s.obs()[0]))) / dt + 1e-6;
                    maxErr = Math.max(maxErr, Math.abs(r[0] - s.reward()));
                    assertEquals(s.reward(), r[0], tol, id + " step " + t);
                    obs = s.obs();
                    if (s.done()) {
                        obs = env.reset((long) t).obs();
                    }
                }
                assertTrue(maxErr < 1, id + " " + maxErr);
            }
        }
    }
}

package org.mbpo4j.env.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.CheckReport;
import org.mbpo4j.env.EnvChecker;
import org.mbpo4j.env.EnvSpec;
import org.mbpo4j.env.Env;
import org.mbpo4j.env.Envs;
import org.mbpo4j.env.ReferenceReplay;
import org.mbpo4j.env.StatefulEnv;
import org.mbpo4j.env.StepResult;
import org.mbpo4j.env.TaskRules;
import org.mbpo4j.random.Rng;

/** HopperSized-v0: registered with Hopper's sizes, keeps the env contract, one source of truth for rewards. */
class HopperSizedTest {

    @Test
    void isRegisteredWithHoppersSizesAndSaysItIsNotHopper() {
        EnvSpec spec = Envs.spec(HopperSized.ID);
        assertEquals(1000, spec.maxEpisodeSteps());
        assertTrue(Double.isNaN(spec.rewardThreshold()));
        assertTrue(spec.summary().contains("synthetic timing stand-in") && spec.summary().contains("NOT Hopper"),
                spec.summary());
        Env<float[]> env = Envs.makeContinuous(HopperSized.ID);
        assertEquals(Box.uniform(11, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY), env.observationSpace());
        assertEquals(Box.uniform(3, -1f, 1f), env.actionSpace());
        assertEquals(11, spec.rules().obsDim());
        assertEquals(11, spec.rules().stateDim());
        assertEquals(3, spec.rules().actionDim());
        assertTrue(Envs.idsWhere(true).contains(HopperSized.ID));
    }

    @Test
    void passesTheEnvCheckerWithOnlyTheUnboundedObservationWarning() {
        CheckReport r = EnvChecker.check(Envs.spec(HopperSized.ID), 0, 1000);
        assertTrue(r.passed(), r.toText());
        assertEquals(0, r.skipped(), r.toText());
        assertEquals(List.of(EnvChecker.SPACES),
                r.withStatus(CheckReport.Status.WARN).stream().map(CheckReport.Check::name).toList(), r.toText());
        assertTrue(r.check(EnvChecker.SPACES).orElseThrow().detail().contains("observation bounds are infinite"));
    }

    @Test
    void neverTerminatesAndIsTruncatedAtOneThousandSteps() {
        Env<float[]> env = Envs.makeContinuous(HopperSized.ID);
        env.reset(1L);
        float[] push = {1f, -1f, 1f};
        StepResult r;
        int n = 0;
        do {
            r = env.step(push);
            n++;
            assertFalse(r.terminated());
            assertTrue(Double.isFinite(r.reward()) && r.reward() < 0);
        } while (!r.done());
        assertEquals(1000, n);
        assertTrue(r.truncated());
    }

    @Test
    void sameSeedSameTrajectoryOtherSeedAnother() {
        List<float[]> a = rollout(11L);
        List<float[]> b = rollout(11L);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), "step " + i);
        }
        assertFalse(Arrays.equals(a.get(0), rollout(12L).get(0)), "another seed, another start state");
        assertFalse(Arrays.equals(a.get(2), rolloutNoiseOnly(11L)), "the noise comes from the env's stream");
    }

    /** Observations and rewards of 200 steps under seeded random actions. */
    private static List<float[]> rollout(long seed) {
        Env<float[]> env = Envs.makeContinuous(HopperSized.ID);
        env.actionSpace().seed(seed);
        List<float[]> out = new ArrayList<>();
        out.add(env.reset(seed).obs());
        for (int t = 0; t < 200; t++) {
            StepResult r = env.step(env.actionSpace().sample());
            out.add(r.obs());
            out.add(new float[] {(float) r.reward()});
        }
        return out;
    }

    /** The first obs after one step from the same start when the env's stream moved on by one reset. */
    private static float[] rolloutNoiseOnly(long seed) {
        Env<float[]> env = Envs.makeContinuous(HopperSized.ID);
        env.actionSpace().seed(seed);
        env.reset(seed);
        StatefulEnv st = env.find(StatefulEnv.class).orElseThrow();
        double[] x0 = st.getState();
        env.reset(null);
        st.setState(x0);
        return env.step(env.actionSpace().sample()).obs();
    }

    @Test
    void stepIsTheLinearSystemOnTheClippedActionPlusTheEnvsOwnNoise() {
        HopperSized env = new HopperSized();
        env.reset(5L);
        double[] a = HopperSized.SYSTEM.a();
        double[] b = HopperSized.SYSTEM.b();
        float[] action = {2.5f, -0.25f, -7f};
        double[] u = {1.0, -0.25, -1.0};
        for (int t = 0; t < 20; t++) {
            double[] x = env.getState();
            Rng noise = Rng.fromState(env.randomState());
            StepResult r = env.step(action);
            double[] next = env.getState();
            for (int i = 0; i < 11; i++) {
                double want = 0;
                for (int j = 0; j < 11; j++) {
                    want += a[i * 11 + j] * x[j];
                }
                for (int j = 0; j < 3; j++) {
                    want += b[i * 3 + j] * u[j];
                }
                want += HopperSized.NOISE_STD * noise.nextGaussian();
                assertEquals(want, next[i], 1e-15, "component " + i + " at step " + t);
                assertEquals((float) next[i], r.obs()[i]);
            }
            double xx = Arrays.stream(x).map(v -> v * v).sum();
            assertEquals(-(xx + 0.1 * (1 + 0.0625 + 1)), r.reward(), 1e-12, "reward from the state before the step");
        }
    }

    @Test
    void resetDrawsSmallStartStates() {
        HopperSized env = new HopperSized();
        double sumSq = 0;
        int n = 0;
        for (long seed = 0; seed < 200; seed++) {
            for (float v : env.reset(seed).obs()) {
                sumSq += v * v;
                n++;
            }
        }
        double std = Math.sqrt(sumSq / n);
        assertEquals(0.1, std, 0.01, "x0 ~ N(0, 0.1^2 I)");
    }

    @Test
    void batchedRulesReproduceTheEnvIncludingClippedActions() {
        TaskRules rules = Envs.spec(HopperSized.ID).rules();
        Env<float[]> env = Envs.makeContinuous(HopperSized.ID);
        StatefulEnv st = env.find(StatefulEnv.class).orElseThrow();
        env.actionSpace().seed(3);
        env.reset(3L);
        int n = 1500;
        double[] s0 = new double[n * 11];
        double[] s1 = new double[n * 11];
        double[] act = new double[n * 3];
        double[] obs = new double[n * 11];
        double[] rewards = new double[n];
        int clipped = 0;
        for (int i = 0; i < n; i++) {
            System.arraycopy(st.getState(), 0, s0, i * 11, 11);
            float[] a = env.actionSpace().sample();
            for (int j = 0; j < 3; j++) {
                a[j] *= 1.5f; // out of range a third of the time: the rules must clip as the env does
                act[i * 3 + j] = a[j];
                clipped += Math.abs(a[j]) > 1 ? 1 : 0;
            }
            StepResult r = env.step(a);
            System.arraycopy(st.getState(), 0, s1, i * 11, 11);
            for (int k = 0; k < 11; k++) {
                obs[i * 11 + k] = r.obs()[k];
            }
            rewards[i] = r.reward();
            if (r.done()) {
                env.reset(null);
            }
        }
        assertTrue(clipped > n / 2, "clipped components: " + clipped);
        boolean[] term = new boolean[n];
        double[] rew = new double[n];
        rules.terminated(s1, n, term);
        rules.reward(s0, act, s1, term, n, rew);
        double[] recovered = new double[n * 11];
        rules.stateFromObs(obs, n, recovered);
        for (int i = 0; i < n; i++) {
            assertFalse(term[i]);
            assertEquals(rewards[i], rew[i], 0.0, "reward at " + i);
            for (int k = 0; k < 11; k++) {
                double want = s1[i * 11 + k];
                assertEquals(want, recovered[i * 11 + k], Math.ulp((float) want), "state " + k + " at " + i);
            }
        }
    }

    @Test
    void hasNoGymnasiumReferenceAndSaysSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReferenceReplay.referenceFile(Path.of("src/test/resources/gymref/setA"), HopperSized.ID));
        assertTrue(e.getMessage().startsWith("no reference trajectories for HopperSized-v0 in ")
                && e.getMessage().contains("HopperSized-v0.jsonl"), e.getMessage());
    }

    @Test
    void everyInstanceIsTheSameTask() {
        assertArrayEquals(HopperSized.SYSTEM.a(), LinearSystem.random(HopperSized.SYSTEM_SEED, 11, 3,
                HopperSized.MIN_GAIN, HopperSized.MAX_GAIN, HopperSized.B_SCALE).a());
        HopperSized one = new HopperSized();
        HopperSized two = new HopperSized();
        double[] x = new double[11];
        Arrays.fill(x, 0.3);
        one.reset(9L);
        two.reset(9L);
        one.setState(x);
        two.setState(x);
        float[] u = {0.5f, 0.1f, -0.9f};
        assertArrayEquals(one.step(u).obs(), two.step(u).obs());
        assertNotEquals(0.0, Arrays.stream(HopperSized.SYSTEM.b()).map(Math::abs).sum());
    }
}

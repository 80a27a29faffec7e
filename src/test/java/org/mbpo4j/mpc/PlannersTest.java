package org.mbpo4j.mpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mbpo4j.random.Rng;
import org.mbpo4j.io.Json;

/** The planners on known cost functions, without a model. */
class PlannersTest {
    /** Two action dims with different, asymmetric bounds. */
    private static final ActionBounds BOUNDS = new ActionBounds(new float[] {-1, 0}, new float[] {1, 3});
    private static final int H = 4;

    /** Returns minus the squared distance to a target sequence; records every call's candidates. */
    private static final class Quadratic implements SequenceEvaluator {
        final double[] target;
        final List<float[]> calls = new ArrayList<>();
        final List<double[]> scores = new ArrayList<>();

        Quadratic(double[] target) {
            this.target = target;
        }

        @Override
        public void evaluate(float[] obs, float[] sequences, int population, int horizon, double[] returns) {
            int len = horizon * 2;
            for (int c = 0; c < population; c++) {
                double s = 0;
                for (int i = 0; i < len; i++) {
                    double d = sequences[c * len + i] - target[i];
                    s += d * d;
                }
                returns[c] = -s;
            }
            calls.add(java.util.Arrays.copyOf(sequences, population * len));
            scores.add(java.util.Arrays.copyOf(returns, population));
        }
    }

    private static final double[] INSIDE = {0.3, 2.5, -0.7, 0.1, 0.9, 1.5, -0.2, 2.9};

    @Test
    void cemFindsTheOptimumOfAQuadraticInsideTheBounds() {
        Quadratic q = new Quadratic(INSIDE);
        Cem cem = new Cem(q, BOUNDS, H, 500, 50, 20, 0.1, new Rng(1));
        float[] plan = cem.plan(new float[] {0});
        for (int i = 0; i < plan.length; i++) {
            assertEquals(INSIDE[i], plan[i], 1e-3, "entry " + i);
        }
        assertEquals(0, cem.lastPredictedReturn(), 1e-3);
        assertEquals(20, q.calls.size(), "one evaluation per iteration");
    }

    @Test
    void cemStopsAtTheBoundWhenTheOptimumLiesOutside() {
        double[] outside = {1.7, -3, 0.5, 1, -5, 4, 0, -1};
        Quadratic q = new Quadratic(outside);
        float[] plan = new Cem(q, BOUNDS, H, 500, 50, 20, 0.1, new Rng(2)).plan(new float[] {0});
        float[] expected = {1, 0, 0.5f, 1, -1, 3, 0, 0};
        assertArrayEquals(expected, plan, 0.03f);
        for (float[] call : q.calls) {
            assertWithinBounds(call);
        }
    }

    /** One iteration with alpha 0.25: the plan is 0.25 * warm start + 0.75 * the mean of the elites, exactly. */
    @Test
    void cemRefitsToTheMeanOfTheElites() {
        Quadratic q = new Quadratic(INSIDE);
        int pop = 30;
        int elites = 7;
        Cem cem = new Cem(q, BOUNDS, H, pop, elites, 1, 0.25, new Rng(3));
        float[] plan = cem.plan(new float[] {0});
        float[] cands = q.calls.get(0);
        double[] scores = q.scores.get(0);
        Integer[] order = new Integer[pop];
        for (int i = 0; i < pop; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        for (int i = 0; i < H * 2; i++) {
            double m = 0;
            for (int e = 0; e < elites; e++) {
                m += cands[order[e] * H * 2 + i];
            }
            m /= elites;
            double start = BOUNDS.mid(i % 2);
            assertEquals((float) (0.25 * start + 0.75 * m), plan[i], 1e-6, "entry " + i);
        }
    }

    @Test
    void mppiWeightsAreTheSoftmaxOfReturnsOverTheTemperature() {
        double[] r = {3, -1, 2.5, 0, 3};
        double t = 0.7;
        double[] w = new double[5];
        Mppi.weights(r, 5, t, w);
        double z = 0;
        for (double v : r) {
            z += Math.exp(v / t);
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(Math.exp(r[i] / t) / z, w[i], 1e-15, "weight " + i);
        }
        // large returns do not overflow; NaN gets nothing; all NaN is uniform
        Mppi.weights(new double[] {1000, 999, Double.NaN}, 3, 1, w);
        assertEquals(1 / (1 + Math.exp(-1)), w[0], 1e-15);
        assertEquals(Math.exp(-1) / (1 + Math.exp(-1)), w[1], 1e-15);
        assertEquals(0, w[2]);
        Mppi.weights(new double[] {Double.NaN, Double.NaN}, 2, 1, w);
        assertEquals(0.5, w[0]);
        assertEquals(0.5, w[1]);
    }

    /** One iteration: the new mean is the softmax-weighted average of the candidates it scored. */
    @Test
    void mppiMovesTheMeanToTheWeightedAverage() {
        Quadratic q = new Quadratic(INSIDE);
        int pop = 25;
        double temp = 0.5;
        Mppi mppi = new Mppi(q, BOUNDS, H, pop, 1, temp, 0.4, 0.8, new Rng(4));
        float[] plan = mppi.plan(new float[] {0});
        float[] cands = q.calls.get(0);
        double[] w = new double[pop];
        Mppi.weights(q.scores.get(0), pop, temp, w);
        for (int i = 0; i < H * 2; i++) {
            double m = 0;
            for (int c = 0; c < pop; c++) {
                m += w[c] * cands[c * H * 2 + i];
            }
            assertEquals((float) m, plan[i], 1e-6, "entry " + i);
        }
        assertWithinBounds(cands);
    }

    /** Noise is filtered: a_t = beta (mean_t + noise) + (1 - beta) a_(t-1), starting from the bounds' middle. */
    @Test
    void mppiFiltersItsNoise() {
        Quadratic q = new Quadratic(INSIDE);
        double beta = 0.5;
        double std = 0.1;
        Mppi mppi = new Mppi(q, BOUNDS, H, 1, 1, 1, std, beta, new Rng(5));
        mppi.plan(new float[] {0});
        float[] c = q.calls.get(0);
        Rng noise = new Rng(5);
        double[] prev = {BOUNDS.mid(0), BOUNDS.mid(1)};
        for (int t = 0; t < H; t++) {
            for (int j = 0; j < 2; j++) {
                double u = beta * (BOUNDS.mid(j) + std * noise.nextGaussian()) + (1 - beta) * prev[j];
                assertEquals(BOUNDS.clip(u, j), c[t * 2 + j], 1e-6);
                prev[j] = c[t * 2 + j];
            }
        }
    }

    @Test
    void mppiApproachesTheOptimumOverPlans() {
        Quadratic q = new Quadratic(INSIDE);
        Mppi mppi = new Mppi(q, BOUNDS, H, 300, 10, 0.05, 0.3, 1.0, new Rng(6));
        float[] plan = mppi.plan(new float[] {0});
        for (int i = 0; i < plan.length; i++) {
            assertEquals(INSIDE[i], plan[i], 0.1, "entry " + i);
        }
    }

    @Test
    void randomShootingPicksTheBestCandidate() {
        Quadratic q = new Quadratic(INSIDE);
        RandomShooting rs = new RandomShooting(q, BOUNDS, H, 500, new Rng(7));
        float[] plan = rs.plan(new float[] {0});
        float[] cands = q.calls.get(0);
        double[] scores = q.scores.get(0);
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            best = scores[i] > scores[best] ? i : best;
        }
        assertArrayEquals(java.util.Arrays.copyOfRange(cands, best * H * 2, (best + 1) * H * 2), plan);
        assertEquals(scores[best], rs.lastPredictedReturn());
        assertWithinBounds(cands);
        // uniform: both ends of each range are visited
        float lo = Float.MAX_VALUE;
        float hi = -Float.MAX_VALUE;
        for (int i = 1; i < cands.length; i += 2) {
            lo = Math.min(lo, cands[i]);
            hi = Math.max(hi, cands[i]);
        }
        assertTrue(lo < 0.05 && hi > 2.95, lo + " .. " + hi);
    }

    /** The next plan starts from the last one shifted by a step, its tail the middle of the bounds. */
    @Test
    void warmStartShiftsByOneStepAndFillsTheTail() {
        WarmStart w = new WarmStart(3, BOUNDS);
        float[] dst = new float[6];
        w.initial(dst);
        assertArrayEquals(new float[] {0, 1.5f, 0, 1.5f, 0, 1.5f}, dst);
        w.remember(new float[] {1, 2, 3, 4, 5, 6});
        w.initial(dst);
        assertArrayEquals(new float[] {3, 4, 5, 6, 0, 1.5f}, dst);
        float[] a = new float[2];
        w.previousAction(a);
        assertArrayEquals(new float[] {1, 2}, a);
        w.clear();
        w.initial(dst);
        assertArrayEquals(new float[] {0, 1.5f, 0, 1.5f, 0, 1.5f}, dst);

        // random shooting keeps the shifted previous plan as candidate 0, until a reset
        Quadratic q = new Quadratic(INSIDE);
        RandomShooting rs = new RandomShooting(q, BOUNDS, H, 50, new Rng(8));
        float[] first = rs.plan(new float[] {0}).clone();
        rs.plan(new float[] {0});
        float[] second = q.calls.get(1);
        for (int i = 0; i < (H - 1) * 2; i++) {
            assertEquals(first[i + 2], second[i]);
        }
        assertEquals(BOUNDS.mid(0), second[(H - 1) * 2]);
        assertEquals(BOUNDS.mid(1), second[(H - 1) * 2 + 1]);
        rs.reset();
        rs.plan(new float[] {0});
        assertNotEquals(first[2], q.calls.get(2)[0], "after a reset candidate 0 is drawn afresh");

        // CEM's first distribution is centred on the warm start: one iteration, alpha close to 1
        Quadratic q2 = new Quadratic(INSIDE);
        Cem cem = new Cem(q2, BOUNDS, H, 10, 1, 1, 0.999999, new Rng(9));
        float[] p1 = cem.plan(new float[] {0}).clone();
        float[] p2 = cem.plan(new float[] {0});
        for (int i = 0; i < (H - 1) * 2; i++) {
            assertEquals(p1[i + 2], p2[i], 1e-4);
        }
    }

    @Test
    void sameSeedSamePlanAndACheckpointContinuesExactly() {
        MpcOptions c = MpcOptions.defaults();
        for (MpcOptions.PlannerKind kind : MpcOptions.PlannerKind.values()) {
            MpcOptions k = new MpcOptions(kind, H, 40, 5, 3, 0.1, 1, 1.0, 0.3, 0.9, 0, 50, false);
            Planner a = Planners.create(k, new Quadratic(INSIDE), BOUNDS, new Rng(10));
            Planner b = Planners.create(k, new Quadratic(INSIDE), BOUNDS, new Rng(10));
            assertEquals(kind.name().toLowerCase(), a.name());
            assertArrayEquals(a.plan(new float[] {0}), b.plan(new float[] {0}), kind.name());
            Map<String, Object> saved = Json.parseMap(Json.line(a.checkpointState()));
            float[] next = a.plan(new float[] {0}).clone();
            Planner restored = Planners.create(k, new Quadratic(INSIDE), BOUNDS, new Rng(99));
            restored.restore(saved);
            assertArrayEquals(next, restored.plan(new float[] {0}), kind.name() + " after a restore");
        }
        assertEquals(MpcOptions.PlannerKind.CEM, c.planner());
    }

    @Test
    void topKRanksLargestFirstNaNLastTiesByIndex() {
        double[] v = {1, Double.NaN, 5, 3, 5, -2};
        int[] out = new int[4];
        TopK.indices(v, 6, 4, out);
        assertArrayEquals(new int[] {2, 4, 3, 0}, out);
        TopK.indices(v, 6, 6, new int[6]);
        int[] all = new int[6];
        TopK.indices(v, 6, 6, all);
        assertArrayEquals(new int[] {2, 4, 3, 0, 5, 1}, all);
        assertEquals(2, TopK.argmax(v, 6));
        assertEquals(1, TopK.argmax(new double[] {Double.NaN, 0}, 2));
        assertThrows(IllegalArgumentException.class, () -> TopK.indices(v, 6, 7, new int[7]));
    }

    @Test
    void badSettingsAreRefused() {
        Quadratic q = new Quadratic(INSIDE);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Cem(q, BOUNDS, H, 10, 11, 1, 0.1, new Rng(0))).getMessage().contains("elites"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Cem(q, BOUNDS, H, 10, 1, 1, 1.0, new Rng(0))).getMessage().contains("alpha"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new Mppi(q, BOUNDS, H, 10, 1, 0, 1, 1, new Rng(0))).getMessage().contains("temperature"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new ActionBounds(new float[] {1}, new float[] {1})).getMessage().contains("dimension 0"));
        assertFalse(new WarmStart(2, BOUNDS).has());
    }

    private static void assertWithinBounds(float[] seqs) {
        for (int i = 0; i < seqs.length; i++) {
            int j = i % 2;
            assertTrue(seqs[i] >= BOUNDS.low(j) && seqs[i] <= BOUNDS.high(j), "value " + seqs[i] + " at " + i);
        }
    }
}

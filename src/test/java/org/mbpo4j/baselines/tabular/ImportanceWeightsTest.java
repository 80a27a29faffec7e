package org.mbpo4j.baselines.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImportanceWeightsTest {
    /** pi(0|0) = 0.8, pi(1|0) = 0.2 (logits ln 4 and 0). */
    private static final SoftmaxPolicy PI = SoftmaxPolicy.ofLogits(new double[][] {{Math.log(4), 0}});

    /** An episode in state 0 throughout, taking {@code actions} with behaviour probability 1/2 each. */
    private static Episode halfHalf(int... actions) {
        Episode.Recorder r = Episode.start(0, true);
        for (int a : actions) {
            r.step(a, 0.5, 0, 0);
        }
        return r.finish(false);
    }

    @Test
    void onPolicyWeightsAreOne() {
        TabularMdp mdp = BuiltinMdps.get("frozenlake4x4-slippery", 0.9);
        SplittableRandom rng = new SplittableRandom(3);
        double[][] logits = new double[16][4];
        for (double[] row : logits) {
            for (int a = 0; a < 4; a++) {
                row[a] = rng.nextDouble(-2, 2);
            }
        }
        SoftmaxPolicy p = SoftmaxPolicy.ofLogits(logits);
        List<Episode> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(Rollouts.real(mdp, p, 100, rng));
        }
        for (ImportanceWeights w : List.of(ImportanceWeights.PLAIN, new ImportanceWeights(0.5, false),
                new ImportanceWeights(10, true))) {
            double[][] weights = w.of(batch, p);
            for (int i = 0; i < batch.size(); i++) {
                for (double x : weights[i]) {
                    assertEquals(Math.min(1.0, w.truncation()), x, 0.0, w.toString());
                }
            }
        }
    }

    @Test
    void perDecisionProductsOfRatios() {
        assertEquals(0.8, PI.prob(0, 0), 1e-15);
        // ratios 0.8/0.5 = 1.6, 1.6, 0.2/0.5 = 0.4: weights are the running products
        Episode e = halfHalf(0, 0, 1);
        assertArrayEquals(new double[] {1.6, 2.56, 1.024}, ImportanceWeights.PLAIN.of(e, PI), 1e-12);
        // truncation caps each weight, not the running product
        assertArrayEquals(new double[] {1.6, 2, 1.024}, new ImportanceWeights(2, false).of(e, PI), 1e-12);
        assertArrayEquals(new double[] {1, 1, 1}, new ImportanceWeights(1, false).of(e, PI), 0);
    }

    @Test
    void normalisationDividesByTheBatchMeanPerStep() {
        Episode a = halfHalf(0, 0, 1);
        Episode b = halfHalf(1); // ends after one step with weight 0.4, which it keeps
        double[][] w = new ImportanceWeights(Double.POSITIVE_INFINITY, true).of(List.of(a, b), PI);
        assertArrayEquals(new double[] {1.6, 2.56 / 1.48, 1.024 / 0.712}, w[0], 1e-12);
        assertArrayEquals(new double[] {0.4}, w[1], 1e-12);
        // truncated first, then normalised
        double[][] t = new ImportanceWeights(2, true).of(List.of(a, b), PI);
        assertArrayEquals(new double[] {1.6, 2 / 1.2, 1.024 / 0.712}, t[0], 1e-12);
    }

    @Test
    void truncationMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ImportanceWeights(0, true));
        assertEquals("IS truncation (--is-truncation) must be > 0 (or inf for none), got 0.0", e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ImportanceWeights(Double.NaN, false))
                .getMessage().contains("got NaN"));
    }
}

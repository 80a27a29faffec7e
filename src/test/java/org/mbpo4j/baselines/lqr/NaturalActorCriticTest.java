package org.mbpo4j.baselines.lqr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mbpo4j.random.Rng;

/**
 * The estimator against the exact quantities: averaged over independent batches, its natural
 * gradient G and curvature H must agree with E_K and R + B'P_K B within four standard errors of
 * that average (a false alarm about once in 16,000 per entry), on-policy and when the data come
 * from another gain (importance weights).
 */
class NaturalActorCriticTest {
    static final LqrSystem DI = LqrSystems.builtIn("double-integrator");
    static final int BATCHES = 24;

    @Test
    void onPolicyEstimatesAreUnbiased() {
        double[][] k = LqrLearner.defaultK0(DI);
        check(k, k, 1, 1);
    }

    @Test
    void offPolicyEstimatesAreUnbiased() {
        double[][] k = LqrLearner.defaultK0(DI);
        double[][] behaviour = {{k[0][0] + 0.08, k[0][1] - 0.1}};
        check(k, behaviour, 1, 2);
    }

    @Test
    void windowedAdvantagesAreUnbiasedToo() {
        double[][] k = LqrLearner.defaultK0(DI);
        double[][] behaviour = {{k[0][0] + 0.05, k[0][1] - 0.05}};
        check(k, behaviour, 4, 3);
    }

    private static void check(double[][] k, double[][] behaviourK, int window, long seed) {
        double sigma = 1.0;
        PolicyCost exact = PolicyCost.of(DI, k);
        double[][] e = exact.naturalGradientHalf(DI);
        double[][] h = exact.curvature(DI);
        GaussianLinearPolicy target = new GaussianLinearPolicy(k, sigma);
        GaussianLinearPolicy behaviour = new GaussianLinearPolicy(behaviourK, sigma);
        NaturalActorCritic nac = new NaturalActorCritic(0.5, window, 10);
        Rng rng = new Rng(seed);
        double[][] g = new double[BATCHES][3];
        for (int b = 0; b < BATCHES; b++) {
            List<Trajectory> data = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                data.add(Rollouts.real(DI, behaviour, rng));
            }
            NaturalActorCritic.Fit fit = nac.fit(data, target);
            g[b] = new double[] {fit.g()[0][0], fit.g()[0][1], fit.h()[0][0]};
        }
        double[] truth = {e[0][0], e[0][1], h[0][0]};
        String[] names = {"E_K[0][0]", "E_K[0][1]", "H"};
        for (int j = 0; j < 3; j++) {
            double mean = 0;
            for (double[] row : g) {
                mean += row[j] / BATCHES;
            }
            double var = 0;
            for (double[] row : g) {
                var += (row[j] - mean) * (row[j] - mean) / (BATCHES - 1);
            }
            double se = Math.sqrt(var / BATCHES);
            assertTrue(Math.abs(mean - truth[j]) < 4 * se, names[j] + ": mean " + mean + " vs exact " + truth[j]
                    + " (standard error " + se + ")");
            // and the estimate is informative: its spread is well below the value itself
            assertTrue(se < 0.2 * Math.abs(truth[j]), names[j] + " standard error " + se);
        }
    }

    @Test
    void criticFindsTheValueMatrixAndTheAverageCost() {
        double[][] k = LqrLearner.defaultK0(DI);
        PolicyCost exact = PolicyCost.of(DI, k);
        Rng rng = new Rng(9);
        GaussianLinearPolicy policy = new GaussianLinearPolicy(k, 0.5);
        List<Trajectory> data = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            data.add(Rollouts.real(DI, policy, rng));
        }
        NaturalActorCritic.Fit fit = new NaturalActorCritic(0.5, 1, 10).fit(data, policy);
        // 20,000 transitions: a few percent is many standard errors of these sums
        assertEquals(exact.gaussianCost(DI, 0.5), fit.j(), 0.03 * fit.j());
        assertTrue(Mat.norm(Mat.sub(fit.p(), exact.p())) < 0.05 * Mat.norm(exact.p()),
                Mat.format(fit.p()) + " vs " + Mat.format(exact.p()));
    }
}

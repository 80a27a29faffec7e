package org.mbpo4j.baselines.lqr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mbpo4j.random.Rng;

/**
 * The LSTD-Q actor-critic against the exact quantities: its G and H must agree with E_K and
 * R + B'P_K B within four standard errors of their average over independent batches (a false
 * alarm about once in 16,000 per entry), on-policy and off-policy without any weights; its
 * sufficient statistics must give the same fit as the plain LSTD-Q sums; its jackknife noise
 * must be of the size of the actual error.
 */
class LstdqActorCriticTest {
    static final LqrSystem DI = LqrSystems.builtIn("double-integrator");
    static final LqrSystem LAP = LqrSystems.builtIn("laplacian");
    static final int BATCHES = 24;

    static List<Trajectory> episodes(LqrSystem sys, double[][] k, double sigma, int count, Rng rng) {
        GaussianLinearPolicy policy = new GaussianLinearPolicy(k, sigma);
        List<Trajectory> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(Rollouts.real(sys, policy, rng));
        }
        return out;
    }

    @Test
    void theStatisticsGiveTheSameFitAsThePlainSums() {
        Rng rng = new Rng(4);
        double[][] k0 = LqrLearner.defaultK0(LAP);
        List<Trajectory> data = episodes(LAP, k0, 2, 12, rng);
        data.addAll(episodes(LAP, Mat.scale(1.5, k0), 2, 12, rng));
        GaussianLinearPolicy target = new GaussianLinearPolicy(Mat.scale(1.2, k0), 3);
        LstdqActorCritic.Fit fit = new LstdqActorCritic(0.5).fit(data, target);
        double[] plain = plainLstdq(data, target);
        // theta = [vech P (6), J, G (9, row-major), vech H (6)]
        assertEquals(plain[6], fit.j(), 1e-7 * Math.abs(plain[6]));
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                assertEquals(plain[7 + 3 * a + b], fit.g()[a][b], 1e-7 * Mat.maxAbs(fit.g()), "G " + a + b);
            }
        }
        assertEquals(plain[0], fit.p()[0][0], 1e-7 * Mat.maxAbs(fit.p()));
        assertEquals(plain[4], fit.p()[1][2], 1e-7 * Mat.maxAbs(fit.p()));
        assertEquals(plain[16], fit.h()[0][0], 1e-7 * Mat.maxAbs(fit.h()));
        assertEquals(plain[20], fit.h()[1][2], 1e-7 * Mat.maxAbs(fit.h()));
        assertEquals(24 * 50, fit.rows());
    }

    /** LSTD-Q written out transition by transition, as in the class comment, with the same ridge. */
    private static double[] plainLstdq(List<Trajectory> data, GaussianLinearPolicy target) {
        int q = 22;
        double[][] lhs = new double[q][q];
        double[] rhs = new double[q];
        double[][] k = target.k();
        double s2 = target.sigma() * target.sigma();
        for (Trajectory tr : data) {
            for (int t = 0; t < tr.length(); t++) {
                double[] x = tr.x()[t];
                double[] y = tr.x()[t + 1];
                double[] kx = Mat.mul(k, x);
                double[] d = new double[3];
                for (int a = 0; a < 3; a++) {
                    d[a] = tr.u()[t][a] - kx[a];
                }
                double[] z = new double[q];
                double[] reg = new double[q];
                int p = 0;
                for (int a = 0; a < 3; a++) {
                    for (int b = a; b < 3; b++) {
                        double w = a == b ? 1 : 2;
                        z[p] = w * x[a] * x[b];
                        reg[p] = z[p] - w * y[a] * y[b];
                        p++;
                    }
                }
                z[p] = 1;
                reg[p] = 1;
                p++;
                for (int a = 0; a < 3; a++) {
                    for (int b = 0; b < 3; b++) {
                        z[p] = 2 * d[a] * x[b];
                        reg[p] = z[p];
                        p++;
                    }
                }
                for (int a = 0; a < 3; a++) {
                    for (int b = a; b < 3; b++) {
                        z[p] = a == b ? d[a] * d[a] - s2 : 2 * d[a] * d[b];
                        reg[p] = z[p];
                        p++;
                    }
                }
                for (int a = 0; a < q; a++) {
                    rhs[a] += z[a] * tr.c()[t];
                    for (int b = 0; b < q; b++) {
                        lhs[a][b] += z[a] * reg[b];
                    }
                }
            }
        }
        double ridge = 1e-10 * Math.abs(Mat.trace(lhs)) / q;
        for (int a = 0; a < q; a++) {
            lhs[a][a] += ridge;
        }
        return Mat.solve(lhs, rhs);
    }

    @Test
    void onPolicyEstimatesAreUnbiased() {
        double[][] k = LqrLearner.defaultK0(DI);
        check(k, k, 1);
    }

    @Test
    void offPolicyEstimatesAreUnbiasedWithoutWeights() {
        double[][] k = LqrLearner.defaultK0(DI);
        // a clearly different behaviour gain (closed-loop radius 0.87 against K0's 0.67)
        check(k, new double[][] {{k[0][0] + 0.1, k[0][1] - 0.2}}, 2);
    }

    private static void check(double[][] k, double[][] behaviourK, long seed) {
        double sigma = 1.0;
        PolicyCost exact = PolicyCost.of(DI, k);
        double[][] e = exact.naturalGradientHalf(DI);
        double[][] h = exact.curvature(DI);
        GaussianLinearPolicy target = new GaussianLinearPolicy(k, sigma);
        LstdqActorCritic lstdq = new LstdqActorCritic(0.5);
        Rng rng = new Rng(seed);
        double[][] g = new double[BATCHES][3];
        for (int b = 0; b < BATCHES; b++) {
            LstdqActorCritic.Fit fit = lstdq.fit(episodes(DI, behaviourK, sigma, 40, rng), target);
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
            assertTrue(se < 0.2 * Math.abs(truth[j]), names[j] + " standard error " + se);
        }
    }

    @Test
    void theJackknifeNoiseIsTheSizeOfTheActualError() {
        // the laplacian at K*: E_K = 0, so ||G||^2 is the error itself
        double[][] kStar = Riccati.solve(LAP).k();
        GaussianLinearPolicy target = new GaussianLinearPolicy(kStar, 3);
        LstdqActorCritic lstdq = new LstdqActorCritic(0.5);
        Rng rng = new Rng(6);
        double error = 0;
        double noise = 0;
        int batches = 16;
        for (int b = 0; b < batches; b++) {
            LstdqActorCritic.Fit fit = lstdq.fit(episodes(LAP, kStar, 3, 60, rng), target);
            error += Math.pow(Mat.norm(fit.g()), 2) / batches;
            noise += fit.noise() / batches;
        }
        // 16 batches of a 9-dimensional error: the mean squared error is known to about +-12%;
        // the delete-a-group jackknife of a ratio estimator errs on the high side
        assertTrue(noise > 0.8 * error && noise < 2.5 * error, "jackknife " + noise + " vs mean squared error "
                + error);
    }

    @Test
    void theCriticFindsTheValueMatrixAndTheAverageCost() {
        double[][] k = LqrLearner.defaultK0(DI);
        PolicyCost exact = PolicyCost.of(DI, k);
        GaussianLinearPolicy policy = new GaussianLinearPolicy(k, 0.5);
        LstdqActorCritic.Fit fit = new LstdqActorCritic(0.5).fit(episodes(DI, k, 0.5, 400, new Rng(9)), policy);
        assertEquals(exact.gaussianCost(DI, 0.5), fit.j(), 0.03 * fit.j());
        assertTrue(Mat.norm(Mat.sub(fit.p(), exact.p())) < 0.05 * Mat.norm(exact.p()),
                Mat.format(fit.p()) + " vs " + Mat.format(exact.p()));
    }

    @Test
    void tooFewTrajectoriesGiveNoStep() {
        double[][] k = LqrLearner.defaultK0(DI);
        GaussianLinearPolicy policy = new GaussianLinearPolicy(k, 1);
        List<Trajectory> data = episodes(DI, k, 1, LstdqActorCritic.MIN_TRAJECTORIES - 1, new Rng(2));
        assertNull(new LstdqActorCritic(0.5).fit(data, policy));
        GradientEstimator.PolicyStep step = new LstdqActorCritic(0.5).estimate(data, policy);
        assertEquals(0, Mat.norm(step.deltaK()));
        assertEquals(0, step.shrinkage());
    }

    @Test
    void weightedStatisticsAreTheWeightedSystems() {
        Rng rng = new Rng(8);
        double[][] k = LqrLearner.defaultK0(DI);
        List<Trajectory> a = episodes(DI, k, 1, 7, rng);
        List<Trajectory> b = episodes(DI, k, 1, 5, rng);
        LstdqStatistics sa = LstdqStatistics.of(a, 2, 1);
        LstdqStatistics sb = LstdqStatistics.of(b, 2, 1);
        LstdqStatistics w = LstdqStatistics.weighted(sa, 0.25, sb, 2);
        double[][] expected = Mat.add(Mat.scale(0.25, sa.system(-1, k, 1)), Mat.scale(2, sb.system(-1, k, 1)));
        assertTrue(Mat.maxAbs(Mat.sub(w.system(-1, k, 1), expected)) < 1e-9 * Mat.maxAbs(expected));
        assertEquals(12, w.trajectories());
        assertEquals(600, w.rows());
    }
}

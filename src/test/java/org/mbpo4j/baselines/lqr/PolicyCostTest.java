package org.mbpo4j.baselines.lqr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mbpo4j.random.Rng;

/** Exact costs of linear gains (Lyapunov) against closed forms, simulation and finite differences. */
class PolicyCostTest {
    static final LqrSystem DI = LqrSystems.builtIn("double-integrator");

    @Test
    void scalarSystemMatchesTheClosedForm() {
        // x' = 1.2 x + u + w, u = k x: P = (q + r k^2) / (1 - (1.2 + k)^2), cost = noise^2 P
        LqrSystem s = new LqrSystem("s", "s", new double[][] {{1.2}}, new double[][] {{1}}, new double[][] {{2}},
                new double[][] {{3}}, 0.7, 1, 10);
        double k = -0.9;
        double l = 1.2 + k;
        double p = (2 + 3 * k * k) / (1 - l * l);
        PolicyCost pc = PolicyCost.of(s, new double[][] {{k}});
        assertTrue(pc.stable());
        assertEquals(0.49 * p, pc.cost(), 1e-12);
        assertEquals(Math.abs(l), pc.spectralRadius(), 1e-12);
    }

    @Test
    void unstableGainsCostInfinityNeverNaN() {
        PolicyCost pc = PolicyCost.of(DI, new double[][] {{0, 0}});
        assertFalse(pc.stable());
        assertEquals(Double.POSITIVE_INFINITY, pc.cost());
        assertNull(pc.p());
        assertEquals(1, pc.spectralRadius(), 1e-7);
        PolicyCost wild = PolicyCost.of(DI, new double[][] {{-5, -5}});
        assertFalse(wild.stable());
        assertEquals(Double.POSITIVE_INFINITY, wild.cost());
        assertEquals(Double.POSITIVE_INFINITY, Riccati.solve(DI).costGap(wild.cost()));
        assertThrows(IllegalStateException.class, () -> wild.gradient(DI, 1));
    }

    @Test
    void directAndDoublingLyapunovSolversAgree() {
        Rng rng = new Rng(5);
        double[][] l = new double[4][4];
        double[][] m = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                l[i][j] = 0.4 * rng.nextGaussian();
                m[i][j] = rng.nextGaussian();
            }
        }
        l = Mat.scale(0.95 / Mat.spectralRadius(l), l);
        m = Mat.mul(Mat.t(m), m);
        double[][] x1 = Lyapunov.direct(l, m);
        double[][] x2 = Lyapunov.doubling(l, m);
        assertTrue(Mat.norm(Mat.sub(x1, x2)) < 1e-10 * Mat.norm(x1));
        // and the solution satisfies the equation
        assertTrue(Mat.norm(Mat.sub(Mat.add(Mat.mul(Mat.t(l), x1, l), m), x1)) < 1e-10 * Mat.norm(x1));
    }

    @Test
    void averageCostMatchesALongSimulation() {
        // 200,000 steps of the closed loop with spectral radius 0.67: the standard error of the
        // mean cost is about 0.5%, so 2% is four standard errors.
        double[][] k = LqrLearner.defaultK0(DI);
        PolicyCost pc = PolicyCost.of(DI, k);
        Rng rng = new Rng(11);
        double[] x = {0, 0};
        double sum = 0;
        int steps = 200_000;
        for (int t = 0; t < steps; t++) {
            double u = k[0][0] * x[0] + k[0][1] * x[1];
            sum += x[0] * x[0] + u * u;
            x = new double[] {x[0] + x[1] + rng.nextGaussian(), x[1] + u + rng.nextGaussian()};
        }
        assertEquals(pc.cost(), sum / steps, 0.02 * pc.cost());
    }

    @Test
    void gradientMatchesFiniteDifferencesOfTheGaussianCost() {
        double[][] k = LqrLearner.defaultK0(DI);
        double sigma = 0.7;
        double[][] g = PolicyCost.of(DI, k).gradient(DI, sigma);
        double h = 1e-6;
        for (int j = 0; j < 2; j++) {
            double[][] kp = Mat.copy(k);
            double[][] km = Mat.copy(k);
            kp[0][j] += h;
            km[0][j] -= h;
            double fd = (PolicyCost.of(DI, kp).gaussianCost(DI, sigma) - PolicyCost.of(DI, km).gaussianCost(DI, sigma))
                    / (2 * h);
            assertEquals(fd, g[0][j], 1e-6 * Math.max(1, Math.abs(fd)));
        }
    }
}

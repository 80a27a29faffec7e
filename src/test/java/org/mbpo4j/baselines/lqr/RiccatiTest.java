package org.mbpo4j.baselines.lqr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Riccati solver against the reference values of shared/specs/baselines.md (scipy). */
class RiccatiTest {

    static void assertGain(double[][] expected, double[][] actual, double tol) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual[i][j], tol, "K[" + i + "][" + j + "] of " + Mat.format(actual));
            }
        }
    }

    @Test
    void doubleIntegratorMatchesTheReference() {
        LqrSolution s = Riccati.solve(LqrSystems.builtIn("double-integrator"));
        assertEquals(5.931125, Mat.trace(s.p()), 5.931125 * 1e-6);
        assertGain(new double[][] {{-0.480534, -1.249621}}, s.k(), 1e-6);
        assertEquals(0.480534, s.spectralRadius(), 1e-6);
        assertEquals(5.931125, s.costStar(), 1e-5);
        assertTrue(s.residual() < 1e-13, "residual " + s.residual());
    }

    @Test
    void laplacianWithExpensiveInputsMatchesTheReference() {
        LqrSolution s = Riccati.solve(LqrSystems.builtIn("laplacian"));
        assertEquals(137.287166, Mat.trace(s.p()), 137.287166 * 1e-6);
        assertGain(new double[][] {{-0.043731, -0.012509, -0.001269}, {-0.012509, -0.045, -0.012509},
            {-0.001269, -0.012509, -0.043731}}, s.k(), 1e-6);
        assertEquals(0.968547, s.spectralRadius(), 1e-6);
        assertTrue(s.residual() < 1e-12, "residual " + s.residual());
    }

    @Test
    void laplacianWithCheapInputsMatchesTheReference() {
        LqrSystem sys = LqrSystems.builtIn("laplacian").withCosts(Mat.identity(3), Mat.identity(3));
        LqrSolution s = Riccati.solve(sys);
        assertEquals(4.898279, Mat.trace(s.p()), 4.898279 * 1e-6);
        for (int i = 0; i < 3; i++) {
            assertEquals(-0.6264, s.k()[i][i], 1e-4);
        }
        assertEquals(0.385944, s.spectralRadius(), 1e-6);
        assertTrue(s.residual() < 1e-13, "residual " + s.residual());
    }

    @Test
    void theOptimalGainIsAStationaryPointAndBeatsPerturbations() {
        LqrSystem sys = LqrSystems.builtIn("double-integrator");
        LqrSolution s = Riccati.solve(sys);
        PolicyCost star = PolicyCost.of(sys, s.k());
        assertEquals(s.costStar(), star.cost(), 1e-9 * s.costStar());
        assertTrue(Mat.norm(star.naturalGradientHalf(sys)) < 1e-9);
        for (double[] d : new double[][] {{0.01, 0}, {0, 0.01}, {-0.01, 0.02}}) {
            double[][] k = {{s.k()[0][0] + d[0], s.k()[0][1] + d[1]}};
            assertTrue(PolicyCost.of(sys, k).cost() > s.costStar());
        }
    }

    @Test
    void qThatIgnoresAMarginalModeHasNoStabilisingSolution() {
        // A = I is stabilisable (B = I), but with Q = 0 the best is u = 0, which leaves A + B K = I.
        LqrSystem sys = new LqrSystem("q0", "test", Mat.identity(2), Mat.identity(2), new double[2][2],
                Mat.identity(2), 1, 1, 10);
        InvalidSystemException e = assertThrows(InvalidSystemException.class, () -> Riccati.solve(sys));
        assertTrue(e.getMessage().contains("no stabilising solution"), e.getMessage());
    }
}

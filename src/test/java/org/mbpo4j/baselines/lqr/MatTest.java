package org.mbpo4j.baselines.lqr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The matrix helpers: EJML's eigenvalues and LU solves behind the double[][] interface. */
class MatTest {

    static double[] sortedReal(double[][] ev) {
        double[] re = ev[0].clone();
        Arrays.sort(re);
        return re;
    }

    @Test
    void laplacianEigenvaluesMatchTheReference() {
        double[][] ev = Mat.eigenvalues(LqrSystems.builtIn("laplacian").a());
        double[] re = sortedReal(ev);
        assertEquals(0.995858, re[0], 1e-6);
        assertEquals(1.01, re[1], 1e-12);
        assertEquals(1.024142, re[2], 1e-6);
        for (double im : ev[1]) {
            assertEquals(0, im, 1e-12);
        }
    }

    @Test
    void rotationHasComplexConjugateEigenvalues() {
        double t = 0.3;
        double[][] r = {{0.9 * Math.cos(t), -0.9 * Math.sin(t)}, {0.9 * Math.sin(t), 0.9 * Math.cos(t)}};
        double[][] ev = Mat.eigenvalues(r);
        for (int i = 0; i < 2; i++) {
            assertEquals(0.9 * Math.cos(t), ev[0][i], 1e-12);
            assertEquals(0.9 * Math.sin(t), Math.abs(ev[1][i]), 1e-12);
        }
        assertEquals(0.9, Mat.spectralRadius(r), 1e-12);
    }

    @Test
    void companionMatrixHasThePolynomialsRoots() {
        double[] roots = {1, 2, -0.5};
        // companion of (x-1)(x-2)(x+0.5)(x^2+1): expand numerically
        double[] poly = {1};
        for (double r : roots) {
            poly = times(poly, new double[] {1, -r});
        }
        poly = times(poly, new double[] {1, 0, 1});
        int n = poly.length - 1;
        double[][] c = new double[n][n];
        for (int j = 0; j < n; j++) {
            c[0][j] = -poly[j + 1];
        }
        for (int i = 1; i < n; i++) {
            c[i][i - 1] = 1;
        }
        double[][] ev = Mat.eigenvalues(c);
        double[] re = sortedReal(ev);
        assertEquals(-0.5, re[0], 1e-9);
        assertEquals(0, re[1], 1e-9);
        assertEquals(0, re[2], 1e-9);
        assertEquals(1, re[3], 1e-9);
        assertEquals(2, re[4], 1e-9);
        assertEquals(2, Mat.spectralRadius(c), 1e-9);
    }

    @Test
    void jordanBlockAndSymmetricMatrices() {
        assertEquals(1, Mat.spectralRadius(new double[][] {{1, 1}, {0, 1}}), 1e-7);
        double[] s = Mat.symmetricEigenvalues(new double[][] {{2, 1, 0}, {1, 2, 1}, {0, 1, 2}});
        assertEquals(2 - Math.sqrt(2), s[0], 1e-12);
        assertEquals(2, s[1], 1e-12);
        assertEquals(2 + Math.sqrt(2), s[2], 1e-12);
    }

    @Test
    void solvesAreRelativeToTheMatrixScale() {
        double[][] x = Mat.solve(new double[][] {{2, 1}, {1, 3}}, new double[][] {{3, 1}, {4, 0}});
        assertEquals(1, x[0][0], 1e-15);
        assertEquals(1, x[1][0], 1e-15);
        assertEquals(0.6, x[0][1], 1e-15);
        assertEquals(-0.2, x[1][1], 1e-15);
        // tiny or huge entries are no reason to call a well-conditioned matrix singular
        double[] y = Mat.solve(new double[][] {{2e-30, 1e-30}, {1e-30, 3e-30}}, new double[] {3e-30, 4e-30});
        assertEquals(1, y[0], 1e-15);
        assertEquals(1, y[1], 1e-15);
        y = Mat.solve(new double[][] {{2e30, 1e30}, {1e30, 3e30}}, new double[] {3e30, 4e30});
        assertEquals(1, y[0], 1e-15);
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> Mat.solve(new double[][] {{1, 2}, {2, 4}}, new double[] {1, 1}));
        assertTrue(e.getMessage().startsWith("singular matrix"), e.getMessage());
        assertEquals(null, Mat.solveOrNull(new double[][] {{1, 2}, {2, 4}}, new double[] {1, 1}));
        double[][] inv = Mat.inverse(new double[][] {{4, 7}, {2, 6}});
        assertEquals(0.6, inv[0][0], 1e-15);
        assertEquals(-0.7, inv[0][1], 1e-15);
    }

    private static double[] times(double[] a, double[] b) {
        double[] r = new double[a.length + b.length - 1];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                r[i + j] += a[i] * b[j];
            }
        }
        return r;
    }
}

package org.mbpo4j.baselines.lqr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

/**
 * Badly scaled systems (issue 17, item 5): A = [[a, a], [0, 1]], B = [[0], [1]], Q = I, R = 1,
 * where the input drives x2 and x2 feeds x1, whose eigenvalue is a. The optimum is checked
 * against plain Riccati value iteration in 100-digit decimal arithmetic, written out here
 * independently of the solver.
 */
class RiccatiScalingTest {
    private static final MathContext MC = new MathContext(100, RoundingMode.HALF_EVEN);

    static LqrSystem feeding(double a) {
        return new LqrSystem("feeding", "test.yaml", new double[][] {{a, a}, {0, 1}}, new double[][] {{0}, {1}},
                Mat.identity(2), new double[][] {{1}}, 1, 1, 10);
    }

    @Test
    void anEigenvalueOf1e5IsSolvedToTheLastDigit() {
        checkAgainstValueIteration(1e5);
    }

    @Test
    void anEigenvalueOf1e10IsSolvedToTheLastDigit() {
        checkAgainstValueIteration(1e10);
    }

    private static void checkAgainstValueIteration(double scale) {
        LqrSystem sys = feeding(scale);
        LqrSolution s = Riccati.solve(sys);
        assertTrue(Mat.isFinite(s.k()) && Mat.isFinite(s.p()), Mat.format(s.k()));
        BigDecimal[][] p = valueIteration(sys);
        BigDecimal[][] k = gain(sys, p);
        for (int j = 0; j < 2; j++) {
            double expected = k[0][j].doubleValue();
            assertEquals(expected, s.k()[0][j], 1e-14 * Math.abs(expected), "K[0][" + j + "] of " + Mat.format(s.k()));
        }
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double expected = p[i][j].doubleValue();
                assertEquals(expected, s.p()[i][j], 1e-14 * Math.abs(expected), "P of " + Mat.format(s.p()));
            }
        }
        // the closed loop of the returned (double) gain, in exact arithmetic: z^2 - t z + d is
        // stable iff |d| < 1 and |t| < 1 + d (Jury)
        BigDecimal a11 = new BigDecimal(scale);
        BigDecimal l21 = new BigDecimal(s.k()[0][0]);
        BigDecimal l22 = BigDecimal.ONE.add(new BigDecimal(s.k()[0][1]));
        BigDecimal t = a11.add(l22);
        BigDecimal d = a11.multiply(l22).subtract(a11.multiply(l21));
        assertTrue(d.abs().compareTo(BigDecimal.ONE) < 0 && t.abs().compareTo(BigDecimal.ONE.add(d)) < 0,
                "closed loop trace " + t + ", determinant " + d);
        assertTrue(s.spectralRadius() < 1, "spectral radius " + s.spectralRadius());
        // the optimal loop's eigenvalues are 2 - sqrt(3) and about 1 / scale
        assertEquals(2 - Math.sqrt(3), s.spectralRadius(), 1e-4);
        // relative to the size of the equation's terms, in the balanced and in the given coordinates
        assertTrue(s.residual() < 1e-14, "residual " + s.residual());
        assertTrue(Riccati.residual(sys, s.p()) < 1e-14, "residual " + Riccati.residual(sys, s.p()));
    }

    /** P <- Q + A'PA - A'PB (R + B'PB)^-1 B'PA from P = Q, in 100 digits, to a fixed point. */
    private static BigDecimal[][] valueIteration(LqrSystem sys) {
        BigDecimal[][] a = exact(sys.a());
        BigDecimal[][] b = exact(sys.b());
        BigDecimal[][] q = exact(sys.q());
        BigDecimal r = new BigDecimal(sys.r()[0][0]);
        BigDecimal[][] p = q;
        for (int it = 0; it < 1000; it++) {
            BigDecimal[][] atp = mul(t(a), p);
            BigDecimal[][] atpb = mul(atp, b);
            BigDecimal s = r.add(mul(mul(t(b), p), b)[0][0], MC);
            BigDecimal[][] next = new BigDecimal[2][2];
            BigDecimal[][] atpa = mul(atp, a);
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    next[i][j] = q[i][j].add(atpa[i][j], MC)
                            .subtract(atpb[i][0].multiply(atpb[j][0], MC).divide(s, MC), MC);
                }
            }
            BigDecimal change = BigDecimal.ZERO;
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    change = change.max(next[i][j].subtract(p[i][j], MC).abs());
                }
            }
            p = next;
            if (change.compareTo(p[0][0].abs().multiply(new BigDecimal("1e-40"))) < 0) {
                return p;
            }
        }
        throw new AssertionError("value iteration did not converge");
    }

    private static BigDecimal[][] gain(LqrSystem sys, BigDecimal[][] p) {
        BigDecimal[][] btp = mul(t(exact(sys.b())), p);
        BigDecimal s = new BigDecimal(sys.r()[0][0]).add(mul(btp, exact(sys.b()))[0][0], MC);
        BigDecimal[][] btpa = mul(btp, exact(sys.a()));
        return new BigDecimal[][] {{btpa[0][0].negate().divide(s, MC), btpa[0][1].negate().divide(s, MC)}};
    }

    private static BigDecimal[][] exact(double[][] m) {
        BigDecimal[][] r = new BigDecimal[m.length][m[0].length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                r[i][j] = new BigDecimal(m[i][j]);
            }
        }
        return r;
    }

    private static BigDecimal[][] mul(BigDecimal[][] x, BigDecimal[][] y) {
        BigDecimal[][] r = new BigDecimal[x.length][y[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < y[0].length; j++) {
                BigDecimal s = BigDecimal.ZERO;
                for (int k = 0; k < y.length; k++) {
                    s = s.add(x[i][k].multiply(y[k][j], MC), MC);
                }
                r[i][j] = s;
            }
        }
        return r;
    }

    private static BigDecimal[][] t(BigDecimal[][] x) {
        BigDecimal[][] r = new BigDecimal[x[0].length][x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[0].length; j++) {
                r[j][i] = x[i][j];
            }
        }
        return r;
    }

    @Test
    void theUnitsOfTheStatesDoNotMatter() {
        // x = D z: (D^-1 A D, D^-1 B, D Q D, R) has the solution D P D and the gain K D
        for (LqrSystem sys : new LqrSystem[] {LqrSystems.builtIn("double-integrator"),
            LqrSystems.builtIn("laplacian").withCosts(Mat.identity(3), Mat.identity(3))}) {
            int n = sys.n();
            double[] d = n == 2 ? new double[] {1e-9, 1e7} : new double[] {1e8, 1, 1e-8};
            double[][] a = new double[n][n];
            double[][] b = new double[n][sys.m()];
            double[][] q = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    a[i][j] = sys.a()[i][j] / d[i] * d[j];
                    q[i][j] = sys.q()[i][j] * d[i] * d[j];
                }
                for (int j = 0; j < sys.m(); j++) {
                    b[i][j] = sys.b()[i][j] / d[i];
                }
            }
            LqrSolution s = Riccati.solve(sys);
            LqrSolution scaled = Riccati.solve(new LqrSystem("scaled", "scaled", a, b, q, sys.r(), 1, 1, 10));
            double[][] kBack = new double[sys.m()][n];
            for (int i = 0; i < sys.m(); i++) {
                for (int j = 0; j < n; j++) {
                    kBack[i][j] = scaled.k()[i][j] / d[j];
                }
            }
            assertTrue(s.relativeError(kBack) < 1e-12, sys.name() + ": " + Mat.format(kBack) + " against "
                    + Mat.format(s.k()));
            assertEquals(s.spectralRadius(), scaled.spectralRadius(), 1e-12);
            assertTrue(scaled.residual() < 1e-14, "residual " + scaled.residual());
        }
    }
}

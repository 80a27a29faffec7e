package org.mbpo4j.baselines.lqr;

/**
 * The discrete Lyapunov equation {@code X = L' X L + M} for a stable L (spectral radius below
 * 1), whose solution is {@code X = sum_k (L')^k M L^k}. Small systems (n up to
 * {@value #DIRECT_MAX_N}) are solved directly as the vectorised n^2 x n^2 linear system
 * {@code (I - L' (x) L') vec X = vec M}; larger ones by Smith's doubling
 * ({@code X <- X + F' X F}, {@code F <- F^2}), which needs about log2(36 / -ln rho) steps.
 */
public final class Lyapunov {
    /** Largest n solved by the direct vectorised method. */
    static final int DIRECT_MAX_N = 10;

    private Lyapunov() {
    }

    /**
     * X with X = L' X L + M; the caller guarantees that L is stable.
     *
     * @throws ArithmeticException if L is not stable enough for the equation to be solved
     */
    public static double[][] solve(double[][] l, double[][] m) {
        return l.length <= DIRECT_MAX_N ? direct(l, m) : doubling(l, m);
    }

    /** The stationary covariance S = L S L' + W of x' = L x + noise with covariance W. */
    public static double[][] covariance(double[][] l, double[][] w) {
        return solve(Mat.t(l), w);
    }

    static double[][] direct(double[][] l, double[][] m) {
        int n = l.length;
        int nn = n * n;
        double[][] coef = new double[nn][nn];
        double[] rhs = new double[nn];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int row = i * n + j;
                rhs[row] = m[i][j];
                coef[row][row] += 1;
                for (int k = 0; k < n; k++) {
                    double lki = l[k][i];
                    if (lki != 0) {
                        for (int q = 0; q < n; q++) {
                            coef[row][k * n + q] -= lki * l[q][j];
                        }
                    }
                }
            }
        }
        double[] x = Mat.solve(coef, rhs);
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, i * n, out[i], 0, n);
        }
        return Mat.symmetrise(out);
    }

    static double[][] doubling(double[][] l, double[][] m) {
        double[][] x = Mat.copy(m);
        double[][] f = Mat.copy(l);
        for (int step = 0; step < 200; step++) {
            double[][] next = Mat.add(x, Mat.mul(Mat.t(f), x, f));
            f = Mat.mul(f, f);
            if (!Mat.isFinite(next) || !Mat.isFinite(f)) {
                throw new ArithmeticException("the Lyapunov doubling diverged: L is not stable");
            }
            double change = Mat.norm(Mat.sub(next, x));
            x = next;
            if (change <= 1e-16 * Mat.norm(x) || Mat.maxAbs(f) < 1e-300) {
                return Mat.symmetrise(x);
            }
        }
        throw new ArithmeticException("the Lyapunov doubling did not converge: L is (nearly) unstable");
    }
}

package org.mbpo4j.baselines.lqr;

/**
 * A discrete-time linear system with quadratic cost:
 * {@code x' = A x + B u + w}, {@code w ~ N(0, noiseStd^2 I)}, per-step cost
 * {@code x'Qx + u'Ru}; episodes (for collecting data) start at {@code x0 ~ N(0, x0Std^2 I)} and
 * last {@code horizon} steps. The costs this package reports are infinite-horizon average costs
 * per step, which depend neither on {@code x0Std} nor on {@code horizon}.
 *
 * <p>The constructor validates everything ({@link InvalidSystemException} naming
 * {@code source}, the field and the value): shapes, finiteness, Q symmetric positive
 * semidefinite, R symmetric positive definite, noise and x0 standard deviations non-negative,
 * horizon at least 1, and (A, B) stabilisable.
 *
 * @param name a label (a built-in's name or the file name)
 * @param source where the system came from, for messages
 */
public record LqrSystem(String name, String source, double[][] a, double[][] b, double[][] q, double[][] r,
                        double noiseStd, double x0Std, int horizon) {
    /** Relative tolerance of the symmetry and definiteness checks. */
    static final double TOL = 1e-9;

    public LqrSystem {
        a = checkedMatrix(source, "A", a);
        b = checkedMatrix(source, "B", b);
        q = checkedMatrix(source, "Q", q);
        r = checkedMatrix(source, "R", r);
        int n = a.length;
        if (Mat.cols(a) != n) {
            throw fail(source, "A must be square (n x n), got " + n + "x" + Mat.cols(a));
        }
        if (b.length != n) {
            throw fail(source, "B must have as many rows as A (" + n + "), got " + b.length + "x" + Mat.cols(b));
        }
        int m = Mat.cols(b);
        if (m == 0) {
            throw fail(source, "B must have at least one column (one input)");
        }
        if (q.length != n || Mat.cols(q) != n) {
            throw fail(source, "Q must be " + n + "x" + n + " like A, got " + q.length + "x" + Mat.cols(q));
        }
        if (r.length != m || Mat.cols(r) != m) {
            throw fail(source, "R must be " + m + "x" + m + " (B has " + m + " columns), got " + r.length + "x"
                    + Mat.cols(r));
        }
        checkSymmetric(source, "Q", q);
        checkSymmetric(source, "R", r);
        double[] eq = symmetricEigenvalues(source, "Q", q);
        if (eq[0] < -TOL * Math.max(1, Math.abs(eq[n - 1]))) {
            throw fail(source, "Q must be positive semidefinite, but its smallest eigenvalue is " + eq[0]);
        }
        double[] er = symmetricEigenvalues(source, "R", r);
        if (er[0] <= TOL * Math.max(1e-300, Math.abs(er[m - 1]))) {
            throw fail(source, "R must be positive definite, but its smallest eigenvalue is " + er[0]);
        }
        if (!(noiseStd >= 0) || !Double.isFinite(noiseStd)) {
            throw fail(source, "noise_std must be a finite number >= 0, got " + noiseStd);
        }
        if (!(x0Std >= 0) || !Double.isFinite(x0Std)) {
            throw fail(source, "x0_std must be a finite number >= 0, got " + x0Std);
        }
        if (horizon < 1) {
            throw fail(source, "horizon must be at least 1, got " + horizon);
        }
        String unstabilisable;
        try {
            unstabilisable = Stabilisability.problem(a, b);
        } catch (ArithmeticException e) {
            throw fail(source, "the stabilisability test of (A, B) failed numerically: " + e.getMessage());
        }
        if (unstabilisable != null) {
            throw fail(source, unstabilisable);
        }
    }

    /** Number of states. */
    public int n() {
        return a.length;
    }

    /** Number of inputs. */
    public int m() {
        return Mat.cols(b);
    }

    /** This system with other cost matrices (validated again). */
    public LqrSystem withCosts(double[][] newQ, double[][] newR) {
        return new LqrSystem(name, source, a, b, newQ, newR, noiseStd, x0Std, horizon);
    }

    /** This system with other dynamics (an estimated model), keeping costs and episode settings. */
    public LqrSystem withDynamics(String newName, double[][] newA, double[][] newB, double newNoiseStd) {
        return new LqrSystem(newName, newName, newA, newB, q, r, newNoiseStd, x0Std, horizon);
    }

    private static double[][] checkedMatrix(String source, String field, double[][] v) {
        if (v == null || v.length == 0) {
            throw fail(source, field + " is missing or empty");
        }
        int cols = v[0] == null ? 0 : v[0].length;
        for (int i = 0; i < v.length; i++) {
            if (v[i] == null || v[i].length != cols) {
                throw fail(source, field + " row " + i + " has " + (v[i] == null ? 0 : v[i].length)
                        + " entries but row 0 has " + cols + " (rows must be equally long)");
            }
            for (int j = 0; j < cols; j++) {
                if (!Double.isFinite(v[i][j])) {
                    throw fail(source, field + "[" + i + "][" + j + "] must be finite, got " + v[i][j]);
                }
            }
        }
        return Mat.copy(v);
    }

    private static double[] symmetricEigenvalues(String source, String field, double[][] v) {
        try {
            return Mat.symmetricEigenvalues(v);
        } catch (ArithmeticException e) {
            throw fail(source, "the eigenvalues of " + field + " cannot be computed: " + e.getMessage());
        }
    }

    private static void checkSymmetric(String source, String field, double[][] v) {
        double scale = Math.max(1e-300, Mat.maxAbs(v));
        for (int i = 0; i < v.length; i++) {
            for (int j = i + 1; j < v.length; j++) {
                if (Math.abs(v[i][j] - v[j][i]) > TOL * scale) {
                    throw fail(source, field + " must be symmetric, but " + field + "[" + i + "][" + j + "] = "
                            + v[i][j] + " and " + field + "[" + j + "][" + i + "] = " + v[j][i]);
                }
            }
        }
    }

    private static InvalidSystemException fail(String source, String problem) {
        return new InvalidSystemException((source == null ? "" : source + ": ") + problem);
    }
}

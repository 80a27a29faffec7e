package org.mbpo4j.baselines.lqr;

/**
 * Dense real matrices as {@code double[rows][cols]}, for the small systems of this package
 * (a few dozen states at most). Every method returns a new array and leaves its arguments
 * alone.
 */
public final class Mat {
    private Mat() {
    }

    /** The n x n identity. */
    public static double[][] identity(int n) {
        double[][] r = new double[n][n];
        for (int i = 0; i < n; i++) {
            r[i][i] = 1;
        }
        return r;
    }

    /** A deep copy. */
    public static double[][] copy(double[][] a) {
        double[][] r = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i].clone();
        }
        return r;
    }

    /** The number of columns (0 for an empty matrix). */
    public static int cols(double[][] a) {
        return a.length == 0 ? 0 : a[0].length;
    }

    /** a b. */
    public static double[][] mul(double[][] a, double[][] b) {
        int n = a.length;
        int k = b.length;
        int m = cols(b);
        if (cols(a) != k) {
            throw new IllegalArgumentException("cannot multiply " + n + "x" + cols(a) + " by " + k + "x" + m);
        }
        double[][] r = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < k; p++) {
                double v = a[i][p];
                if (v != 0) {
                    for (int j = 0; j < m; j++) {
                        r[i][j] += v * b[p][j];
                    }
                }
            }
        }
        return r;
    }

    /** a b c. */
    public static double[][] mul(double[][] a, double[][] b, double[][] c) {
        return mul(mul(a, b), c);
    }

    /** a x. */
    public static double[] mul(double[][] a, double[] x) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                s += a[i][j] * x[j];
            }
            r[i] = s;
        }
        return r;
    }

    /** a . b. */
    public static double dot(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("cannot take the dot product of lengths " + a.length + " and "
                    + b.length);
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** a'. */
    public static double[][] t(double[][] a) {
        double[][] r = new double[cols(a)][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                r[j][i] = a[i][j];
            }
        }
        return r;
    }

    /** a + b. */
    public static double[][] add(double[][] a, double[][] b) {
        return axpy(1, b, a);
    }

    /** a - b. */
    public static double[][] sub(double[][] a, double[][] b) {
        return axpy(-1, b, a);
    }

    /** s a. */
    public static double[][] scale(double s, double[][] a) {
        double[][] r = new double[a.length][cols(a)];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                r[i][j] = s * a[i][j];
            }
        }
        return r;
    }

    /** s x + y. */
    public static double[][] axpy(double s, double[][] x, double[][] y) {
        if (x.length != y.length || cols(x) != cols(y)) {
            throw new IllegalArgumentException("shapes differ: " + x.length + "x" + cols(x) + " and " + y.length
                    + "x" + cols(y));
        }
        double[][] r = new double[y.length][cols(y)];
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < y[i].length; j++) {
                r[i][j] = s * x[i][j] + y[i][j];
            }
        }
        return r;
    }

    /** (a + a') / 2. */
    public static double[][] symmetrise(double[][] a) {
        return scale(0.5, add(a, t(a)));
    }

    /** The trace. */
    public static double trace(double[][] a) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i][i];
        }
        return s;
    }

    /** The Frobenius norm. */
    public static double norm(double[][] a) {
        double s = 0;
        for (double[] row : a) {
            for (double v : row) {
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }

    /** The largest absolute entry. */
    public static double maxAbs(double[][] a) {
        double m = 0;
        for (double[] row : a) {
            for (double v : row) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    /** Whether every entry is finite. */
    public static boolean isFinite(double[][] a) {
        for (double[] row : a) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The solution X of a X = b (LU with partial pivoting).
     *
     * @throws ArithmeticException if a is singular to working precision
     */
    public static double[][] solve(double[][] a, double[][] b) {
        int n = a.length;
        if (cols(a) != n || b.length != n) {
            throw new IllegalArgumentException("solve needs a square matrix and as many rows on the right, got "
                    + n + "x" + cols(a) + " and " + b.length + "x" + cols(b));
        }
        int m = cols(b);
        double[][] lu = copy(a);
        double[][] x = copy(b);
        double scale = Math.max(maxAbs(a), Double.MIN_NORMAL);
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(lu[r][c]) > Math.abs(lu[p][c])) {
                    p = r;
                }
            }
            if (Math.abs(lu[p][c]) <= 1e-14 * scale) {
                throw new ArithmeticException("singular matrix (pivot " + lu[p][c] + " in column " + c + ")");
            }
            double[] tmp = lu[p];
            lu[p] = lu[c];
            lu[c] = tmp;
            tmp = x[p];
            x[p] = x[c];
            x[c] = tmp;
            for (int r = c + 1; r < n; r++) {
                double f = lu[r][c] / lu[c][c];
                if (f != 0) {
                    for (int j = c; j < n; j++) {
                        lu[r][j] -= f * lu[c][j];
                    }
                    for (int j = 0; j < m; j++) {
                        x[r][j] -= f * x[c][j];
                    }
                }
            }
        }
        for (int c = n - 1; c >= 0; c--) {
            for (int j = 0; j < m; j++) {
                double s = x[c][j];
                for (int k = c + 1; k < n; k++) {
                    s -= lu[c][k] * x[k][j];
                }
                x[c][j] = s / lu[c][c];
            }
        }
        return x;
    }

    /** The solution x of a x = b. */
    public static double[] solve(double[][] a, double[] b) {
        double[][] col = new double[b.length][1];
        for (int i = 0; i < b.length; i++) {
            col[i][0] = b[i];
        }
        double[][] x = solve(a, col);
        double[] r = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = x[i][0];
        }
        return r;
    }

    /** The inverse. */
    public static double[][] inverse(double[][] a) {
        return solve(a, identity(a.length));
    }

    /** A readable one-line form such as {@code [[1, 2], [3, 4]]}. */
    public static String format(double[][] a) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < a.length; i++) {
            s.append(i == 0 ? "[" : ", [");
            for (int j = 0; j < a[i].length; j++) {
                s.append(j == 0 ? "" : ", ").append(a[i][j]);
            }
            s.append(']');
        }
        return s.append(']').toString();
    }

    /** {@link #solve}, or null when the system is singular or the solution is not finite (a critic with too little data). */
    static double[] solveOrNull(double[][] a, double[] b) {
        try {
            double[] x = solve(a, b);
            for (double v : x) {
                if (!Double.isFinite(v)) {
                    return null;
                }
            }
            return x;
        } catch (ArithmeticException e) {
            return null;
        }
    }
}

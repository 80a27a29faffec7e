package org.mbpo4j.baselines.lqr;

import java.util.Arrays;
import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.lu.LUDecompositionAlt_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Dense real matrices as {@code double[rows][cols]}, for the small systems of this package
 * (a few dozen states at most). Every method returns a new array and leaves its arguments
 * alone. The elementwise operations and products are written out here; the factorisations
 * (LU solves, eigenvalues) are EJML's ({@code org.ejml:ejml-ddense}).
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

    /** The Frobenius norm (rescaled where the plain sum of squares overflows or underflows). */
    public static double norm(double[][] a) {
        double s = 0;
        for (double[] row : a) {
            for (double v : row) {
                s += v * v;
            }
        }
        if (s < Double.POSITIVE_INFINITY && (s >= Double.MIN_NORMAL || s == 0 && maxAbs(a) == 0)) {
            return Math.sqrt(s);
        }
        double scale = maxAbs(a);
        if (!(scale < Double.POSITIVE_INFINITY)) {
            return scale;
        }
        s = 0;
        for (double[] row : a) {
            for (double v : row) {
                s += (v / scale) * (v / scale);
            }
        }
        return scale * Math.sqrt(s);
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
     * The solution X of a X = b (EJML's LU with partial pivoting).
     *
     * @throws ArithmeticException if a is singular to working precision: a pivot at or below
     *     1e-14 times the largest entry of a (relative, so a well-conditioned matrix of tiny or
     *     huge entries is fine), or a has an entry that is not finite
     */
    public static double[][] solve(double[][] a, double[][] b) {
        int n = a.length;
        if (cols(a) != n || b.length != n) {
            throw new IllegalArgumentException("solve needs a square matrix and as many rows on the right, got "
                    + n + "x" + cols(a) + " and " + b.length + "x" + cols(b));
        }
        int m = cols(b);
        if (n == 0) {
            return new double[0][m];
        }
        if (!isFinite(a)) {
            throw new ArithmeticException("singular matrix (an entry is not finite)");
        }
        LUDecompositionAlt_DDRM lu = new LUDecompositionAlt_DDRM();
        if (!lu.decompose(new DMatrixRMaj(a))) {
            throw new ArithmeticException("singular matrix (the LU decomposition failed)");
        }
        double scale = Math.max(maxAbs(a), Double.MIN_NORMAL);
        DMatrixRMaj factors = lu.getLU();
        for (int c = 0; c < n; c++) {
            double pivot = factors.get(c, c);
            if (!(Math.abs(pivot) > 1e-14 * scale)) {
                throw new ArithmeticException("singular matrix (pivot " + pivot + " in column " + c + ")");
            }
        }
        double[][] x = new double[n][m];
        double[] column = new double[n];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < n; i++) {
                column[i] = b[i][j];
            }
            lu._solveVectorInternal(column);
            for (int i = 0; i < n; i++) {
                x[i][j] = column[i];
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

    /**
     * The eigenvalues of a square real matrix as {@code {re[], im[]}} (in no particular order,
     * complex ones in conjugate pairs): m is balanced first ({@code Balancing#forMatrix}, a
     * diagonal similarity by powers of two, as LAPACK does), then EJML's eigenvalue
     * decomposition (Hessenberg reduction and the implicit double-shift QR iteration) runs on
     * it. Their accuracy is that of a backward stable method: exact for a matrix within about
     * 1e-16 ||balanced m|| of it, which for a nearly defective matrix can move an eigenvalue
     * much more than that.
     *
     * @throws ArithmeticException if m has an entry that is not finite or the iteration does not
     *     converge
     */
    public static double[][] eigenvalues(double[][] m) {
        int n = m.length;
        if (cols(m) != n) {
            throw new IllegalArgumentException("eigenvalues need a square matrix, got " + n + "x" + cols(m));
        }
        double[] re = new double[n];
        double[] im = new double[n];
        if (n == 0) {
            return new double[][] {re, im};
        }
        if (!isFinite(m)) {
            throw new ArithmeticException("eigenvalues of a matrix with an entry that is not finite");
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false);
        if (!eig.decompose(new DMatrixRMaj(Balancing.forMatrix(m).similar(m)))) {
            throw new ArithmeticException("the QR iteration for the eigenvalues did not converge");
        }
        for (int i = 0; i < n; i++) {
            Complex_F64 v = eig.getEigenvalue(i);
            re[i] = v.real;
            im[i] = v.imaginary;
        }
        return new double[][] {re, im};
    }

    /** The largest modulus of an eigenvalue ({@link #eigenvalues}). */
    public static double spectralRadius(double[][] m) {
        double[][] ev = eigenvalues(m);
        double r = 0;
        for (int i = 0; i < ev[0].length; i++) {
            r = Math.max(r, Math.hypot(ev[0][i], ev[1][i]));
        }
        return r;
    }

    /**
     * The eigenvalues of a symmetric matrix, ascending (of {@code (s + s') / 2}, by EJML's
     * symmetric QR algorithm).
     *
     * @throws ArithmeticException if s has an entry that is not finite or the iteration does not
     *     converge
     */
    public static double[] symmetricEigenvalues(double[][] s) {
        int n = s.length;
        if (!isFinite(s)) {
            throw new ArithmeticException("eigenvalues of a matrix with an entry that is not finite");
        }
        double[] d = new double[n];
        if (n == 0) {
            return d;
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
        if (!eig.decompose(new DMatrixRMaj(symmetrise(s)))) {
            throw new ArithmeticException("the symmetric QR iteration for the eigenvalues did not converge");
        }
        for (int i = 0; i < n; i++) {
            d[i] = eig.getEigenvalue(i).real;
        }
        Arrays.sort(d);
        return d;
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

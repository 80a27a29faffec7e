package org.mbpo4j.baselines.lqr;

/**
 * A diagonal change of state coordinates {@code x = D z} by powers of two, which are exact in
 * floating point: the scaled system {@code (D^-1 A D, D^-1 B, D Q D, R)} has the same
 * eigenvalues, controllability and optimal closed loop, its Riccati solution is {@code D P D} and
 * its optimal gain {@code K D}, and going back multiplies by powers of two again. It removes the
 * bad scaling that comes from the units of the states (a state in micrometres beside one in
 * kilometres); it cannot remove eigenvalues of very different sizes, which no similarity
 * changes.
 *
 * <p>The scaling is chosen like LAPACK's balancing (Parlett and Reinsch 1969, without the
 * permutations): each sweep scales state i by the power of two that best equalises the 1-norms
 * of the off-diagonal parts of its row and column, and applies it when that reduces their sum by
 * 5% or more; sweeps stop when none does. {@link #forMatrix} balances A alone;
 * {@link #forRiccati} balances the Hamiltonian-like matrix {@code [[A, G], [Q, A']]} with
 * {@code G = B R^-1 B'} under the structure {@code diag(D, D^-1)} that keeps it symplectic
 * (Benner 2000): the row of state i counts A's off-diagonal row and G's row and column, its
 * column A's off-diagonal column and Q's row and column.
 */
final class Balancing {
    private static final int MAX_SWEEPS = 100;
    /** Largest |log2 d_i| (2^512 is about 1e154), so that products of two scales stay finite. */
    private static final int MAX_EXPONENT = 512;

    /** The diagonal of D. */
    private final double[] d;

    private Balancing(double[] d) {
        this.d = d;
    }

    /** No scaling. */
    static Balancing identity(int n) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, 1);
        return new Balancing(d);
    }

    /** The balancing of a square matrix (for eigenvalues and the controllability test). */
    static Balancing forMatrix(double[][] a) {
        return balance(a, null, null);
    }

    /** The symplectic balancing of the Riccati data A, G = B R^-1 B' and Q. */
    static Balancing forRiccati(double[][] a, double[][] g, double[][] q) {
        return balance(a, g, q);
    }

    private static Balancing balance(double[][] a0, double[][] g0, double[][] q0) {
        int n = a0.length;
        double[][] a = Mat.copy(a0);
        double[][] g = g0 == null ? null : Mat.copy(g0);
        double[][] q = q0 == null ? null : Mat.copy(q0);
        int[] exponent = new int[n];
        boolean changed = true;
        for (int sweep = 0; sweep < MAX_SWEEPS && changed; sweep++) {
            changed = false;
            for (int i = 0; i < n; i++) {
                double col = 0;
                double row = 0;
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        col += Math.abs(a[j][i]);
                        row += Math.abs(a[i][j]);
                    }
                }
                if (g != null) {
                    col *= 2;
                    row *= 2;
                    for (int j = 0; j < n; j++) {
                        col += Math.abs(q[j][i]) + Math.abs(q[i][j]);
                        row += Math.abs(g[j][i]) + Math.abs(g[i][j]);
                    }
                }
                if (col == 0 || row == 0 || !Double.isFinite(col) || !Double.isFinite(row)) {
                    continue;
                }
                // D^-1 A D divides row i by d_i and multiplies column i by it: pick d_i ~ sqrt(row / col)
                int e = (int) Math.round(0.5 * (Math.log(row) - Math.log(col)) / Math.log(2));
                e = Math.max(-MAX_EXPONENT - exponent[i], Math.min(MAX_EXPONENT - exponent[i], e));
                if (e == 0) {
                    continue;
                }
                double f = Math.scalb(1.0, e);
                if (col * f + row / f >= 0.95 * (col + row)) {
                    continue;
                }
                changed = true;
                exponent[i] += e;
                for (int j = 0; j < n; j++) {
                    a[i][j] /= f;
                    a[j][i] *= f;
                    if (g != null) {
                        g[i][j] /= f;
                        g[j][i] /= f;
                        q[i][j] *= f;
                        q[j][i] *= f;
                    }
                }
            }
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = Math.scalb(1.0, exponent[i]);
        }
        return new Balancing(d);
    }

    /** Whether D = I. */
    boolean isIdentity() {
        for (double v : d) {
            if (v != 1) {
                return false;
            }
        }
        return true;
    }

    /** {@code D^-1 A D}. */
    double[][] similar(double[][] a) {
        double[][] r = new double[a.length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                r[i][j] = a[i][j] / d[i] * d[j];
            }
        }
        return r;
    }

    /** {@code D^-1 B}. */
    double[][] inputs(double[][] b) {
        double[][] r = new double[b.length][Mat.cols(b)];
        for (int i = 0; i < b.length; i++) {
            for (int j = 0; j < r[i].length; j++) {
                r[i][j] = b[i][j] / d[i];
            }
        }
        return r;
    }

    /** {@code D Q D}, a quadratic form in the new coordinates. */
    double[][] form(double[][] q) {
        double[][] r = new double[q.length][q.length];
        for (int i = 0; i < q.length; i++) {
            for (int j = 0; j < q.length; j++) {
                r[i][j] = q[i][j] * d[i] * d[j];
            }
        }
        return r;
    }

    /** The quadratic form back in the original coordinates: {@code D^-1 P D^-1}. */
    double[][] formBack(double[][] p) {
        double[][] r = new double[p.length][p.length];
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < p.length; j++) {
                r[i][j] = p[i][j] / d[i] / d[j];
            }
        }
        return r;
    }

    /** The gain back in the original coordinates: {@code K D^-1}. */
    double[][] gainBack(double[][] k) {
        double[][] r = new double[k.length][Mat.cols(k)];
        for (int i = 0; i < k.length; i++) {
            for (int j = 0; j < r[i].length; j++) {
                r[i][j] = k[i][j] / d[j];
            }
        }
        return r;
    }
}

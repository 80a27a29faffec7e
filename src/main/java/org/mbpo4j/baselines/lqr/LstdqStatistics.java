package org.mbpo4j.baselines.lqr;

/**
 * Sufficient statistics of {@link LstdqActorCritic}'s LSTD-Q system that do not depend on the
 * gain being evaluated, so that any amount of data can be kept and re-evaluated for a new gain
 * at a cost that does not grow with it.
 *
 * <p>The instrument {@code z_t = [phi(x), 1, 2 d x', vech(d d') - sigma^2 I]} with
 * {@code d = u - K x} is a linear map {@code T_K} of the monomials
 * {@code zeta_t = [x_a x_b (a <= b), 1, u_a x_b, u_a u_b (a <= b)]}, and the regressor is
 * {@code z_t - [phi(x_{t+1}), 0, ...]}. So with {@code S = sum zeta zeta'},
 * {@code F = sum zeta phi(x_{t+1})'} and {@code s = sum zeta c}, the system for gain K is
 * {@code (T S T' - T F E') theta = T s}, E placing phi's coordinates first.
 *
 * <p>Trajectories are dealt round-robin into {@value #GROUPS} groups for the delete-a-group
 * jackknife (with fewer trajectories than groups, each is its own group). Steps with a
 * non-finite state, action or cost (a diverged episode) are left out.
 */
final class LstdqStatistics {
    /** Groups of the jackknife. */
    static final int GROUPS = 20;

    private final int n;
    private final int m;
    private final double[][][] s;
    private final double[][][] f;
    private final double[][] c;
    private final long[] rows;
    private final int[] members;
    private int trajectories;

    /** Empty statistics for n states and m inputs. */
    LstdqStatistics(int n, int m) {
        this.n = n;
        this.m = m;
        int p = size(n, m);
        int nf = n * (n + 1) / 2;
        s = new double[GROUPS][p][p];
        f = new double[GROUPS][p][nf];
        c = new double[GROUPS][p];
        rows = new long[GROUPS];
        members = new int[GROUPS];
    }

    /** The statistics of some trajectories. */
    static LstdqStatistics of(Iterable<Trajectory> data, int n, int m) {
        LstdqStatistics st = new LstdqStatistics(n, m);
        for (Trajectory tr : data) {
            st.add(tr);
        }
        return st;
    }

    /** Length of zeta (and of theta): n(n+1)/2 + 1 + m n + m(m+1)/2. */
    static int size(int n, int m) {
        return n * (n + 1) / 2 + 1 + m * n + m * (m + 1) / 2;
    }

    int n() {
        return n;
    }

    int m() {
        return m;
    }

    /** Trajectories added. */
    int trajectories() {
        return trajectories;
    }

    /** Transitions used. */
    long rows() {
        long r = 0;
        for (long v : rows) {
            r += v;
        }
        return r;
    }

    /** Groups holding at least one trajectory. */
    int groups() {
        int g = 0;
        for (int v : members) {
            g += v > 0 ? 1 : 0;
        }
        return g;
    }

    /** Adds an episode's transitions to the next group. */
    void add(Trajectory tr) {
        int g = trajectories % GROUPS;
        trajectories++;
        members[g]++;
        int p = size(n, m);
        int nf = n * (n + 1) / 2;
        double[] zeta = new double[p];
        double[] phiNext = new double[nf];
        double[][] sg = s[g];
        double[][] fg = f[g];
        double[] cg = c[g];
        for (int t = 0; t < tr.length(); t++) {
            double cost = tr.c()[t];
            if (!Double.isFinite(cost) || !monomials(tr.x()[t], tr.u()[t], zeta)
                    || !phi(tr.x()[t + 1], phiNext)) {
                continue;
            }
            for (int a = 0; a < p; a++) {
                double za = zeta[a];
                if (za == 0) {
                    continue;
                }
                cg[a] += za * cost;
                double[] row = sg[a];
                for (int b = 0; b < p; b++) {
                    row[b] += za * zeta[b];
                }
                double[] frow = fg[a];
                for (int b = 0; b < nf; b++) {
                    frow[b] += za * phiNext[b];
                }
            }
            rows[g]++;
        }
    }

    /**
     * {@code wa a + wb b}, group by group (group g of the result holds group g of both): the
     * weighted LSTD-Q system of a mixed batch.
     */
    static LstdqStatistics weighted(LstdqStatistics a, double wa, LstdqStatistics b, double wb) {
        if (a.n != b.n || a.m != b.m) {
            throw new IllegalArgumentException("statistics of different sizes: n=" + a.n + ", m=" + a.m + " and n="
                    + b.n + ", m=" + b.m);
        }
        LstdqStatistics r = new LstdqStatistics(a.n, a.m);
        for (int g = 0; g < GROUPS; g++) {
            r.s[g] = Mat.add(Mat.scale(wa, a.s[g]), Mat.scale(wb, b.s[g]));
            r.f[g] = Mat.add(Mat.scale(wa, a.f[g]), Mat.scale(wb, b.f[g]));
            for (int i = 0; i < r.c[g].length; i++) {
                r.c[g][i] = wa * a.c[g][i] + wb * b.c[g][i];
            }
            r.rows[g] = a.rows[g] + b.rows[g];
            r.members[g] = a.members[g] + b.members[g];
        }
        r.trajectories = a.trajectories + b.trajectories;
        return r;
    }

    /**
     * The LSTD-Q system {@code lhs theta = rhs} of group g (g = -1: all groups) for gain k and
     * exploration sigma: {@code {lhs rows..., rhs}} as a (q x q+1) matrix.
     */
    double[][] system(int g, double[][] k, double sigma) {
        int p = size(n, m);
        int nf = n * (n + 1) / 2;
        double[][] sg = new double[p][p];
        double[][] fg = new double[p][nf];
        double[] cg = new double[p];
        for (int h = 0; h < GROUPS; h++) {
            if (g >= 0 && h != g) {
                continue;
            }
            for (int a = 0; a < p; a++) {
                cg[a] += c[h][a];
                for (int b = 0; b < p; b++) {
                    sg[a][b] += s[h][a][b];
                }
                for (int b = 0; b < nf; b++) {
                    fg[a][b] += f[h][a][b];
                }
            }
        }
        double[][] t = transform(k, sigma);
        double[][] ts = Mat.mul(t, sg);
        double[][] lhs = Mat.mul(ts, Mat.t(t));
        double[][] tf = Mat.mul(t, fg);
        double[][] out = new double[p][p + 1];
        for (int a = 0; a < p; a++) {
            System.arraycopy(lhs[a], 0, out[a], 0, p);
            for (int b = 0; b < nf; b++) {
                out[a][b] -= tf[a][b];
            }
            double r = 0;
            for (int b = 0; b < p; b++) {
                r += t[a][b] * cg[b];
            }
            out[a][p] = r;
        }
        return out;
    }

    /** T_K: the instrument z as a linear map of the monomials zeta. */
    double[][] transform(double[][] k, double sigma) {
        int p = size(n, m);
        int nf = n * (n + 1) / 2;
        int one = nf;
        int ux = nf + 1;
        int uu = ux + m * n;
        double[][] t = new double[p][p];
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) {
                t[xx(a, b)][xx(a, b)] = a == b ? 1 : 2;
            }
        }
        t[one][one] = 1;
        int gRow = ux;
        for (int a = 0; a < m; a++) { // 2 d_a x_b = 2 u_a x_b - 2 sum_c K_ac x_c x_b
            for (int b = 0; b < n; b++) {
                int row = gRow + a * n + b;
                t[row][ux + a * n + b] += 2;
                for (int cc = 0; cc < n; cc++) {
                    t[row][xx(cc, b)] -= 2 * k[a][cc];
                }
            }
        }
        int hRow = uu;
        for (int a = 0; a < m; a++) {
            for (int b = a; b < m; b++) {
                // d_a d_b = u_a u_b - u_a (Kx)_b - u_b (Kx)_a + (Kx)_a (Kx)_b; doubled off the diagonal
                double w = a == b ? 1 : 2;
                int row = hRow + uuOffset(a, b);
                t[row][uu + uuOffset(a, b)] += w;
                for (int cc = 0; cc < n; cc++) {
                    t[row][ux + a * n + cc] -= w * k[b][cc];
                    t[row][ux + b * n + cc] -= w * k[a][cc];
                    for (int e = 0; e < n; e++) {
                        t[row][xx(cc, e)] += w * k[a][cc] * k[b][e];
                    }
                }
                if (a == b) {
                    t[row][one] -= sigma * sigma;
                }
            }
        }
        return t;
    }

    /** Index of x_a x_b (either order) in zeta. */
    private int xx(int a, int b) {
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        return lo * n - lo * (lo - 1) / 2 + (hi - lo);
    }

    /** Offset of u_a u_b (a <= b) inside the uu block. */
    private int uuOffset(int a, int b) {
        return a * m - a * (a - 1) / 2 + (b - a);
    }

    private boolean monomials(double[] x, double[] u, double[] zeta) {
        int p = 0;
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) {
                zeta[p++] = x[a] * x[b];
            }
        }
        zeta[p++] = 1;
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < n; b++) {
                zeta[p++] = u[a] * x[b];
            }
        }
        for (int a = 0; a < m; a++) {
            for (int b = a; b < m; b++) {
                zeta[p++] = u[a] * u[b];
            }
        }
        for (double v : zeta) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private boolean phi(double[] x, double[] out) {
        int p = 0;
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) {
                out[p] = (a == b ? 1 : 2) * x[a] * x[b];
                if (!Double.isFinite(out[p])) {
                    return false;
                }
                p++;
            }
        }
        return true;
    }
}

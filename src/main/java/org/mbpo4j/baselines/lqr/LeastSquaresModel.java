package org.mbpo4j.baselines.lqr;

/**
 * The least-squares estimate of the dynamics {@code x' = A x + B u + w} from real transitions:
 * {@code [A B] = (sum x' z') (sum z z')^-1} with {@code z = [x; u]}, and the residual noise
 * standard deviation {@code sqrt(RSS / (N n - (n + m) n))} (isotropic, as the systems'
 * noise). Sufficient statistics are accumulated, so adding data and refitting is cheap.
 */
public final class LeastSquaresModel {
    private final int n;
    private final int m;
    private final double[][] zz;
    private final double[][] xz;
    private double xx;
    private long count;

    /** An empty model for n states and m inputs. */
    public LeastSquaresModel(int n, int m) {
        this.n = n;
        this.m = m;
        this.zz = new double[n + m][n + m];
        this.xz = new double[n][n + m];
    }

    /** Adds the transitions of an episode. */
    public void add(Trajectory t) {
        for (int s = 0; s < t.length(); s++) {
            add(t.x()[s], t.u()[s], t.x()[s + 1]);
        }
    }

    /** Adds one transition (x, u) -> next. */
    public void add(double[] x, double[] u, double[] next) {
        double[] z = new double[n + m];
        System.arraycopy(x, 0, z, 0, n);
        System.arraycopy(u, 0, z, n, m);
        for (int i = 0; i < n + m; i++) {
            for (int j = 0; j < n + m; j++) {
                zz[i][j] += z[i] * z[j];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n + m; j++) {
                xz[i][j] += next[i] * z[j];
            }
            xx += next[i] * next[i];
        }
        count++;
    }

    /** Transitions seen. */
    public long count() {
        return count;
    }

    /** Whether there are more transitions than unknowns per row (n + m) and the fit is determined. */
    public boolean ready() {
        if (count <= n + m) {
            return false;
        }
        try {
            Mat.solve(zz, Mat.identity(n + m));
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    /**
     * The current estimate.
     *
     * @throws IllegalStateException if {@link #ready()} is false
     */
    public Estimate estimate() {
        if (!ready()) {
            throw new IllegalStateException("the model needs more than " + (n + m) + " transitions that excite"
                    + " every state and input direction, has " + count);
        }
        double[][] theta = Mat.t(Mat.solve(zz, Mat.t(xz)));
        double[][] a = new double[n][n];
        double[][] b = new double[n][m];
        for (int i = 0; i < n; i++) {
            System.arraycopy(theta[i], 0, a[i], 0, n);
            System.arraycopy(theta[i], n, b[i], 0, m);
        }
        // RSS = sum |x'|^2 - 2 tr(theta xz') + tr(theta zz theta')
        double rss = xx - 2 * Mat.trace(Mat.mul(theta, Mat.t(xz))) + Mat.trace(Mat.mul(theta, zz, Mat.t(theta)));
        double dof = (double) count * n - (double) (n + m) * n;
        double noise = Math.sqrt(Math.max(rss, 0) / Math.max(dof, 1));
        return new Estimate(a, b, noise, count, Mat.inverse(zz));
    }

    /**
     * A fitted model.
     *
     * @param a estimated A
     * @param b estimated B
     * @param noiseStd residual noise standard deviation
     * @param transitions number of transitions it was fitted on
     * @param zzInverse {@code (sum z z')^-1}: {@code noiseStd^2 zzInverse} is the covariance of
     *     each row of [A B]
     */
    public record Estimate(double[][] a, double[][] b, double noiseStd, long transitions, double[][] zzInverse) {

        /** {@code A_hat + B_hat K}. */
        public double[][] closedLoop(double[][] k) {
            return Mat.add(a, Mat.mul(b, k));
        }

        /**
         * The standard error of the spectral radius of {@link #closedLoop} by the delta method:
         * {@code noiseStd^2 sum_i g_i' zzInverse g_i}, {@code g_i} the gradient of the radius
         * in row i of [A B] (rows are independent with covariance
         * {@code noiseStd^2 zzInverse}), by central differences.
         */
        public double radiusStdError(double[][] k) {
            int n = a.length;
            int m = Mat.cols(b);
            double[][] ab = new double[n][n + m];
            for (int i = 0; i < n; i++) {
                System.arraycopy(a[i], 0, ab[i], 0, n);
                System.arraycopy(b[i], 0, ab[i], n, m);
            }
            double var = 0;
            for (int i = 0; i < n; i++) {
                double[] g = new double[n + m];
                for (int j = 0; j < n + m; j++) {
                    double v = ab[i][j];
                    double h = 1e-6 * Math.max(1, Math.abs(v));
                    ab[i][j] = v + h;
                    double up = radius(ab, k, n);
                    ab[i][j] = v - h;
                    double down = radius(ab, k, n);
                    ab[i][j] = v;
                    g[j] = (up - down) / (2 * h);
                }
                var += Mat.dot(g, Mat.mul(zzInverse, g));
            }
            return noiseStd * Math.sqrt(Math.max(var, 0));
        }

        private static double radius(double[][] ab, double[][] k, int n) {
            int m = ab[0].length - n;
            double[][] l = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double v = ab[i][j];
                    for (int p = 0; p < m; p++) {
                        v += ab[i][n + p] * k[p][j];
                    }
                    l[i][j] = v;
                }
            }
            return Mat.spectralRadius(l);
        }
    }
}

package org.mbpo4j.baselines.lqr;

import java.util.ArrayList;
import java.util.List;

/**
 * An importance-weighted natural actor-critic for the average cost (compatible function
 * approximation, Kakade 2001, Peters and Schaal 2008), in four steps per update: the
 * {@code nac} estimator. It converges to K* on the double integrator and the laplacian with
 * R = I, but its critic is too noisy for the laplacian with R = 1000 I (see the package
 * documentation); {@link LstdqActorCritic}, which fits critic and advantage together, is the
 * default. It works best with sigma = 1: the exploration is noise in its TD errors.
 *
 * <ol>
 *   <li><b>Critic</b>: the relative value {@code V(x) = x'Px} and the average cost J of the
 *       target policy by off-policy LSTD(0) on all the data, each transition weighted by its
 *       one-step ratio {@code rho_t = pi_K(u_t|x_t) / pi_b(u_t|x_t)} truncated at {@code clip}.
 *       The quadratic features represent V exactly for a linear policy, so the critic has no
 *       approximation bias.</li>
 *   <li><b>Advantages</b> over a window of H steps, bootstrapped with the critic:
 *       {@code A_t = sum_{s=t}^{t+H-1} (c_s - J) + V(x_{t+H}) - V(x_t)} (cut at the episode's
 *       end), weighted per decision by the ratios of the actions after t inside the window
 *       ({@code prod_{s=t+1}^{t+H-1} rho_s}, truncated at {@code clip}). The action at t itself
 *       needs no weight: the regression below is conditional on it. H = 1 is the TD error;
 *       larger H relies less on the critic and more on importance weights.</li>
 *   <li><b>Regression</b> (weighted least squares) of A_t on the advantage's exact form for a
 *       linear-Gaussian policy, {@code A(x,u) = 2 d'G x + d'H d - sigma^2 tr H + const} with
 *       {@code d = u - K x}: G estimates {@code E_K = (R + B'P_K B) K + B'P_K A}, the natural
 *       gradient (the vanilla gradient is {@code 2 E_K S_K}), and H the curvature
 *       {@code R + B'P_K B}. The fixed point G = 0 is K* whatever the horizon, the initial
 *       states or sigma: the estimator follows the average cost, not the episodic one.</li>
 *   <li><b>Step</b>: the Gauss-Newton step {@code -step H^-1 G} (step 1 is policy iteration),
 *       scaled by the estimated signal fraction {@code max(0, 1 - tr Cov(G) / ||G||^2)}, so that
 *       an update the data cannot tell from noise is shrunk towards zero instead of taken as a
 *       random walk. tr Cov(G) is the larger of the regression's cluster-robust (per
 *       trajectory) sandwich covariance and the spread of G over four disjoint folds of the
 *       trajectories ({@link #foldNoise}), which also sees the critic's error.
 *       H is floored at 1% of its largest eigenvalue. The learner also caps ||delta K||.</li>
 * </ol>
 */
public final class NaturalActorCritic implements GradientEstimator {
    /** Folds of {@link #foldNoise}. */
    static final int FOLDS = 4;
    private final double step;
    private final int window;
    private final double clip;

    /**
     * @param step Gauss-Newton step size in (0, 1]
     * @param window advantage window H >= 1
     * @param clip truncation of importance weights (>= 1)
     */
    public NaturalActorCritic(double step, int window, double clip) {
        this.step = step;
        this.window = window;
        this.clip = clip;
    }

    @Override
    public PolicyStep estimate(List<Trajectory> data, GaussianLinearPolicy target) {
        Fit fit = fit(data, target);
        int m = target.k().length;
        int n = Mat.cols(target.k());
        if (fit == null || fit.g() == null) {
            return new PolicyStep(new double[m][n], fit == null ? 0 : fit.effectiveSampleSize(), 0);
        }
        double[][] h = fit.h();
        double[] eig = Mat.symmetricEigenvalues(h);
        double top = eig[m - 1];
        double signal = Mat.norm(fit.g()) * Mat.norm(fit.g());
        if (!(top > 0) || !(signal > 0) || !Double.isFinite(fit.noise())) {
            return new PolicyStep(new double[m][n], fit.effectiveSampleSize(), 0);
        }
        if (eig[0] < 0.01 * top) {
            h = Mat.add(h, Mat.scale(0.01 * top - eig[0], Mat.identity(m)));
        }
        double shrink = Math.max(0, 1 - Math.max(fit.noise(), foldNoise(data, target)) / signal);
        double[][] delta = Mat.scale(-step * shrink, Mat.solve(h, fit.g()));
        return new PolicyStep(delta, fit.effectiveSampleSize(), shrink);
    }

    /**
     * The variance (trace) of G judged from {@value #FOLDS} disjoint folds of the trajectories,
     * each fitted on its own, critic included: {@code sum_f ||G_f - mean||^2 / (F (F - 1))}.
     * Unlike the regression's sandwich covariance, this sees the critic's error too, which
     * dominates when the closed loop is slow (the laplacian); +Infinity when a fold cannot be
     * fitted or there are fewer than two trajectories per fold: no step is taken on less data.
     */
    double foldNoise(List<Trajectory> data, GaussianLinearPolicy target) {
        if (data.size() < 2 * FOLDS) {
            return Double.POSITIVE_INFINITY;
        }
        List<double[][]> gs = new ArrayList<>();
        for (int f = 0; f < FOLDS; f++) {
            List<Trajectory> fold = new ArrayList<>();
            for (int i = f; i < data.size(); i += FOLDS) {
                fold.add(data.get(i));
            }
            Fit fit = fit(fold, target);
            if (fit == null || fit.g() == null || !Mat.isFinite(fit.g())) {
                return Double.POSITIVE_INFINITY;
            }
            gs.add(fit.g());
        }
        double[][] mean = Mat.scale(1.0 / FOLDS, gs.stream().reduce(Mat::add).orElseThrow());
        double ss = 0;
        for (double[][] g : gs) {
            double d = Mat.norm(Mat.sub(g, mean));
            ss += d * d;
        }
        return ss / (FOLDS * (FOLDS - 1.0));
    }

    /**
     * What the data say about the target policy (steps 1 to 3).
     *
     * @param p the critic's value matrix (V(x) = x'Px)
     * @param j the critic's average cost of the Gaussian policy
     * @param g the estimate of E_K (null if the regression was singular)
     * @param h the estimate of R + B'P_K B (null with g)
     * @param noise the trace of the cluster-robust covariance of g
     * @param effectiveSampleSize Kish's effective sample size of the window weights
     */
    record Fit(double[][] p, double j, double[][] g, double[][] h, double noise, double effectiveSampleSize) {
    }

    /** Steps 1 to 3 of the class comment; null if the critic could not be fitted. */
    Fit fit(List<Trajectory> data, GaussianLinearPolicy target) {
        double[][] k = target.k();
        int m = k.length;
        int n = Mat.cols(k);
        List<double[]> logRatios = new ArrayList<>();
        for (Trajectory tr : data) {
            double[] lr = new double[tr.length()];
            for (int t = 0; t < lr.length; t++) {
                lr[t] = target.logDensity(tr.x()[t], tr.u()[t]) - tr.behaviour().logDensity(tr.x()[t], tr.u()[t]);
            }
            logRatios.add(lr);
        }
        double[] critic = critic(data, logRatios, n);
        if (critic == null) {
            return null;
        }
        double j = critic[critic.length - 1];
        double[][] pHat = new double[n][n];
        int pi = 0;
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) {
                pHat[a][b] = critic[pi];
                pHat[b][a] = critic[pi];
                pi++;
            }
        }
        double sigma2 = target.sigma() * target.sigma();
        int ng = m * n;
        int nh = m * (m + 1) / 2;
        int q = ng + nh + 1;
        List<double[]> rows = new ArrayList<>();
        List<double[]> targets = new ArrayList<>(); // {y, w, trajectory index}
        double sumW = 0;
        double sumW2 = 0;
        for (int i = 0; i < data.size(); i++) {
            Trajectory tr = data.get(i);
            double[] lr = logRatios.get(i);
            int len = tr.length();
            double[] v = new double[len + 1];
            for (int t = 0; t <= len; t++) {
                v[t] = quadValue(critic, tr.x()[t], n);
            }
            double[] cum = new double[len + 1];
            double[] cumLr = new double[len + 1];
            for (int t = 0; t < len; t++) {
                cum[t + 1] = cum[t] + tr.c()[t] - j;
                cumLr[t + 1] = cumLr[t] + lr[t];
            }
            for (int t = 0; t < len; t++) {
                int e = Math.min(t + window, len);
                double adv = cum[e] - cum[t] + v[e] - v[t];
                double w = Math.min(Math.exp(cumLr[e] - cumLr[t + 1]), clip);
                if (!Double.isFinite(adv) || !(w >= 0)) {
                    continue;
                }
                double[] x = tr.x()[t];
                double[] mean = Mat.mul(k, x);
                double[] d = new double[m];
                for (int a = 0; a < m; a++) {
                    d[a] = tr.u()[t][a] - mean[a];
                }
                double[] f = new double[q];
                for (int a = 0; a < m; a++) {
                    for (int b = 0; b < n; b++) {
                        f[a * n + b] = 2 * d[a] * x[b];
                    }
                }
                int p = ng;
                for (int a = 0; a < m; a++) {
                    for (int b = a; b < m; b++) {
                        f[p++] = a == b ? d[a] * d[a] - sigma2 : 2 * d[a] * d[b];
                    }
                }
                f[q - 1] = 1;
                rows.add(f);
                targets.add(new double[] {adv, w, i});
                sumW += w;
                sumW2 += w * w;
            }
        }
        double ess = GradientEstimator.effectiveSampleSize(sumW, sumW2);
        if (rows.size() <= q) {
            return new Fit(pHat, j, null, null, Double.NaN, ess);
        }
        double[][] normal = new double[q][q];
        double[] rhs = new double[q];
        for (int r = 0; r < rows.size(); r++) {
            double[] f = rows.get(r);
            double y = targets.get(r)[0];
            double w = targets.get(r)[1];
            for (int a = 0; a < q; a++) {
                rhs[a] += w * f[a] * y;
                for (int b = 0; b < q; b++) {
                    normal[a][b] += w * f[a] * f[b];
                }
            }
        }
        double[][] normalInv;
        try {
            normalInv = Mat.inverse(normal);
        } catch (ArithmeticException e) {
            return new Fit(pHat, j, null, null, Double.NaN, ess);
        }
        double[] beta = Mat.mul(normalInv, rhs);
        // cluster-robust covariance of beta: per trajectory summed scores
        double[][] cluster = new double[data.size()][q];
        for (int r = 0; r < rows.size(); r++) {
            double[] f = rows.get(r);
            double[] yw = targets.get(r);
            double res = yw[0];
            for (int a = 0; a < q; a++) {
                res -= f[a] * beta[a];
            }
            double[] s = cluster[(int) yw[2]];
            for (int a = 0; a < q; a++) {
                s[a] += yw[1] * f[a] * res;
            }
        }
        double[][] meat = new double[q][q];
        for (double[] s : cluster) {
            for (int a = 0; a < q; a++) {
                for (int b = 0; b < q; b++) {
                    meat[a][b] += s[a] * s[b];
                }
            }
        }
        double[][] cov = Mat.mul(normalInv, meat, normalInv);
        double[][] g = new double[m][n];
        double noise = 0;
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < n; b++) {
                g[a][b] = beta[a * n + b];
                noise += cov[a * n + b][a * n + b];
            }
        }
        double[][] h = new double[m][m];
        int p = ng;
        for (int a = 0; a < m; a++) {
            for (int b = a; b < m; b++) {
                h[a][b] = beta[p];
                h[b][a] = beta[p];
                p++;
            }
        }
        return new Fit(pHat, j, g, h, noise, ess);
    }

    /**
     * Off-policy LSTD(0) for the average cost: theta (vech of P, off-diagonals once) followed
     * by J; null if the system is singular.
     */
    private double[] critic(List<Trajectory> data, List<double[]> logRatios, int n) {
        int nf = n * (n + 1) / 2;
        int p = nf + 1;
        double[][] lhs = new double[p][p];
        double[] rhs = new double[p];
        for (int i = 0; i < data.size(); i++) {
            Trajectory tr = data.get(i);
            double[] lr = logRatios.get(i);
            double[] fNext = features(tr.x()[0], n);
            for (int t = 0; t < tr.length(); t++) {
                double[] f = fNext;
                fNext = features(tr.x()[t + 1], n);
                double rho = Math.min(Math.exp(lr[t]), clip);
                if (!(rho >= 0) || !Double.isFinite(tr.c()[t])) {
                    continue;
                }
                double[] z = new double[p];
                double[] d = new double[p];
                System.arraycopy(f, 0, z, 0, nf);
                for (int a = 0; a < nf; a++) {
                    d[a] = f[a] - fNext[a];
                }
                z[nf] = 1;
                d[nf] = 1;
                for (int a = 0; a < p; a++) {
                    rhs[a] += rho * z[a] * tr.c()[t];
                    for (int b = 0; b < p; b++) {
                        lhs[a][b] += rho * z[a] * d[b];
                    }
                }
            }
        }
        double ridge = 1e-10 * Math.max(Mat.trace(lhs) / p, Double.MIN_NORMAL);
        for (int a = 0; a < p; a++) {
            lhs[a][a] += ridge;
        }
        return Mat.solveOrNull(lhs, rhs);
    }

    /** x_a x_b for a <= b, off-diagonal ones doubled, so that features . vech(P) = x'Px. */
    static double[] features(double[] x, int n) {
        double[] f = new double[n * (n + 1) / 2];
        int p = 0;
        for (int a = 0; a < n; a++) {
            for (int b = a; b < n; b++) {
                f[p++] = a == b ? x[a] * x[a] : 2 * x[a] * x[b];
            }
        }
        return f;
    }

    private static double quadValue(double[] theta, double[] x, int n) {
        double[] f = features(x, n);
        double s = 0;
        for (int a = 0; a < f.length; a++) {
            s += f[a] * theta[a];
        }
        return s;
    }

}

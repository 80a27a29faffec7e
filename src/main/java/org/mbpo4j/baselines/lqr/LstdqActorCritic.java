package org.mbpo4j.baselines.lqr;

import java.util.ArrayList;
import java.util.List;

/**
 * The default policy-gradient estimator: a natural actor-critic whose critic fits the value
 * and the advantage together, by LSTD-Q in the compatible parametrisation (Peters, Vijayakumar
 * and Schaal's LSTD-Q natural actor-critic; Bradtke and Barto's LSTD-Q for LQR).
 *
 * <p>For a linear-Gaussian policy {@code u ~ N(K x, sigma^2 I)} on LQR, with {@code d = u - K x},
 * the Bellman equation of the average cost holds exactly, for every state and every action:
 * <pre>
 *   c(x, u) = J + x'P x - E[x''P x' | x, u] + 2 d'G x + d'H d - sigma^2 tr H
 * </pre>
 * with {@code G = E_K = (R + B'P_K B) K + B'P_K A} (the natural gradient, zero at K*) and
 * {@code H = R + B'P_K B} (the curvature). All unknowns (vech P, J, G, vech H) enter linearly,
 * so one instrumental-variable (LSTD) system fits them: instruments
 * {@code z_t = [phi(x_t), 1, psi(x_t, u_t)]}, regressors
 * {@code [phi(x_t) - phi(x_{t+1}), 1, psi(x_t, u_t)]}, {@code phi} the quadratic features of
 * x and {@code psi} those of the advantage. Why this beats the two-stage
 * {@link NaturalActorCritic} on slow systems such as the laplacian:
 * <ul>
 *   <li><b>No importance weights</b>: the equation holds for any action, so data gathered
 *       under other gains (or on a model) need no ratios and no truncation; all of it can be
 *       used at once, without bias.</li>
 *   <li><b>The action noise is explained, not averaged</b>: in a critic fitted on its own, the
 *       exploration shows up as noise in each TD error, through the cost (u'Ru: with
 *       R = 1000 I and sigma = 1 a standard deviation of about 2,500 per step) and through
 *       V(x'). Here the advantage terms absorb it, leaving the process noise w (about 1,300
 *       per step on the laplacian): at K* with 60 episodes and sigma = 1 the relative error of
 *       P falls from 0.62 to 0.25 (medians). The exploration becomes excitation instead, so a
 *       larger sigma helps (0.12 with sigma = 3).</li>
 *   <li><b>Honest noise</b>: G's error is the critic's error {@code B'(P_hat - P_K)(A + BK)},
 *       which on slow dynamics dominates (the information LSTD gets about P scales with
 *       {@code 1 - rho^2}, 0.02 to 0.06 there). The delete-a-group jackknife of the joint
 *       estimate includes it, so the signal-fraction shrinkage below sees it.</li>
 * </ul>
 * The system is solved from {@link LstdqStatistics}, which do not depend on the gain, so that
 * a learner can keep all its real data at a fixed cost per update. The step is
 * {@code -step * shrink * H^-1 G} with H floored at 1% of its largest eigenvalue and
 * {@code shrink = max(0, 1 - tr Cov(G) / ||G||^2)}, as in {@link NaturalActorCritic}; no step
 * is taken on fewer than {@value #MIN_TRAJECTORIES} trajectories.
 */
public final class LstdqActorCritic implements GradientEstimator {
    /**
     * Trajectories needed before a step: the jackknife's variance estimate has about one
     * degree of freedom per trajectory, and with fewer than ten it understates the noise
     * several times over often enough to send a step the wrong way.
     */
    static final int MIN_TRAJECTORIES = 10;
    private final double step;

    /** @param step Gauss-Newton step size in (0, 1] */
    public LstdqActorCritic(double step) {
        this.step = step;
    }

    @Override
    public PolicyStep estimate(List<Trajectory> data, GaussianLinearPolicy target) {
        return estimate(statistics(data, target), target);
    }

    /** The step from statistics gathered beforehand (all the real data of a run, say). */
    PolicyStep estimate(LstdqStatistics data, GaussianLinearPolicy target) {
        int m = target.k().length;
        int n = Mat.cols(target.k());
        Fit fit = fit(data, target);
        if (fit == null) {
            return new PolicyStep(new double[m][n], 0, 0);
        }
        double[][] h = fit.h();
        double[] eig = Mat.symmetricEigenvalues(h);
        double top = eig[m - 1];
        double signal = Mat.norm(fit.g()) * Mat.norm(fit.g());
        if (!(top > 0) || !(signal > 0) || !Double.isFinite(fit.noise())) {
            return new PolicyStep(new double[m][n], fit.rows(), 0);
        }
        if (eig[0] < 0.01 * top) {
            h = Mat.add(h, Mat.scale(0.01 * top - eig[0], Mat.identity(m)));
        }
        double shrink = Math.max(0, 1 - fit.noise() / signal);
        double[][] delta = Mat.scale(-step * shrink, Mat.solve(h, fit.g()));
        return new PolicyStep(delta, fit.rows(), shrink);
    }

    /**
     * What the data say about the target policy.
     *
     * @param p the critic's value matrix P (V(x) = x'Px)
     * @param j the average cost of the Gaussian target policy
     * @param g the estimate of E_K
     * @param h the estimate of R + B'P_K B
     * @param noise the trace of the jackknife covariance of g
     * @param trajectories trajectories that contributed
     * @param rows transitions that contributed (all with weight 1: the reported effective
     *     sample size)
     */
    record Fit(double[][] p, double j, double[][] g, double[][] h, double noise, int trajectories, long rows) {
    }

    private static LstdqStatistics statistics(List<Trajectory> data, GaussianLinearPolicy target) {
        return LstdqStatistics.of(data, Mat.cols(target.k()), target.k().length);
    }

    /** {@link #fit(LstdqStatistics, GaussianLinearPolicy)} of a list of trajectories. */
    Fit fit(List<Trajectory> data, GaussianLinearPolicy target) {
        return fit(statistics(data, target), target);
    }

    /**
     * The joint LSTD-Q fit; null if fewer than {@value #MIN_TRAJECTORIES} trajectories
     * contribute or the system is singular. The noise of G is the delete-a-group jackknife
     * variance {@code (J-1)/J sum_g ||G_(-g) - mean||^2} over the J non-empty groups of
     * {@link LstdqStatistics} (single trajectories when there are at most
     * {@value LstdqStatistics#GROUPS}), each {@code G_(-g)} refitted without group g;
     * +Infinity if one of these refits is singular.
     */
    Fit fit(LstdqStatistics data, GaussianLinearPolicy target) {
        double[][] k = target.k();
        int m = k.length;
        int n = Mat.cols(k);
        if (data.n() != n || data.m() != m) {
            throw new IllegalArgumentException("statistics for n=" + data.n() + ", m=" + data.m() + " cannot judge a "
                    + m + "x" + n + " gain");
        }
        Layout lay = new Layout(n, m);
        int q = lay.size();
        long rows = data.rows();
        if (data.trajectories() < MIN_TRAJECTORIES || rows <= q) {
            return null;
        }
        double[][] all = data.system(-1, k, target.sigma());
        double ridge = 1e-10 * Math.max(Math.abs(trace(all, q)) / q, Double.MIN_NORMAL);
        double[] theta = solve(all, ridge);
        if (theta == null) {
            return null;
        }
        List<double[][]> jack = new ArrayList<>();
        double noise = 0;
        for (int g = 0; g < LstdqStatistics.GROUPS && Double.isFinite(noise); g++) {
            double[][] part = data.system(g, k, target.sigma());
            if (isZero(part)) {
                continue;
            }
            double[] tg = solve(Mat.sub(all, part), ridge);
            if (tg == null) {
                noise = Double.POSITIVE_INFINITY;
            } else {
                jack.add(lay.gain(tg));
            }
        }
        int groups = jack.size();
        if (Double.isFinite(noise)) {
            double[][] mean = Mat.scale(1.0 / groups, jack.stream().reduce(Mat::add).orElseThrow());
            for (double[][] gi : jack) {
                double d = Mat.norm(Mat.sub(gi, mean));
                noise += d * d;
            }
            noise *= (groups - 1.0) / groups;
        }
        return new Fit(lay.symmetric(theta, 0, n), theta[lay.jIndex()], lay.gain(theta),
                lay.symmetric(theta, lay.hStart(), m), noise, data.trajectories(), rows);
    }

    private static double trace(double[][] system, int q) {
        double t = 0;
        for (int i = 0; i < q; i++) {
            t += system[i][i];
        }
        return t;
    }

    private static boolean isZero(double[][] a) {
        for (double[] row : a) {
            for (double v : row) {
                if (v != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Solves the (q x q+1) augmented system with a ridge; null if singular or not finite. */
    private static double[] solve(double[][] system, double ridge) {
        int q = system.length;
        double[][] a = new double[q][q];
        double[] rhs = new double[q];
        for (int i = 0; i < q; i++) {
            System.arraycopy(system[i], 0, a[i], 0, q);
            a[i][i] += ridge;
            rhs[i] = system[i][q];
        }
        return Mat.solveOrNull(a, rhs);
    }

    /** Where each unknown sits in theta: vech P, J, G (row-major), vech H. */
    private record Layout(int n, int m) {
        int nf() {
            return n * (n + 1) / 2;
        }

        int jIndex() {
            return nf();
        }

        int gStart() {
            return nf() + 1;
        }

        int hStart() {
            return gStart() + m * n;
        }

        int size() {
            return hStart() + m * (m + 1) / 2;
        }

        double[][] symmetric(double[] theta, int start, int size) {
            double[][] r = new double[size][size];
            int p = start;
            for (int a = 0; a < size; a++) {
                for (int b = a; b < size; b++) {
                    r[a][b] = theta[p];
                    r[b][a] = theta[p];
                    p++;
                }
            }
            return r;
        }

        double[][] gain(double[] theta) {
            double[][] g = new double[m][n];
            for (int a = 0; a < m; a++) {
                System.arraycopy(theta, gStart() + a * n, g[a], 0, n);
            }
            return g;
        }
    }
}

package org.mbpo4j.baselines.lqr;

import java.util.List;

/**
 * The textbook off-policy REINFORCE estimator, kept to show why it fails on LQR: each
 * trajectory gets the full likelihood ratio {@code W = prod_t pi_K(u_t|x_t) / pi_b(u_t|x_t)}
 * of its T actions, its total cost {@code C} (no baseline) and its summed score
 * {@code S = sum_t (u_t - K x_t) x_t' / sigma^2}; the gradient of the per-step cost is
 * {@code g = mean(W C S) / T} and the step a plain {@code -step g}.
 *
 * <p>Failure modes (see the package documentation): W's log has variance growing like T, so a
 * few trajectories carry all the weight; C without a baseline multiplies the score noise by the
 * whole cost; the plain gradient scales with the state covariance, which explodes near the
 * stability boundary, so a fixed step overshoots into unstable gains; and the episodic cost
 * it follows has a different minimiser than the average cost.
 */
public final class NaiveGradientEstimator implements GradientEstimator {
    private final double step;

    /** With a plain gradient step size. */
    public NaiveGradientEstimator(double step) {
        this.step = step;
    }

    @Override
    public PolicyStep estimate(List<Trajectory> data, GaussianLinearPolicy target) {
        double[][] k = target.k();
        int m = k.length;
        int n = Mat.cols(k);
        double sigma = target.sigma();
        double[][] g = new double[m][n];
        double sumW = 0;
        double sumW2 = 0;
        int steps = 0;
        for (Trajectory tr : data) {
            double logW = 0;
            double cost = 0;
            double[][] score = new double[m][n];
            for (int t = 0; t < tr.length(); t++) {
                double[] x = tr.x()[t];
                double[] u = tr.u()[t];
                logW += target.logDensity(x, u) - tr.behaviour().logDensity(x, u);
                cost += tr.c()[t];
                double[] mean = Mat.mul(k, x);
                for (int i = 0; i < m; i++) {
                    double d = (u[i] - mean[i]) / (sigma * sigma);
                    for (int j = 0; j < n; j++) {
                        score[i][j] += d * x[j];
                    }
                }
            }
            double w = Math.exp(logW);
            sumW += w;
            sumW2 += w * w;
            steps = tr.length();
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    g[i][j] += w * cost * score[i][j];
                }
            }
        }
        double scale = -step / (data.size() * (double) Math.max(steps, 1));
        return new PolicyStep(Mat.scale(scale, g), GradientEstimator.effectiveSampleSize(sumW, sumW2), 1);
    }
}

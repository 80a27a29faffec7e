package org.mbpo4j.baselines.lqr;

import org.mbpo4j.random.Rng;

/**
 * Episodes of a Gaussian linear policy on linear dynamics {@code x' = A x + B u + noise w},
 * {@code w ~ N(0, noiseStd^2 I)}: the real system, or a learned model of it (the same costs,
 * initial-state distribution and horizon, other A, B and noise).
 */
public final class Rollouts {
    private Rollouts() {
    }

    /** One episode on the real system. */
    public static Trajectory real(LqrSystem sys, GaussianLinearPolicy policy, Rng rng) {
        return episode(sys, sys.a(), sys.b(), sys.noiseStd(), policy, true, rng);
    }

    /** One episode on the model (a, b, noiseStd), with the costs and episode settings of sys. */
    public static Trajectory model(LqrSystem sys, double[][] a, double[][] b, double noiseStd,
                                   GaussianLinearPolicy policy, Rng rng) {
        return episode(sys, a, b, noiseStd, policy, false, rng);
    }

    private static Trajectory episode(LqrSystem sys, double[][] a, double[][] b, double noiseStd,
                                      GaussianLinearPolicy policy, boolean real, Rng rng) {
        int n = sys.n();
        int t = sys.horizon();
        double[][] xs = new double[t + 1][];
        double[][] us = new double[t][];
        double[] cs = new double[t];
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = sys.x0Std() * rng.nextGaussian();
        }
        xs[0] = x;
        for (int s = 0; s < t; s++) {
            double[] u = policy.act(x, rng);
            us[s] = u;
            cs[s] = quad(sys.q(), x) + quad(sys.r(), u);
            double[] ax = Mat.mul(a, x);
            double[] bu = Mat.mul(b, u);
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                next[i] = ax[i] + bu[i] + noiseStd * rng.nextGaussian();
            }
            x = next;
            xs[s + 1] = x;
        }
        return new Trajectory(xs, us, cs, policy, real);
    }

    static double quad(double[][] m, double[] v) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v.length; j++) {
                s += v[i] * m[i][j] * v[j];
            }
        }
        return s;
    }
}

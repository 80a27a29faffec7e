package org.mbpo4j.baselines.lqr;

import org.mbpo4j.random.Rng;

/**
 * The Gaussian relaxation {@code u ~ N(K x, sigma^2 I)} of the deterministic linear policy
 * {@code u = K x}. Its score is {@code d log pi / d K = (u - K x) x' / sigma^2}.
 */
public record GaussianLinearPolicy(double[][] k, double sigma) {

    public GaussianLinearPolicy {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("the policy's sigma must be a finite number > 0, got " + sigma);
        }
        k = Mat.copy(k);
    }

    /** An action for state x. */
    public double[] act(double[] x, Rng rng) {
        double[] u = Mat.mul(k, x);
        for (int i = 0; i < u.length; i++) {
            u[i] += sigma * rng.nextGaussian();
        }
        return u;
    }

    /** log pi(u | x), up to the constant -m/2 log(2 pi) that cancels in every ratio. */
    public double logDensity(double[] x, double[] u) {
        double[] mean = Mat.mul(k, x);
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            double d = u[i] - mean[i];
            s += d * d;
        }
        return -0.5 * s / (sigma * sigma) - u.length * Math.log(sigma);
    }
}

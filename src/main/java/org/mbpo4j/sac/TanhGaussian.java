package org.mbpo4j.sac;

/**
 * The squashed Gaussian of SAC's policy, one row at a time: {@code u = mean + std * eps},
 * {@code a = tanh(u)}, and its exact log-density
 * {@code log p(a) = sum_j [-eps_j^2/2 - log std_j - log(2 pi)/2 - log(1 - tanh(u_j)^2)]},
 * where {@code log(1 - tanh(u)^2) = 2 (log 2 - u - softplus(-2u))} is evaluated in that stable
 * form (no epsilon inside the log). The log-std is clamped to [min, max] as in
 * Stable-Baselines3 (zero gradient outside).
 */
final class TanhGaussian {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double LOG_2 = Math.log(2);

    private TanhGaussian() {
    }

    static double softplus(double x) {
        return x > 30 ? x : Math.log1p(Math.exp(x));
    }

    /** {@code log(1 - tanh(u)^2)}, stable for large |u|. */
    static double logOneMinusTanhSq(double u) {
        return 2 * (LOG_2 - u - softplus(-2 * u));
    }

    /**
     * Samples the rows {@code [from, to)}. {@code out} holds per row {@code [mean_1..mean_A,
     * rawLogStd_1..rawLogStd_A]}; writes {@code action}, {@code logp}, and keeps {@code eps} and
     * {@code std} for the backward pass. With {@code deterministic}, the action is tanh(mean)
     * and eps is zero.
     */
    static void sample(float[] out, float[] eps, int rows, int act, double logStdMin, double logStdMax,
                       boolean deterministic, float[] std, float[] action, float[] logp) {
        for (int r = 0; r < rows; r++) {
            double lp = 0;
            for (int j = 0; j < act; j++) {
                double mean = out[r * 2 * act + j];
                double logStd = Math.min(Math.max(out[r * 2 * act + act + j], logStdMin), logStdMax);
                double s = Math.exp(logStd);
                double e = deterministic ? 0 : eps[r * act + j];
                double u = mean + s * e;
                std[r * act + j] = (float) s;
                action[r * act + j] = (float) Math.tanh(u);
                lp += -0.5 * e * e - logStd - HALF_LOG_2PI - logOneMinusTanhSq(u);
            }
            logp[r] = (float) lp;
        }
    }

    /**
     * Back-propagates {@code dL/da} (per row and action dim) and {@code dL/dlogp} (per row)
     * through the sample into {@code dOut} = dL/d(mean, rawLogStd), in the layout of
     * {@code out}.
     */
    static void backward(float[] out, float[] eps, float[] std, float[] action, float[] dAction, float[] dLogp,
                         int rows, int act, double logStdMin, double logStdMax, float[] dOut) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < act; j++) {
                int i = r * act + j;
                double a = action[i];
                double dU = dAction[i] * (1 - a * a) + dLogp[r] * 2 * a; // dL/du (u = mean + std eps)
                dOut[r * 2 * act + j] = (float) dU;
                double raw = out[r * 2 * act + act + j];
                boolean inside = raw >= logStdMin && raw <= logStdMax;
                dOut[r * 2 * act + act + j] = inside ? (float) (dU * std[i] * eps[i] - dLogp[r]) : 0f;
            }
        }
    }
}

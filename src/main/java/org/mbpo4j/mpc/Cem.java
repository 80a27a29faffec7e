package org.mbpo4j.mpc;

import org.mbpo4j.random.Rng;

/**
 * The cross-entropy method (as mbrl-lib's CEM optimiser): a diagonal Gaussian over action
 * sequences, starting at the warm start with variance {@code (high - low)^2 / 16} per entry; each
 * iteration samples {@code population} candidates, scores them, and moves the mean and variance
 * towards those of the {@code elites} best:
 * <pre>
 *   mean = alpha mean + (1 - alpha) mean(elites)
 *   var  = alpha var  + (1 - alpha) var(elites)      (population variance)
 * </pre>
 * Samples are {@code mean + sd z} with {@code z} a standard normal truncated to [-2, 2] and
 * {@code sd = sqrt(min(var, ((mean - low) / 2)^2, ((high - mean) / 2)^2))}, so they stay within
 * the bounds (and are clipped to them against rounding). The plan is the final mean.
 */
public final class Cem extends SamplingPlanner {
    private final int elites;
    private final int iterations;
    private final double alpha;
    private final double[] mean;
    private final double[] var;
    private final int[] elite;

    /**
     * @param elites     candidates the distribution is refitted to, in [1, population]
     * @param iterations sampling rounds per plan, >= 1
     * @param alpha      weight kept from the previous mean and variance, in [0, 1)
     */
    public Cem(SequenceEvaluator evaluator, ActionBounds bounds, int horizon, int population, int elites,
               int iterations, double alpha, Rng rng) {
        super(evaluator, bounds, horizon, population, rng);
        if (elites < 1 || elites > population) {
            throw new IllegalArgumentException("elites must be in [1, population " + population + "], got " + elites);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
        }
        if (!(alpha >= 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1), got " + alpha);
        }
        this.elites = elites;
        this.iterations = iterations;
        this.alpha = alpha;
        this.mean = new double[horizon * actDim];
        this.var = new double[horizon * actDim];
        this.elite = new int[elites];
    }

    @Override
    public String name() {
        return "cem";
    }

    @Override
    protected void search(float[] obs) {
        int len = horizon * actDim;
        warm.initial(solution);
        for (int i = 0; i < len; i++) {
            int j = i % actDim;
            mean[i] = solution[i];
            double range = (double) bounds.high(j) - bounds.low(j);
            var[i] = range * range / 16.0;
        }
        for (int it = 0; it < iterations; it++) {
            sample();
            evaluate(obs, population);
            TopK.indices(returns, population, elites, elite);
            predicted = returns[elite[0]];
            refit();
        }
        for (int i = 0; i < len; i++) {
            solution[i] = bounds.clip(mean[i], i % actDim);
        }
    }

    private void sample() {
        int len = horizon * actDim;
        for (int i = 0; i < len; i++) {
            int j = i % actDim;
            double toLow = (mean[i] - bounds.low(j)) / 2;
            double toHigh = (bounds.high(j) - mean[i]) / 2;
            double v = Math.min(var[i], Math.min(toLow * toLow, toHigh * toHigh));
            double sd = Math.sqrt(v);
            for (int c = 0; c < population; c++) {
                candidates[c * len + i] = bounds.clip(mean[i] + sd * truncatedNormal(), j);
            }
        }
    }

    /** A standard normal draw, redrawn until it lies in [-2, 2]. */
    private double truncatedNormal() {
        double z;
        do {
            z = rng.nextGaussian();
        } while (z < -2 || z > 2);
        return z;
    }

    private void refit() {
        int len = horizon * actDim;
        double inv = 1.0 / elites;
        for (int i = 0; i < len; i++) {
            double m = 0;
            for (int e = 0; e < elites; e++) {
                m += candidates[elite[e] * len + i];
            }
            m *= inv;
            double v = 0;
            for (int e = 0; e < elites; e++) {
                double d = candidates[elite[e] * len + i] - m;
                v += d * d;
            }
            v *= inv;
            mean[i] = alpha * mean[i] + (1 - alpha) * m;
            var[i] = alpha * var[i] + (1 - alpha) * v;
        }
    }
}

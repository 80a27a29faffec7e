package org.mbpo4j.mpc;

import org.mbpo4j.random.Rng;

/**
 * Model predictive path integral control (Williams et al. 2017, as mbrl-lib's MPPI optimiser):
 * the plan is a mean sequence, kept from step to step (shifted by one). Each iteration draws
 * {@code population} noisy, filtered versions of it,
 * <pre>
 *   a_t = clip(beta (mean_t + noise_std eps_t) + (1 - beta) a_(t-1)),   eps ~ N(0, 1),
 * </pre>
 * with {@code a_(-1)} the action executed last, scores them, and replaces the mean by their
 * average weighted by {@code softmax(return / temperature)} ({@link #weights}).
 */
public final class Mppi extends SamplingPlanner {
    private final int iterations;
    private final double temperature;
    private final double noiseStd;
    private final double beta;
    private final double[] weights;
    private final double[] mean;
    private final float[] previous;

    /**
     * @param temperature the softmax temperature, > 0
     * @param noiseStd    standard deviation of the noise in action units, > 0
     * @param beta        the filter weight of the new noisy action, in (0, 1]
     */
    public Mppi(SequenceEvaluator evaluator, ActionBounds bounds, int horizon, int population, int iterations,
                double temperature, double noiseStd, double beta, Rng rng) {
        super(evaluator, bounds, horizon, population, rng);
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
        }
        if (!(temperature > 0) || !(noiseStd > 0) || !(beta > 0 && beta <= 1)) {
            throw new IllegalArgumentException("need temperature > 0, noise std > 0 and beta in (0, 1], got "
                    + temperature + ", " + noiseStd + ", " + beta);
        }
        this.iterations = iterations;
        this.temperature = temperature;
        this.noiseStd = noiseStd;
        this.beta = beta;
        this.weights = new double[population];
        this.mean = new double[horizon * actDim];
        this.previous = new float[actDim];
    }

    @Override
    public String name() {
        return "mppi";
    }

    @Override
    protected void search(float[] obs) {
        int len = horizon * actDim;
        warm.initial(solution);
        warm.previousAction(previous);
        for (int i = 0; i < len; i++) {
            mean[i] = solution[i];
        }
        for (int it = 0; it < iterations; it++) {
            sample();
            evaluate(obs, population);
            predicted = returns[TopK.argmax(returns, population)];
            weights(returns, population, temperature, weights);
            java.util.Arrays.fill(mean, 0);
            for (int c = 0; c < population; c++) {
                double w = weights[c];
                if (w == 0) {
                    continue;
                }
                for (int i = 0; i < len; i++) {
                    mean[i] += w * candidates[c * len + i];
                }
            }
        }
        for (int i = 0; i < len; i++) {
            solution[i] = bounds.clip(mean[i], i % actDim);
        }
    }

    private void sample() {
        int len = horizon * actDim;
        for (int c = 0; c < population; c++) {
            int o = c * len;
            for (int t = 0; t < horizon; t++) {
                for (int j = 0; j < actDim; j++) {
                    int i = t * actDim + j;
                    double before = t == 0 ? previous[j] : candidates[o + i - actDim];
                    double u = beta * (mean[i] + noiseStd * rng.nextGaussian()) + (1 - beta) * before;
                    candidates[o + i] = bounds.clip(u, j);
                }
            }
        }
    }

    /**
     * {@code out[i] = exp((r_i - max r) / temperature) / sum_k exp((r_k - max r) / temperature)}
     * for {@code i < n}: the softmax of the returns over the temperature, shifted by the largest
     * return so that nothing overflows. A NaN return gets weight 0; when every return is NaN (or
     * minus infinity) the weights are uniform; infinite returns share the weight among them.
     */
    public static void weights(double[] returns, int n, double temperature, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (returns[i] > max) {
                max = returns[i];
            }
        }
        if (max == Double.NEGATIVE_INFINITY) {
            java.util.Arrays.fill(out, 0, n, 1.0 / n);
            return;
        }
        if (max == Double.POSITIVE_INFINITY) {
            int count = 0;
            for (int i = 0; i < n; i++) {
                count += returns[i] == max ? 1 : 0;
            }
            for (int i = 0; i < n; i++) {
                out[i] = returns[i] == max ? 1.0 / count : 0;
            }
            return;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double w = Double.isNaN(returns[i]) ? 0 : Math.exp((returns[i] - max) / temperature);
            out[i] = w;
            sum += w;
        }
        for (int i = 0; i < n; i++) {
            out[i] /= sum;
        }
    }
}

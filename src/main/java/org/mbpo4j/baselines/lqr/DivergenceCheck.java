package org.mbpo4j.baselines.lqr;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The learner's model-free safeguard: do the real episodes collected under a new gain show
 * that it diverges, compared with the episodes of the last accepted gain?
 *
 * <p><b>Statistic</b>: per episode, {@code y = ln mean |x_t|^2} over its second half
 * ({@code t >= T/2}, final state included). States, not costs: the per-step cost carries the
 * exploration term u'Ru, whose noise (standard deviation about 2,500 per step on the laplacian
 * with R = 1000 I and sigma = 1) hides the states, and a diverging closed loop shows first in
 * the states growing over the episode. The log makes the statistic close to normal (a mean of
 * many correlated squares of Gaussians) with a spread that does not depend on the scale.
 *
 * <p><b>Test</b>: one-sided, at level {@value #LEVEL}: the new gain is judged divergent when
 * {@code mean(y_new) - mean(y_ref) > t_{0.99, df} s sqrt(1/n_new + 1/n_ref)}, y_ref the
 * episodes of the last accepted gain and s the spread of y between episodes of one gain,
 * pooled over the last {@value #WINDOW} accepted gains (df their degrees of freedom); a false
 * revert costs one iteration, a missed divergence an unstable gain. With one episode per gain
 * the spread comes from successive differences of the gains' means instead (which also counts
 * the drift between gains: conservative). Until {@value #MIN_DF} degrees of freedom exist,
 * only a tenfold rise of the energy counts. A non-finite state is divergence.
 *
 * <p><b>Power</b>: a clearly unstable gain (spectral radius 1.02 where the accepted one has
 * 0.99) multiplies the late energy of 50-step episodes several times and is caught; a gain just
 * past the boundary (1.001) is not distinguishable from a stable one in a few episodes, by this
 * or any test: that is what the model check of the model-based modes, the trust region and the
 * estimator's noise shrinkage are for.
 */
final class DivergenceCheck {
    /** One-sided false-revert probability per test. */
    static final double LEVEL = 0.01;
    /** Accepted gains whose episodes estimate the spread. */
    static final int WINDOW = 20;
    /** Degrees of freedom needed before the t test replaces the tenfold rule. */
    static final int MIN_DF = 4;
    /** The fallback: a rise of the late energy by more than ten times. */
    static final double FALLBACK_LOG_RATIO = Math.log(10);
    /** The standard normal quantile at 1 - LEVEL. */
    private static final double Z = 2.3263478740408408;

    private final Deque<Group> groups = new ArrayDeque<>();

    /** The episodes of one accepted gain. */
    private record Group(double[][] k, List<Double> y) {
        double mean() {
            return y.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }
    }

    /**
     * The verdict on a new gain.
     *
     * @param diverged whether to revert
     * @param difference mean(y_new) - mean(y_ref) (+Infinity for non-finite states)
     * @param threshold the critical difference
     */
    record Verdict(boolean diverged, double difference, double threshold) {
    }

    /** The statistic y of an episode: ln of the mean squared state norm over its second half. */
    static double lateLogEnergy(Trajectory tr) {
        double[][] x = tr.x();
        int from = tr.length() / 2;
        double sum = 0;
        for (int t = from; t < x.length; t++) {
            for (double v : x[t]) {
                sum += v * v;
            }
        }
        if (!Double.isFinite(sum)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.log(sum / (x.length - from) + Double.MIN_NORMAL);
    }

    /** Records episodes run under the accepted gain k (merged with the last group if k is the same gain). */
    void accept(double[][] k, double[] y) {
        Group last = groups.peekLast();
        if (last != null && Arrays.deepEquals(last.k(), k)) {
            for (double v : y) {
                last.y().add(v);
            }
            return;
        }
        List<Double> list = new ArrayList<>();
        for (double v : y) {
            list.add(v);
        }
        groups.addLast(new Group(Mat.copy(k), list));
        if (groups.size() > WINDOW) {
            groups.removeFirst();
        }
    }

    /** Whether episodes y of a new gain show divergence against the last accepted gain's. */
    Verdict check(double[] y) {
        Group ref = groups.peekLast();
        if (ref == null) {
            throw new IllegalStateException("no episodes of an accepted gain to compare with");
        }
        double mean = 0;
        for (double v : y) {
            if (!Double.isFinite(v)) {
                return new Verdict(true, Double.POSITIVE_INFINITY, 0);
            }
            mean += v / y.length;
        }
        double difference = mean - ref.mean();
        double[] spread = spread();
        double threshold = spread == null ? FALLBACK_LOG_RATIO
                : tQuantile(spread[1]) * spread[0] * Math.sqrt(1.0 / y.length + 1.0 / ref.y().size());
        return new Verdict(difference > threshold, difference, threshold);
    }

    /** {s, df}, or null when fewer than MIN_DF degrees of freedom exist. */
    double[] spread() {
        double ss = 0;
        int df = 0;
        for (Group g : groups) {
            double mean = g.mean();
            for (double v : g.y()) {
                ss += (v - mean) * (v - mean);
            }
            df += g.y().size() - 1;
        }
        if (df >= MIN_DF && ss > 0) {
            return new double[] {Math.sqrt(ss / df), df};
        }
        ss = 0;
        int pairs = 0;
        Group prev = null;
        for (Group g : groups) {
            if (prev != null) {
                double d = g.mean() - prev.mean();
                ss += d * d / (1.0 / g.y().size() + 1.0 / prev.y().size());
                pairs++;
            }
            prev = g;
        }
        if (pairs >= MIN_DF && ss > 0) {
            return new double[] {Math.sqrt(ss / pairs), pairs};
        }
        return null;
    }

    /**
     * Student's t quantile at 1 - LEVEL with df degrees of freedom, by the Cornish-Fisher
     * expansion in 1/df (Abramowitz and Stegun 26.7.5); within 0.5% of the tables for df >= 4.
     */
    static double tQuantile(double df) {
        double z = Z;
        double z2 = z * z;
        double g1 = (z2 + 1) * z / 4;
        double g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
        double g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
        double g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160;
        return z + g1 / df + g2 / (df * df) + g3 / (df * df * df) + g4 / (df * df * df * df);
    }
}

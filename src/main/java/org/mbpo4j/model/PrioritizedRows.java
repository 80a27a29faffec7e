package org.mbpo4j.model;

import org.mbpo4j.buffer.PrioritizedReplay;
import org.mbpo4j.buffer.SumTree;
import org.mbpo4j.random.Rng;

/**
 * Prioritized minibatches for {@link ModelTrainer} ({@code model.prioritized: true}): proportional
 * prioritized sampling (Schaul et al. 2016) applied to each member's bootstrap sample, kept
 * deliberately simple.
 *
 * <ul>
 *   <li>One {@link SumTree} per member over the <em>positions</em> of its bootstrap sample
 *       (a row drawn twice by the bootstrap has two positions, each with its own priority), so
 *       with equal priorities a draw is exactly a draw from the bootstrap sample. Every position
 *       starts at priority {@link PrioritizedReplay#INITIAL_MAX_PRIORITY}.</li>
 *   <li>A minibatch draws its rows independently with probability proportional to priority.
 *       After the step each drawn position's priority becomes
 *       {@code (rmse + EPS)^ALPHA}, where {@code rmse} is the root of the member's mean squared
 *       error on that row over the target dimensions, measured in the forward pass of that very
 *       step, in the units the ensemble is trained in (standardised targets when
 *       {@code normalize_targets} is on).</li>
 *   <li>Each row's NLL is weighted by {@code (p_min / p)^BETA} with {@code BETA = 1}: the full
 *       importance-sampling correction, so the objective in expectation stays the member's
 *       bootstrap NLL (the holdout error and early stopping mean what they meant without
 *       prioritization) and prioritization only changes which rows the gradient noise comes
 *       from. Normalising by the largest weight only rescales the step, which Adam largely
 *       undoes.</li>
 * </ul>
 * The trees live for one training call. Not thread-safe.
 */
final class PrioritizedRows {
    /** Priority exponent. */
    static final double ALPHA = 0.6;
    /** Importance-sampling exponent: full correction. */
    static final double BETA = 1.0;
    /** Added to a row's RMS error (in training-target units) so that no row becomes undrawable. */
    static final double EPS = 0.01;

    private final SumTree[] trees;

    /** Trees for {@code members} bootstrap samples of {@code n} positions each, all at the initial priority. */
    PrioritizedRows(int members, int n) {
        trees = new SumTree[members];
        double[] initial = new double[n];
        java.util.Arrays.fill(initial, PrioritizedReplay.INITIAL_MAX_PRIORITY);
        for (int e = 0; e < members; e++) {
            trees[e] = new SumTree(n);
            trees[e].setAll(initial, n);
        }
    }

    /**
     * Draws {@code rows} bootstrap positions of member {@code e} into
     * {@code positions[offset ..]} and their importance weights into {@code weights[offset ..]}.
     */
    void draw(int e, int rows, Rng rng, int[] positions, float[] weights, int offset) {
        SumTree t = trees[e];
        double pMin = t.minPositive();
        for (int i = 0; i < rows; i++) {
            int pos = t.sample(rng);
            positions[offset + i] = pos;
            weights[offset + i] = (float) PrioritizedReplay.importanceWeight(t.get(pos), pMin, BETA);
        }
    }

    /** Sets the priorities of member {@code e}'s drawn positions from their rows' mean squared errors. */
    void update(int e, int rows, int[] positions, float[] rowMse, int offset) {
        SumTree t = trees[e];
        for (int i = 0; i < rows; i++) {
            double rmse = Math.sqrt(rowMse[offset + i]);
            t.set(positions[offset + i], PrioritizedReplay.priority(rmse, ALPHA, EPS));
        }
    }

    /** Member {@code e}'s priority of bootstrap position {@code pos} (for tests). */
    double priority(int e, int pos) {
        return trees[e].get(pos);
    }
}

package org.mbpo4j.baselines.lqr;

import java.util.List;

/**
 * Turns trajectories (gathered under earlier gains, on the real system or a model) into a
 * proposed change of the current policy's gain.
 */
public interface GradientEstimator {

    /** The proposed step for the gain of {@code target}, from {@code data}. */
    PolicyStep estimate(List<Trajectory> data, GaussianLinearPolicy target);

    /**
     * A proposed change of the gain, before the learner's trust region.
     *
     * @param deltaK the change (zero when the data say nothing reliable)
     * @param effectiveSampleSize Kish's (sum w)^2 / sum w^2 of the importance weights used
     * @param shrinkage the factor applied for noise (1: none; the natural actor-critic only)
     */
    record PolicyStep(double[][] deltaK, double effectiveSampleSize, double shrinkage) {
    }

    /** Kish's effective sample size of weights. */
    static double effectiveSampleSize(double sum, double sumSquares) {
        return sumSquares > 0 ? sum * sum / sumSquares : 0;
    }
}

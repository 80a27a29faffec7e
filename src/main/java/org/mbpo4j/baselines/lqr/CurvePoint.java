package org.mbpo4j.baselines.lqr;

/**
 * The state of a learner after an iteration, measured exactly against the true system. The
 * gain is the one the learner would hand back now: in the sampled modes the last accepted gain
 * (a step proposed in this iteration is accepted or reverted on the next iteration's episodes).
 *
 * @param mode the learner's mode
 * @param iteration iterations done (0: the initial gain)
 * @param realTransitions real transitions collected so far
 * @param k the gain
 * @param relErr ||K - K*||_F / ||K*||_F
 * @param cost exact average cost of u = K x on the true system (+Infinity if unstable)
 * @param costGap cost / cost* - 1 (+Infinity if unstable)
 * @param stable whether A + B K is stable
 * @param effectiveSampleSize Kish's effective sample size of the importance weights of this
 *     iteration's update: the transitions used for {@code lstdq}, which weighs none (NaN
 *     without an update: iteration 0, exact-model)
 * @param shrinkage the natural actor-critic's signal fraction applied to the step (NaN without
 *     one, 1 for the naive estimator)
 * @param reverts gains reverted so far because their real episodes diverged
 * @param modelRejections proposed steps halved so far because the fitted model found them
 *     unstable (fake and mixed)
 * @param modelReverts accepted gains abandoned so far because the refitted model found them
 *     unstable (fake and mixed)
 */
public record CurvePoint(Mode mode, int iteration, long realTransitions, double[][] k, double relErr, double cost,
                         double costGap, boolean stable, double effectiveSampleSize, double shrinkage, int reverts,
                         int modelRejections, int modelReverts) {
}

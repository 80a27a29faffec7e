package org.mbpo4j.baselines.lqr;

/**
 * The state of a learner after an iteration, measured exactly against the true system.
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
 *     iteration's update (NaN without one: iteration 0, exact-model)
 * @param shrinkage the natural actor-critic's signal fraction applied to the step (NaN without
 *     one, 1 for the naive estimator)
 */
public record CurvePoint(Mode mode, int iteration, long realTransitions, double[][] k, double relErr, double cost,
                         double costGap, boolean stable, double effectiveSampleSize, double shrinkage) {
}

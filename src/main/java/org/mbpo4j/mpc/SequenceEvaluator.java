package org.mbpo4j.mpc;

/**
 * Scores candidate action sequences from one start observation: what a {@link Planner}
 * maximises. {@link TrajectoryEvaluator} is the model-based one; tests use known cost functions.
 */
@FunctionalInterface
public interface SequenceEvaluator {

    /**
     * {@code returns[i]} = the (predicted) return of candidate {@code i}, for
     * {@code i < population}.
     *
     * @param obs        the start observation
     * @param sequences  {@code [population, horizon, actDim]}, row-major
     * @param population candidates to score
     * @param horizon    steps per candidate
     * @param returns    receives {@code population} values; NaN counts as the worst
     */
    void evaluate(float[] obs, float[] sequences, int population, int horizon, double[] returns);
}

package org.mbpo4j.env.mujoco;

/** What the tasks' rules share when they recover rows from observations. */
final class RuleRows {
    private RuleRows() {
    }

    /**
     * Row {@code i} of {@code states} (width {@code stateDim}) = observation {@code i} (width
     * {@code obsDim}) followed by {@code fill} for the values the observation does not hold.
     */
    static void fromObservations(double[] obs, int n, int obsDim, double[] states, int stateDim, double fill) {
        for (int i = 0; i < n; i++) {
            System.arraycopy(obs, i * obsDim, states, i * stateDim, obsDim);
            for (int k = obsDim; k < stateDim; k++) {
                states[i * stateDim + k] = fill;
            }
        }
    }
}

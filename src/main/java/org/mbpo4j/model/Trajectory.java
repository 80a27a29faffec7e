package org.mbpo4j.model;

/**
 * One real episode segment for diagnostics: {@code steps + 1} observations (row-major,
 * {@code obs[t*obsDim ..]} is the observation at step {@code t}) and the {@code steps}
 * actions taken between them.
 */
public record Trajectory(float[] obs, float[] act, int steps, int obsDim, int actDim) {
    public Trajectory {
        if (steps < 1 || obsDim < 1 || actDim < 1) {
            throw new IllegalArgumentException("a trajectory needs >= 1 step and dims >= 1, got " + steps + " steps, obs "
                    + obsDim + ", action " + actDim);
        }
        if (obs.length != (steps + 1) * obsDim || act.length != steps * actDim) {
            throw new IllegalArgumentException("a trajectory of " + steps + " steps needs " + (steps + 1) * obsDim
                    + " observation and " + steps * actDim + " action values, got " + obs.length + " and "
                    + act.length);
        }
    }
}

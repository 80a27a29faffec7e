package org.mbpo4j.env;

/**
 * An env whose internal (simulator) state can be read and written, e.g. to replay reference
 * trajectories recorded from Gymnasium, or to start an episode from a chosen state.
 *
 * <p>The state vector is the env's internal state in double precision, laid out as in
 * Gymnasium's {@code env.unwrapped.state} (documented per env). {@link #setState(double[])}
 * makes the env ready to step from that state, as if an episode had just been reset there.
 * A {@link TimeLimit} around the env keeps its own step count: set it with
 * {@link TimeLimit#setElapsedSteps(int)} (which also clears an earlier truncation).
 */
public interface StatefulEnv {

    /** Length of the state vector. */
    int stateDim();

    /** A copy of the current internal state (null before the first reset). */
    double[] getState();

    /**
     * Sets the internal state (copied) and readies the env to step.
     *
     * @throws IllegalArgumentException if the length is not {@link #stateDim()} or a value is NaN
     */
    void setState(double[] state);

    /** The observation belonging to the current state. */
    float[] observe();

    /** The state of the env's own random stream (what later resets draw from); null before any reset. */
    long[] randomState();

    /** Restores {@link #randomState()}, so that a resumed run resets exactly as the original would have. */
    void restoreRandomState(long[] state);
}

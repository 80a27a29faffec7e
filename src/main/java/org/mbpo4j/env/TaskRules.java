package org.mbpo4j.env;

/**
 * The reward and termination rules of one task, as pure functions over many transitions at
 * once. They are the single source of truth: the real env calls them for its own steps, and
 * model rollouts call them on predicted next states. No threshold is written twice.
 *
 * <p>All arrays are row-major: row {@code i} of a state array is
 * {@code states[i*stateDim() .. (i+1)*stateDim())}. Discrete actions are passed as their index
 * (a double), so {@link #actionDim()} is 1 for them. Actions are passed as the agent gave them
 * (unclipped): each rule clips where Gymnasium does.
 */
public interface TaskRules {

    /** Length of one state row (the env's internal state, see {@link StatefulEnv}). */
    int stateDim();

    /** Length of one observation row. */
    int obsDim();

    /** Length of one action row (1 for discrete actions). */
    int actionDim();

    /**
     * {@code out[i]} = whether {@code nextStates} row {@code i} is terminal.
     */
    void terminated(double[] nextStates, int n, boolean[] out);

    /**
     * {@code out[i]} = reward of the transition (state i, action i) -> next state i, whose
     * terminal flag is {@code terminated[i]}.
     */
    void reward(double[] states, double[] actions, double[] nextStates, boolean[] terminated,
                int n, double[] out);

    /**
     * Recovers internal states from observations (for model rollouts, which predict
     * observations). Exact up to the float32 rounding of the observation, except for the
     * components {@link #recoversExactly} excludes.
     */
    void stateFromObs(double[] obs, int n, double[] states);

    /**
     * Whether {@link #stateFromObs} recovers state component {@code j} exactly (to the float32
     * rounding of the observation). False for a value the observation clips (a MuJoCo velocity
     * beyond +-10) or leaves out (a position Gymnasium excludes), which the rules then estimate.
     */
    default boolean recoversExactly(int j) {
        return true;
    }

    /**
     * Null when {@link #reward} computes the reward from states recovered from observations
     * ({@link #stateFromObs}); otherwise why it cannot (for example, the reward needs a position
     * the observation excludes). Model rollouts must then learn the reward.
     */
    default String rewardNotFromObs() {
        return null;
    }
}

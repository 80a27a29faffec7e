package org.mbpo4j.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one {@link ModelEnv#rollout} produced.
 *
 * @param startStates  rows the rollout started from
 * @param horizon      the longest rollout, in steps
 * @param transitions  imagined transitions added to the buffer
 * @param terminated   rows stopped by the task's termination rule
 * @param nonFinite    rows stopped because the model predicted a NaN or infinity (not added)
 * @param meanReward   mean reward of the added transitions
 * @param seconds      wall-clock time
 */
public record RolloutStats(int startStates, int horizon, long transitions, long terminated, long nonFinite,
                           double meanReward, double seconds) {
    /** Mean steps per start state. */
    public double meanLength() {
        return startStates == 0 ? 0 : (double) transitions / startStates;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start_states", startStates);
        m.put("horizon", horizon);
        m.put("transitions", transitions);
        m.put("terminated", terminated);
        m.put("non_finite", nonFinite);
        m.put("mean_length", meanLength());
        m.put("mean_reward", meanReward);
        m.put("seconds", seconds);
        return m;
    }
}

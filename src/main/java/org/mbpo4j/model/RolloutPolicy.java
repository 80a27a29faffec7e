package org.mbpo4j.model;

/**
 * Chooses actions for many imagined states at once, as model rollouts need: MBPO's current
 * SAC policy (sampled), a random policy, or a planner's candidate sequence.
 */
@FunctionalInterface
public interface RolloutPolicy {
    /**
     * Writes {@code n} action rows into {@code actions} for the {@code n} observation rows of
     * {@code obs} (row-major; the arrays may be longer than needed).
     */
    void act(float[] obs, int n, float[] actions);
}

package org.mbpo4j.env;

import java.util.Map;

/**
 * What {@link Env#step(Object)} returns.
 *
 * @param obs        the next observation (float32)
 * @param reward     the reward of this transition
 * @param terminated the task reached a terminal state: do not bootstrap from {@code obs}
 * @param truncated  the episode was cut (time limit): bootstrap from {@code obs}
 * @param info       extra, env- or wrapper-specific facts (never null)
 */
public record StepResult(float[] obs, double reward, boolean terminated, boolean truncated,
                         Map<String, Object> info) {
    public StepResult {
        info = info == null ? Map.of() : info;
    }

    /** The episode is over (terminated or truncated): call reset next. */
    public boolean done() {
        return terminated || truncated;
    }

    /** A copy with another {@code truncated} flag and info. */
    public StepResult with(boolean newTruncated, Map<String, Object> newInfo) {
        return new StepResult(obs, reward, terminated, newTruncated, newInfo);
    }
}

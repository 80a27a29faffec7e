package org.mbpo4j.agent;

/**
 * One real env step as an agent sees it.
 *
 * @param <A> the action type
 */
public record Transition<A>(float[] obs, A action, double reward, float[] nextObs, boolean terminated,
                            boolean truncated) {
}

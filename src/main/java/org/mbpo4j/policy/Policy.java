package org.mbpo4j.policy;

/**
 * Maps observations to actions.
 *
 * @param <A> the action type of the env
 */
public interface Policy<A> {

    /** A short name for logs and JSON output, e.g. {@code random}. */
    String name();

    /**
     * The action for {@code obs}. {@code deterministic} asks for the policy's best guess
     * (evaluation) rather than an exploratory sample; policies without such a mode ignore it.
     */
    A act(float[] obs, boolean deterministic);
}

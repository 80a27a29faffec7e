package org.mbpo4j.env;

import org.mbpo4j.random.Rng;

/**
 * A set of values, as in Gymnasium's {@code spaces}: observations and actions live in spaces.
 *
 * @param <T> the Java type of one element ({@code float[]} for {@link Box},
 *            {@code Integer} for {@link Discrete})
 */
public interface Space<T> {

    /** A random element, from this space's own random stream (see {@link #seed(long)}). */
    T sample();

    /** A random element drawn from {@code rng} (for callers that own and checkpoint their stream). */
    T sample(Rng rng);

    /** True when {@code value} is an element of this space (right type, shape and range). */
    boolean contains(Object value);

    /** Re-seeds the stream used by {@link #sample()}. */
    void seed(long seed);

    /** The Java type of an element. */
    Class<T> elementType();

    /**
     * Null when {@code value} is an acceptable action for an env with this action space,
     * else a sentence saying what is wrong with it. Unlike {@link #contains}, ranges are
     * not checked here: envs clip out-of-range continuous actions where Gymnasium does.
     */
    String actionProblem(Object value);

    /** A short text like Gymnasium's repr, e.g. {@code Box(-2.0, 2.0, (1,), float32)}. */
    @Override
    String toString();
}

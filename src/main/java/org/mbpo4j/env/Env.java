package org.mbpo4j.env;

import java.util.Optional;

/**
 * An environment with Gymnasium's contract: {@link #reset(Long)} gives the first observation,
 * {@link #step(Object)} gives (obs, reward, terminated, truncated, info).
 *
 * <p>Observations are float32 vectors in {@link #observationSpace()}. Actions are elements of
 * {@link #actionSpace()}: {@code float[]} for continuous ({@link Box}) envs, {@code Integer}
 * for discrete ones. Bad actions (wrong type or shape, NaN or infinite values) and calls out
 * of order (step before reset, step after the episode ended) throw with a message naming the
 * env and the value; out-of-range continuous actions are clipped where Gymnasium clips.
 *
 * <p>Time limits are not part of an env: {@link Envs#make(String)} wraps it in a
 * {@link TimeLimit} with the registered limit, which sets {@code truncated}.
 *
 * @param <A> the action type
 */
public interface Env<A> extends AutoCloseable {

    /** The registry id, e.g. {@code Pendulum-v1}. */
    String id();

    Box observationSpace();

    Space<A> actionSpace();

    /**
     * Starts an episode. A non-null seed re-seeds the env's own random stream (same seed, same
     * episode); null continues the stream (an env never seeded draws a seed from the clock).
     */
    ResetResult reset(Long seed);

    /** {@code reset(null)}. */
    default ResetResult reset() {
        return reset(null);
    }

    /** Advances one step. */
    StepResult step(A action);

    /** This env or the first env it wraps that is a {@code type}, e.g. a {@link StatefulEnv}. */
    default <T> Optional<T> find(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    @Override
    default void close() {
    }
}

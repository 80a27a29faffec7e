package org.mbpo4j.env;

import java.util.Optional;

/**
 * An env that wraps another and changes part of its behaviour (Gymnasium's {@code Wrapper}).
 * By default everything is delegated. {@link #step} is final: it validates the action against
 * this wrapper's action space (so a wrong type is an {@link IllegalArgumentException} naming
 * the env, never a {@link ClassCastException}) and then calls {@link #doStep}.
 *
 * @param <A> the action type seen by the caller
 * @param <B> the action type of the wrapped env
 */
public abstract class Wrapper<A, B> implements Env<A> {
    protected final Env<B> env;

    protected Wrapper(Env<B> env) {
        this.env = env;
    }

    /** One step with an action already validated against {@link #actionSpace()}. */
    protected abstract StepResult doStep(A action);

    @Override
    public final StepResult step(A action) {
        String problem = actionSpace().actionProblem(action);
        if (problem != null) {
            throw new IllegalArgumentException(id() + ": " + problem);
        }
        return doStep(action);
    }

    /** The env directly inside this wrapper. */
    public Env<B> inner() {
        return env;
    }

    @Override
    public String id() {
        return env.id();
    }

    @Override
    public Box observationSpace() {
        return env.observationSpace();
    }

    @Override
    public ResetResult reset(Long seed) {
        return env.reset(seed);
    }

    @Override
    public <T> Optional<T> find(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : env.find(type);
    }

    @Override
    public void close() {
        env.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "<" + env + ">";
    }
}

package org.mbpo4j.agent;

import java.util.Map;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.Space;
import org.mbpo4j.random.Rng;
import org.mbpo4j.io.Json;

/**
 * Acts uniformly at random in a bounded action space and learns nothing: the baseline every
 * learner must beat, and the agent that exercises the training loop end to end.
 *
 * <p>A random policy has no deterministic mode, so {@code act(obs, true)} (evaluation) also
 * samples, but from a separate stream: evaluating never shifts the training actions. Both
 * streams are part of the checkpoint.
 *
 * @param <A> the action type
 */
public final class RandomAgent<A> implements Agent<A> {
    private final Space<A> space;
    private Rng train;
    private Rng eval;

    /** Draws training actions from {@code rng.child("train")} and evaluation actions from {@code rng.child("eval")}. */
    public RandomAgent(Space<A> space, Rng rng) {
        if (space instanceof Box b && !b.isBounded()) {
            throw new IllegalArgumentException("a random agent needs a bounded action space, got " + space);
        }
        this.space = space;
        this.train = rng.child("train");
        this.eval = rng.child("eval");
    }

    @Override
    public String name() {
        return "random";
    }

    @Override
    public A act(float[] obs, boolean deterministic) {
        return space.sample(deterministic ? eval : train);
    }

    @Override
    public void observe(Transition<A> transition) {
        // Learns nothing.
    }

    @Override
    public Map<String, Object> checkpointState() {
        return Map.of("rng_train", train.state(), "rng_eval", eval.state());
    }

    @Override
    public void restore(Map<String, Object> state) {
        train = Rng.fromState(Json.longArray(state.get("rng_train")));
        eval = Rng.fromState(Json.longArray(state.get("rng_eval")));
    }
}

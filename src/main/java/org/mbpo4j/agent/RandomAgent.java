package org.mbpo4j.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.Discrete;
import org.mbpo4j.env.Space;
import org.mbpo4j.random.Rng;

/**
 * Acts uniformly at random in a bounded action space and learns nothing: the baseline every
 * learner must beat, and the agent that exercises the training loop end to end. Its random
 * stream is part of its checkpoint.
 *
 * @param <A> the action type
 */
public final class RandomAgent<A> implements Agent<A> {
    private final Space<A> space;
    private Rng rng;

    public RandomAgent(Space<A> space, Rng rng) {
        if (space instanceof Box b && !b.isBounded()) {
            throw new IllegalArgumentException("a random agent needs a bounded action space, got " + space);
        }
        if (!(space instanceof Box) && !(space instanceof Discrete)) {
            throw new IllegalArgumentException("unsupported action space " + space);
        }
        this.space = space;
        this.rng = rng;
    }

    @Override
    public String name() {
        return "random";
    }

    @Override
    public A act(float[] obs, boolean deterministic) {
        Object a;
        if (space instanceof Box b) {
            float[] x = new float[b.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.uniform(b.low(i), b.high(i));
            }
            a = x;
        } else {
            a = rng.nextInt(((Discrete) space).n());
        }
        return space.elementType().cast(a);
    }

    @Override
    public void observe(Transition<A> transition) {
        // Learns nothing.
    }

    @Override
    public Map<String, Object> checkpointState() {
        List<Long> s = new ArrayList<>();
        for (long v : rng.state()) {
            s.add(v);
        }
        return Map.of("rng", s);
    }

    @Override
    public void restore(Map<String, Object> state) {
        Object s = state.get("rng");
        if (!(s instanceof List<?> list) || list.size() != 3) {
            throw new IllegalArgumentException("random agent checkpoint must hold 'rng': [3 longs], got " + s);
        }
        long[] v = new long[3];
        for (int i = 0; i < 3; i++) {
            v[i] = ((Number) list.get(i)).longValue();
        }
        rng = Rng.fromState(v);
    }
}

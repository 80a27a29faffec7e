package org.mbpo4j.mpc;

import org.mbpo4j.random.Rng;

/** Builds the planner that {@link MpcOptions#planner()} names. */
public final class Planners {
    private Planners() {
    }

    /** The planner of {@code c.planner()} with its settings, scoring through {@code evaluator}. */
    public static Planner create(MpcOptions c, SequenceEvaluator evaluator, ActionBounds bounds, Rng rng) {
        return switch (c.planner()) {
            case CEM -> new Cem(evaluator, bounds, c.horizon(), c.population(), c.elites(), c.iterations(), c.alpha(),
                    rng);
            case RS -> new RandomShooting(evaluator, bounds, c.horizon(), c.population(), rng);
            case MPPI -> new Mppi(evaluator, bounds, c.horizon(), c.population(), c.iterations(), c.temperature(),
                    c.noiseStd(), c.beta(), rng);
        };
    }
}

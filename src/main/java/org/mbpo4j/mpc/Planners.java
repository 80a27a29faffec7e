package org.mbpo4j.mpc;

import org.mbpo4j.random.Rng;
import org.mbpo4j.run.config.MpcConfig;

/** Builds the planner an {@code mpc:} section names. */
public final class Planners {
    private Planners() {
    }

    /** The planner of {@code c.planner()} with its settings, scoring through {@code evaluator}. */
    public static Planner create(MpcConfig c, SequenceEvaluator evaluator, ActionBounds bounds, Rng rng) {
        return switch (c.planner()) {
            case CEM -> new Cem(evaluator, bounds, c.horizon(), c.population(), c.elites(), c.iterations(), c.alpha(),
                    rng);
            case RS -> new RandomShooting(evaluator, bounds, c.horizon(), c.population(), rng);
            case MPPI -> new Mppi(evaluator, bounds, c.horizon(), c.population(), c.iterations(), c.temperature(),
                    c.noiseStd(), c.beta(), rng);
        };
    }
}

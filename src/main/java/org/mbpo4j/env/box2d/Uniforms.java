package org.mbpo4j.env.box2d;

import java.util.SplittableRandom;

/**
 * The random source of a Box2D env: every random number the env uses is one call of
 * {@link #uniform(double, double)}, made in Gymnasium's order (terrain, initial force, then the
 * per-step draws). A test or a reference replay injects recorded draws instead of seeded ones.
 */
@FunctionalInterface
public interface Uniforms {

    /** A number uniform in [lo, hi). */
    double uniform(double lo, double hi);

    /** Draws from a seeded {@link SplittableRandom}: the same seed gives the same numbers. */
    static Uniforms seeded(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return (lo, hi) -> lo + (hi - lo) * r.nextDouble();
    }
}

package org.mbpo4j.mpc;

import java.util.List;

/**
 * The options of an {@link MpcAgent}: model predictive control over the learned dynamics model,
 * PETS-style (Chua et al. 2018). At every real step a planner searches action sequences of
 * {@code horizon} steps, scoring each by the mean return of {@code particles} imagined rollouts,
 * and the first action of the best plan is executed. {@link #defaults()} are mbrl-lib's PETS
 * settings for cart-pole; change what you need with {@link #toBuilder()}:
 * <pre>
 *   MpcOptions o = MpcOptions.defaults().toBuilder().planner(MpcOptions.PlannerKind.MPPI).horizon(25).build();
 * </pre>
 * The record checks what the planners need and throws {@link IllegalArgumentException} naming
 * the field. The YAML section {@code mpc:} maps its
 * keys onto these fields with the same names in snake_case.
 *
 * @param planner the search method (default {@link PlannerKind#CEM})
 * @param horizon planning horizon in steps (default 15)
 * @param population candidate sequences per iteration (default 350)
 * @param elites CEM: candidates the next distribution is fitted to, at most {@code population} (default 35)
 * @param iterations CEM and MPPI: refinements per plan (default 5)
 * @param alpha CEM: weight kept from the previous distribution, in [0, 1) (default 0.1)
 * @param particles imagined rollouts per candidate; {@code population * particles} at most
 *     {@link #MAX_ROWS} (default 20)
 * @param temperature MPPI: softmax temperature of the returns, &gt; 0 (default 1)
 * @param noiseStd MPPI: standard deviation of the action noise, &gt; 0 (default 0.5)
 * @param beta MPPI: the noise filter, in (0, 1] (default 0.9)
 * @param initSteps random env steps before the first training and plan (default 200)
 * @param retrainEvery env steps between model trainings; 0 trains only at episode ends (default 50)
 * @param retrainEachEpisode also train when an episode ends (default false)
 */
public record MpcOptions(PlannerKind planner, int horizon, int population, int elites, int iterations, double alpha,
        int particles, double temperature, double noiseStd, double beta, long initSteps, int retrainEvery,
        boolean retrainEachEpisode) {

    /** The search method. */
    public enum PlannerKind {
        /** Cross-entropy method: refit a Gaussian to the elites, clipped to the action bounds. */
        CEM,
        /** Random shooting: uniform candidates, the best one wins. */
        RS,
        /** Model predictive path integral: a return-weighted average of noisy, filtered candidates. */
        MPPI
    }

    /** The most rows (candidates times particles) one imagined step may take. */
    public static final int MAX_ROWS = 1 << 24;

    /** Checks every field; a violation is an {@link IllegalArgumentException} naming it. */
    public MpcOptions {
        require(planner != null, "planner", "one of " + List.of(PlannerKind.values()), null);
        require(horizon >= 1, "horizon", ">= 1", horizon);
        require(population >= 1, "population", ">= 1", population);
        require(elites >= 1 && elites <= population, "elites", "in [1, population (" + population + ")]", elites);
        require(iterations >= 1, "iterations", ">= 1", iterations);
        require(alpha >= 0 && alpha < 1, "alpha", "in [0, 1)", alpha);
        require(particles >= 1 && (long) particles * population <= MAX_ROWS, "particles",
                ">= 1 with particles x population <= " + MAX_ROWS, particles);
        require(temperature > 0 && Double.isFinite(temperature), "temperature", "finite and > 0", temperature);
        require(noiseStd > 0 && Double.isFinite(noiseStd), "noiseStd", "finite and > 0", noiseStd);
        require(beta > 0 && beta <= 1, "beta", "in (0, 1]", beta);
        require(initSteps >= 0, "initSteps", ">= 0", initSteps);
        require(retrainEvery >= 0, "retrainEvery", ">= 0", retrainEvery);
        require(retrainEvery > 0 || retrainEachEpisode, "retrainEvery",
                ">= 1 when retrainEachEpisode is false (else the model is never trained)", retrainEvery);
    }

    /**
     * mbrl-lib's PETS on cart-pole: CEM with 5 iterations of 350 candidates, 35 elites, alpha 0.1,
     * horizon 15, 20 particles; MPPI's temperature 1, noise 0.5, beta 0.9; 200 random steps; the
     * model retrained every 50 steps.
     */
    public static MpcOptions defaults() {
        return new MpcOptions(PlannerKind.CEM, 15, 350, 35, 5, 0.1, 20, 1.0, 0.5, 0.9, 200, 50, false);
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void require(boolean ok, String field, String allowed, Object got) {
        if (!ok) {
            throw new IllegalArgumentException("MPC option " + field + " must be " + allowed + ", got " + got);
        }
    }

    /** Builds {@link MpcOptions}; starts from {@link #defaults()} and checks on {@link #build()}. */
    public static final class Builder {
        private PlannerKind planner;
        private int horizon;
        private int population;
        private int elites;
        private int iterations;
        private double alpha;
        private int particles;
        private double temperature;
        private double noiseStd;
        private double beta;
        private long initSteps;
        private int retrainEvery;
        private boolean retrainEachEpisode;

        /** A builder holding the defaults. */
        public Builder() {
            this(defaults());
        }

        private Builder(MpcOptions o) {
            planner = o.planner;
            horizon = o.horizon;
            population = o.population;
            elites = o.elites;
            iterations = o.iterations;
            alpha = o.alpha;
            particles = o.particles;
            temperature = o.temperature;
            noiseStd = o.noiseStd;
            beta = o.beta;
            initSteps = o.initSteps;
            retrainEvery = o.retrainEvery;
            retrainEachEpisode = o.retrainEachEpisode;
        }

        /** The search method. */
        public Builder planner(PlannerKind v) {
            this.planner = v;
            return this;
        }

        /** Planning horizon in steps. */
        public Builder horizon(int v) {
            this.horizon = v;
            return this;
        }

        /** Candidates per iteration and, for CEM, the elites among them. */
        public Builder population(int candidates, int elites) {
            this.population = candidates;
            this.elites = elites;
            return this;
        }

        /** Refinements per plan (CEM, MPPI). */
        public Builder iterations(int v) {
            this.iterations = v;
            return this;
        }

        /** CEM: weight kept from the previous distribution. */
        public Builder alpha(double v) {
            this.alpha = v;
            return this;
        }

        /** Imagined rollouts per candidate. */
        public Builder particles(int v) {
            this.particles = v;
            return this;
        }

        /** MPPI: temperature, noise standard deviation and filter. */
        public Builder mppi(double temperature, double noiseStd, double beta) {
            this.temperature = temperature;
            this.noiseStd = noiseStd;
            this.beta = beta;
            return this;
        }

        /** Random env steps first. */
        public Builder initSteps(long v) {
            this.initSteps = v;
            return this;
        }

        /** Env steps between model trainings (0: only at episode ends) and whether episode ends train too. */
        public Builder retrain(int every, boolean eachEpisode) {
            this.retrainEvery = every;
            this.retrainEachEpisode = eachEpisode;
            return this;
        }

        /** The options, checked. */
        public MpcOptions build() {
            return new MpcOptions(planner, horizon, population, elites, iterations, alpha, particles, temperature,
                    noiseStd, beta, initSteps, retrainEvery, retrainEachEpisode);
        }
    }
}

package org.mbpo4j.run.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mbpo4j.mpc.MpcOptions;
import org.mbpo4j.mpc.MpcOptions.PlannerKind;

/**
 * The {@code mpc:} section: model predictive control with the learned dynamics model
 * ({@code model:}), PETS-style (Chua et al. 2018). At every real step a planner searches action
 * sequences of {@code horizon} steps, scoring each candidate by the mean return of
 * {@code particles} imagined rollouts (each particle keeps one ensemble member for the whole
 * rollout), and the first action of the best plan is executed. Rewards come from the task's own
 * rules when {@code model.learned_rewards} is false, else from the model. The defaults are
 * mbrl-lib's PETS settings for cart-pole: CEM, 5 iterations of 350 candidates with 35 elites,
 * horizon 15, 20 particles, 200 random steps first, retraining every 50 steps.
 *
 * @param planner how action sequences are searched: {@code cem} (cross-entropy method),
 *     {@code rs} (random shooting) or {@code mppi} (model predictive path integral)
 *     ({@code planner}, default cem)
 * @param horizon planning horizon H in steps, in [1, 1000] ({@code horizon}, default 15)
 * @param population candidate sequences per iteration, in [1, 1e6] ({@code population},
 *     default 350)
 * @param elites CEM: best candidates the next sampling distribution is fitted to, in
 *     [1, {@code population}] ({@code elites}, default 35)
 * @param iterations CEM and MPPI: refinement iterations per plan, in [1, 1000]; random shooting
 *     samples once ({@code iterations}, default 5)
 * @param alpha CEM: weight kept from the previous mean and variance at each update
 *     ({@code mean = alpha mean + (1 - alpha) elite_mean}), in [0, 1) ({@code alpha}, default 0.1)
 * @param particles imagined rollouts per candidate, in [1, 10000]; {@code population *
 *     particles} must be at most 2^24 rows ({@code particles}, default 20)
 * @param temperature MPPI: the candidates' weights are {@code softmax(return / temperature)},
 *     in (0, 1e6] ({@code temperature}, default 1)
 * @param noiseStd MPPI: standard deviation of the action noise, in env action units, in
 *     (0, 1e6] ({@code noise_std}, default 0.5)
 * @param beta MPPI: the noise filter, {@code a_t = beta (mean_t + noise_t) + (1 - beta) a_(t-1)};
 *     1 is unfiltered noise; in (0, 1] ({@code beta}, default 0.9)
 * @param initSteps env steps of uniformly random actions before the model is first trained and
 *     planning starts, in [0, 1e9] ({@code init_steps}, default 200)
 * @param retrainEvery env steps between model trainings after the random steps (the first one
 *     at {@code init_steps}), in [0, 1e7]; 0 trains only at episode ends, which then must be on
 *     ({@code retrain_every}, default 50)
 * @param retrainEachEpisode also train the model when an episode ends
 *     ({@code retrain_each_episode}, default false)
 */
public record MpcConfig(PlannerKind planner, int horizon, int population, int elites, int iterations, double alpha,
        int particles, double temperature, double noiseStd, double beta, long initSteps, int retrainEvery,
        boolean retrainEachEpisode) {

    /** The most rows (candidates times particles) one imagined step may take. */
    public static final int MAX_ROWS = MpcOptions.MAX_ROWS;

    private static final String PLANNER = "planner";
    private static final IntegerKey HORIZON = new IntegerKey("horizon", 1, 1000);
    private static final IntegerKey POPULATION = new IntegerKey("population", 1, 1_000_000);
    private static final IntegerKey ELITES = new IntegerKey("elites", 1, 1_000_000);
    private static final IntegerKey ITERATIONS = new IntegerKey("iterations", 1, 1000);
    private static final RealKey ALPHA = RealKey.below("alpha", 0, 1);
    private static final IntegerKey PARTICLES = new IntegerKey("particles", 1, 10_000);
    private static final RealKey TEMPERATURE = RealKey.above("temperature", 0, 1e6);
    private static final RealKey NOISE_STD = RealKey.above("noise_std", 0, 1e6);
    private static final RealKey BETA = RealKey.above("beta", 0, 1);
    private static final IntegerKey INIT_STEPS = new IntegerKey("init_steps", 0, 1_000_000_000L);
    private static final IntegerKey RETRAIN_EVERY = new IntegerKey("retrain_every", 0, 10_000_000);
    private static final String RETRAIN_EACH_EPISODE = "retrain_each_episode";

    /** Validates every field; a violation is a {@link ConfigException} naming the YAML key. */
    public MpcConfig {
        if (planner == null) {
            throw new ConfigException(PLANNER, "must be one of: " + ConfigNode.enumNames(PlannerKind.class)
                    + ", got null");
        }
        HORIZON.checkInt(horizon);
        POPULATION.checkInt(population);
        ELITES.checkInt(elites);
        if (elites > population) {
            throw new ConfigException(ELITES.key(), "must be <= " + POPULATION.key() + " (" + population + "), got "
                    + elites).involving(POPULATION.key());
        }
        ITERATIONS.checkInt(iterations);
        ALPHA.check(alpha);
        PARTICLES.checkInt(particles);
        if ((long) population * particles > MAX_ROWS) {
            throw new ConfigException(PARTICLES.key(), "times " + POPULATION.key() + " must be at most " + MAX_ROWS
                    + " rows per imagined step, got " + particles + " x " + population + " = "
                    + (long) population * particles).involving(POPULATION.key());
        }
        TEMPERATURE.check(temperature);
        NOISE_STD.check(noiseStd);
        BETA.check(beta);
        INIT_STEPS.check(initSteps);
        RETRAIN_EVERY.checkInt(retrainEvery);
        if (retrainEvery == 0 && !retrainEachEpisode) {
            throw new ConfigException(RETRAIN_EVERY.key(), "is 0 (no training every N steps) and "
                    + RETRAIN_EACH_EPISODE + " is false: the model would never be trained; give retrain_every >= 1"
                    + " or retrain_each_episode: true").involving(RETRAIN_EACH_EPISODE);
        }
    }

    /**
     * mbrl-lib's PETS on cart-pole: CEM with 5 iterations of 350 candidates, 35 elites, alpha
     * 0.1, horizon 15, 20 particles; MPPI's temperature 1, noise 0.5, beta 0.9; 200 random
     * steps; the model retrained every 50 steps.
     */
    public static MpcConfig defaults() {
        return of(MpcOptions.defaults());
    }

    /** MPC's options as this section (checked against the YAML keys' ranges). */
    public static MpcConfig of(MpcOptions o) {
        return new MpcConfig(o.planner(), o.horizon(), o.population(), o.elites(), o.iterations(), o.alpha(),
                o.particles(), o.temperature(), o.noiseStd(), o.beta(), o.initSteps(), o.retrainEvery(),
                o.retrainEachEpisode());
    }

    /** This section as the options {@link org.mbpo4j.mpc.MpcAgent} takes. */
    public MpcOptions toOptions() {
        return new MpcOptions(planner, horizon, population, elites, iterations, alpha, particles, temperature,
                noiseStd, beta, initSteps, retrainEvery, retrainEachEpisode);
    }

    /** Reads the section; absent keys take their defaults. Unknown keys are left to {@link ConfigNode#finish()}. */
    public static MpcConfig from(ConfigNode node) {
        MpcConfig d = defaults();
        return new MpcConfig(
                node.getEnum(PLANNER, PlannerKind.class, d.planner),
                HORIZON.readInt(node, d.horizon),
                POPULATION.readInt(node, d.population),
                ELITES.readInt(node, d.elites),
                ITERATIONS.readInt(node, d.iterations),
                ALPHA.read(node, d.alpha),
                PARTICLES.readInt(node, d.particles),
                TEMPERATURE.read(node, d.temperature),
                NOISE_STD.read(node, d.noiseStd),
                BETA.read(node, d.beta),
                INIT_STEPS.read(node, d.initSteps),
                RETRAIN_EVERY.readInt(node, d.retrainEvery),
                node.getBool(RETRAIN_EACH_EPISODE, d.retrainEachEpisode));
    }

    /** Every key with its value, snake_case, in schema order. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(PLANNER, ConfigNode.enumName(planner));
        m.put(HORIZON.key(), horizon);
        m.put(POPULATION.key(), population);
        m.put(ELITES.key(), elites);
        m.put(ITERATIONS.key(), iterations);
        m.put(ALPHA.key(), alpha);
        m.put(PARTICLES.key(), particles);
        m.put(TEMPERATURE.key(), temperature);
        m.put(NOISE_STD.key(), noiseStd);
        m.put(BETA.key(), beta);
        m.put(INIT_STEPS.key(), initSteps);
        m.put(RETRAIN_EVERY.key(), retrainEvery);
        m.put(RETRAIN_EACH_EPISODE, retrainEachEpisode);
        return m;
    }
}

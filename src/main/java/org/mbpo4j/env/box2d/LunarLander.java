package org.mbpo4j.env.box2d;

import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.mbpo4j.env.AbstractEnv;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.Discrete;
import org.mbpo4j.env.Renderable;
import org.mbpo4j.env.Space;
import org.mbpo4j.env.StepResult;
import org.mbpo4j.random.Rng;

/**
 * Gymnasium's {@code LunarLander-v3} (4 discrete actions) and {@code LunarLanderContinuous-v3}
 * (Box(2) in [-1, 1], clipped) on jbox2d: land a lander on the pad between the flags.
 *
 * <p>Reset builds a fresh {@link LanderWorld} from 12 terrain heights U(0, H/2) and an initial
 * force (U(-1000, 1000), U(-1000, 1000)), then takes one no-op step (which draws its 2
 * dispersion numbers) whose observation is returned. Every step draws 2 dispersion numbers
 * U(-1, 1) first, whatever the action, fires the engines and steps the world by 1/50 s. All draws
 * go through one {@link Uniforms} per episode, in this order; the constructor takes the factory
 * of that source, so a replay can feed recorded draws.
 *
 * <p>Observation (8): x and y of the lander relative to the pad, its velocities, angle and
 * scaled angular velocity, and both legs' ground contact. Reward and the |x| >= 1 termination
 * come from {@link LanderRules}; the env adds what only the physics knows: a contact with the
 * lander body (crash, -100) and the body falling asleep at rest (+100, which overrides).
 *
 * @param <A> {@code Integer} (discrete) or {@code float[]} (continuous)
 */
public final class LunarLander<A> extends AbstractEnv<A> implements Renderable {
    /** The discrete id. */
    public static final String ID = "LunarLander-v3";
    /** The continuous id. */
    public static final String CONTINUOUS_ID = "LunarLanderContinuous-v3";
    /** Gymnasium's registered time limit. */
    public static final int TIME_LIMIT = 1000;
    /** Gymnasium's reward threshold. */
    public static final double REWARD_THRESHOLD = 200;

    /** Each episode's draws come from the env's own random stream. */
    public static final Function<Rng, Uniforms> OWN_STREAM = rng -> rng::uniform;

    private static final Box OBSERVATION_SPACE = new Box(
            new float[] {-2.5f, -2.5f, -10f, -10f, (float) (-2 * Math.PI), -10f, -0f, -0f},
            new float[] {2.5f, 2.5f, 10f, 10f, (float) (2 * Math.PI), 10f, 1f, 1f});

    private final String id;
    private final Space<A> actionSpace;
    private final Function<A, LanderThrottle> throttle;
    private final Function<Rng, Uniforms> source;
    private Uniforms uniforms;
    private LanderWorld world;
    private double prevShaping;

    private LunarLander(String id, Space<A> actionSpace, Function<A, LanderThrottle> throttle,
                        Function<Rng, Uniforms> source) {
        this.id = id;
        this.actionSpace = actionSpace;
        this.throttle = throttle;
        this.source = Objects.requireNonNull(source, "source");
    }

    /** {@code LunarLander-v3} drawing from its own seeded stream. */
    public static LunarLander<Integer> discrete() {
        return discrete(OWN_STREAM);
    }

    /**
     * {@code LunarLander-v3} whose episode draws come from {@code source} (called at every reset
     * with the env's stream).
     */
    public static LunarLander<Integer> discrete(Function<Rng, Uniforms> source) {
        return new LunarLander<>(ID, new Discrete(4), LanderThrottle::discrete, source);
    }

    /** {@code LunarLanderContinuous-v3} drawing from its own seeded stream. */
    public static LunarLander<float[]> continuous() {
        return continuous(OWN_STREAM);
    }

    /**
     * {@code LunarLanderContinuous-v3} whose episode draws come from {@code source} (called at
     * every reset with the env's stream).
     */
    public static LunarLander<float[]> continuous(Function<Rng, Uniforms> source) {
        return new LunarLander<>(CONTINUOUS_ID, Box.uniform(2, -1f, 1f),
                a -> LanderThrottle.continuous(a[0], a[1]), source);
    }

    @Override
    protected float[] doReset(Rng rng) {
        uniforms = Objects.requireNonNull(source.apply(rng), "the Uniforms source returned null");
        double[] heights = new double[LanderTerrain.CHUNKS + 1];
        for (int i = 0; i < heights.length; i++) {
            heights[i] = uniforms.uniform(0, LanderTerrain.H / 2);
        }
        LanderTerrain terrain = new LanderTerrain(heights);
        double fx = uniforms.uniform(-1000.0, 1000.0);
        double fy = uniforms.uniform(-1000.0, 1000.0);
        world = new LanderWorld(terrain, fx, fy);
        double[] s = advance(new LanderThrottle(0, 0, 0));
        prevShaping = LanderRules.shaping(s, 0);
        return toObs(s);
    }

    @Override
    protected StepResult doStep(A action) {
        LanderThrottle t = throttle.apply(action);
        double[] s = advance(t);
        double shaping = LanderRules.shaping(s, 0);
        double reward = shaping - prevShaping - LanderRules.fuelCost(t.mainPower(), t.sidePower());
        prevShaping = shaping;
        boolean terminated = false;
        if (world.gameOver() || LanderRules.outOfView(s[0])) {
            terminated = true;
            reward = -100;
        }
        if (!world.landerAwake()) {
            terminated = true;
            reward = 100;
        }
        return new StepResult(toObs(s), reward, terminated, false, Map.of());
    }

    /** Draws this step's dispersion, fires the engines, steps the world; the new state. */
    private double[] advance(LanderThrottle t) {
        double d0 = uniforms.uniform(-1.0, 1.0) / LanderWorld.SCALE;
        double d1 = uniforms.uniform(-1.0, 1.0) / LanderWorld.SCALE;
        world.step(t.mainPower(), t.sidePower(), t.direction(), d0, d1);
        return world.state();
    }

    private static float[] toObs(double[] s) {
        float[] o = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            o[i] = (float) s[i];
        }
        return o;
    }

    /** The physics world of the current episode (null before the first reset). */
    LanderWorld world() {
        return world;
    }

    /** Draws the current state as Gymnasium's {@code rgb_array} (600 x 400). */
    @Override
    public BufferedImage render() {
        if (world == null) {
            throw new IllegalStateException(id + ": render() called before reset(); call reset() first");
        }
        return LanderRenderer.draw(world);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Box observationSpace() {
        return OBSERVATION_SPACE;
    }

    @Override
    public Space<A> actionSpace() {
        return actionSpace;
    }
}

package org.mbpo4j.env.synthetic;

import java.awt.image.BufferedImage;
import org.mbpo4j.env.AbstractEnv;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.Renderable;
import org.mbpo4j.env.StatefulEnv;
import org.mbpo4j.env.StepResult;
import org.mbpo4j.env.TaskRules;
import org.mbpo4j.random.Rng;

/**
 * {@code HopperSized-v0}: a SYNTHETIC TIMING STAND-IN with Hopper's sizes. It is NOT Hopper
 * (no MuJoCo, no physics, no hopping): its returns say nothing about Hopper. It exists so that
 * MBPO's cost per phase (SAC updates, model training, rollouts) can be timed at Hopper-v4's
 * scale: 11 observation dims, 3 action dims in [-1, 1], 1,000-step episodes, never terminating.
 *
 * <p>Dynamics: a fixed, stable, random linear system {@code x' = A x + B clip(u) + w}, with
 * {@code w ~ N(0, 0.01^2 I)} drawn from the env's own random stream (seeded by
 * {@code reset(seed)}). A and B are drawn once from the constant {@link #SYSTEM_SEED}, so every
 * instance is the same task; A is a random orthogonal matrix times gains in [0.95, 0.98] (its
 * spectral radius lies in that range), B has {@code N(0, 0.1^2)} entries. Reset:
 * {@code x0 ~ N(0, 0.1^2 I)}.
 *
 * <p>State = observation = x (the observation is x as float32, unbounded). Action: clipped to
 * [-1, 1] before the dynamics and the reward, as Pendulum clips its torque. Reward
 * {@code -(|x|^2 + 0.1 |clip(u)|^2)} from the state before the step. The registry adds the
 * 1,000-step time limit.
 *
 * <p>{@link #render()} has no body to draw, so it draws what there is ({@link BarsRenderer},
 * 480 x 480 px, the size of Gymnasium's MuJoCo frames): the 11 observation components and the
 * last action's 3 as labelled bars, with the step count, under a title that says this is not
 * Hopper. Frames play at Hopper-v4's pace ({@link #frameSeconds()}).
 */
public final class HopperSized extends AbstractEnv<float[]> implements StatefulEnv, Renderable {
    public static final String ID = "HopperSized-v0";
    /** Hopper-v4's observation size. */
    public static final int OBS_DIM = 11;
    /** Hopper-v4's action size. */
    public static final int ACTION_DIM = 3;
    /** The constant seed that A and B are drawn from (the same task in every instance and run). */
    public static final long SYSTEM_SEED = 0x486f707065724cL;
    static final double MIN_GAIN = 0.95;
    static final double MAX_GAIN = 0.98;
    static final double B_SCALE = 0.1;
    static final double NOISE_STD = 0.01;
    static final double RESET_STD = 0.1;
    static final double ACTION_COST = 0.1;
    static final float ACTION_BOUND = 1f;

    /** The dynamics shared by every instance. */
    static final LinearSystem SYSTEM = LinearSystem.random(SYSTEM_SEED, OBS_DIM, ACTION_DIM, MIN_GAIN, MAX_GAIN,
            B_SCALE);
    private static final QuadraticCostRules TASK = new QuadraticCostRules(OBS_DIM, ACTION_DIM, ACTION_COST,
            ACTION_BOUND);

    /** The task's rules (single source of truth for reward and termination). */
    public static final TaskRules RULES = TASK;

    private final Box observationSpace = Box.uniform(OBS_DIM, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
    private final Box actionSpace = Box.uniform(ACTION_DIM, -ACTION_BOUND, ACTION_BOUND);
    private final double[] ruleAction = new double[ACTION_DIM];
    private final boolean[] terminated = new boolean[1];
    private final double[] reward = new double[1];
    private double[] state;
    /** Steps since the last reset, for the drawing. */
    private int steps;
    /** The last action as given (null after reset), for the drawing. */
    private double[] lastAction;

    @Override
    protected float[] doReset(Rng rng) {
        state = new double[OBS_DIM];
        for (int i = 0; i < OBS_DIM; i++) {
            state[i] = RESET_STD * rng.nextGaussian();
        }
        steps = 0;
        lastAction = null;
        return observe();
    }

    @Override
    protected StepResult doStep(float[] action) {
        double[] u = new double[ACTION_DIM];
        for (int j = 0; j < ACTION_DIM; j++) {
            ruleAction[j] = action[j];
            u[j] = TASK.clip(action[j]);
        }
        double[] next = SYSTEM.apply(state, u);
        Rng rng = rng();
        for (int i = 0; i < OBS_DIM; i++) {
            next[i] += NOISE_STD * rng.nextGaussian();
        }
        RULES.terminated(next, 1, terminated);
        RULES.reward(state, ruleAction, next, terminated, 1, reward);
        state = next;
        steps++;
        lastAction = ruleAction.clone();
        return new StepResult(observe(), reward[0], terminated[0], false, null);
    }

    /** The observation and the last action as bars, with the step count (480 x 480). */
    @Override
    public BufferedImage render() {
        if (state == null) {
            throw new IllegalStateException(ID + ": render() called before reset(); call reset() first");
        }
        return BarsRenderer.draw(ID + ": synthetic, NOT Hopper", "stable random linear system; obs x, action u",
                steps, observe(), lastAction, ACTION_DIM);
    }

    /** Hopper-v4's step, {@code 4 * 0.002} s (its {@code render_fps} is 125), whose sizes this env has. */
    @Override
    public double frameSeconds() {
        return 0.008;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Box observationSpace() {
        return observationSpace;
    }

    @Override
    public Box actionSpace() {
        return actionSpace;
    }

    @Override
    public int stateDim() {
        return OBS_DIM;
    }

    @Override
    public double[] getState() {
        return state == null ? null : state.clone();
    }

    @Override
    public void setState(double[] s) {
        state = checkedState(s, OBS_DIM);
        markReady();
    }

    /** The state as float32. */
    @Override
    public float[] observe() {
        float[] o = new float[OBS_DIM];
        for (int i = 0; i < OBS_DIM; i++) {
            o[i] = (float) state[i];
        }
        return o;
    }
}

package org.mbpo4j.env.classic;

import java.awt.image.BufferedImage;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.Renderable;
import org.mbpo4j.env.TaskRules;
import org.mbpo4j.random.Rng;

/**
 * Gymnasium's {@code MountainCarContinuous-v0}: drive an underpowered car up a hill.
 *
 * <p>State = observation = {@code [position, velocity]}. As in Gymnasium, the state is
 * rounded to float32 after every step (the reset state is double), after termination was
 * decided on the unrounded state. Action: force in [-1, 1],
 * clipped for the dynamics, while the cost {@code -0.1 a^2} uses the raw action. Terminates
 * with +100 when position >= 0.45 and velocity >= 0. Time limit 999 steps.
 *
 * <p>{@link #render()} draws it as Gymnasium does ({@link MountainCarRenderer}, 600 x 400 px,
 * 30 frames per second, the flag at 0.45).
 */
public final class MountainCarContinuous extends ClassicEnv<float[]> implements Renderable {
    public static final String ID = "MountainCarContinuous-v0";
    static final double MIN_ACTION = -1.0;
    static final double MAX_ACTION = 1.0;
    static final double MIN_POSITION = MountainCar.MIN_POSITION;
    static final double MAX_POSITION = MountainCar.MAX_POSITION;
    static final double MAX_SPEED = MountainCar.MAX_SPEED;
    static final double GOAL_VELOCITY = MountainCar.GOAL_VELOCITY;
    /** 0.45 here, 0.5 in the discrete MountainCar (as in Gymnasium). */
    static final double GOAL_POSITION = 0.45;
    static final double POWER = 0.0015;

    /** The task's rules (single source of truth for reward and termination). */
    public static final TaskRules RULES = new Rules();

    public MountainCarContinuous() {
        super(ID, MountainCar.mountainObservationSpace(MIN_POSITION, MAX_POSITION, MAX_SPEED),
                Box.uniform(1, (float) MIN_ACTION, (float) MAX_ACTION), RULES);
    }

    @Override
    protected float[] doReset(Rng rng) {
        state = new double[] {rng.uniform(-0.6, -0.4), 0.0};
        return observe();
    }

    @Override
    protected double[] dynamics(double[] s, float[] action) {
        double position = s[0];
        double velocity = s[1];
        double force = Math.min(Math.max(action[0], MIN_ACTION), MAX_ACTION);
        velocity += force * POWER - 0.0025 * StrictMath.cos(3 * position);
        if (velocity > MAX_SPEED) {
            velocity = MAX_SPEED;
        }
        if (velocity < -MAX_SPEED) {
            velocity = -MAX_SPEED;
        }
        position += velocity;
        if (position > MAX_POSITION) {
            position = MAX_POSITION;
        }
        if (position < MIN_POSITION) {
            position = MIN_POSITION;
        }
        if (position == MIN_POSITION && velocity < 0) {
            velocity = 0;
        }
        return new double[] {position, velocity};
    }

    /** Gymnasium keeps this env's state as float32 after the step (termination saw the double). */
    @Override
    protected double[] stored(double[] next) {
        return new double[] {(float) next[0], (float) next[1]};
    }

    /** Draws the current state as Gymnasium's {@code rgb_array} (600 x 400), the flag at 0.45. */
    @Override
    public BufferedImage render() {
        return MountainCarRenderer.draw(stateToDraw()[0], GOAL_POSITION);
    }

    /** Gymnasium's {@code render_fps} is 30. */
    @Override
    public double frameSeconds() {
        return 1.0 / 30;
    }

    @Override
    protected double ruleAction(float[] action) {
        return action[0];
    }

    private static final class Rules extends ClassicRules {
        Rules() {
            super(2, 2);
        }

        @Override
        public void terminated(double[] nextStates, int n, boolean[] out) {
            MountainCar.reachedGoal(nextStates, n, GOAL_POSITION, GOAL_VELOCITY, out);
        }

        @Override
        public void reward(double[] states, double[] actions, double[] nextStates, boolean[] terminated,
                           int n, double[] out) {
            for (int i = 0; i < n; i++) {
                double r = terminated[i] ? 100.0 : 0.0;
                r -= actions[i] * actions[i] * 0.1;
                out[i] = r;
            }
        }
    }
}

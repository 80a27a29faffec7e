package org.mbpo4j.env.classic;

import java.awt.image.BufferedImage;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.Discrete;
import org.mbpo4j.env.Renderable;
import org.mbpo4j.env.TaskRules;
import org.mbpo4j.random.Rng;

/**
 * Gymnasium's {@code MountainCar-v0}: the discrete mountain car (0 push left, 1 none,
 * 2 push right).
 *
 * <p>State = observation = {@code [position, velocity]} (double internally, float32 obs).
 * Reward -1 per step; terminates when position >= 0.5 and velocity >= 0. Time limit 200.
 *
 * <p>{@link #render()} draws it as Gymnasium does ({@link MountainCarRenderer}, 600 x 400 px,
 * 30 frames per second).
 */
public final class MountainCar extends ClassicEnv<Integer> implements Renderable {
    public static final String ID = "MountainCar-v0";
    static final double MIN_POSITION = -1.2;
    static final double MAX_POSITION = 0.6;
    static final double MAX_SPEED = 0.07;
    static final double GOAL_POSITION = 0.5;
    static final double GOAL_VELOCITY = 0;
    static final double FORCE = 0.001;
    static final double GRAVITY = 0.0025;

    /** The task's rules (single source of truth for reward and termination). */
    public static final TaskRules RULES = new Rules();

    public MountainCar() {
        super(ID, mountainObservationSpace(MIN_POSITION, MAX_POSITION, MAX_SPEED), new Discrete(3), RULES);
    }

    static Box mountainObservationSpace(double minPosition, double maxPosition, double maxSpeed) {
        return new Box(new float[] {(float) minPosition, (float) -maxSpeed},
                new float[] {(float) maxPosition, (float) maxSpeed});
    }

    /** The goal test shared by both mountain cars (they differ only in the goal position). */
    static void reachedGoal(double[] states, int n, double goalPosition, double goalVelocity, boolean[] out) {
        for (int i = 0; i < n; i++) {
            out[i] = states[2 * i] >= goalPosition && states[2 * i + 1] >= goalVelocity;
        }
    }

    @Override
    protected float[] doReset(Rng rng) {
        state = new double[] {rng.uniform(-0.6, -0.4), 0.0};
        return observe();
    }

    @Override
    protected double[] dynamics(double[] s, Integer action) {
        double position = s[0];
        double velocity = s[1];
        velocity += (action - 1) * FORCE + StrictMath.cos(3 * position) * (-GRAVITY);
        velocity = clip(velocity, -MAX_SPEED, MAX_SPEED);
        position += velocity;
        position = clip(position, MIN_POSITION, MAX_POSITION);
        if (position == MIN_POSITION && velocity < 0) {
            velocity = 0;
        }
        return new double[] {position, velocity};
    }

    /** Draws the current state as Gymnasium's {@code rgb_array} (600 x 400), the flag at 0.5. */
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
    protected double ruleAction(Integer action) {
        return action;
    }

    private static final class Rules extends ClassicRules {
        Rules() {
            super(2, 2);
        }

        @Override
        public void terminated(double[] nextStates, int n, boolean[] out) {
            reachedGoal(nextStates, n, GOAL_POSITION, GOAL_VELOCITY, out);
        }

        @Override
        public void reward(double[] states, double[] actions, double[] nextStates, boolean[] terminated,
                           int n, double[] out) {
            java.util.Arrays.fill(out, 0, n, -1.0);
        }
    }
}

package org.mbpo4j.env.classic;

import java.awt.image.BufferedImage;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.Renderable;
import org.mbpo4j.env.TaskRules;
import org.mbpo4j.random.Rng;

/**
 * Gymnasium's {@code Pendulum-v1}: swing a pendulum up and hold it upright.
 *
 * <p>State {@code [theta, theta_dot]} (theta is not wrapped; only the cost wraps it).
 * Observation {@code [cos theta, sin theta, theta_dot]}. Action: torque in [-2, 2], clipped
 * before both the dynamics and the cost. Reward {@code -(norm(theta)^2 + 0.1 theta_dot^2 +
 * 0.001 u^2)}, from the state before the step. Never terminates; time limit 200 steps.
 *
 * <p>{@link #render()} draws it as Gymnasium does ({@link PendulumRenderer}, 500 x 500 px,
 * 30 frames per second).
 */
public final class Pendulum extends ClassicEnv<float[]> implements Renderable {
    public static final String ID = "Pendulum-v1";
    static final double MAX_SPEED = 8;
    static final double MAX_TORQUE = 2.0;
    static final double DT = 0.05;
    static final double G = 10.0;
    static final double M = 1.0;
    static final double L = 1.0;

    /** The task's rules (single source of truth for reward and termination). */
    public static final TaskRules RULES = new Rules();

    /** The clipped torque of the last step, for the drawing (Gymnasium's {@code last_u}); NaN after reset. */
    private double lastU = Double.NaN;

    public Pendulum() {
        super(ID, new Box(new float[] {-1f, -1f, (float) -MAX_SPEED}, new float[] {1f, 1f, (float) MAX_SPEED}),
                Box.uniform(1, (float) -MAX_TORQUE, (float) MAX_TORQUE), RULES);
    }

    @Override
    protected float[] doReset(Rng rng) {
        state = new double[] {rng.uniform(-Math.PI, Math.PI), rng.uniform(-1.0, 1.0)};
        lastU = Double.NaN;
        return observe();
    }

    @Override
    protected void stepped(float[] action) {
        lastU = clip(action[0], -MAX_TORQUE, MAX_TORQUE);
    }

    /** Draws the current state as Gymnasium's {@code rgb_array} (500 x 500), with the last torque. */
    @Override
    public BufferedImage render() {
        return PendulumRenderer.draw(stateToDraw()[0], lastU);
    }

    /** Gymnasium's {@code render_fps} is 30. */
    @Override
    public double frameSeconds() {
        return 1.0 / 30;
    }

    @Override
    protected double[] dynamics(double[] s, float[] action) {
        double th = s[0];
        double thdot = s[1];
        double u = clip(action[0], -MAX_TORQUE, MAX_TORQUE);
        double newthdot = thdot + (3 * G / (2 * L) * StrictMath.sin(th) + 3.0 / (M * L * L) * u) * DT;
        newthdot = clip(newthdot, -MAX_SPEED, MAX_SPEED);
        double newth = th + newthdot * DT;
        return new double[] {newth, newthdot};
    }

    @Override
    protected double ruleAction(float[] action) {
        return action[0];
    }

    @Override
    public float[] observe() {
        return new float[] {(float) StrictMath.cos(state[0]), (float) StrictMath.sin(state[0]), (float) state[1]};
    }

    /** Gymnasium's {@code angle_normalize}: x mapped into [-pi, pi) with Python's floored modulo. */
    static double angleNormalize(double x) {
        return floorMod(x + Math.PI, 2 * Math.PI) - Math.PI;
    }

    private static final class Rules extends ClassicRules {
        Rules() {
            super(2, 3);
        }

        @Override
        public void terminated(double[] nextStates, int n, boolean[] out) {
            java.util.Arrays.fill(out, 0, n, false);
        }

        @Override
        public void reward(double[] states, double[] actions, double[] nextStates, boolean[] terminated,
                           int n, double[] out) {
            for (int i = 0; i < n; i++) {
                double th = states[2 * i];
                double thdot = states[2 * i + 1];
                double u = clip(actions[i], -MAX_TORQUE, MAX_TORQUE);
                double a = angleNormalize(th);
                out[i] = -(a * a + 0.1 * (thdot * thdot) + 0.001 * (u * u));
            }
        }

        @Override
        public void stateFromObs(double[] obs, int n, double[] states) {
            for (int i = 0; i < n; i++) {
                states[2 * i] = StrictMath.atan2(obs[3 * i + 1], obs[3 * i]);
                states[2 * i + 1] = obs[3 * i + 2];
            }
        }
    }
}

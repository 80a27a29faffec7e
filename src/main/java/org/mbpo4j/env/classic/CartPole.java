package org.mbpo4j.env.classic;

import java.awt.image.BufferedImage;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.Discrete;
import org.mbpo4j.env.Renderable;
import org.mbpo4j.env.TaskRules;
import org.mbpo4j.random.Rng;

/**
 * Gymnasium's {@code CartPole-v1}: balance a pole on a cart (0 push left, 1 push right, force
 * 10 N), Euler integration with tau = 0.02 s.
 *
 * <p>State = observation = {@code [x, x_dot, theta, theta_dot]}. Reward +1 per step,
 * including the terminating one; terminates when |x| > 2.4 or |theta| > 12 degrees. Time
 * limit 500 steps. The physics is shared with {@link CartPoleContinuous}.
 *
 * <p>{@link #render()} draws it as Gymnasium does ({@link CartPoleRenderer}, 600 x 400 px,
 * 50 frames per second).
 */
public final class CartPole extends ClassicEnv<Integer> implements Renderable {
    public static final String ID = "CartPole-v1";
    static final double GRAVITY = 9.8;
    static final double MASS_CART = 1.0;
    static final double MASS_POLE = 0.1;
    static final double TOTAL_MASS = MASS_POLE + MASS_CART;
    static final double LENGTH = 0.5;
    static final double POLEMASS_LENGTH = MASS_POLE * LENGTH;
    static final double FORCE_MAG = 10.0;
    static final double TAU = 0.02;
    static final double THETA_THRESHOLD_RADIANS = 12 * 2 * Math.PI / 360;
    static final double X_THRESHOLD = 2.4;

    /** The task's rules, shared with {@link CartPoleContinuous}. */
    public static final TaskRules RULES = new Rules();

    public CartPole() {
        super(ID, cartPoleObservationSpace(), new Discrete(2), RULES);
    }

    static Box cartPoleObservationSpace() {
        float inf = Float.POSITIVE_INFINITY;
        float[] high = {(float) (X_THRESHOLD * 2), inf, (float) (THETA_THRESHOLD_RADIANS * 2), inf};
        float[] low = new float[4];
        for (int i = 0; i < 4; i++) {
            low[i] = -high[i];
        }
        return new Box(low, high);
    }

    static double[] resetState(Rng rng) {
        double[] s = new double[4];
        for (int i = 0; i < 4; i++) {
            s[i] = rng.uniform(-0.05, 0.05);
        }
        return s;
    }

    /** One Euler step of the cart-pole physics under a horizontal force. */
    static double[] physics(double[] s, double force) {
        double x = s[0];
        double xDot = s[1];
        double theta = s[2];
        double thetaDot = s[3];
        double costheta = StrictMath.cos(theta);
        double sintheta = StrictMath.sin(theta);
        double temp = (force + POLEMASS_LENGTH * (thetaDot * thetaDot) * sintheta) / TOTAL_MASS;
        double thetaacc = (GRAVITY * sintheta - costheta * temp)
                / (LENGTH * (4.0 / 3.0 - MASS_POLE * (costheta * costheta) / TOTAL_MASS));
        double xacc = temp - POLEMASS_LENGTH * thetaacc * costheta / TOTAL_MASS;
        return new double[] {
            x + TAU * xDot,
            xDot + TAU * xacc,
            theta + TAU * thetaDot,
            thetaDot + TAU * thetaacc,
        };
    }

    @Override
    protected float[] doReset(Rng rng) {
        state = resetState(rng);
        return observe();
    }

    @Override
    protected double[] dynamics(double[] s, Integer action) {
        return physics(s, action == 1 ? FORCE_MAG : -FORCE_MAG);
    }

    /** Draws the current state as Gymnasium's {@code rgb_array} (600 x 400). */
    @Override
    public BufferedImage render() {
        double[] s = stateToDraw();
        return CartPoleRenderer.draw(s[0], s[2]);
    }

    /** Gymnasium's {@code render_fps} is 50. */
    @Override
    public double frameSeconds() {
        return 1.0 / 50;
    }

    @Override
    protected double ruleAction(Integer action) {
        return action;
    }

    private static final class Rules extends ClassicRules {
        Rules() {
            super(4, 4);
        }

        @Override
        public void terminated(double[] nextStates, int n, boolean[] out) {
            for (int i = 0; i < n; i++) {
                double x = nextStates[4 * i];
                double theta = nextStates[4 * i + 2];
                out[i] = x < -X_THRESHOLD || x > X_THRESHOLD
                        || theta < -THETA_THRESHOLD_RADIANS || theta > THETA_THRESHOLD_RADIANS;
            }
        }

        @Override
        public void reward(double[] states, double[] actions, double[] nextStates, boolean[] terminated,
                           int n, double[] out) {
            java.util.Arrays.fill(out, 0, n, 1.0);
        }
    }
}

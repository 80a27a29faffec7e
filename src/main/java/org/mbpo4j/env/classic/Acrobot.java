package org.mbpo4j.env.classic;

import java.awt.image.BufferedImage;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.Discrete;
import org.mbpo4j.env.Renderable;
import org.mbpo4j.env.TaskRules;
import org.mbpo4j.random.Rng;

/**
 * Gymnasium's {@code Acrobot-v1}: swing the tip of a two-link pendulum above a line
 * (actions 0, 1, 2 = torque -1, 0, +1 on the second joint), "book" dynamics, one RK4 step of
 * dt = 0.2 s.
 *
 * <p>State {@code [theta1, theta2, dtheta1, dtheta2]} (angles wrapped into [-pi, pi],
 * velocities bounded by 4 pi and 9 pi). The reset state is float32, later states are double.
 * Observation {@code [cos t1, sin t1, cos t2, sin t2, dt1, dt2]}. Reward -1 per step, 0 on the
 * terminating step; terminates when {@code -cos(t1) - cos(t1 + t2) > 1}. Time limit 500.
 *
 * <p>{@link #render()} draws it as Gymnasium does ({@link AcrobotRenderer}, 500 x 500 px,
 * 15 frames per second).
 */
public final class Acrobot extends ClassicEnv<Integer> implements Renderable {
    public static final String ID = "Acrobot-v1";
    static final double DT = 0.2;
    static final double LINK_LENGTH_1 = 1.0;
    /** Used only by the drawing: the dynamics, as Gymnasium's, never read it. */
    static final double LINK_LENGTH_2 = 1.0;
    static final double LINK_MASS_1 = 1.0;
    static final double LINK_MASS_2 = 1.0;
    static final double LINK_COM_POS_1 = 0.5;
    static final double LINK_COM_POS_2 = 0.5;
    static final double LINK_MOI = 1.0;
    static final double MAX_VEL_1 = 4 * Math.PI;
    static final double MAX_VEL_2 = 9 * Math.PI;
    static final double[] AVAIL_TORQUE = {-1.0, 0.0, +1};

    /** The task's rules (single source of truth for reward and termination). */
    public static final TaskRules RULES = new Rules();

    public Acrobot() {
        super(ID, new Box(
                new float[] {-1f, -1f, -1f, -1f, (float) -MAX_VEL_1, (float) -MAX_VEL_2},
                new float[] {1f, 1f, 1f, 1f, (float) MAX_VEL_1, (float) MAX_VEL_2}), new Discrete(3), RULES);
    }

    @Override
    protected float[] doReset(Rng rng) {
        state = new double[4];
        for (int i = 0; i < 4; i++) {
            state[i] = (float) rng.uniform(-0.1, 0.1);
        }
        return observe();
    }

    @Override
    protected double[] dynamics(double[] s, Integer action) {
        double torque = AVAIL_TORQUE[action];
        double[] ns = rk4(s, torque);
        ns[0] = wrap(ns[0], -Math.PI, Math.PI);
        ns[1] = wrap(ns[1], -Math.PI, Math.PI);
        ns[2] = clip(ns[2], -MAX_VEL_1, MAX_VEL_1);
        ns[3] = clip(ns[3], -MAX_VEL_2, MAX_VEL_2);
        return ns;
    }

    /** Draws the current state as Gymnasium's {@code rgb_array} (500 x 500). */
    @Override
    public BufferedImage render() {
        double[] s = stateToDraw();
        return AcrobotRenderer.draw(s[0], s[1]);
    }

    /** Gymnasium's {@code render_fps} is 15. */
    @Override
    public double frameSeconds() {
        return 1.0 / 15;
    }

    @Override
    protected double ruleAction(Integer action) {
        return action;
    }

    @Override
    public float[] observe() {
        return new float[] {
            (float) StrictMath.cos(state[0]), (float) StrictMath.sin(state[0]),
            (float) StrictMath.cos(state[1]), (float) StrictMath.sin(state[1]),
            (float) state[2], (float) state[3],
        };
    }

    /** One classical Runge-Kutta step over [0, dt], in Gymnasium's order of operations. */
    static double[] rk4(double[] y0, double torque) {
        double dt = DT - 0;
        double dt2 = dt / 2.0;
        double[] k1 = dsdt(y0, torque);
        double[] k2 = dsdt(axpy(y0, dt2, k1), torque);
        double[] k3 = dsdt(axpy(y0, dt2, k2), torque);
        double[] k4 = dsdt(axpy(y0, dt, k3), torque);
        double[] out = new double[4];
        for (int i = 0; i < 4; i++) {
            out[i] = y0[i] + dt / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
        return out;
    }

    private static double[] axpy(double[] y, double a, double[] k) {
        return new double[] {y[0] + a * k[0], y[1] + a * k[1], y[2] + a * k[2], y[3] + a * k[3]};
    }

    /** The equations of motion ("book" variant), written as in Gymnasium's {@code _dsdt}. */
    static double[] dsdt(double[] s, double a) {
        final double m1 = LINK_MASS_1;
        final double m2 = LINK_MASS_2;
        final double l1 = LINK_LENGTH_1;
        final double lc1 = LINK_COM_POS_1;
        final double lc2 = LINK_COM_POS_2;
        final double i1 = LINK_MOI;
        final double i2 = LINK_MOI;
        final double g = 9.8;
        double theta1 = s[0];
        double theta2 = s[1];
        double dtheta1 = s[2];
        double dtheta2 = s[3];
        double cos2 = StrictMath.cos(theta2);
        double sin2 = StrictMath.sin(theta2);
        double d1 = m1 * (lc1 * lc1) + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * cos2) + i1 + i2;
        double d2 = m2 * (lc2 * lc2 + l1 * lc2 * cos2) + i2;
        double phi2 = m2 * lc2 * g * StrictMath.cos(theta1 + theta2 - Math.PI / 2.0);
        double phi1 = -m2 * l1 * lc2 * (dtheta2 * dtheta2) * sin2
                - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sin2
                + (m1 * lc1 + m2 * l1) * g * StrictMath.cos(theta1 - Math.PI / 2)
                + phi2;
        double ddtheta2 = (a + d2 / d1 * phi1 - m2 * l1 * lc2 * (dtheta1 * dtheta1) * sin2 - phi2)
                / (m2 * (lc2 * lc2) + i2 - (d2 * d2) / d1);
        double ddtheta1 = -(d2 * ddtheta2 + phi1) / d1;
        return new double[] {dtheta1, dtheta2, ddtheta1, ddtheta2};
    }

    /** Gymnasium's {@code wrap}: shifts x by whole periods into [m, M]. */
    static double wrap(double x, double m, double big) {
        double diff = big - m;
        while (x > big) {
            x = x - diff;
        }
        while (x < m) {
            x = x + diff;
        }
        return x;
    }

    private static final class Rules extends ClassicRules {
        Rules() {
            super(4, 6);
        }

        @Override
        public void terminated(double[] nextStates, int n, boolean[] out) {
            for (int i = 0; i < n; i++) {
                double t1 = nextStates[4 * i];
                double t2 = nextStates[4 * i + 1];
                out[i] = -StrictMath.cos(t1) - StrictMath.cos(t2 + t1) > 1.0;
            }
        }

        @Override
        public void reward(double[] states, double[] actions, double[] nextStates, boolean[] terminated,
                           int n, double[] out) {
            for (int i = 0; i < n; i++) {
                out[i] = terminated[i] ? 0.0 : -1.0;
            }
        }

        @Override
        public void stateFromObs(double[] obs, int n, double[] states) {
            for (int i = 0; i < n; i++) {
                states[4 * i] = StrictMath.atan2(obs[6 * i + 1], obs[6 * i]);
                states[4 * i + 1] = StrictMath.atan2(obs[6 * i + 3], obs[6 * i + 2]);
                states[4 * i + 2] = obs[6 * i + 4];
                states[4 * i + 3] = obs[6 * i + 5];
            }
        }
    }
}

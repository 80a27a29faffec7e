package org.mbpo4j.env.box2d;

import org.mbpo4j.env.TaskRules;

/**
 * LunarLander's reward and termination, written once: the env calls the static functions for
 * its own steps, and model rollouts use the batched {@link TaskRules} on predicted observations.
 *
 * <p>The state of these rules is the observation itself ({@code stateDim == obsDim == 8},
 * {@link #stateFromObs} is the identity). Gymnasium's shaping reward needs the previous step's
 * shaping value; it is the shaping of the previous observation, so
 * {@code r = shaping(next) - shaping(state) - 0.30 m - 0.03 s} with m, s the fired engine powers.
 * The env computes the shaping on its double-precision state, the batched rules on the float32
 * observation; they agree to float32 rounding (about 1e-5).
 *
 * <p><b>What a model rollout can know.</b> The observation decides only one of Gymnasium's three
 * terminations: {@code |x| >= 1} (left the viewport; reward -100). The other two come from the
 * physics engine and are not in the observation:
 * <ul>
 *   <li>{@code game_over}: the contact listener saw the lander body touch the moon (a crash,
 *       reward -100). A model sees at most a low, fast lander; the rules do not guess it, so
 *       {@link #terminated} never reports it.</li>
 *   <li>the lander body fell asleep (Box2D's sleep after 0.5 s at rest; reward +100). That needs
 *       the history of the last 25 steps and Box2D's island logic, so {@link #terminated} never
 *       reports it either.</li>
 * </ul>
 * When a transition is given as terminal (the real env's flag, or a rollout's own guess),
 * {@link #reward} returns +100 if the next observation shows a sleeping body (vx, vy and the
 * angular velocity exactly 0, which Box2D sets when the body falls asleep; in Gymnasium sleeping
 * overrides a crash) and -100 otherwise; on the real env's transitions that matches Gymnasium.
 * A rollout that only uses {@link #terminated} therefore sees -100 at |x| >= 1 and never the
 * crash or landing bonus: a model-based agent learns those only from real transitions.
 */
public final class LanderRules implements TaskRules {
    /** Observation (and rules state) length. */
    public static final int OBS_DIM = 8;
    /** Rules of {@code LunarLander-v3} (action row: the discrete index). */
    public static final LanderRules DISCRETE = new LanderRules(false);
    /** Rules of {@code LunarLanderContinuous-v3} (action row: main, lateral). */
    public static final LanderRules CONTINUOUS = new LanderRules(true);

    private final boolean continuous;

    private LanderRules(boolean continuous) {
        this.continuous = continuous;
    }

    /** Gymnasium's shaping value of state row {@code off} of {@code s}. */
    public static double shaping(double[] s, int off) {
        return -100 * Math.sqrt(s[off] * s[off] + s[off + 1] * s[off + 1])
                - 100 * Math.sqrt(s[off + 2] * s[off + 2] + s[off + 3] * s[off + 3])
                - 100 * Math.abs(s[off + 4])
                + 10 * s[off + 6]
                + 10 * s[off + 7];
    }

    /** The termination the observation decides: the lander left the viewport ({@code |x| >= 1}). */
    public static boolean outOfView(double x) {
        return Math.abs(x) >= 1.0;
    }

    /** The fuel cost of a step: 0.30 per unit of main engine power, 0.03 per unit of side power. */
    public static double fuelCost(double mainPower, double sidePower) {
        return mainPower * 0.30 + sidePower * 0.03;
    }

    /**
     * Whether observation row {@code off} shows a body Box2D put to sleep: it zeroes a sleeping
     * body's velocities, so vx, vy and the angular velocity are exactly 0 (a moving or crashing
     * lander never has all three exactly 0).
     */
    static boolean asleep(double[] s, int off) {
        return s[off + 2] == 0 && s[off + 3] == 0 && s[off + 5] == 0;
    }

    @Override
    public int stateDim() {
        return OBS_DIM;
    }

    @Override
    public int obsDim() {
        return OBS_DIM;
    }

    @Override
    public int actionDim() {
        return continuous ? 2 : 1;
    }

    /** Only {@code |x| >= 1}: crashes and coming to rest are not visible in one observation. */
    @Override
    public void terminated(double[] nextStates, int n, boolean[] out) {
        for (int i = 0; i < n; i++) {
            out[i] = outOfView(nextStates[i * OBS_DIM]);
        }
    }

    @Override
    public void reward(double[] states, double[] actions, double[] nextStates, boolean[] terminated, int n,
                       double[] out) {
        int ad = actionDim();
        for (int i = 0; i < n; i++) {
            int off = i * OBS_DIM;
            if (terminated[i]) {
                out[i] = asleep(nextStates, off) ? 100 : -100;
                continue;
            }
            LanderThrottle t = continuous
                    ? LanderThrottle.continuous(actions[i * ad], actions[i * ad + 1])
                    : LanderThrottle.discrete((int) actions[i]);
            out[i] = shaping(nextStates, off) - shaping(states, off) - fuelCost(t.mainPower(), t.sidePower());
        }
    }

    @Override
    public void stateFromObs(double[] obs, int n, double[] states) {
        System.arraycopy(obs, 0, states, 0, n * OBS_DIM);
    }
}

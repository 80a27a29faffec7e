package org.mbpo4j.env.mujoco;

import org.mbpo4j.env.TaskRules;

/**
 * InvertedDoublePendulum's reward and termination (v4 and v5), written once for the env and for
 * model rollouts.
 *
 * <p><b>Row</b>: the observation before clipping ({@code qpos[0]}, {@code sin} and {@code cos} of
 * the two hinge angles, {@code qvel}, {@code qfrc_constraint}: all three in v4, the first in v5),
 * then the tip's x and z: {@code site_xpos[0]} as MuJoCo's last sub-step left it, which is what
 * Gymnasium reads.
 *
 * <p><b>Termination</b>: the tip at or below {@code z = 1}. <b>Reward</b>: the alive bonus
 * (v4: 10 every step; v5: {@code healthy_reward} unless terminating) minus
 * {@code 0.01 x^2 + (z - 2)^2} minus {@code 0.001 v1^2 + 0.005 v2^2} (the hinges' velocities).
 *
 * <p><b>From observations</b> the tip is placed by the observed angles through the model's
 * geometry (two 0.6 m poles on the cart, inverted_double_pendulum.xml), i.e. at the end of the
 * step rather than one 0.01 s sub-step before it as in Gymnasium: termination and reward from
 * observations are that close, not exact, and the velocities beyond the observation's clip of
 * +-10 are clipped. Model rollouts should learn the reward.
 */
final class InvertedDoublePendulumRules implements TaskRules {
    /** The pole lengths of inverted_double_pendulum.xml (pole, then pole2 to the tip site). */
    static final double POLE = 0.6;
    /** The tip height at or below which the episode ends. */
    static final double MIN_TIP_Z = 1;
    static final double TARGET_Z = 2;

    private final int obsDim;
    private final int nu;
    private final int version;
    private final double healthyReward;

    InvertedDoublePendulumRules(int obsDim, int nu, int version, double healthyReward) {
        this.obsDim = obsDim;
        this.nu = nu;
        this.version = version;
        this.healthyReward = healthyReward;
    }

    /** Row index of the tip's x (z follows). */
    int tipX() {
        return obsDim;
    }

    @Override
    public int stateDim() {
        return obsDim + 2;
    }

    @Override
    public int obsDim() {
        return obsDim;
    }

    @Override
    public int actionDim() {
        return nu;
    }

    @Override
    public void terminated(double[] next, int n, boolean[] out) {
        int d = stateDim();
        for (int i = 0; i < n; i++) {
            out[i] = next[i * d + tipX() + 1] <= MIN_TIP_Z;
        }
    }

    double aliveBonus(boolean terminated) {
        return version >= 5 ? healthyReward * (terminated ? 0 : 1) : 10;
    }

    double distancePenalty(double[] r, int off) {
        double x = r[off + tipX()];
        double z = r[off + tipX() + 1];
        return 0.01 * (x * x) + (z - TARGET_Z) * (z - TARGET_Z);
    }

    /** The hinges' velocities qvel[1] and qvel[2] follow qpos[0], the two sines and the two cosines. */
    double velocityPenalty(double[] r, int off) {
        double v1 = r[off + 6];
        double v2 = r[off + 7];
        return 0.001 * (v1 * v1) + 0.005 * (v2 * v2);
    }

    @Override
    public void reward(double[] states, double[] actions, double[] next, boolean[] terminated, int n, double[] out) {
        int d = stateDim();
        for (int i = 0; i < n; i++) {
            out[i] = aliveBonus(terminated[i]) - distancePenalty(next, i * d) - velocityPenalty(next, i * d);
        }
    }

    /** Copies the observation and places the tip by the observed angles. */
    @Override
    public void stateFromObs(double[] obs, int n, double[] states) {
        int d = stateDim();
        for (int i = 0; i < n; i++) {
            int o = i * obsDim;
            int s = i * d;
            System.arraycopy(obs, o, states, s, obsDim);
            double s1 = obs[o + 1];
            double s2 = obs[o + 2];
            double c1 = obs[o + 3];
            double c2 = obs[o + 4];
            states[s + tipX()] = obs[o] + POLE * s1 + POLE * (s1 * c2 + c1 * s2);
            states[s + tipX() + 1] = POLE * c1 + POLE * (c1 * c2 - s1 * s2);
        }
    }

    /** The clipped velocities and constraint forces, and the tip, are not recovered exactly. */
    @Override
    public boolean recoversExactly(int j) {
        return j < 5;
    }

    @Override
    public String rewardNotFromObs() {
        return "InvertedDoublePendulum's reward reads the tip's position one MuJoCo sub-step before the observation;"
                + " from observations it is only approximate";
    }
}

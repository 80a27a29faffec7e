package org.mbpo4j.env.mujoco;

import org.mbpo4j.env.TaskRules;

/**
 * Ant's reward and termination (v4 and v5), written once for the env and for model rollouts.
 *
 * <p><b>Row</b>: the observation ({@code qpos[skip:]}, {@code qvel}, and the clipped external
 * contact forces where observed), then three values it does not show: the main body's x and y
 * as MuJoCo's last sub-step left them ({@code data.body(main_body).xpos}, which Gymnasium reads
 * for the forward velocity, not {@code qpos}), and the step's contact cost.
 *
 * <p><b>Termination</b>: unhealthy when {@code terminate_when_unhealthy}; healthy means finite
 * and {@code healthy_z_range[0] <= qpos[2] <= healthy_z_range[1]} (inclusive). Finiteness is
 * checked on the observed positions and velocities, which leave out {@code qpos[0:2]} by default
 * (MuJoCo itself resets a simulation that turns non-finite, so the test practically never
 * fires).
 *
 * <p><b>Reward</b>: {@code x_velocity} of the main body ({@code * forward_reward_weight} in v5),
 * plus the healthy reward (v4: every step while {@code terminate_when_unhealthy}; v5: only while
 * healthy), minus the float32 control cost and the contact cost (v5, or v4 with
 * {@code use_contact_forces}). The body's position is not observable, so the reward cannot be
 * computed from observations.
 */
final class AntRules implements TaskRules {

    /**
     * @param obsDim         the observation length
     * @param skip           positions left out of the observation (0 or 2)
     * @param version        4 or 5
     * @param contactCost    whether the contact cost is subtracted (v5 always, v4 with use_contact_forces)
     */
    record Params(int nq, int nv, int nu, int obsDim, int skip, int version, double dt, double forwardWeight,
                  double ctrlWeight, double healthyReward, boolean terminateWhenUnhealthy, double[] zRange,
                  boolean contactCost) {
    }

    private final Params p;
    private final float[] scratch;

    AntRules(Params p) {
        this.p = p;
        this.scratch = new float[p.nu];
    }

    /** Row index of the main body's x (y follows, then the contact cost). */
    int bodyX() {
        return p.obsDim;
    }

    int contactCostIndex() {
        return p.obsDim + 2;
    }

    @Override
    public int stateDim() {
        return p.obsDim + 3;
    }

    @Override
    public int obsDim() {
        return p.obsDim;
    }

    @Override
    public int actionDim() {
        return p.nu;
    }

    boolean healthy(double[] r, int off) {
        int qv = p.nq - p.skip + p.nv;
        for (int k = 0; k < qv; k++) {
            if (!Double.isFinite(r[off + k])) {
                return false;
            }
        }
        double z = r[off + 2 - p.skip];
        return p.zRange[0] <= z && z <= p.zRange[1];
    }

    @Override
    public void terminated(double[] next, int n, boolean[] out) {
        int d = stateDim();
        for (int i = 0; i < n; i++) {
            out[i] = p.terminateWhenUnhealthy && !healthy(next, i * d);
        }
    }

    /** The main body's velocity along x ({@code k = 0}) or y ({@code k = 1}). */
    double velocity(double[] s, int so, double[] n, int no, int k) {
        return (n[no + bodyX() + k] - s[so + bodyX() + k]) / p.dt;
    }

    double forwardReward(double[] s, int so, double[] n, int no) {
        double v = velocity(s, so, n, no, 0);
        return p.version >= 5 ? v * p.forwardWeight : v;
    }

    double healthyReward(double[] n, int no) {
        boolean paid = p.version >= 5 ? healthy(n, no) : healthy(n, no) || p.terminateWhenUnhealthy;
        return (paid ? 1.0 : 0.0) * p.healthyReward;
    }

    /** The float32 control cost (NumPy sums Ant's 8 squares pairwise). */
    double controlCost(double[] a, int ao) {
        return NumpySums.controlCost32(p.ctrlWeight, a, ao, p.nu, scratch);
    }

    /** The contact cost the row holds (0 where the task has none). */
    double contactCost(double[] n, int no) {
        return p.contactCost ? n[no + contactCostIndex()] : 0;
    }

    /** Gymnasium's {@code contact_cost_weight * sum(clip(cfrc_ext, lo, hi)^2)} over every body (the world's too). */
    static double contactCost(double weight, double[] cfrcExt, double lo, double hi, double[] scratch) {
        for (int i = 0; i < cfrcExt.length; i++) {
            double c = Math.max(lo, Math.min(hi, cfrcExt[i]));
            scratch[i] = c * c;
        }
        return weight * NumpySums.sum(scratch, 0, cfrcExt.length);
    }

    @Override
    public void reward(double[] states, double[] actions, double[] next, boolean[] terminated, int n, double[] out) {
        int d = stateDim();
        for (int i = 0; i < n; i++) {
            double rewards = forwardReward(states, i * d, next, i * d) + healthyReward(next, i * d);
            double costs = controlCost(actions, i * p.nu);
            if (p.contactCost) {
                costs += contactCost(next, i * d);
            }
            out[i] = rewards - costs;
        }
    }

    @Override
    public void stateFromObs(double[] obs, int n, double[] states) {
        int d = stateDim();
        for (int i = 0; i < n; i++) {
            System.arraycopy(obs, i * p.obsDim, states, i * d, p.obsDim);
            states[i * d + bodyX()] = Double.NaN;
            states[i * d + bodyX() + 1] = Double.NaN;
            states[i * d + contactCostIndex()] = Double.NaN;
        }
    }

    /** From observations the body position and contact cost are unknown (NaN). */
    @Override
    public boolean recoversExactly(int j) {
        return j < p.obsDim;
    }

    @Override
    public String rewardNotFromObs() {
        return "Ant's forward reward is the velocity of the main body's position as MuJoCo's last sub-step left it"
                + " (data.body(main_body).xpos), which the observation does not hold";
    }
}

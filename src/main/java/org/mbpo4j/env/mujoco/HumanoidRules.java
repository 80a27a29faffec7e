package org.mbpo4j.env.mujoco;

import org.mbpo4j.env.TaskRules;

/**
 * Humanoid's reward and termination (v4 and v5), written once for the env and for model
 * rollouts.
 *
 * <p><b>Row</b>: the observation, then three values it does not show: the x and y of the centre
 * of mass ({@code sum(body_mass * xipos) / sum(body_mass)}, from the bodies' positions as
 * MuJoCo's last sub-step left them, as Gymnasium computes it), and the step's contact cost (v5).
 *
 * <p><b>Termination</b>: unhealthy when {@code terminate_when_unhealthy}; healthy means
 * {@code healthy_z_range[0] < qpos[2] < healthy_z_range[1]} (open), which the observation shows.
 *
 * <p><b>Reward</b>: {@code forward_reward_weight} times the centre of mass's x velocity, plus the
 * healthy reward (v4: every step while {@code terminate_when_unhealthy}; v5: only while healthy),
 * minus {@code ctrl_cost_weight * sum(ctrl^2)} (in double: Humanoid squares {@code data.ctrl})
 * and in v5 the contact cost {@code clip(contact_cost_weight * sum(cfrc_ext^2), contact_cost_range)}.
 * The centre of mass is not observable, so the reward cannot be computed from observations.
 */
final class HumanoidRules implements TaskRules {

    /** @param skip positions left out of the observation (0 or 2) */
    record Params(int nq, int nv, int nu, int obsDim, int skip, int version, double dt, double forwardWeight,
                  double ctrlWeight, double healthyReward, boolean terminateWhenUnhealthy, double[] zRange) {
    }

    private final Params p;
    private final double[] scratch;

    HumanoidRules(Params p) {
        this.p = p;
        this.scratch = new double[p.nu];
    }

    /** Row index of the centre of mass's x (y follows, then the contact cost). */
    int comX() {
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
        double z = r[off + 2 - p.skip];
        return p.zRange[0] < z && z < p.zRange[1];
    }

    @Override
    public void terminated(double[] next, int n, boolean[] out) {
        int d = stateDim();
        for (int i = 0; i < n; i++) {
            out[i] = p.terminateWhenUnhealthy && !healthy(next, i * d);
        }
    }

    /** The centre of mass's velocity along x ({@code k = 0}) or y ({@code k = 1}). */
    double velocity(double[] s, int so, double[] n, int no, int k) {
        return (n[no + comX() + k] - s[so + comX() + k]) / p.dt;
    }

    double forwardReward(double[] s, int so, double[] n, int no) {
        return p.forwardWeight * velocity(s, so, n, no, 0);
    }

    double healthyReward(double[] n, int no) {
        boolean paid = p.version >= 5 ? healthy(n, no) : healthy(n, no) || p.terminateWhenUnhealthy;
        return (paid ? 1.0 : 0.0) * p.healthyReward;
    }

    /** {@code ctrl_cost_weight * np.sum(np.square(data.ctrl))}, ctrl being the action widened to double. */
    double controlCost(double[] a, int ao) {
        return p.ctrlWeight * NumpySums.sumOfSquares(a, ao, p.nu, scratch);
    }

    double contactCost(double[] n, int no) {
        return p.version >= 5 ? n[no + contactCostIndex()] : 0;
    }

    /** v5's {@code clip(weight * sum(cfrc_ext^2), low, high)} over every body (the world's too). */
    static double contactCost(double weight, double[] range, double[] cfrcExt, double[] squares) {
        double cost = weight * NumpySums.sumOfSquares(cfrcExt, 0, cfrcExt.length, squares);
        return Math.max(range[0], Math.min(range[1], cost));
    }

    /**
     * Gymnasium's {@code mass_center}: {@code einsum('b,bj->j', body_mass, xipos) / body_mass.sum()},
     * x and y.
     */
    static void massCenter(double[] mass, double massSum, double[] xipos, double[] out) {
        double x = 0;
        double y = 0;
        for (int b = 0; b < mass.length; b++) {
            x += mass[b] * xipos[3 * b];
            y += mass[b] * xipos[3 * b + 1];
        }
        out[0] = x / massSum;
        out[1] = y / massSum;
    }

    @Override
    public void reward(double[] states, double[] actions, double[] next, boolean[] terminated, int n, double[] out) {
        int d = stateDim();
        for (int i = 0; i < n; i++) {
            double rewards = forwardReward(states, i * d, next, i * d) + healthyReward(next, i * d);
            double ctrl = controlCost(actions, i * p.nu);
            out[i] = p.version >= 5 ? rewards - (ctrl + contactCost(next, i * d)) : rewards - ctrl;
        }
    }

    @Override
    public void stateFromObs(double[] obs, int n, double[] states) {
        int d = stateDim();
        for (int i = 0; i < n; i++) {
            System.arraycopy(obs, i * p.obsDim, states, i * d, p.obsDim);
            for (int k = p.obsDim; k < d; k++) {
                states[i * d + k] = Double.NaN;
            }
        }
    }

    @Override
    public boolean recoversExactly(int j) {
        return j < p.obsDim;
    }

    @Override
    public String rewardNotFromObs() {
        return "Humanoid's forward reward is the velocity of the centre of mass, which the observation does not hold";
    }
}

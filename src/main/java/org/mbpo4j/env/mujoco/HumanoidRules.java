package org.mbpo4j.env.mujoco;

/**
 * Humanoid's reward and termination (v4 and v5), written once for the env and for model
 * rollouts.
 *
 * <p><b>Row</b> ({@link TrackedBodyRules}): the observation, then the x and y of the centre of
 * mass ({@code sum(body_mass * xipos) / sum(body_mass)}, from the bodies' positions as MuJoCo's
 * last sub-step left them, as Gymnasium computes it) and the step's contact cost (v5).
 *
 * <p><b>Termination</b>: unhealthy when {@code terminate_when_unhealthy}; healthy means
 * {@code healthy_z_range[0] < qpos[2] < healthy_z_range[1]} (open), which the observation shows.
 *
 * <p><b>Reward</b>: {@code forward_reward_weight} times the centre of mass's x velocity, plus the
 * healthy reward, minus {@code ctrl_cost_weight * sum(ctrl^2)} (in double: Humanoid squares
 * {@code data.ctrl}) and in v5 the contact cost
 * {@code clip(contact_cost_weight * sum(cfrc_ext^2), contact_cost_range)}. The centre of mass is
 * not observable, so the reward cannot be computed from observations.
 */
final class HumanoidRules extends TrackedBodyRules {

    /** @param skip positions left out of the observation (0 or 2) */
    record Params(int nq, int nv, int nu, int obsDim, int skip, int version, double dt, double forwardWeight,
                  double ctrlWeight, double healthyReward, boolean terminateWhenUnhealthy, double[] zRange) {
    }

    private final Params p;
    private final double[] scratch;

    HumanoidRules(Params p) {
        super(p.obsDim, p.nu, p.version, p.dt, p.healthyReward, p.terminateWhenUnhealthy);
        this.p = p;
        this.scratch = new double[p.nu];
    }

    @Override
    boolean healthy(double[] r, int off) {
        double z = r[off + 2 - p.skip];
        return p.zRange[0] < z && z < p.zRange[1];
    }

    double forwardReward(double[] s, int so, double[] n, int no) {
        return p.forwardWeight * velocity(s, so, n, no, 0);
    }

    /** {@code ctrl_cost_weight * np.sum(np.square(data.ctrl))}, ctrl being the action widened to double. */
    double controlCost(double[] a, int ao) {
        return p.ctrlWeight * NumpySums.sumOfSquares(a, ao, nu, scratch);
    }

    double contactCost(double[] n, int no) {
        return version >= 5 ? n[no + contactCostIndex()] : 0;
    }

    /** v5's {@code clip(weight * sum(cfrc_ext^2), range)} over every body (the world's too). */
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
            double ctrl = controlCost(actions, i * nu);
            out[i] = version >= 5 ? rewards - (ctrl + contactCost(next, i * d)) : rewards - ctrl;
        }
    }

    @Override
    public String rewardNotFromObs() {
        return "Humanoid's forward reward is the velocity of the centre of mass, which the observation does not hold";
    }
}

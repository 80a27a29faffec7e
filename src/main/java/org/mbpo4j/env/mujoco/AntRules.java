package org.mbpo4j.env.mujoco;

/**
 * Ant's reward and termination (v4 and v5), written once for the env and for model rollouts.
 *
 * <p><b>Row</b> ({@link TrackedBodyRules}): the observation ({@code qpos[skip:]}, {@code qvel},
 * and the clipped external contact forces where observed), then the main body's x and y
 * ({@code data.body(main_body).xpos}, which Gymnasium reads for the forward velocity, not
 * {@code qpos}) and the step's contact cost.
 *
 * <p><b>Termination</b>: unhealthy when {@code terminate_when_unhealthy}; healthy means finite
 * and {@code healthy_z_range[0] <= qpos[2] <= healthy_z_range[1]} (inclusive). Finiteness is
 * checked on the observed positions and velocities, which leave out {@code qpos[0:2]} by default
 * (MuJoCo itself resets a simulation that turns non-finite, so the test practically never
 * fires).
 *
 * <p><b>Reward</b>: {@code x_velocity} of the main body ({@code * forward_reward_weight} in v5),
 * plus the healthy reward, minus the float32 control cost (NumPy sums Ant's 8 squares pairwise)
 * and the contact cost (v5, or v4 with {@code use_contact_forces}). The body's position is not
 * observable, so the reward cannot be computed from observations.
 */
final class AntRules extends TrackedBodyRules {

    /**
     * @param skip        positions left out of the observation (0 or 2)
     * @param contactCost whether the contact cost is subtracted (v5 always, v4 with use_contact_forces)
     */
    record Params(int nq, int nv, int nu, int obsDim, int skip, int version, double dt, double forwardWeight,
                  double ctrlWeight, double healthyReward, boolean terminateWhenUnhealthy, double[] zRange,
                  boolean contactCost) {
    }

    private final Params p;
    private final float[] scratch;

    AntRules(Params p) {
        super(p.obsDim, p.nu, p.version, p.dt, p.healthyReward, p.terminateWhenUnhealthy);
        this.p = p;
        this.scratch = new float[p.nu];
    }

    @Override
    boolean healthy(double[] r, int off) {
        int observed = p.nq - p.skip + p.nv;
        for (int k = 0; k < observed; k++) {
            if (!Double.isFinite(r[off + k])) {
                return false;
            }
        }
        double z = r[off + 2 - p.skip];
        return p.zRange[0] <= z && z <= p.zRange[1];
    }

    double forwardReward(double[] s, int so, double[] n, int no) {
        double v = velocity(s, so, n, no, 0);
        return version >= 5 ? v * p.forwardWeight : v;
    }

    /** The float32 control cost. */
    double controlCost(double[] a, int ao) {
        return NumpySums.controlCost32(p.ctrlWeight, a, ao, nu, scratch);
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
            double costs = controlCost(actions, i * nu);
            if (p.contactCost) {
                costs += contactCost(next, i * d);
            }
            out[i] = rewards - costs;
        }
    }

    @Override
    public String rewardNotFromObs() {
        return "Ant's forward reward is the velocity of the main body's position as MuJoCo's last sub-step left it"
                + " (data.body(main_body).xpos), which the observation does not hold";
    }
}

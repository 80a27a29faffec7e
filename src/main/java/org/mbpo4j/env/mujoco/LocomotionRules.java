package org.mbpo4j.env.mujoco;

import org.mbpo4j.env.TaskRules;

/**
 * Reward and termination of the planar runners: Hopper, Walker2d, HalfCheetah and Swimmer (v4
 * and v5), written once for the env and for model rollouts.
 *
 * <p><b>Row</b> (the rules' state): {@code qpos[skip:]}, {@code qvel} (unclipped), then the
 * {@code skip} positions the observation excludes ({@code qpos[0]}, and for Swimmer
 * {@code qpos[1]}). The first {@code obsDim} entries are the observation before Hopper's and
 * Walker2d's {@code clip(qvel, -10, 10)}. A row recovered from an observation holds the clipped
 * velocities and NaN for the excluded positions.
 *
 * <p><b>Termination</b> (Hopper, Walker2d; the others never terminate): unhealthy, when
 * {@code terminate_when_unhealthy}. Healthy means {@code z = qpos[1]} and
 * {@code angle = qpos[2]} lie strictly inside their ranges and, for Hopper, every entry of
 * {@code state_vector()[2:]} (= {@code qpos[2:]} and {@code qvel}) strictly inside
 * {@code healthy_state_range}. (Some ports write {@code abs(obs[1:] < 100)}, taking the absolute
 * value of a comparison, which never terminates on a large negative value; here each entry is
 * compared with both bounds.) From observations the velocities are clipped at +-10, so the
 * +-100 velocity bound cannot fire there.
 *
 * <p><b>Reward</b>: {@code forward_reward_weight * (x' - x) / dt}, plus for Hopper and Walker2d the
 * healthy reward (v4: paid on every step while {@code terminate_when_unhealthy}, the terminating
 * one included; v5: only while healthy), minus the float32 control cost
 * {@code ctrl_cost_weight * sum(a^2)}. It needs {@code x = qpos[0]} before and after the step, so
 * it cannot be computed from observations that exclude it (the default).
 */
final class LocomotionRules implements TaskRules {

    /**
     * @param skip             positions left out of the observation (0, 1, or 2 for Swimmer)
     * @param healthy          the health test, or null for tasks that never terminate
     * @param healthyReward    paid per step (0 for tasks without a health test)
     * @param payOnlyHealthy   v5's healthy reward ({@code is_healthy * healthy_reward})
     * @param velocityClip     the observation's velocity clip (NaN: none)
     */
    record Params(int nq, int nv, int nu, int skip, double dt, double forwardWeight, double ctrlWeight,
                  Health healthy, double healthyReward, boolean terminateWhenUnhealthy, boolean payOnlyHealthy,
                  double velocityClip) {
    }

    /**
     * Gymnasium's {@code is_healthy} of Hopper and Walker2d: strict bounds on {@code qpos[1]},
     * {@code qpos[2]}, and for Hopper ({@code stateRange} not null) on {@code qpos[2:]} and {@code qvel}.
     */
    record Health(double[] zRange, double[] angleRange, double[] stateRange) {
    }

    private final Params p;
    private final int obsDim;
    private final float[] scratch;

    LocomotionRules(Params p) {
        this.p = p;
        this.obsDim = p.nq - p.skip + p.nv;
        this.scratch = new float[p.nu];
    }

    Params params() {
        return p;
    }

    /** The row index of {@code qpos[k]}. */
    int qposIndex(int k) {
        return k >= p.skip ? k - p.skip : obsDim + k;
    }

    /** The row index of {@code qvel[k]}. */
    int qvelIndex(int k) {
        return p.nq - p.skip + k;
    }

    @Override
    public int stateDim() {
        return p.nq + p.nv;
    }

    @Override
    public int obsDim() {
        return obsDim;
    }

    @Override
    public int actionDim() {
        return p.nu;
    }

    /** Gymnasium's {@code is_healthy} of row {@code r} at {@code off} (true for tasks without a health test). */
    boolean healthy(double[] r, int off) {
        Health h = p.healthy;
        if (h == null) {
            return true;
        }
        double z = r[off + qposIndex(1)];
        double angle = r[off + qposIndex(2)];
        boolean ok = h.zRange()[0] < z && z < h.zRange()[1] && h.angleRange()[0] < angle && angle < h.angleRange()[1];
        if (ok && h.stateRange() != null) {
            double lo = h.stateRange()[0];
            double hi = h.stateRange()[1];
            for (int k = 2; k < p.nq && ok; k++) {
                double v = r[off + qposIndex(k)];
                ok = lo < v && v < hi;
            }
            for (int k = 0; k < p.nv && ok; k++) {
                double v = r[off + qvelIndex(k)];
                ok = lo < v && v < hi;
            }
        }
        return ok;
    }

    @Override
    public void terminated(double[] next, int n, boolean[] out) {
        int d = stateDim();
        for (int i = 0; i < n; i++) {
            out[i] = p.terminateWhenUnhealthy && !healthy(next, i * d);
        }
    }

    /** {@code (x' - x) / dt}: Gymnasium's {@code x_velocity}. */
    double xVelocity(double[] s, int so, double[] n, int no) {
        int x = qposIndex(0);
        return (n[no + x] - s[so + x]) / p.dt;
    }

    /** {@code forward_reward_weight * x_velocity}. */
    double forwardReward(double[] s, int so, double[] n, int no) {
        return p.forwardWeight * xVelocity(s, so, n, no);
    }

    /** The healthy reward after a step ending in row {@code n} (0 for tasks without one). */
    double healthyReward(double[] n, int no) {
        if (p.healthy == null) {
            return 0;
        }
        boolean paid = p.payOnlyHealthy ? healthy(n, no) : healthy(n, no) || p.terminateWhenUnhealthy;
        return (paid ? 1.0 : 0.0) * p.healthyReward;
    }

    /** The float32 control cost of action row {@code a} at {@code ao}. */
    double controlCost(double[] a, int ao) {
        return NumpySums.controlCost32(p.ctrlWeight, a, ao, p.nu, scratch);
    }

    @Override
    public void reward(double[] states, double[] actions, double[] next, boolean[] terminated, int n, double[] out) {
        int d = stateDim();
        for (int i = 0; i < n; i++) {
            double forward = forwardReward(states, i * d, next, i * d);
            double cost = controlCost(actions, i * p.nu);
            out[i] = p.healthy == null ? forward - cost : (forward + healthyReward(next, i * d)) - cost;
        }
    }

    @Override
    public void stateFromObs(double[] obs, int n, double[] states) {
        RuleRows.fromObservations(obs, n, obsDim, states, stateDim(), Double.NaN);
    }

    @Override
    public boolean recoversExactly(int j) {
        if (j >= obsDim) {
            return false;
        }
        return Double.isNaN(p.velocityClip) || j < qvelIndex(0);
    }

    @Override
    public String rewardNotFromObs() {
        return p.skip == 0 ? null : "the reward needs the x position (qpos[0]) before and after the step, and the"
                + " observation excludes it (exclude_current_positions_from_observation: true)";
    }
}

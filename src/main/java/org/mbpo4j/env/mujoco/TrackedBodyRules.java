package org.mbpo4j.env.mujoco;

import org.mbpo4j.env.TaskRules;

/**
 * What Ant's and Humanoid's rules share. Their rows are the observation followed by three values
 * it does not show: the x and y of the point whose velocity is rewarded (Ant's main body,
 * Humanoid's centre of mass), as MuJoCo's last sub-step left it, and the step's contact cost.
 * They terminate when unhealthy (if {@code terminate_when_unhealthy}) and pay the healthy reward
 * in Gymnasium's two forms: v4 on every step while {@code terminate_when_unhealthy} (the
 * terminating one included), v5 only while healthy. From observations the three extra values are
 * unknown (NaN), so the reward cannot be computed there; termination can.
 */
abstract class TrackedBodyRules implements TaskRules {
    final int obsDim;
    final int nu;
    final int version;
    final double dt;
    final double healthyReward;
    final boolean terminateWhenUnhealthy;

    TrackedBodyRules(int obsDim, int nu, int version, double dt, double healthyReward, boolean terminateWhenUnhealthy) {
        this.obsDim = obsDim;
        this.nu = nu;
        this.version = version;
        this.dt = dt;
        this.healthyReward = healthyReward;
        this.terminateWhenUnhealthy = terminateWhenUnhealthy;
    }

    /** Gymnasium's {@code is_healthy} of row {@code r} at {@code off}. */
    abstract boolean healthy(double[] r, int off);

    /** Row index of the tracked point's x (y follows, then the contact cost). */
    final int trackedX() {
        return obsDim;
    }

    final int contactCostIndex() {
        return obsDim + 2;
    }

    @Override
    public final int stateDim() {
        return obsDim + 3;
    }

    @Override
    public final int obsDim() {
        return obsDim;
    }

    @Override
    public final int actionDim() {
        return nu;
    }

    @Override
    public final void terminated(double[] next, int n, boolean[] out) {
        int d = stateDim();
        for (int i = 0; i < n; i++) {
            out[i] = terminateWhenUnhealthy && !healthy(next, i * d);
        }
    }

    /** The tracked point's velocity along x ({@code k = 0}) or y ({@code k = 1}). */
    final double velocity(double[] s, int so, double[] n, int no, int k) {
        return (n[no + trackedX() + k] - s[so + trackedX() + k]) / dt;
    }

    /** The healthy reward after a step ending in row {@code n}. */
    final double healthyReward(double[] n, int no) {
        boolean paid = version >= 5 ? healthy(n, no) : healthy(n, no) || terminateWhenUnhealthy;
        return (paid ? 1.0 : 0.0) * healthyReward;
    }

    @Override
    public final void stateFromObs(double[] obs, int n, double[] states) {
        RuleRows.fromObservations(obs, n, obsDim, states, stateDim(), Double.NaN);
    }

    @Override
    public final boolean recoversExactly(int j) {
        return j < obsDim;
    }
}

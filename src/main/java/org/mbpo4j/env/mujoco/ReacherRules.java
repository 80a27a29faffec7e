package org.mbpo4j.env.mujoco;

import org.mbpo4j.env.TaskRules;

/**
 * Reacher's reward (v4 and v5; it never terminates), written once for the env and for model
 * rollouts.
 *
 * <p><b>Row</b>: the observation ({@code cos} and {@code sin} of the two arm angles, the target's
 * position, the arm's two velocities, and {@code fingertip - target} from the bodies' positions
 * as MuJoCo's last sub-step left them: three values in v4, x and y in v5), in v5 followed by that
 * vector's z, which the observation leaves out (0 in reacher.xml, whose arm moves in a plane at
 * the target's height).
 *
 * <p><b>Reward</b>: v4 reads the vector before the step (so from the previous row):
 * {@code -|vec| - sum(a^2)}; v5 after it, weighted:
 * {@code -|vec| * reward_dist_weight - sum(a^2) * reward_control_weight}. The action's squares
 * are summed in float32 as NumPy does. Both are computed from observations (v5 taking the
 * vector's z as 0).
 */
final class ReacherRules implements TaskRules {
    private final int obsDim;
    private final int nu;
    private final int version;
    private final double distWeight;
    private final double controlWeight;
    private final float[] scratch;

    ReacherRules(int obsDim, int nu, int version, double distWeight, double controlWeight) {
        this.obsDim = obsDim;
        this.nu = nu;
        this.version = version;
        this.distWeight = distWeight;
        this.controlWeight = controlWeight;
        this.scratch = new float[nu];
    }

    /** Row index of the vector fingertip - target (x, y, then z). */
    int vec() {
        return version >= 5 ? obsDim - 2 : obsDim - 3;
    }

    @Override
    public int stateDim() {
        return version >= 5 ? obsDim + 1 : obsDim;
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
        java.util.Arrays.fill(out, 0, n, false);
    }

    /** The distance reward: v4 from the row before the step, v5 from the row after it. */
    double distReward(double[] s, int so, double[] n, int no) {
        double[] r = version >= 5 ? n : s;
        int o = (version >= 5 ? no : so) + vec();
        double norm = NumpySums.norm(r[o], r[o + 1], r[o + 2]);
        return version >= 5 ? -norm * distWeight : -norm;
    }

    /** The control reward: {@code -sum(a^2)} in float32 (v5 times the weight, in float32 too). */
    double controlReward(double[] a, int ao) {
        float sum = NumpySums.sumOfSquares32(a, ao, nu, scratch);
        return version >= 5 ? (double) (-sum * (float) controlWeight) : (double) -sum;
    }

    @Override
    public void reward(double[] states, double[] actions, double[] next, boolean[] terminated, int n, double[] out) {
        int d = stateDim();
        for (int i = 0; i < n; i++) {
            out[i] = distReward(states, i * d, next, i * d) + controlReward(actions, i * nu);
        }
    }

    @Override
    public void stateFromObs(double[] obs, int n, double[] states) {
        RuleRows.fromObservations(obs, n, obsDim, states, stateDim(), 0);
    }

    @Override
    public boolean recoversExactly(int j) {
        return j < obsDim;
    }
}

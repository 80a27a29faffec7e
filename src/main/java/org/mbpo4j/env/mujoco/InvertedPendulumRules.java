package org.mbpo4j.env.mujoco;

import org.mbpo4j.env.TaskRules;

/**
 * InvertedPendulum's reward and termination (v4 and v5), written once for the env and for
 * model rollouts. The row is the observation ({@code qpos}, {@code qvel}). Terminal when a value
 * is not finite or the pole's angle {@code |qpos[1]| > 0.2}. Reward: 1 per step (v4), or 1 per
 * step that does not terminate (v5). Both are computed from observations.
 */
final class InvertedPendulumRules implements TaskRules {
    /** The largest pole angle (radians) that does not end the episode. */
    static final double MAX_ANGLE = 0.2;

    private final int obsDim;
    private final int nu;
    private final int version;

    InvertedPendulumRules(int obsDim, int nu, int version) {
        this.obsDim = obsDim;
        this.nu = nu;
        this.version = version;
    }

    @Override
    public int stateDim() {
        return obsDim;
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
        for (int i = 0; i < n; i++) {
            boolean finite = true;
            for (int k = 0; k < obsDim; k++) {
                finite &= Double.isFinite(next[i * obsDim + k]);
            }
            out[i] = !finite || Math.abs(next[i * obsDim + 1]) > MAX_ANGLE;
        }
    }

    @Override
    public void reward(double[] states, double[] actions, double[] next, boolean[] terminated, int n, double[] out) {
        for (int i = 0; i < n; i++) {
            out[i] = version >= 5 && terminated[i] ? 0 : 1;
        }
    }

    @Override
    public void stateFromObs(double[] obs, int n, double[] states) {
        System.arraycopy(obs, 0, states, 0, n * obsDim);
    }
}

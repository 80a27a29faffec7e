package org.mbpo4j.model;

import java.util.List;
import org.mbpo4j.nn.Kernels;

/**
 * Open-loop prediction error by horizon: from every step {@code t} of some held-out real
 * trajectories, the model (the elites' mean, deterministic) is rolled forward on the real
 * actions, and its observation after {@code k} steps is compared with the real
 * {@code obs[t + k]}, for {@code k = 1 .. H}. Compounding model error is what limits MBPO's
 * rollout length; this curve shows where it becomes large.
 *
 * @param mse           per horizon {@code k} (index {@code k - 1}), mean over start steps and
 *                      observation dims of the squared error
 * @param normalisedMse the same with each dim's error divided by the variance of that dim in
 *                      the trajectories (1 = as bad as guessing the average state)
 * @param count         start steps that reached horizon {@code k}
 */
public record HorizonError(double[] mse, double[] normalisedMse, long[] count) {

    public int horizon() {
        return mse.length;
    }

    /**
     * Measures {@code model} on {@code trajectories} up to {@code horizon} steps, predicting
     * {@code chunk} rows per forward pass.
     */
    public static HorizonError measure(TransitionModel model, List<Trajectory> trajectories, int horizon, int chunk,
                                       Kernels k) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
        }
        if (trajectories.isEmpty()) {
            throw new IllegalArgumentException("need at least one trajectory");
        }
        int o = model.obsDim();
        int a = model.actDim();
        int rows = 0;
        double[] mean = new double[o];
        long points = 0;
        for (Trajectory tr : trajectories) {
            if (tr.obsDim() != o || tr.actDim() != a) {
                throw new IllegalArgumentException("trajectory dims obs " + tr.obsDim() + ", action " + tr.actDim()
                        + " differ from the model's " + o + ", " + a);
            }
            rows += tr.steps();
            for (int t = 0; t <= tr.steps(); t++) {
                for (int j = 0; j < o; j++) {
                    mean[j] += tr.obs()[t * o + j];
                }
                points++;
            }
        }
        double[] var = new double[o];
        for (int j = 0; j < o; j++) {
            mean[j] /= points;
        }
        for (Trajectory tr : trajectories) {
            for (int t = 0; t <= tr.steps(); t++) {
                for (int j = 0; j < o; j++) {
                    double d = tr.obs()[t * o + j] - mean[j];
                    var[j] += d * d / points;
                }
            }
        }
        // one row per (trajectory, start step); rows are compacted as their trajectory runs out
        int[] traj = new int[rows];
        int[] start = new int[rows];
        float[] cur = new float[rows * o];
        float[] act = new float[rows * a];
        float[] next = new float[rows * o];
        float[] reward = model.learnedRewards() ? new float[rows] : null;
        int r = 0;
        for (int i = 0; i < trajectories.size(); i++) {
            Trajectory tr = trajectories.get(i);
            for (int t = 0; t < tr.steps(); t++) {
                traj[r] = i;
                start[r] = t;
                System.arraycopy(tr.obs(), t * o, cur, r * o, o);
                r++;
            }
        }
        double[] mse = new double[horizon];
        double[] nmse = new double[horizon];
        long[] count = new long[horizon];
        int alive = rows;
        for (int step = 1; step <= horizon && alive > 0; step++) {
            for (int i = 0; i < alive; i++) {
                Trajectory tr = trajectories.get(traj[i]);
                System.arraycopy(tr.act(), (start[i] + step - 1) * a, act, i * a, a);
            }
            model.sample(cur, act, alive, null, true, null, chunk, k, next, reward);
            double se = 0;
            double nse = 0;
            int keep = 0;
            for (int i = 0; i < alive; i++) {
                Trajectory tr = trajectories.get(traj[i]);
                int t = start[i] + step;
                for (int j = 0; j < o; j++) {
                    double d = (double) next[i * o + j] - tr.obs()[t * o + j];
                    se += d * d;
                    nse += d * d / Math.max(var[j], 1e-12);
                }
                if (t < tr.steps()) {
                    traj[keep] = traj[i];
                    start[keep] = start[i];
                    System.arraycopy(next, i * o, cur, keep * o, o);
                    keep++;
                }
            }
            count[step - 1] = alive;
            mse[step - 1] = se / ((double) alive * o);
            nmse[step - 1] = nse / ((double) alive * o);
            alive = keep;
        }
        for (int s = 0; s < horizon; s++) {
            if (count[s] == 0) {
                mse[s] = Double.NaN;
                nmse[s] = Double.NaN;
            }
        }
        return new HorizonError(mse, nmse, count);
    }
}

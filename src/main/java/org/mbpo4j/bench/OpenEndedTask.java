package org.mbpo4j.bench;

import java.util.Arrays;
import org.mbpo4j.env.TaskRules;

/**
 * The rules of a benchmark task that never ends and whose state is its observation (like
 * HalfCheetah's): what the rollout workload's model env checks its predictions with. Reward 0
 * when the model does not learn it.
 */
record OpenEndedTask(int obsDim, int actionDim) implements TaskRules {
    @Override
    public int stateDim() {
        return obsDim;
    }

    @Override
    public void terminated(double[] nextStates, int n, boolean[] out) {
        Arrays.fill(out, 0, n, false);
    }

    @Override
    public void reward(double[] states, double[] actions, double[] nextStates, boolean[] terminated, int n,
                       double[] out) {
        Arrays.fill(out, 0, n, 0.0);
    }

    @Override
    public void stateFromObs(double[] obs, int n, double[] states) {
        System.arraycopy(obs, 0, states, 0, n * obsDim);
    }
}

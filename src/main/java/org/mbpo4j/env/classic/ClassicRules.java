package org.mbpo4j.env.classic;

import org.mbpo4j.env.TaskRules;

/**
 * Shape facts shared by the classic tasks' rules: one action component, and (unless a task
 * overrides {@link #stateFromObs}) an observation that is the state itself.
 */
abstract class ClassicRules implements TaskRules {
    private final int stateDim;
    private final int obsDim;

    ClassicRules(int stateDim, int obsDim) {
        this.stateDim = stateDim;
        this.obsDim = obsDim;
    }

    @Override
    public final int stateDim() {
        return stateDim;
    }

    @Override
    public final int obsDim() {
        return obsDim;
    }

    @Override
    public final int actionDim() {
        return 1;
    }

    @Override
    public void stateFromObs(double[] obs, int n, double[] states) {
        if (obsDim != stateDim) {
            throw new IllegalStateException(getClass().getName() + " must override stateFromObs");
        }
        System.arraycopy(obs, 0, states, 0, n * stateDim);
    }
}

package org.mbpo4j.env.synthetic;

import java.util.Arrays;
import org.mbpo4j.env.TaskRules;

/**
 * The rules of a never-ending regulation task whose observation is its state: reward
 * {@code -(|x|^2 + actionCost * |clip(u)|^2)} from the state {@code x} before the step and the
 * action clipped to {@code [-actionBound, actionBound]}; no state is terminal.
 */
final class QuadraticCostRules implements TaskRules {
    private final int stateDim;
    private final int actionDim;
    private final double actionCost;
    private final double actionBound;

    QuadraticCostRules(int stateDim, int actionDim, double actionCost, double actionBound) {
        this.stateDim = stateDim;
        this.actionDim = actionDim;
        this.actionCost = actionCost;
        this.actionBound = actionBound;
    }

    @Override
    public int stateDim() {
        return stateDim;
    }

    @Override
    public int obsDim() {
        return stateDim;
    }

    @Override
    public int actionDim() {
        return actionDim;
    }

    @Override
    public void terminated(double[] nextStates, int n, boolean[] out) {
        Arrays.fill(out, 0, n, false);
    }

    @Override
    public void reward(double[] states, double[] actions, double[] nextStates, boolean[] terminated,
                       int n, double[] out) {
        for (int i = 0; i < n; i++) {
            double xx = 0;
            for (int j = 0; j < stateDim; j++) {
                double x = states[i * stateDim + j];
                xx += x * x;
            }
            double uu = 0;
            for (int j = 0; j < actionDim; j++) {
                double u = clip(actions[i * actionDim + j]);
                uu += u * u;
            }
            out[i] = -(xx + actionCost * uu);
        }
    }

    @Override
    public void stateFromObs(double[] obs, int n, double[] states) {
        System.arraycopy(obs, 0, states, 0, n * stateDim);
    }

    /** An action component clipped to the action box, as the env applies it. */
    double clip(double u) {
        return Math.min(Math.max(u, -actionBound), actionBound);
    }
}

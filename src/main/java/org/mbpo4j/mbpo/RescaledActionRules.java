package org.mbpo4j.mbpo;

import org.mbpo4j.env.Box;
import org.mbpo4j.env.TaskRules;

/**
 * A task's rules seen through {@code RescaleAction}: MBPO's policy acts in [-1, 1], and its
 * buffers hold those actions, so rewards computed by the rules get the actions mapped back to
 * the env's bounds first. Termination does not depend on the action and passes through.
 */
final class RescaledActionRules implements TaskRules {
    private final TaskRules rules;
    private final float[] low;
    private final float[] high;
    private double[] envActions = new double[0];

    RescaledActionRules(TaskRules rules, Box actionSpace) {
        this.rules = rules;
        this.low = actionSpace.low();
        this.high = actionSpace.high();
    }

    @Override
    public int stateDim() {
        return rules.stateDim();
    }

    @Override
    public int obsDim() {
        return rules.obsDim();
    }

    @Override
    public int actionDim() {
        return rules.actionDim();
    }

    @Override
    public void terminated(double[] nextStates, int n, boolean[] out) {
        rules.terminated(nextStates, n, out);
    }

    @Override
    public void reward(double[] states, double[] actions, double[] nextStates, boolean[] terminated, int n,
                       double[] out) {
        int a = low.length;
        if (envActions.length < n * a) {
            envActions = new double[n * a];
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < a; j++) {
                double u = Math.min(Math.max(actions[i * a + j], -1.0), 1.0);
                envActions[i * a + j] = low[j] + (u + 1.0) * 0.5 * ((double) high[j] - low[j]);
            }
        }
        rules.reward(states, envActions, nextStates, terminated, n, out);
    }

    @Override
    public void stateFromObs(double[] obs, int n, double[] states) {
        rules.stateFromObs(obs, n, states);
    }

    @Override
    public boolean recoversExactly(int j) {
        return rules.recoversExactly(j);
    }

    @Override
    public String rewardNotFromObs() {
        return rules.rewardNotFromObs();
    }
}

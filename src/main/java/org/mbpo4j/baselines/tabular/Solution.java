package org.mbpo4j.baselines.tabular;

/**
 * An exact solution of a {@link TabularMdp}: the optimal values {@code v[s]}, action values
 * {@code q[s][a]} and a deterministic optimal policy {@code policy[s]} (the action id; 0 at
 * terminal states). With a horizon these are the ones of time step 0, and
 * {@code policyByTime[t][s]} holds the optimal action at every step {@code t < H} (null without
 * a horizon). Ties between optimal actions are broken as described in {@link Bellman#greedy}.
 *
 * @param v optimal state values
 * @param q optimal action values
 * @param policy an optimal deterministic policy (time step 0 with a horizon)
 * @param policyByTime optimal actions per time step with a horizon, else null
 * @param iterations sweeps (value iteration), improvement rounds (policy iteration) or steps
 *     (backward induction) used
 */
public record Solution(double[] v, double[][] q, int[] policy, int[][] policyByTime, int iterations) {
    /** The start value {@code sum_s start[s] v[s]}. */
    public double startValue(TabularMdp mdp) {
        return mdp.startValue(v);
    }
}

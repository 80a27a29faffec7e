package org.mbpo4j.baselines.tabular;

/**
 * Policy iteration (Howard): evaluate the current deterministic policy exactly
 * ({@link PolicyEvaluation}), then switch each state to an action whose value is higher than
 * its current action's by more than {@link Bellman#tieTolerance}; stop when no state switches.
 *
 * <p>The first policy takes action 0 everywhere, except with {@code gamma = 1}, where it takes
 * in each state the lowest action that can lead towards a terminal state (so that the first
 * evaluation is finite). With a horizon, the optimal policy is time-dependent and policy
 * iteration over time-dependent policies amounts to one backward pass: it is delegated to
 * {@link BackwardInduction}. The reported policy is the canonical greedy policy of the final
 * values ({@link Bellman#greedy}), the same rule value iteration uses.
 */
public final class PolicyIteration {
    /** Improvement rounds allowed before giving up. */
    public static final int MAX_ROUNDS = 100_000;

    private PolicyIteration() {
    }

    /** Solves the MDP. */
    public static Solution solve(TabularMdp mdp) {
        if (mdp.hasHorizon()) {
            return BackwardInduction.solve(mdp);
        }
        int[] policy = new int[mdp.states()];
        if (mdp.gamma() == 1.0) {
            int[] towards = Bellman.towardsTerminal(mdp);
            for (int s = 0; s < policy.length; s++) {
                policy[s] = Math.max(0, towards[s]);
            }
        }
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            double[] v = PolicyEvaluation.evaluate(mdp, policy);
            double[][] q = Bellman.q(mdp, v);
            double tol = Bellman.tieTolerance(q);
            boolean changed = false;
            for (int s = 0; s < policy.length; s++) {
                if (mdp.isTerminal(s)) {
                    continue;
                }
                int best = policy[s];
                for (int a = 0; a < mdp.actions(); a++) {
                    if (q[s][a] > q[s][best] + tol) {
                        best = a;
                    }
                }
                if (best != policy[s]) {
                    policy[s] = best;
                    changed = true;
                }
            }
            if (!changed) {
                return new Solution(v, q, Bellman.greedy(mdp, q), null, round);
            }
        }
        throw new IllegalArgumentException("policy iteration did not converge in " + MAX_ROUNDS + " rounds ("
                + mdp.name() + ")");
    }
}

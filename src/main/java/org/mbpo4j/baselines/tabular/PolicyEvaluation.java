package org.mbpo4j.baselines.tabular;

import java.util.Arrays;

/**
 * The exact value of any stationary (stochastic) policy {@code pi[s][a]} under a
 * {@link TabularMdp}'s true model.
 *
 * <ul>
 *   <li>No horizon: {@code v} solves the linear system {@code v = r_pi + gamma P_pi v} over the
 *       non-terminal states (terminal states are worth 0), by Gaussian elimination.</li>
 *   <li>With {@code gamma = 1} (and no horizon), states from which the policy can never reach a
 *       terminal state form closed sets; they are worth 0 if every reward the policy can
 *       collect there is 0, and otherwise their undiscounted value is infinite or undefined,
 *       which is reported as an {@link IllegalArgumentException} naming such a state.</li>
 *   <li>With a horizon {@code H}: the {@code H}-step value {@code v_0} of the stationary policy,
 *       by backward induction.</li>
 * </ul>
 */
public final class PolicyEvaluation {
    private PolicyEvaluation() {
    }

    /** The value of a stochastic policy ({@code pi[s]} a distribution over actions per state). */
    public static double[] evaluate(TabularMdp mdp, double[][] pi) {
        checkPolicy(mdp, pi);
        if (mdp.hasHorizon()) {
            return finiteHorizon(mdp, pi);
        }
        int n = mdp.states();
        boolean[] fixedZero = new boolean[n];
        for (int s = 0; s < n; s++) {
            fixedZero[s] = mdp.isTerminal(s);
        }
        if (mdp.gamma() == 1.0) {
            markNonTerminating(mdp, pi, fixedZero);
        }
        int[] index = new int[n];
        int m = 0;
        for (int s = 0; s < n; s++) {
            index[s] = fixedZero[s] ? -1 : m++;
        }
        double[][] a = new double[m][m];
        double[] b = new double[m];
        for (int s = 0; s < n; s++) {
            if (index[s] < 0) {
                continue;
            }
            int i = index[s];
            a[i][i] += 1;
            for (int act = 0; act < mdp.actions(); act++) {
                double w = pi[s][act];
                if (w == 0) {
                    continue;
                }
                b[i] += w * mdp.expectedReward(s, act);
                int[] next = mdp.successors(s, act);
                double[] prob = mdp.successorProbs(s, act);
                for (int k = 0; k < next.length; k++) {
                    if (index[next[k]] >= 0) {
                        a[i][index[next[k]]] -= mdp.gamma() * w * prob[k];
                    }
                }
            }
        }
        double[] x = LinearSolver.solve(a, b);
        double[] v = new double[n];
        for (int s = 0; s < n; s++) {
            v[s] = index[s] < 0 ? 0 : x[index[s]];
        }
        return v;
    }

    /** The value of a deterministic policy ({@code policy[s]} an action id). */
    public static double[] evaluate(TabularMdp mdp, int[] policy) {
        return evaluate(mdp, asStochastic(mdp, policy));
    }

    /** A deterministic policy as a table of probabilities. */
    public static double[][] asStochastic(TabularMdp mdp, int[] policy) {
        if (policy.length != mdp.states()) {
            throw new IllegalArgumentException("policy has " + policy.length + " entries, expected " + mdp.states());
        }
        double[][] pi = new double[mdp.states()][mdp.actions()];
        for (int s = 0; s < policy.length; s++) {
            if (policy[s] < 0 || policy[s] >= mdp.actions()) {
                throw new IllegalArgumentException("policy[" + s + "] is " + policy[s] + ", must be an action in [0, "
                        + mdp.actions() + ")");
            }
            pi[s][policy[s]] = 1;
        }
        return pi;
    }

    private static double[] finiteHorizon(TabularMdp mdp, double[][] pi) {
        int n = mdp.states();
        double[] next = new double[n];
        double[] v = new double[n];
        for (int t = mdp.horizon() - 1; t >= 0; t--) {
            for (int s = 0; s < n; s++) {
                double x = 0;
                if (!mdp.isTerminal(s)) {
                    for (int a = 0; a < mdp.actions(); a++) {
                        if (pi[s][a] != 0) {
                            x += pi[s][a] * (mdp.expectedReward(s, a) + mdp.gamma() * mdp.expectedNext(s, a, next));
                        }
                    }
                }
                v[s] = x;
            }
            double[] tmp = next;
            next = v;
            v = tmp;
        }
        return next;
    }

    /**
     * Marks (as worth 0) the states from which {@code pi} never reaches a terminal state, after
     * checking that they collect no reward.
     */
    private static void markNonTerminating(TabularMdp mdp, double[][] pi, boolean[] fixedZero) {
        int n = mdp.states();
        boolean[] reaches = new boolean[n];
        for (int s = 0; s < n; s++) {
            reaches[s] = mdp.isTerminal(s);
        }
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int s = 0; s < n; s++) {
                if (reaches[s]) {
                    continue;
                }
                search:
                for (int a = 0; a < mdp.actions(); a++) {
                    if (pi[s][a] == 0) {
                        continue;
                    }
                    for (int s2 : mdp.successors(s, a)) {
                        if (reaches[s2]) {
                            reaches[s] = true;
                            progress = true;
                            break search;
                        }
                    }
                }
            }
        }
        for (int s = 0; s < n; s++) {
            if (reaches[s]) {
                continue;
            }
            for (int a = 0; a < mdp.actions(); a++) {
                if (pi[s][a] == 0) {
                    continue;
                }
                int[] next = mdp.successors(s, a);
                double[] r = mdp.successorRewards(s, a);
                for (int k = 0; k < next.length; k++) {
                    if (r[k] != 0) {
                        throw new IllegalArgumentException("with gamma 1 the value is undefined: from state " + s
                                + " the policy never reaches a terminal state, yet it collects reward " + r[k]
                                + " (action " + a + " to state " + next[k] + ")");
                    }
                }
            }
            fixedZero[s] = true;
        }
    }

    private static void checkPolicy(TabularMdp mdp, double[][] pi) {
        if (pi.length != mdp.states()) {
            throw new IllegalArgumentException("policy has " + pi.length + " rows, expected " + mdp.states());
        }
        for (int s = 0; s < pi.length; s++) {
            if (pi[s].length != mdp.actions()) {
                throw new IllegalArgumentException("policy[" + s + "] has " + pi[s].length + " entries, expected "
                        + mdp.actions());
            }
            double sum = 0;
            for (double x : pi[s]) {
                if (!(x >= 0) || Double.isInfinite(x)) {
                    throw new IllegalArgumentException("policy[" + s + "] = " + Arrays.toString(pi[s])
                            + " has an entry that is negative or not finite");
                }
                sum += x;
            }
            if (Math.abs(sum - 1) > 1e-9) {
                throw new IllegalArgumentException("policy[" + s + "] sums to " + sum + ", must sum to 1");
            }
        }
    }
}

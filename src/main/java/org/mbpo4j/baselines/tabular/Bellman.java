package org.mbpo4j.baselines.tabular;

/**
 * Bellman backups and greedy policies over a {@link TabularMdp}'s exact model.
 */
public final class Bellman {
    private Bellman() {
    }

    /**
     * {@code Q[s][a] = sum_s' P[s][a][s'] (R(s, a, s') + gamma v[s'])}, with terminal states
     * worth 0 and {@code Q = 0} at terminal states.
     */
    public static double[][] q(TabularMdp mdp, double[] v) {
        double[][] q = new double[mdp.states()][mdp.actions()];
        for (int s = 0; s < mdp.states(); s++) {
            if (mdp.isTerminal(s)) {
                continue;
            }
            for (int a = 0; a < mdp.actions(); a++) {
                q[s][a] = mdp.expectedReward(s, a) + mdp.gamma() * mdp.expectedNext(s, a, v);
            }
        }
        return q;
    }

    /** {@code max_a q[s][a]} per state. */
    public static double[] max(double[][] q) {
        double[] v = new double[q.length];
        for (int s = 0; s < q.length; s++) {
            double m = q[s][0];
            for (int a = 1; a < q[s].length; a++) {
                m = Math.max(m, q[s][a]);
            }
            v[s] = m;
        }
        return v;
    }

    /** How close two action values must be to count as a tie: {@code 1e-10 * max(1, max |q|)}. */
    public static double tieTolerance(double[][] q) {
        double m = 1;
        for (double[] row : q) {
            for (double x : row) {
                m = Math.max(m, Math.abs(x));
            }
        }
        return 1e-10 * m;
    }

    /**
     * The greedy deterministic policy of {@code q}. Actions within {@link #tieTolerance} of the
     * best are tied; the lowest tied action id wins, except that with {@code gamma = 1} and no
     * horizon a tied action from which a terminal state can be reached (through states already
     * given such an action) is preferred, so that the policy does not idle forever in a
     * zero-reward loop that merely ties with the way out. Terminal states get action 0.
     */
    public static int[] greedy(TabularMdp mdp, double[][] q) {
        int n = mdp.states();
        double tol = tieTolerance(q);
        int[] pi = new int[n];
        boolean[][] tied = new boolean[n][mdp.actions()];
        for (int s = 0; s < n; s++) {
            double best = max(new double[][] {q[s]})[0];
            pi[s] = -1;
            for (int a = 0; a < mdp.actions(); a++) {
                tied[s][a] = q[s][a] >= best - tol;
                if (tied[s][a] && pi[s] < 0) {
                    pi[s] = a;
                }
            }
            if (mdp.isTerminal(s)) {
                pi[s] = 0;
            }
        }
        if (mdp.gamma() == 1.0 && !mdp.hasHorizon()) {
            int[] proper = towardsTerminal(mdp, tied);
            for (int s = 0; s < n; s++) {
                if (proper[s] >= 0) {
                    pi[s] = proper[s];
                }
            }
        }
        return pi;
    }

    /**
     * For each non-terminal state, the lowest allowed action that reaches, with positive
     * probability, a terminal state or a state already assigned such an action (a backward
     * breadth-first search from the terminal states); -1 where there is none.
     */
    static int[] towardsTerminal(TabularMdp mdp, boolean[][] allowed) {
        int n = mdp.states();
        int[] choice = new int[n];
        boolean[] done = new boolean[n];
        java.util.Arrays.fill(choice, -1);
        boolean progress = false;
        for (int s = 0; s < n; s++) {
            if (mdp.isTerminal(s)) {
                done[s] = true;
                progress = true;
            }
        }
        while (progress) {
            progress = false;
            for (int s = 0; s < n; s++) {
                if (done[s]) {
                    continue;
                }
                for (int a = 0; a < mdp.actions() && !done[s]; a++) {
                    if (!allowed[s][a]) {
                        continue;
                    }
                    for (int s2 : mdp.successors(s, a)) {
                        if (done[s2]) {
                            choice[s] = a;
                            done[s] = true;
                            progress = true;
                            break;
                        }
                    }
                }
            }
        }
        return choice;
    }

    /** {@link #towardsTerminal} over all actions. */
    static int[] towardsTerminal(TabularMdp mdp) {
        boolean[][] all = new boolean[mdp.states()][mdp.actions()];
        for (boolean[] row : all) {
            java.util.Arrays.fill(row, true);
        }
        return towardsTerminal(mdp, all);
    }
}

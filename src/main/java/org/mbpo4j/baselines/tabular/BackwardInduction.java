package org.mbpo4j.baselines.tabular;

/**
 * The exact optimum of an MDP with a horizon {@code H}: {@code V_H = 0} and
 * {@code Q_t = R + gamma P V_{t+1}}, {@code V_t = max_a Q_t}, for {@code t = H-1 .. 0}. The
 * optimal policy is time-dependent; the {@link Solution} reports {@code V_0}, {@code Q_0},
 * {@code pi_0} and every {@code pi_t}.
 */
public final class BackwardInduction {
    private BackwardInduction() {
    }

    /** Solves an MDP that has a horizon. */
    public static Solution solve(TabularMdp mdp) {
        if (!mdp.hasHorizon()) {
            throw new IllegalArgumentException(mdp.name() + " has no horizon");
        }
        int h = mdp.horizon();
        int[][] byTime = new int[h][];
        double[] v = new double[mdp.states()];
        double[][] q = null;
        for (int t = h - 1; t >= 0; t--) {
            q = Bellman.q(mdp, v);
            v = Bellman.max(q);
            byTime[t] = Bellman.greedy(mdp, q);
        }
        for (int s = 0; s < mdp.states(); s++) {
            if (mdp.isTerminal(s)) {
                v[s] = 0;
            }
        }
        return new Solution(v, q, byTime[0].clone(), byTime, h);
    }
}

package org.mbpo4j.baselines.tabular;

/**
 * Value iteration: Bellman optimality sweeps {@code V <- max_a (R + gamma P V)} from
 * {@code V = 0} (backward induction when the MDP has a horizon).
 *
 * <p>Sweeps stop when the largest change {@code d} guarantees {@code |V - V*| <= 1e-12 max(1,
 * |V|)} (for {@code gamma < 1}: {@code d gamma / (1 - gamma)} below that; for
 * {@code gamma = 1}: {@code d} below it), or when {@code d} is down to a few units of rounding.
 * The result is then polished: the greedy policy is evaluated exactly
 * ({@link PolicyEvaluation}), and that value is reported when it agrees with the sweeps
 * within their error bound, which makes {@code V*} exact to rounding whenever the greedy
 * policy is optimal (it always is once the sweeps are this close, except for near-ties
 * within the bound, which change the value by less than the bound).
 */
public final class ValueIteration {
    /** Sweeps allowed before giving up. */
    public static final int MAX_SWEEPS = 1_000_000;
    private static final double RELATIVE_TOLERANCE = 1e-12;

    private ValueIteration() {
    }

    /**
     * Solves the MDP.
     *
     * @throws IllegalArgumentException if the sweeps do not converge within {@link #MAX_SWEEPS}
     *     (only possible with {@code gamma} at or very near 1, when values grow without bound)
     */
    public static Solution solve(TabularMdp mdp) {
        if (mdp.hasHorizon()) {
            return BackwardInduction.solve(mdp);
        }
        double gamma = mdp.gamma();
        double[] v = new double[mdp.states()];
        double[][] q = null;
        int sweeps = 0;
        double bound = Double.POSITIVE_INFINITY;
        while (true) {
            if (sweeps >= MAX_SWEEPS) {
                throw new IllegalArgumentException("value iteration did not converge in " + MAX_SWEEPS + " sweeps ("
                        + mdp.name() + ", gamma " + gamma + "): the values may be unbounded");
            }
            q = Bellman.q(mdp, v);
            double[] next = Bellman.max(q);
            sweeps++;
            double change = 0;
            double scale = 1;
            for (int s = 0; s < next.length; s++) {
                change = Math.max(change, Math.abs(next[s] - v[s]));
                scale = Math.max(scale, Math.abs(next[s]));
            }
            v = next;
            if (!Double.isFinite(scale)) {
                throw new IllegalArgumentException("value iteration diverged (" + mdp.name() + ", gamma " + gamma
                        + "): the values are unbounded");
            }
            bound = gamma < 1 ? change * gamma / (1 - gamma) : change;
            if (bound <= RELATIVE_TOLERANCE * scale || change <= 8 * Math.ulp(scale)) {
                break;
            }
        }
        int[] policy = Bellman.greedy(mdp, q);
        double[] exact = polished(mdp, policy, v, bound);
        if (exact != null) {
            v = exact;
            q = Bellman.q(mdp, v);
            policy = Bellman.greedy(mdp, q);
        }
        for (int s = 0; s < v.length; s++) {
            if (mdp.isTerminal(s)) {
                v[s] = 0;
            }
        }
        return new Solution(v, q, policy, null, sweeps);
    }

    /** The exact value of {@code policy} if it agrees with {@code v} within the sweeps' bound, else null. */
    private static double[] polished(TabularMdp mdp, int[] policy, double[] v, double bound) {
        double[] exact;
        try {
            exact = PolicyEvaluation.evaluate(mdp, policy);
        } catch (IllegalArgumentException e) {
            return null;
        }
        double scale = 1;
        double diff = 0;
        for (int s = 0; s < v.length; s++) {
            scale = Math.max(scale, Math.abs(v[s]));
            diff = Math.max(diff, Math.abs(exact[s] - v[s]));
        }
        return diff <= Math.max(4 * bound, 1e-9 * scale) ? exact : null;
    }
}

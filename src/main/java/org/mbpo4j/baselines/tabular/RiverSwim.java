package org.mbpo4j.baselines.tabular;

/**
 * RiverSwim (Strehl &amp; Littman 2008), in the form of Osband, Russo &amp; Van Roy 2013
 * ("(More) efficient reinforcement learning via posterior sampling"): states {@code 0..n-1}
 * along a river, start at 0. Action 0 "left" (with the current) always succeeds (state 0 stays
 * at 0). Action 1 "right" (against the current): in the middle states it moves right with
 * probability 0.35, stays with 0.6 and drifts left with 0.05; at state 0 it moves right with
 * 0.6 and stays with 0.4; at the last state it stays with 0.6 and drifts left with 0.4.
 * Rewards (per state and action): 5/1000 for "left" at state 0, 1 for "right" at the last
 * state, 0 otherwise. No terminal states. The optimum swims right; the small sure reward at
 * the bank is the trap.
 */
public final class RiverSwim {
    /** Action 0, with the current. */
    public static final int LEFT = 0;
    /** Action 1, against the current. */
    public static final int RIGHT = 1;

    private RiverSwim() {
    }

    /** RiverSwim with {@code n >= 3} states. */
    public static TabularMdp of(String name, int n, double gamma) {
        if (n < 3) {
            throw new InvalidMdpException("RiverSwim needs at least 3 states, got " + n);
        }
        double[][][] p = new double[n][2][n];
        double[][] r = new double[n][2];
        for (int s = 0; s < n; s++) {
            p[s][LEFT][Math.max(0, s - 1)] = 1;
        }
        for (int s = 1; s < n - 1; s++) {
            p[s][RIGHT][s + 1] = 0.35;
            p[s][RIGHT][s] = 0.6;
            p[s][RIGHT][s - 1] = 0.05;
        }
        p[0][RIGHT][0] = 0.4;
        p[0][RIGHT][1] = 0.6;
        p[n - 1][RIGHT][n - 1] = 0.6;
        p[n - 1][RIGHT][n - 2] = 0.4;
        r[0][LEFT] = 5.0 / 1000;
        r[n - 1][RIGHT] = 1;
        return TabularMdp.builder().name(name).states(n).actions(2).gamma(gamma).transitions(p).rewards(r)
                .startAt(0).build();
    }
}

package org.mbpo4j.baselines.tabular;

/**
 * NChain (Strens 2000; Gym's {@code NChain-v0}): states {@code 0..n-1} in a chain, start at 0.
 * Action 0 "forward" moves to {@code s+1} with reward 0, and at the last state stays there
 * with reward {@code large}; action 1 "backward" returns to state 0 with reward {@code small}.
 * With probability {@code slip} the other action is executed instead (the reward is that of
 * the executed action). No terminal states. The optimum is "always forward"; "always
 * backward" is the tempting local optimum.
 */
public final class NChain {
    /** Action 0. */
    public static final int FORWARD = 0;
    /** Action 1. */
    public static final int BACKWARD = 1;

    private NChain() {
    }

    /** NChain with {@code n >= 2} states, slip probability in [0, 1], and the two rewards. */
    public static TabularMdp of(String name, int n, double slip, double small, double large, double gamma) {
        if (n < 2) {
            throw new InvalidMdpException("NChain needs at least 2 states, got " + n);
        }
        if (!(slip >= 0 && slip <= 1)) {
            throw new InvalidMdpException("NChain slip is " + slip + ", must be in [0, 1]");
        }
        double[][][] p = new double[n][2][n];
        double[][][] r = new double[n][2][n];
        for (int s = 0; s < n; s++) {
            for (int a = 0; a < 2; a++) {
                addExecuted(p, r, s, a, a, 1 - slip, n, small, large);
                addExecuted(p, r, s, a, 1 - a, slip, n, small, large);
            }
        }
        return TabularMdp.builder().name(name).states(n).actions(2).gamma(gamma).transitions(p)
                .transitionRewards(r).startAt(0).build();
    }

    private static void addExecuted(double[][][] p, double[][][] r, int s, int chosen, int executed, double prob,
                                    int n, double small, double large) {
        if (prob == 0) {
            return;
        }
        int s2;
        double reward;
        if (executed == BACKWARD) {
            s2 = 0;
            reward = small;
        } else if (s < n - 1) {
            s2 = s + 1;
            reward = 0;
        } else {
            s2 = s;
            reward = large;
        }
        p[s][chosen][s2] += prob;
        r[s][chosen][s2] = reward;
    }
}

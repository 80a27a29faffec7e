package org.mbpo4j.baselines.tabular;

import java.util.HashSet;
import java.util.Set;

/**
 * The validity rules of a {@link TabularMdp} (listed there), checked in a fixed order so that
 * the first broken rule is reported, by field and index, with its value and what is allowed.
 */
final class MdpRules {
    private MdpRules() {
    }

    static void check(TabularMdp.Builder b) {
        int s = b.states();
        int a = b.actions();
        if (s < 1) {
            throw new InvalidMdpException("states is " + s + ", must be an integer >= 1");
        }
        if (a < 1) {
            throw new InvalidMdpException("actions is " + a + ", must be an integer >= 1");
        }
        checkGammaRange(b.gamma());
        if (b.horizon() < 0 || b.horizon() > TabularMdp.MAX_HORIZON) {
            throw new InvalidMdpException("horizon is " + b.horizon() + ", must be an integer in [1, "
                    + TabularMdp.MAX_HORIZON + "]");
        }
        boolean[] terminal = checkTerminal(b.terminal(), s);
        if (b.gamma() == 1.0 && b.horizon() == 0 && b.terminal().length == 0) {
            throw new InvalidMdpException("gamma is 1 but the MDP has no terminal states and no horizon, so returns"
                    + " may be infinite; give \"terminal\" states or a \"horizon\", or use gamma < 1");
        }
        checkTransitions(b.p(), s, a, terminal);
        if (b.rewardSa() == null && b.rewardSas() == null) {
            throw new InvalidMdpException("missing R: give R[S][A] or R[S][A][S]");
        }
        if (b.rewardSa() != null) {
            checkRows("R", b.rewardSa(), s, "states", a, "actions");
            for (int i = 0; i < s; i++) {
                for (int j = 0; j < a; j++) {
                    checkFinite("R[" + i + "][" + j + "]", b.rewardSa()[i][j]);
                }
            }
        } else {
            double[][][] r = b.rewardSas();
            checkLength("R", r, s, "states");
            for (int i = 0; i < s; i++) {
                checkRows("R[" + i + "]", r[i], a, "actions", s, "states");
                for (int j = 0; j < a; j++) {
                    for (int k = 0; k < s; k++) {
                        checkFinite("R[" + i + "][" + j + "][" + k + "]", r[i][j][k]);
                    }
                }
            }
        }
        if (b.start() == null) {
            throw new InvalidMdpException("missing start distribution");
        }
        if (b.start().length != s) {
            throw new InvalidMdpException("start has " + b.start().length + " entries, expected states = " + s);
        }
        checkDistribution("start", b.start(), false);
    }

    /** Checks that a discount lies in (0, 1]. */
    static void checkGammaRange(double gamma) {
        if (Double.isNaN(gamma)) {
            throw new InvalidMdpException("gamma is NaN (or missing), must be in (0, 1]");
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new InvalidMdpException("gamma is " + gamma + ", must be in (0, 1]");
        }
    }

    private static boolean[] checkTerminal(int[] ids, int s) {
        boolean[] t = new boolean[s];
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= s) {
                throw new InvalidMdpException("terminal[" + i + "] is " + ids[i] + ", must be a state id in [0, "
                        + s + ")");
            }
            if (!seen.add(ids[i])) {
                throw new InvalidMdpException("terminal[" + i + "] is " + ids[i] + ", which is listed twice");
            }
            t[ids[i]] = true;
        }
        return t;
    }

    private static void checkTransitions(double[][][] p, int s, int a, boolean[] terminal) {
        if (p == null) {
            throw new InvalidMdpException("missing P");
        }
        checkLength("P", p, s, "states");
        for (int i = 0; i < s; i++) {
            checkRows("P[" + i + "]", p[i], a, "actions", s, "states");
            for (int j = 0; j < a; j++) {
                checkDistribution("P[" + i + "][" + j + "]", p[i][j], terminal[i]);
            }
        }
    }

    /**
     * Finite, non-negative entries summing to 1 within the tolerance; with {@code zeroAllowed}
     * (a terminal state's row), an all-zero row is accepted too.
     */
    private static void checkDistribution(String field, double[] row, boolean zeroAllowed) {
        double sum = 0;
        boolean allZero = true;
        for (int k = 0; k < row.length; k++) {
            checkFinite(field + "[" + k + "]", row[k]);
            if (row[k] < 0) {
                throw new InvalidMdpException(field + "[" + k + "] is " + row[k] + ", probabilities must be >= 0");
            }
            sum += row[k];
            allZero &= row[k] == 0;
        }
        if (zeroAllowed && allZero) {
            return;
        }
        if (Math.abs(sum - 1) > TabularMdp.PROBABILITY_TOLERANCE) {
            throw new InvalidMdpException(field + " sums to " + sum + ", must sum to 1 within 1e-9"
                    + (zeroAllowed ? " (or be all zeros: the state is terminal)"
                    : ""));
        }
    }

    private static void checkFinite(String field, double x) {
        if (Double.isNaN(x)) {
            throw new InvalidMdpException(field + " is NaN, must be a finite number");
        }
        if (Double.isInfinite(x)) {
            throw new InvalidMdpException(field + " is " + x + ", must be a finite number");
        }
    }

    private static void checkLength(String field, Object[] x, int n, String what) {
        if (x == null) {
            throw new InvalidMdpException("missing " + field);
        }
        if (x.length != n) {
            throw new InvalidMdpException(field + " has " + x.length + " entries, expected " + what + " = " + n);
        }
    }

    private static void checkRows(String field, double[][] x, int n, String what, int m, String inner) {
        checkLength(field, x, n, what);
        for (int i = 0; i < n; i++) {
            if (x[i] == null || x[i].length != m) {
                throw new InvalidMdpException(field + "[" + i + "] has " + (x[i] == null ? 0 : x[i].length)
                        + " entries, expected " + inner + " = " + m);
            }
        }
    }
}

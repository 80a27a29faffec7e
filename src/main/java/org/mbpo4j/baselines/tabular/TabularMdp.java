package org.mbpo4j.baselines.tabular;

import java.util.Arrays;
import java.util.Objects;

/**
 * A finite Markov decision process with known dynamics: states {@code 0..S-1}, actions
 * {@code 0..A-1}, transition probabilities {@code P[s][a][s']}, rewards, a start distribution,
 * a discount and optionally terminal states and a horizon. Instances are immutable and always
 * valid: {@link Builder#build()} checks every rule below and throws an
 * {@link InvalidMdpException} naming the offending field, index and value.
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li><b>Rewards</b> are given either per state and action ({@code R[S][A]}: the reward for
 *       taking {@code a} in {@code s}, whatever the next state) or per transition
 *       ({@code R[S][A][S]}: the reward received on the transition {@code s -a-> s'}).</li>
 *   <li><b>Terminal states</b> are absorbing and pay nothing: entering one ends an episode and
 *       its value is 0. Their rows of {@code P} and {@code R} are ignored (a terminal state's
 *       rows of {@code P} may be all zeros).</li>
 *   <li><b>Value</b>: with no horizon, the expected discounted return
 *       {@code E[sum_t gamma^t r_t]} over an unbounded episode (or until a terminal state).
 *       With a horizon {@code H} it is the finite-horizon value {@code E[sum_{t<H} gamma^t r_t]}
 *       of an episode cut after {@code H} steps; then the optimal policy depends on the time
 *       step, and the solvers report {@code V*} and {@code pi*} at {@code t = 0}.</li>
 *   <li><b>Discount</b> {@code gamma} lies in {@code (0, 1]}; {@code gamma = 1} is allowed only
 *       with terminal states or a horizon.</li>
 * </ul>
 *
 * <h2>Rules</h2>
 * {@code states >= 1} and {@code actions >= 1}; {@code P}, {@code R} and {@code start} have the
 * declared shapes; every number is finite (no NaN, no infinity); every row {@code P[s][a]} of a
 * non-terminal state and {@code start} have non-negative entries summing to 1 within
 * {@value #PROBABILITY_TOLERANCE}; terminal ids lie in {@code [0, S)} and are listed once;
 * a horizon lies in {@code [1, }{@value #MAX_HORIZON}{@code ]}.
 */
public final class TabularMdp {
    /** How far a probability row may sum from 1. */
    public static final double PROBABILITY_TOLERANCE = 1e-9;
    /** The longest horizon accepted. */
    public static final int MAX_HORIZON = 1_000_000;

    private final String name;
    private final int states;
    private final int actions;
    private final double gamma;
    private final double[][][] p;
    private final double[][] rewardSa;
    private final double[][][] rewardSas;
    private final double[] start;
    private final boolean[] terminal;
    private final int[] terminalIds;
    private final int horizon;
    // Derived, for the solvers and samplers: successors with positive probability of each
    // (s, a), their probabilities and rewards, and the expected reward (0 at terminal states).
    private final int[][][] next;
    private final double[][][] nextProb;
    private final double[][][] nextReward;
    private final double[][] expectedReward;

    private TabularMdp(Builder b) {
        this.name = b.name == null || b.name.isBlank() ? "mdp" : b.name;
        this.states = b.states;
        this.actions = b.actions;
        this.gamma = b.gamma;
        this.p = deepCopy(b.p);
        this.rewardSa = b.rewardSa == null ? null : deepCopy(b.rewardSa);
        this.rewardSas = b.rewardSas == null ? null : deepCopy(b.rewardSas);
        this.start = b.start.clone();
        this.terminalIds = b.terminal.clone();
        this.terminal = new boolean[states];
        for (int t : terminalIds) {
            terminal[t] = true;
        }
        this.horizon = b.horizon;
        this.next = new int[states][actions][];
        this.nextProb = new double[states][actions][];
        this.nextReward = new double[states][actions][];
        this.expectedReward = new double[states][actions];
        for (int s = 0; s < states; s++) {
            for (int a = 0; a < actions; a++) {
                int n = 0;
                if (!terminal[s]) {
                    for (int s2 = 0; s2 < states; s2++) {
                        n += p[s][a][s2] > 0 ? 1 : 0;
                    }
                }
                next[s][a] = new int[n];
                nextProb[s][a] = new double[n];
                nextReward[s][a] = new double[n];
                if (terminal[s]) {
                    continue;
                }
                int k = 0;
                double er = 0;
                for (int s2 = 0; s2 < states; s2++) {
                    if (p[s][a][s2] > 0) {
                        next[s][a][k] = s2;
                        nextProb[s][a][k] = p[s][a][s2];
                        nextReward[s][a][k] = reward(s, a, s2);
                        er += p[s][a][s2] * nextReward[s][a][k];
                        k++;
                    }
                }
                expectedReward[s][a] = er;
            }
        }
    }

    /** A builder; {@link Builder#build()} validates. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this MDP's fields, to change some and build again. */
    public Builder toBuilder() {
        Builder b = new Builder().name(name).states(states).actions(actions).gamma(gamma).transitions(p)
                .start(start).terminal(terminalIds).horizon(horizon);
        return rewardSa != null ? b.rewards(rewardSa) : b.transitionRewards(rewardSas);
    }

    /** This MDP with another discount (validated again, e.g. 1 needs terminal states or a horizon). */
    public TabularMdp withGamma(double newGamma) {
        return toBuilder().gamma(newGamma).build();
    }

    /** A short name (a built-in's name, a file's {@code name} field or file name). */
    public String name() {
        return name;
    }

    /** Number of states {@code S}. */
    public int states() {
        return states;
    }

    /** Number of actions {@code A}. */
    public int actions() {
        return actions;
    }

    /** The discount, in {@code (0, 1]}. */
    public double gamma() {
        return gamma;
    }

    /** The horizon {@code H}, or 0 when episodes are unbounded. */
    public int horizon() {
        return horizon;
    }

    /** Whether the MDP has a horizon. */
    public boolean hasHorizon() {
        return horizon > 0;
    }

    /** {@code P[s][a][s2]}. */
    public double p(int s, int a, int s2) {
        return p[s][a][s2];
    }

    /** The reward on the transition {@code s -a-> s2} (as given; 0 is not forced at terminal states). */
    public double reward(int s, int a, int s2) {
        return rewardSa != null ? rewardSa[s][a] : rewardSas[s][a][s2];
    }

    /** The expected reward of taking {@code a} in {@code s}; 0 at terminal states. */
    public double expectedReward(int s, int a) {
        return expectedReward[s][a];
    }

    /** Whether rewards were given per transition ({@code R[S][A][S]}) rather than per state and action. */
    public boolean rewardsPerTransition() {
        return rewardSas != null;
    }

    /** Whether {@code s} is terminal (absorbing, value 0). */
    public boolean isTerminal(int s) {
        return terminal[s];
    }

    /** The terminal state ids, in the order given. */
    public int[] terminalStates() {
        return terminalIds.clone();
    }

    /** Whether any state is terminal. */
    public boolean hasTerminalStates() {
        return terminalIds.length > 0;
    }

    /** The start distribution (a copy). */
    public double[] start() {
        return start.clone();
    }

    /** {@code start[s]}. */
    public double start(int s) {
        return start[s];
    }

    /** {@code P} as given (a copy). */
    public double[][][] transitions() {
        return deepCopy(p);
    }

    /** {@code R[S][A]} as given (a copy), or null when rewards are per transition. */
    public double[][] stateActionRewards() {
        return rewardSa == null ? null : deepCopy(rewardSa);
    }

    /** {@code R[S][A][S]} as given (a copy), or null when rewards are per state and action. */
    public double[][][] transitionRewards() {
        return rewardSas == null ? null : deepCopy(rewardSas);
    }

    /** The expected start value {@code sum_s start[s] v[s]} of a value vector. */
    public double startValue(double[] v) {
        double x = 0;
        for (int s = 0; s < states; s++) {
            x += start[s] * v[s];
        }
        return x;
    }

    // Fast, read-only views for the solvers and samplers of this package.

    int[] successors(int s, int a) {
        return next[s][a];
    }

    double[] successorProbs(int s, int a) {
        return nextProb[s][a];
    }

    double[] successorRewards(int s, int a) {
        return nextReward[s][a];
    }

    /** {@code sum_s' P[s][a][s'] v[s']} over non-terminal successors (terminal states are worth 0). */
    double expectedNext(int s, int a, double[] v) {
        int[] n = next[s][a];
        double[] q = nextProb[s][a];
        double x = 0;
        for (int k = 0; k < n.length; k++) {
            if (!terminal[n[k]]) {
                x += q[k] * v[n[k]];
            }
        }
        return x;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TabularMdp m && name.equals(m.name) && states == m.states && actions == m.actions
                && Double.compare(gamma, m.gamma) == 0 && horizon == m.horizon && Arrays.deepEquals(p, m.p)
                && Arrays.deepEquals(rewardSa, m.rewardSa) && Arrays.deepEquals(rewardSas, m.rewardSas)
                && Arrays.equals(start, m.start) && Arrays.equals(terminalIds, m.terminalIds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, states, actions, gamma, horizon, Arrays.deepHashCode(p), Arrays.hashCode(start));
    }

    @Override
    public String toString() {
        return name + " (" + states + " states, " + actions + " actions, gamma " + gamma
                + (hasHorizon() ? ", horizon " + horizon : "") + (hasTerminalStates() ? ", "
                + terminalIds.length + " terminal" : "") + ")";
    }

    private static double[][][] deepCopy(double[][][] x) {
        double[][][] c = new double[x.length][][];
        for (int i = 0; i < x.length; i++) {
            c[i] = deepCopy(x[i]);
        }
        return c;
    }

    private static double[][] deepCopy(double[][] x) {
        double[][] c = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i].clone();
        }
        return c;
    }

    /**
     * Collects an MDP's fields; {@link #build()} checks them all. Required: {@code states},
     * {@code actions}, {@code gamma}, {@code transitions}, one of {@code rewards} /
     * {@code transitionRewards}, {@code start}. Optional: {@code name}, {@code terminal}
     * (default none), {@code horizon} (default 0: none).
     */
    public static final class Builder {
        private String name;
        private int states = -1;
        private int actions = -1;
        private double gamma = Double.NaN;
        private double[][][] p;
        private double[][] rewardSa;
        private double[][][] rewardSas;
        private double[] start;
        private int[] terminal = new int[0];
        private int horizon;

        private Builder() {
        }

        /** The MDP's name. */
        public Builder name(String n) {
            this.name = n;
            return this;
        }

        /** Number of states. */
        public Builder states(int n) {
            this.states = n;
            return this;
        }

        /** Number of actions. */
        public Builder actions(int n) {
            this.actions = n;
            return this;
        }

        /** The discount. */
        public Builder gamma(double g) {
            this.gamma = g;
            return this;
        }

        /** {@code P[S][A][S]}. */
        public Builder transitions(double[][][] probabilities) {
            this.p = probabilities;
            return this;
        }

        /** {@code R[S][A]}: reward for taking {@code a} in {@code s} (replaces per-transition rewards). */
        public Builder rewards(double[][] r) {
            this.rewardSa = r;
            this.rewardSas = null;
            return this;
        }

        /** {@code R[S][A][S]}: reward on the transition (replaces per state-action rewards). */
        public Builder transitionRewards(double[][][] r) {
            this.rewardSas = r;
            this.rewardSa = null;
            return this;
        }

        /** The start distribution. */
        public Builder start(double[] distribution) {
            this.start = distribution;
            return this;
        }

        /** A start distribution putting all mass on state {@code s} (call after {@link #states}). */
        public Builder startAt(int s) {
            if (states < 1 || s < 0 || s >= states) {
                throw new InvalidMdpException("start state " + s + " is not in [0, " + Math.max(states, 0) + ")");
            }
            double[] d = new double[states];
            d[s] = 1;
            this.start = d;
            return this;
        }

        /** Terminal state ids. */
        public Builder terminal(int... ids) {
            this.terminal = ids == null ? new int[0] : ids.clone();
            return this;
        }

        /** The horizon; 0 for none. */
        public Builder horizon(int h) {
            this.horizon = h;
            return this;
        }

        /** The validated MDP. */
        public TabularMdp build() {
            MdpRules.check(this);
            return new TabularMdp(this);
        }

        String name() {
            return name;
        }

        int states() {
            return states;
        }

        int actions() {
            return actions;
        }

        double gamma() {
            return gamma;
        }

        double[][][] p() {
            return p;
        }

        double[][] rewardSa() {
            return rewardSa;
        }

        double[][][] rewardSas() {
            return rewardSas;
        }

        double[] start() {
            return start;
        }

        int[] terminal() {
            return terminal;
        }

        int horizon() {
            return horizon;
        }
    }
}

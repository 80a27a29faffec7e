package org.mbpo4j.baselines.tabular;

import java.util.SplittableRandom;

/**
 * A stochastic policy {@code pi(a|s) = exp(theta[s][a]) / sum_b exp(theta[s][b])} over a table
 * of logits, starting uniform (all logits 0). The gradient of {@code log pi(a|s)} with respect
 * to row {@code theta[s]} is {@code e_a - pi(.|s)}, and zero for the other rows.
 */
public final class SoftmaxPolicy {
    private final double[][] logits;
    private final double[][] probs;

    /** The uniform policy over {@code actions} actions in {@code states} states. */
    public SoftmaxPolicy(int states, int actions) {
        this.logits = new double[states][actions];
        this.probs = new double[states][actions];
        for (int s = 0; s < states; s++) {
            refresh(s);
        }
    }

    /** A policy with the given logits (copied). */
    public static SoftmaxPolicy ofLogits(double[][] logits) {
        SoftmaxPolicy p = new SoftmaxPolicy(logits.length, logits[0].length);
        for (int s = 0; s < logits.length; s++) {
            if (logits[s].length != p.actions()) {
                throw new IllegalArgumentException("logits[" + s + "] has " + logits[s].length + " entries, expected "
                        + p.actions());
            }
            System.arraycopy(logits[s], 0, p.logits[s], 0, p.actions());
            p.refresh(s);
        }
        return p;
    }

    /**
     * The policy {@code (1 - epsilon) pi(a|s) + epsilon / A}: this one mixed with the uniform
     * policy, for exploration (a new policy; this one is unchanged). Its logits are the
     * logarithms of those probabilities.
     */
    public SoftmaxPolicy mixedWithUniform(double epsilon) {
        if (!(epsilon >= 0 && epsilon <= 1)) {
            throw new IllegalArgumentException("exploration (--explore) must be in [0, 1], got " + epsilon);
        }
        int actions = actions();
        double[][] l = new double[states()][actions];
        for (int s = 0; s < l.length; s++) {
            for (int a = 0; a < actions; a++) {
                l[s][a] = Math.log((1 - epsilon) * probs[s][a] + epsilon / actions);
            }
        }
        return ofLogits(l);
    }

    /** Number of states. */
    public int states() {
        return logits.length;
    }

    /** Number of actions. */
    public int actions() {
        return logits[0].length;
    }

    /** {@code pi(a|s)}. */
    public double prob(int s, int a) {
        return probs[s][a];
    }

    /** The probabilities of all actions in every state (a copy), for exact evaluation. */
    public double[][] table() {
        double[][] t = new double[probs.length][];
        for (int s = 0; s < probs.length; s++) {
            t[s] = probs[s].clone();
        }
        return t;
    }

    /** The logits (a copy). */
    public double[][] logits() {
        double[][] t = new double[logits.length][];
        for (int s = 0; s < logits.length; s++) {
            t[s] = logits[s].clone();
        }
        return t;
    }

    /** Draws an action in state {@code s}. */
    public int sample(int s, SplittableRandom rng) {
        double u = rng.nextDouble();
        double[] p = probs[s];
        double c = 0;
        for (int a = 0; a < p.length - 1; a++) {
            c += p[a];
            if (u < c) {
                return a;
            }
        }
        return p.length - 1;
    }

    /**
     * The greedy policy as a table: in each state, the most probable actions (logits equal to
     * the largest) share probability 1 equally. Ties are kept rather than broken so that a
     * state whose preference was never learned (e.g. never visited, all logits still 0) counts
     * as undecided rather than as choosing action 0.
     */
    public double[][] greedyTable() {
        double[][] t = new double[logits.length][logits[0].length];
        for (int s = 0; s < logits.length; s++) {
            double best = Double.NEGATIVE_INFINITY;
            for (double x : logits[s]) {
                best = Math.max(best, x);
            }
            int n = 0;
            for (double x : logits[s]) {
                n += x == best ? 1 : 0;
            }
            for (int a = 0; a < logits[s].length; a++) {
                t[s][a] = logits[s][a] == best ? 1.0 / n : 0;
            }
        }
        return t;
    }

    /** The most probable action per state (lowest id on ties). */
    public int[] greedy() {
        int[] g = new int[logits.length];
        for (int s = 0; s < logits.length; s++) {
            for (int a = 1; a < logits[s].length; a++) {
                if (logits[s][a] > logits[s][g[s]]) {
                    g[s] = a;
                }
            }
        }
        return g;
    }

    /**
     * How far below a state's largest logit another may fall: e^-60 (about 1e-26) is as good as
     * never for any value gap we measure, and a logit that cannot run off to -1000 can be pulled
     * back in a few hundred steps when a model that misled the policy is corrected.
     */
    public static final double LOGIT_RANGE = 60;

    /** Adds {@code delta[s][a]} to the logits, keeping each state's logits within {@link #LOGIT_RANGE} of its largest. */
    public void add(double[][] delta) {
        for (int s = 0; s < logits.length; s++) {
            boolean touched = false;
            for (int a = 0; a < logits[s].length; a++) {
                if (delta[s][a] != 0) {
                    logits[s][a] += delta[s][a];
                    touched = true;
                }
            }
            if (touched) {
                double max = Double.NEGATIVE_INFINITY;
                for (double x : logits[s]) {
                    max = Math.max(max, x);
                }
                for (int a = 0; a < logits[s].length; a++) {
                    logits[s][a] = Math.max(logits[s][a], max - LOGIT_RANGE);
                }
                refresh(s);
            }
        }
    }

    private void refresh(int s) {
        double[] l = logits[s];
        double m = Double.NEGATIVE_INFINITY;
        for (double x : l) {
            m = Math.max(m, x);
        }
        double z = 0;
        for (int a = 0; a < l.length; a++) {
            probs[s][a] = Math.exp(l[a] - m);
            z += probs[s][a];
        }
        for (int a = 0; a < l.length; a++) {
            probs[s][a] /= z;
        }
    }
}

package org.mbpo4j.baselines.tabular;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The learned model of an MBPO-style tabular agent: maximum-likelihood estimates from counts
 * of real transitions. {@code P^(s'|s, a) = n(s, a, s') / n(s, a)}; the reward of
 * {@code s -a-> s'} is the mean reward observed on that transition; a state is terminal once a
 * real transition into it ended an episode (the environment's "done" signal). Pairs
 * {@code (s, a)} never tried have no estimate ({@link #hasData} is false): a fake episode that
 * reaches one ends there. The model also remembers how often each state was the source of a
 * real transition, to start fake episodes from real states ({@link #sampleVisitedState}).
 */
public final class CountsModel {
    private final int states;
    private final int actions;
    private final Outcomes[][] outcomes;
    private final boolean[] terminal;
    private final long[] visits;
    private long totalVisits;
    private long transitions;

    /** An empty model. */
    public CountsModel(int states, int actions) {
        this.states = states;
        this.actions = actions;
        this.outcomes = new Outcomes[states][actions];
        this.terminal = new boolean[states];
        this.visits = new long[states];
    }

    /** Adds every transition of a real episode. */
    public void add(Episode e) {
        for (int t = 0; t < e.length(); t++) {
            boolean last = t == e.length() - 1;
            add(e.state(t), e.action(t), e.reward(t), e.state(t + 1), last && e.terminated());
        }
    }

    /** Adds one real transition; {@code done} marks {@code next} as terminal. */
    public void add(int s, int a, double reward, int next, boolean done) {
        Outcomes o = outcomes[s][a];
        if (o == null) {
            o = new Outcomes();
            outcomes[s][a] = o;
        }
        o.add(next, reward);
        if (done) {
            terminal[next] = true;
        }
        visits[s]++;
        totalVisits++;
        transitions++;
    }

    /** Real transitions seen. */
    public long transitions() {
        return transitions;
    }

    /** Whether {@code (s, a)} was tried at least once. */
    public boolean hasData(int s, int a) {
        return outcomes[s][a] != null;
    }

    /** {@code n(s, a)}. */
    public int count(int s, int a) {
        return outcomes[s][a] == null ? 0 : outcomes[s][a].total;
    }

    /** {@code P^(s2|s, a)}, 0 without data. */
    public double p(int s, int a, int s2) {
        Outcomes o = outcomes[s][a];
        if (o == null) {
            return 0;
        }
        int i = o.indexOf(s2);
        return i < 0 ? 0 : (double) o.counts[i] / o.total;
    }

    /** The mean reward observed on {@code s -a-> s2}, 0 if never seen. */
    public double reward(int s, int a, int s2) {
        Outcomes o = outcomes[s][a];
        int i = o == null ? -1 : o.indexOf(s2);
        return i < 0 ? 0 : o.rewardSums[i] / o.counts[i];
    }

    /** Whether {@code s} was seen to end an episode. */
    public boolean isTerminal(int s) {
        return terminal[s];
    }

    /** The distinct next states seen after {@code (s, a)} (empty without data). */
    int[] successors(int s, int a) {
        Outcomes o = outcomes[s][a];
        return o == null ? new int[0] : Arrays.copyOf(o.next, o.size);
    }

    /** The probability each state counts as a source of real transitions ({@link #sampleVisitedState}). */
    double[] visitedStateDistribution() {
        double[] d = new double[states];
        for (int s = 0; s < states && totalVisits > 0; s++) {
            d[s] = (double) visits[s] / totalVisits;
        }
        return d;
    }

    /** Draws a next state of {@code (s, a)} from the estimate; requires {@link #hasData}. */
    public int sampleNext(int s, int a, SplittableRandom rng) {
        Outcomes o = outcomes[s][a];
        int u = rng.nextInt(o.total);
        for (int i = 0; i < o.size; i++) {
            u -= o.counts[i];
            if (u < 0) {
                return o.next[i];
            }
        }
        return o.next[o.size - 1];
    }

    /** Draws a state in proportion to how often it was the source of a real transition; -1 if none. */
    public int sampleVisitedState(SplittableRandom rng) {
        if (totalVisits == 0) {
            return -1;
        }
        long u = rng.nextLong(totalVisits);
        for (int s = 0; s < states; s++) {
            u -= visits[s];
            if (u < 0) {
                return s;
            }
        }
        return states - 1;
    }

    /**
     * The estimate as an MDP with the true MDP's discount, horizon and start distribution:
     * pairs without data become a self-loop with reward 0 (a terminal row for states seen to
     * be terminal).
     */
    public TabularMdp toMdp(TabularMdp truth) {
        double[][][] p = new double[states][actions][states];
        double[][][] r = new double[states][actions][states];
        for (int s = 0; s < states; s++) {
            for (int a = 0; a < actions; a++) {
                Outcomes o = outcomes[s][a];
                if (o == null || terminal[s]) {
                    p[s][a][s] = 1;
                    continue;
                }
                for (int i = 0; i < o.size; i++) {
                    p[s][a][o.next[i]] = (double) o.counts[i] / o.total;
                    r[s][a][o.next[i]] = o.rewardSums[i] / o.counts[i];
                }
            }
        }
        int[] term = java.util.stream.IntStream.range(0, states).filter(s -> terminal[s]).toArray();
        return TabularMdp.builder().name(truth.name() + "-model").states(states).actions(actions)
                .gamma(truth.gamma()).horizon(truth.horizon()).transitions(p).transitionRewards(r)
                .start(truth.start()).terminal(term).build();
    }

    /** Counts of the next states seen after one {@code (s, a)}. */
    private static final class Outcomes {
        private int[] next = new int[2];
        private int[] counts = new int[2];
        private double[] rewardSums = new double[2];
        private int size;
        private int total;

        int indexOf(int s2) {
            for (int i = 0; i < size; i++) {
                if (next[i] == s2) {
                    return i;
                }
            }
            return -1;
        }

        void add(int s2, double reward) {
            int i = indexOf(s2);
            if (i < 0) {
                if (size == next.length) {
                    next = Arrays.copyOf(next, size * 2);
                    counts = Arrays.copyOf(counts, size * 2);
                    rewardSums = Arrays.copyOf(rewardSums, size * 2);
                }
                i = size++;
                next[i] = s2;
            }
            counts[i]++;
            rewardSums[i] += reward;
            total++;
        }
    }
}

package org.mbpo4j.baselines.tabular;

import java.util.Arrays;

/**
 * One episode of {@code length} steps: at step {@code t} the agent was in {@code state(t)},
 * took {@code action(t)} with probability {@code behaviour(t)} under the policy of that time
 * (what importance weights divide by), received {@code reward(t)} and moved to
 * {@code state(t + 1)}. {@code terminated} tells whether the last step entered a terminal
 * state (rather than being cut by the step limit or by a model without data); {@code real}
 * whether it came from the true MDP rather than from the learned model.
 */
public final class Episode {
    private final int[] states;
    private final int[] actions;
    private final double[] rewards;
    private final double[] behaviour;
    private final int length;
    private final boolean terminated;
    private final boolean real;

    private Episode(Recorder r, boolean terminated) {
        this.length = r.length;
        this.states = Arrays.copyOf(r.states, r.length + 1);
        this.actions = Arrays.copyOf(r.actions, r.length);
        this.rewards = Arrays.copyOf(r.rewards, r.length);
        this.behaviour = Arrays.copyOf(r.behaviour, r.length);
        this.terminated = terminated;
        this.real = r.real;
    }

    /** A recorder for an episode starting in {@code start}. */
    public static Recorder start(int start, boolean real) {
        return new Recorder(start, real);
    }

    /** Number of steps (transitions). */
    public int length() {
        return length;
    }

    /** The state before step {@code t}; {@code state(length())} is the last state reached. */
    public int state(int t) {
        return states[t];
    }

    /** The action of step {@code t}. */
    public int action(int t) {
        return actions[t];
    }

    /** The reward of step {@code t}. */
    public double reward(int t) {
        return rewards[t];
    }

    /** The probability the behaviour policy gave {@code action(t)}. */
    public double behaviour(int t) {
        return behaviour[t];
    }

    /** Whether the episode ended by entering a terminal state. */
    public boolean terminated() {
        return terminated;
    }

    /** Whether the episode is real (true MDP) rather than fake (learned model). */
    public boolean real() {
        return real;
    }

    /** Appends steps of an episode being generated. */
    public static final class Recorder {
        private int[] states = new int[16];
        private int[] actions = new int[16];
        private double[] rewards = new double[16];
        private double[] behaviour = new double[16];
        private int length;
        private final boolean real;

        private Recorder(int start, boolean real) {
            this.states[0] = start;
            this.real = real;
        }

        /** The current state. */
        public int state() {
            return states[length];
        }

        /** Steps so far. */
        public int length() {
            return length;
        }

        /** Records a step from the current state. */
        public void step(int action, double behaviourProb, double reward, int next) {
            if (length + 1 >= states.length) {
                int n = states.length * 2;
                states = Arrays.copyOf(states, n);
                actions = Arrays.copyOf(actions, n);
                rewards = Arrays.copyOf(rewards, n);
                behaviour = Arrays.copyOf(behaviour, n);
            }
            actions[length] = action;
            behaviour[length] = behaviourProb;
            rewards[length] = reward;
            states[length + 1] = next;
            length++;
        }

        /** The finished episode. */
        public Episode finish(boolean terminated) {
            return new Episode(this, terminated);
        }
    }
}

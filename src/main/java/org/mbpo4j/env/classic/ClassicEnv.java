package org.mbpo4j.env.classic;

import org.mbpo4j.env.AbstractEnv;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.Space;
import org.mbpo4j.env.StatefulEnv;
import org.mbpo4j.env.StepResult;
import org.mbpo4j.env.TaskRules;

/**
 * What the classic-control ports share: a double-precision internal state that can be read and
 * written ({@link StatefulEnv}), and a step that is the env's own dynamics followed by the
 * task's batched {@link TaskRules} applied to that one transition. Subclasses write only the
 * dynamics, the observation and the reset distribution.
 *
 * @param <A> the action type
 */
abstract class ClassicEnv<A> extends AbstractEnv<A> implements StatefulEnv {
    private final String id;
    private final Box observationSpace;
    private final Space<A> actionSpace;
    private final TaskRules rules;
    private final double[] action = new double[1];
    private final boolean[] terminated = new boolean[1];
    private final double[] reward = new double[1];

    /** The internal state, laid out as Gymnasium's {@code env.unwrapped.state}. */
    protected double[] state;

    ClassicEnv(String id, Box observationSpace, Space<A> actionSpace, TaskRules rules) {
        this.id = id;
        this.observationSpace = observationSpace;
        this.actionSpace = actionSpace;
        this.rules = rules;
    }

    /**
     * The next internal state (a new array) from {@code state} under a validated action, in
     * full precision: the rules judge this state, as Gymnasium's step does.
     */
    protected abstract double[] dynamics(double[] state, A action);

    /**
     * The state as the env keeps it after the step (by default the same). Gymnasium's
     * MountainCarContinuous decides {@code terminated} on the double state and then stores it
     * as float32; that env overrides this to round.
     */
    protected double[] stored(double[] next) {
        return next;
    }

    /** The action as the rules see it: the raw continuous value, or the discrete index. */
    protected abstract double ruleAction(A action);

    @Override
    protected final StepResult doStep(A a) {
        double[] next = dynamics(state, a);
        action[0] = ruleAction(a);
        rules.terminated(next, 1, terminated);
        rules.reward(state, action, next, terminated, 1, reward);
        state = stored(next);
        stepped(a);
        return new StepResult(observe(), reward[0], terminated[0], false, null);
    }

    /**
     * Called by the step once the state has moved on, with the action it took; does nothing
     * unless an env keeps something for its drawing (Pendulum's last torque, Gymnasium's
     * {@code last_u}).
     */
    protected void stepped(A action) {
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Box observationSpace() {
        return observationSpace;
    }

    @Override
    public final Space<A> actionSpace() {
        return actionSpace;
    }

    @Override
    public final int stateDim() {
        return rules.stateDim();
    }

    @Override
    public final double[] getState() {
        return state == null ? null : state.clone();
    }

    @Override
    public final void setState(double[] s) {
        state = checkedState(s, stateDim());
        markReady();
    }

    /** The observation of the current state: by default the state itself, as float32. */
    @Override
    public float[] observe() {
        float[] o = new float[state.length];
        for (int i = 0; i < o.length; i++) {
            o[i] = (float) state[i];
        }
        return o;
    }

    /**
     * The state to draw, for the envs' {@code render()}.
     *
     * @throws IllegalStateException before the first reset (or setState): there is nothing to draw
     */
    protected final double[] stateToDraw() {
        if (state == null) {
            throw new IllegalStateException(id + ": render() called before reset(); call reset() first");
        }
        return state;
    }

    static double clip(double x, double lo, double hi) {
        return Math.min(Math.max(x, lo), hi);
    }

    /** Python's float {@code a % b}: the result has the sign of {@code b}. */
    static double floorMod(double a, double b) {
        double r = a % b;
        if (r != 0 && (r < 0) != (b < 0)) {
            r += b;
        }
        return r;
    }
}

package org.mbpo4j.env;

import java.util.EnumSet;
import java.util.Map;
import org.mbpo4j.random.Rng;

/**
 * Test-only 1-D point mass: state (x, v), force u in [-bound, bound], terminated when |x| > 1.
 * Reward and termination come from its {@link Rules} (one source of truth), unless a
 * {@link Bug} says otherwise. Each bug breaks exactly one part of the env contract.
 */
class ToyPointMass extends AbstractEnv<float[]> implements StatefulEnv {
    static final String ID = "ToyPointMass-v0";
    static final Box OBS_SPACE = Box.uniform(2, -2f, 2f);

    enum Bug {
        /** obs[0] leaves the observation space from the 3rd step on. */
        OBS_OUTSIDE,
        /** the initial state depends on the clock. */
        NONDETERMINISTIC,
        /** the reward is NaN from the 5th step on. */
        NAN_REWARD,
        /** step() adds a small term that the rules do not. */
        REWARD_DISAGREES,
        /** step() terminates at |x| > 0.9, the rules at |x| > 1. */
        TERMINATION_DISAGREES,
        /** every obs is the same reused array. */
        OBS_REUSED,
        /** step() clips the caller's action array in place. */
        MUTATES_ACTION,
        /** step() throws on its 7th call. */
        THROWS,
        /** rules.stateFromObs doubles the velocity. */
        BAD_STATE_FROM_OBS
    }

    private final EnumSet<Bug> bugs;
    private final float bound;
    private final Box actionSpace;
    private final Rules rules;
    private final float[] buffer = new float[2];
    private double x;
    private double v;
    private int t;

    ToyPointMass(float bound, Bug... bugs) {
        this.bugs = bugs.length == 0 ? EnumSet.noneOf(Bug.class) : EnumSet.of(bugs[0], bugs);
        this.bound = bound;
        this.actionSpace = Box.uniform(1, -bound, bound);
        this.rules = new Rules(bound, this.bugs.contains(Bug.BAD_STATE_FROM_OBS));
    }

    ToyPointMass(Bug... bugs) {
        this(1f, bugs);
    }

    Rules rules() {
        return rules;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Box observationSpace() {
        return OBS_SPACE;
    }

    @Override
    public Space<float[]> actionSpace() {
        return actionSpace;
    }

    @Override
    protected float[] doReset(Rng rng) {
        x = rng.uniform(-0.5, 0.5);
        v = rng.uniform(-0.1, 0.1);
        if (bugs.contains(Bug.NONDETERMINISTIC)) {
            x += (System.nanoTime() % 1000) * 1e-7;
        }
        t = 0;
        return obs();
    }

    @Override
    protected StepResult doStep(float[] action) {
        t++;
        if (bugs.contains(Bug.THROWS) && t == 7) {
            throw new ArithmeticException("boom at step 7");
        }
        if (bugs.contains(Bug.MUTATES_ACTION)) {
            action[0] = Math.max(-bound, Math.min(bound, action[0] * 2));
        }
        double[] s = {x, v};
        double[] a = {action[0]};
        double[] s2 = Rules.next(s, a, bound);
        x = s2[0];
        v = s2[1];
        boolean[] term = new boolean[1];
        rules.terminated(s2, 1, term);
        if (bugs.contains(Bug.TERMINATION_DISAGREES)) {
            term[0] = Math.abs(x) > 0.9;
        }
        double[] r = new double[1];
        rules.reward(s, a, s2, term, 1, r);
        double reward = r[0];
        if (bugs.contains(Bug.REWARD_DISAGREES)) {
            reward += 0.001 * x;
        }
        if (bugs.contains(Bug.NAN_REWARD) && t >= 5) {
            reward = Double.NaN;
        }
        float[] obs = obs();
        if (bugs.contains(Bug.OBS_OUTSIDE) && t >= 3) {
            obs[0] += 5f;
        }
        return new StepResult(obs, reward, term[0], false, Map.of());
    }

    private float[] obs() {
        if (bugs.contains(Bug.OBS_REUSED)) {
            buffer[0] = (float) x;
            buffer[1] = (float) v;
            return buffer;
        }
        return observe();
    }

    @Override
    public int stateDim() {
        return 2;
    }

    @Override
    public double[] getState() {
        return new double[] {x, v};
    }

    @Override
    public void setState(double[] state) {
        double[] s = checkedState(state, 2);
        x = s[0];
        v = s[1];
        markReady();
    }

    @Override
    public float[] observe() {
        return new float[] {(float) x, (float) v};
    }

    /** The point mass's task rules. */
    static final class Rules implements TaskRules {
        private final float bound;
        private final boolean badStateFromObs;

        Rules(float bound, boolean badStateFromObs) {
            this.bound = bound;
            this.badStateFromObs = badStateFromObs;
        }

        static double[] next(double[] s, double[] a, float bound) {
            double u = Math.max(-bound, Math.min(bound, a[0]));
            double v2 = Math.max(-2, Math.min(2, s[1] + 0.5 * u));
            return new double[] {s[0] + 0.1 * v2, v2};
        }

        @Override
        public int stateDim() {
            return 2;
        }

        @Override
        public int obsDim() {
            return 2;
        }

        @Override
        public int actionDim() {
            return 1;
        }

        @Override
        public void terminated(double[] nextStates, int n, boolean[] out) {
            for (int i = 0; i < n; i++) {
                out[i] = Math.abs(nextStates[2 * i]) > 1;
            }
        }

        @Override
        public void reward(double[] states, double[] actions, double[] nextStates, boolean[] terminated,
                           int n, double[] out) {
            for (int i = 0; i < n; i++) {
                double u = Math.max(-bound, Math.min(bound, actions[i]));
                double x2 = nextStates[2 * i];
                out[i] = -(x2 * x2 + 0.1 * u * u) - (terminated[i] ? 10 : 0);
            }
        }

        @Override
        public void stateFromObs(double[] obs, int n, double[] states) {
            for (int i = 0; i < n; i++) {
                states[2 * i] = obs[2 * i];
                states[2 * i + 1] = badStateFromObs ? 2 * obs[2 * i + 1] : obs[2 * i + 1];
            }
        }
    }
}

package org.mbpo4j.env;

import java.util.Map;
import org.mbpo4j.random.Rng;

/**
 * Test-only discrete corridor: position 0..10, actions 0 (left), 1 (stay), 2 (right),
 * terminated at either end. Reward -1 per step, -0.1 more per move, +10 on reaching 10.
 */
final class ToyCorridor extends AbstractEnv<Integer> implements StatefulEnv {
    static final String ID = "ToyCorridor-v0";
    static final Box OBS_SPACE = Box.uniform(1, 0f, 10f);
    static final Discrete ACTION_SPACE = new Discrete(3);
    static final Rules RULES = new Rules();

    private double pos;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Box observationSpace() {
        return OBS_SPACE;
    }

    @Override
    public Space<Integer> actionSpace() {
        return ACTION_SPACE;
    }

    @Override
    protected float[] doReset(Rng rng) {
        pos = 3 + rng.nextInt(5);
        return observe();
    }

    @Override
    protected StepResult doStep(Integer action) {
        double[] s = {pos};
        pos = pos + action - 1;
        double[] s2 = {pos};
        boolean[] term = new boolean[1];
        RULES.terminated(s2, 1, term);
        double[] r = new double[1];
        RULES.reward(s, new double[] {action}, s2, term, 1, r);
        return new StepResult(observe(), r[0], term[0], false, Map.of());
    }

    @Override
    public int stateDim() {
        return 1;
    }

    @Override
    public double[] getState() {
        return new double[] {pos};
    }

    @Override
    public void setState(double[] state) {
        pos = checkedState(state, 1)[0];
        markReady();
    }

    @Override
    public float[] observe() {
        return new float[] {(float) pos};
    }

    static final class Rules implements TaskRules {
        @Override
        public int stateDim() {
            return 1;
        }

        @Override
        public int obsDim() {
            return 1;
        }

        @Override
        public int actionDim() {
            return 1;
        }

        @Override
        public void terminated(double[] nextStates, int n, boolean[] out) {
            for (int i = 0; i < n; i++) {
                out[i] = nextStates[i] <= 0 || nextStates[i] >= 10;
            }
        }

        @Override
        public void reward(double[] states, double[] actions, double[] nextStates, boolean[] terminated,
                           int n, double[] out) {
            for (int i = 0; i < n; i++) {
                out[i] = -1 - (actions[i] == 1 ? 0 : 0.1) + (nextStates[i] >= 10 ? 10 : 0);
            }
        }

        @Override
        public void stateFromObs(double[] obs, int n, double[] states) {
            System.arraycopy(obs, 0, states, 0, n);
        }
    }
}

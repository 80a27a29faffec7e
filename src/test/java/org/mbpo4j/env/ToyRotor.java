package org.mbpo4j.env;

import java.util.Map;
import org.mbpo4j.random.Rng;

/**
 * Test-only spinning rotor: state (theta, omega) with theta unbounded, obs (cos, sin, omega),
 * never terminates. Its rules recover theta in (-pi, pi] only, as Pendulum's do.
 */
final class ToyRotor extends AbstractEnv<float[]> implements StatefulEnv {
    static final String ID = "ToyRotor-v0";
    static final Box OBS_SPACE = new Box(new float[] {-1, -1, -8}, new float[] {1, 1, 8});
    static final Box ACTION_SPACE = Box.uniform(1, -1f, 1f);
    static final Rules RULES = new Rules();

    private double theta;
    private double omega;

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
        return ACTION_SPACE;
    }

    @Override
    protected float[] doReset(Rng rng) {
        theta = rng.uniform(-Math.PI, Math.PI);
        omega = rng.uniform(3, 4);
        return observe();
    }

    @Override
    protected StepResult doStep(float[] action) {
        double[] s = {theta, omega};
        double[] a = {action[0]};
        double u = Math.max(-1, Math.min(1, a[0]));
        omega = Math.max(-8, Math.min(8, omega + u));
        theta = theta + 0.1 * omega;
        double[] s2 = {theta, omega};
        double[] r = new double[1];
        RULES.reward(s, a, s2, new boolean[1], 1, r);
        return new StepResult(observe(), r[0], false, false, Map.of());
    }

    @Override
    public int stateDim() {
        return 2;
    }

    @Override
    public double[] getState() {
        return new double[] {theta, omega};
    }

    @Override
    public void setState(double[] state) {
        double[] s = checkedState(state, 2);
        theta = s[0];
        omega = s[1];
        markReady();
    }

    @Override
    public float[] observe() {
        return new float[] {(float) Math.cos(theta), (float) Math.sin(theta), (float) omega};
    }

    static final class Rules implements TaskRules {
        @Override
        public int stateDim() {
            return 2;
        }

        @Override
        public int obsDim() {
            return 3;
        }

        @Override
        public int actionDim() {
            return 1;
        }

        @Override
        public void terminated(double[] nextStates, int n, boolean[] out) {
            for (int i = 0; i < n; i++) {
                out[i] = false;
            }
        }

        @Override
        public void reward(double[] states, double[] actions, double[] nextStates, boolean[] terminated,
                           int n, double[] out) {
            for (int i = 0; i < n; i++) {
                double th = Math.IEEEremainder(states[2 * i], 2 * Math.PI);
                double u = Math.max(-1, Math.min(1, actions[i]));
                out[i] = -(th * th + 0.1 * states[2 * i + 1] * states[2 * i + 1] + 0.001 * u * u);
            }
        }

        @Override
        public void stateFromObs(double[] obs, int n, double[] states) {
            for (int i = 0; i < n; i++) {
                states[2 * i] = Math.atan2(obs[3 * i + 1], obs[3 * i]);
                states[2 * i + 1] = obs[3 * i + 2];
            }
        }
    }
}

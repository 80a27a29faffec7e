package org.mbpo4j.examples;

import org.mbpo4j.api.Training;
import org.mbpo4j.env.AbstractEnv;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.StepResult;
import org.mbpo4j.env.TaskRules;
import org.mbpo4j.env.TimeLimit;
import org.mbpo4j.mbpo.MbpoOptions;
import org.mbpo4j.random.Rng;

/** Example: your own env, a point mass pushed towards the origin, with its own rules, trained by MBPO. */
public final class PointMassWithMbpo {
    /** Reward and termination as pure batched functions: the env and MBPO's model rollouts both use them. */
    static final class Rules implements TaskRules {
        public int stateDim() { return 4; }   // x, y, vx, vy; the observation is the state
        public int obsDim() { return 4; }
        public int actionDim() { return 2; }  // force in x and y, in [-1, 1]
        public void terminated(double[] next, int n, boolean[] out) { java.util.Arrays.fill(out, 0, n, false); }
        public void stateFromObs(double[] obs, int n, double[] states) { System.arraycopy(obs, 0, states, 0, 4 * n); }
        public void reward(double[] s, double[] a, double[] next, boolean[] term, int n, double[] out) {
            for (int i = 0; i < n; i++) {
                double ax = Math.max(-1, Math.min(1, a[2 * i])), ay = Math.max(-1, Math.min(1, a[2 * i + 1]));
                out[i] = -Math.hypot(next[4 * i], next[4 * i + 1]) - 0.01 * (ax * ax + ay * ay);
            }
        }
    }

    /** The env: a unit mass on a plane, 0.1 s per step, starting anywhere in [-1, 1]^2. */
    static final class PointMass extends AbstractEnv<float[]> {
        static final Rules RULES = new Rules();
        private final double[] state = new double[4];
        public String id() { return "PointMass-v0"; }
        public Box observationSpace() { return Box.uniform(4, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY); }
        public Box actionSpace() { return Box.uniform(2, -1f, 1f); }
        protected float[] doReset(Rng rng) {
            state[0] = rng.uniform(-1, 1);
            state[1] = rng.uniform(-1, 1);
            state[2] = 0;
            state[3] = 0;
            return obs();
        }
        protected StepResult doStep(float[] action) {
            double[] before = state.clone();
            for (int j = 0; j < 2; j++) {
                state[2 + j] += 0.1 * Math.max(-1, Math.min(1, action[j]));
                state[j] += 0.1 * state[2 + j];
            }
            double[] r = new double[1];
            boolean[] done = new boolean[1];
            RULES.terminated(state, 1, done);
            RULES.reward(before, new double[] {action[0], action[1]}, state, done, 1, r);
            return new StepResult(obs(), r[0], done[0], false, null);
        }
        private float[] obs() {
            return new float[] {(float) state[0], (float) state[1], (float) state[2], (float) state[3]};
        }
    }

    /** Trains MBPO (the Pendulum preset's settings) for {@code steps} env steps of 50-step episodes. */
    public static Training.Result train(long steps) {
        MbpoOptions mbpo = MbpoOptions.defaults().toBuilder().initSteps(500).updatesPerStep(10)
                .rolloutSchedule(1, 15, 1, 1).build();
        return Training.mbpo(() -> new TimeLimit<>(new PointMass(), 50), PointMass.RULES)
                .mbpoOptions(mbpo).epochLength(250).steps(steps).train();
    }

    public static void main(String[] args) {
        Training.Result r = train(args.length > 0 ? Long.parseLong(args[0]) : 3000);
        System.out.printf("after %d steps: evaluation return %.2f (doing nothing scores about -40)%n",
                r.envSteps(), r.finalEvalReturn());
    }
}

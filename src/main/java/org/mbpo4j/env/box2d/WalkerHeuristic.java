package org.mbpo4j.env.box2d;

import org.mbpo4j.policy.EpisodicPolicy;
import org.mbpo4j.policy.Policy;

/**
 * Gymnasium's {@code BipedalWalkerHeuristics}: a three-phase gait (stay on one leg, put the other
 * down, push off), switching legs each cycle, with PD targets on hips and knees plus corrections
 * that keep the hull level and damp vertical bounces.
 *
 * <p>Gymnasium's demo loop acts with zeros on the reset observation and calls the heuristic on
 * every later observation; this policy does the same: the first {@link #act} after
 * {@link #startEpisode()} (or after construction) returns zeros and leaves the phase alone.
 * Call {@link #startEpisode()} after every reset; without it the gait phase carries over from the
 * previous episode. The arithmetic is in double (Gymnasium mixes float32 and float64).
 */
public final class WalkerHeuristic implements Policy<float[]>, EpisodicPolicy {
    private static final int STAY_ON_ONE_LEG = 1;
    private static final int PUT_OTHER_DOWN = 2;
    private static final int PUSH_OFF = 3;
    private static final double SPEED = 0.29;
    private static final double SUPPORT_KNEE_ANGLE = 0.1;

    private int state;
    private int movingLeg;
    private int supportingLeg;
    private double supportingKneeAngle;
    private boolean first;

    /** A heuristic at the start of an episode. */
    public WalkerHeuristic() {
        startEpisode();
    }

    @Override
    public void startEpisode() {
        state = STAY_ON_ONE_LEG;
        movingLeg = 0;
        supportingLeg = 1;
        supportingKneeAngle = SUPPORT_KNEE_ANGLE;
        first = true;
    }

    @Override
    public String name() {
        return "heuristic";
    }

    /** The gait phase: 1 stay on one leg, 2 put the other down, 3 push off. */
    int phase() {
        return state;
    }

    @Override
    public float[] act(float[] obs, boolean deterministic) {
        if (obs.length != 24) {
            throw new IllegalArgumentException("the walker heuristic needs a 24-value BipedalWalker observation, got "
                    + obs.length + " values");
        }
        if (first) {
            first = false;
            return new float[4];
        }
        return step(obs);
    }

    /** Python's truthiness of an optional target: absent or exactly 0 counts as "no target". */
    private static boolean truthy(Double v) {
        return v != null && v != 0.0;
    }

    private float[] step(float[] s) {
        int movingBase = 4 + 5 * movingLeg;
        int supportingBase = 4 + 5 * supportingLeg;
        Double[] hipTarg = new Double[2];
        Double[] kneeTarg = new Double[2];
        double[] hipTodo = new double[2];
        double[] kneeTodo = new double[2];
        if (state == STAY_ON_ONE_LEG) {
            hipTarg[movingLeg] = 1.1;
            kneeTarg[movingLeg] = -0.6;
            supportingKneeAngle += 0.03;
            if (s[2] > SPEED) {
                supportingKneeAngle += 0.03;
            }
            supportingKneeAngle = Math.min(supportingKneeAngle, SUPPORT_KNEE_ANGLE);
            kneeTarg[supportingLeg] = supportingKneeAngle;
            if (s[supportingBase] < 0.10) {
                state = PUT_OTHER_DOWN;
            }
        }
        if (state == PUT_OTHER_DOWN) {
            hipTarg[movingLeg] = 0.1;
            kneeTarg[movingLeg] = SUPPORT_KNEE_ANGLE;
            kneeTarg[supportingLeg] = supportingKneeAngle;
            if (s[movingBase + 4] != 0f) {
                state = PUSH_OFF;
                supportingKneeAngle = Math.min(s[movingBase + 2], SUPPORT_KNEE_ANGLE);
            }
        }
        if (state == PUSH_OFF) {
            kneeTarg[movingLeg] = supportingKneeAngle;
            kneeTarg[supportingLeg] = 1.0;
            if (s[supportingBase + 2] > 0.88 || s[2] > 1.2 * SPEED) {
                state = STAY_ON_ONE_LEG;
                movingLeg = 1 - movingLeg;
                supportingLeg = 1 - movingLeg;
            }
        }
        if (truthy(hipTarg[0])) {
            hipTodo[0] = 0.9 * (hipTarg[0] - s[4]) - 0.25 * s[5];
        }
        if (truthy(hipTarg[1])) {
            hipTodo[1] = 0.9 * (hipTarg[1] - s[9]) - 0.25 * s[10];
        }
        if (truthy(kneeTarg[0])) {
            kneeTodo[0] = 4.0 * (kneeTarg[0] - s[6]) - 0.25 * s[7];
        }
        if (truthy(kneeTarg[1])) {
            kneeTodo[1] = 4.0 * (kneeTarg[1] - s[11]) - 0.25 * s[12];
        }
        for (int k = 0; k < 2; k++) {
            hipTodo[k] -= 0.9 * (0 - s[0]) - 1.5 * s[1];
            kneeTodo[k] -= 15.0 * s[3];
        }
        double[] a = {hipTodo[0], kneeTodo[0], hipTodo[1], kneeTodo[1]};
        float[] out = new float[4];
        for (int j = 0; j < 4; j++) {
            out[j] = (float) Math.max(-1.0, Math.min(1.0, 0.5 * a[j]));
        }
        return out;
    }
}

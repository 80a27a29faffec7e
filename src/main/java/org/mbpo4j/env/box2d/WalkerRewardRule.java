package org.mbpo4j.env.box2d;

import static org.mbpo4j.env.box2d.WalkerConstants.END_X;
import static org.mbpo4j.env.box2d.WalkerConstants.MOTORS_TORQUE;
import static org.mbpo4j.env.box2d.WalkerConstants.SCALE;

/**
 * BipedalWalker's reward and termination, written once (Gymnasium's {@code step}). They need the
 * hull's x position and whether the hull touched the ground, neither of which is in the
 * observation, so they are functions of the physics state, not {@link org.mbpo4j.env.TaskRules}
 * (see {@link BipedalWalker} for what a model rollout can and cannot compute).
 */
final class WalkerRewardRule {
    /** Reward of a step that ends in a fall (hull contact or x &lt; 0). */
    static final double FALL_REWARD = -100;

    private WalkerRewardRule() {
    }

    /** {@code 130 x / SCALE - 5 |hull angle|}: progress minus a penalty for a tilted hull. */
    static double shaping(double hullX, double hullAngle) {
        return 130 * hullX / SCALE - 5.0 * Math.abs(hullAngle);
    }

    /** {@code sum_j 0.00035 * MOTORS_TORQUE * clip(|a_j|, 0, 1)}. */
    static double torqueCost(float[] action) {
        double c = 0;
        for (float a : action) {
            c += 0.00035 * MOTORS_TORQUE * Math.min(Math.abs((double) a), 1.0);
        }
        return c;
    }

    /** The hull fell: it touched the ground, or it left the terrain to the left. */
    static boolean fell(boolean hullContact, double hullX) {
        return hullContact || hullX < 0;
    }

    /** The hull passed the last grass stretch: {@code x > (TERRAIN_LENGTH - TERRAIN_GRASS) * TERRAIN_STEP}. */
    static boolean reachedEnd(double hullX) {
        return hullX > END_X;
    }

    /** A fall or the end. */
    static boolean terminated(boolean hullContact, double hullX) {
        return fell(hullContact, hullX) || reachedEnd(hullX);
    }

    /**
     * The step's reward: the shaping difference (none on the reset step, {@code prevShaping} NaN)
     * minus the torque cost, or {@link #FALL_REWARD} on a fall. Reaching the end keeps the reward.
     */
    static double reward(double prevShaping, double shaping, float[] action, boolean hullContact, double hullX) {
        if (fell(hullContact, hullX)) {
            return FALL_REWARD;
        }
        double r = Double.isNaN(prevShaping) ? 0 : shaping - prevShaping;
        return r - torqueCost(action);
    }
}

package org.mbpo4j.env.box2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WalkerRewardRuleTest {
    private static final float[] ZERO = new float[4];

    @Test
    void shapingIsProgressMinusTilt() {
        assertEquals(130 * 3.0 / 30 - 5 * 0.2, WalkerRewardRule.shaping(3.0, -0.2), 1e-12);
    }

    @Test
    void torqueCostClipsEachCommandToOne() {
        float[] a = {0.5f, -2f, 0f, 1f};
        assertEquals(0.00035 * 80 * (0.5 + 1 + 0 + 1), WalkerRewardRule.torqueCost(a), 1e-12);
    }

    @Test
    void theResetStepHasNoShapingDifference() {
        assertEquals(0.0, WalkerRewardRule.reward(Double.NaN, 17.0, ZERO, false, 4.6), 0.0);
    }

    @Test
    void rewardIsTheShapingDifferenceLessTheTorqueCost() {
        float[] a = {1f, 1f, 0f, 0f};
        double prev = WalkerRewardRule.shaping(10.0, 0.1);
        double now = WalkerRewardRule.shaping(10.05, 0.05);
        assertEquals(130 * 0.05 / 30 + 5 * 0.05 - 0.056, WalkerRewardRule.reward(prev, now, a, false, 10.05), 1e-9);
        assertFalse(WalkerRewardRule.terminated(false, 10.05));
    }

    @Test
    void aHullContactOrLeavingLeftIsAFallWorthMinus100() {
        assertEquals(-100, WalkerRewardRule.reward(0, 50, ZERO, true, 20.0));
        assertTrue(WalkerRewardRule.terminated(true, 20.0));
        assertEquals(-100, WalkerRewardRule.reward(0, 1, ZERO, false, -0.01));
        assertTrue(WalkerRewardRule.terminated(false, -0.01));
    }

    @Test
    void passingTheEndTerminatesAndKeepsTheReward() {
        double end = (200 - 10) * 14.0 / 30;
        assertEquals(end, WalkerConstants.END_X, 1e-12);
        assertFalse(WalkerRewardRule.reachedEnd(end));
        assertTrue(WalkerRewardRule.reachedEnd(end + 1e-9));
        assertTrue(WalkerRewardRule.terminated(false, end + 0.01));
        double prev = WalkerRewardRule.shaping(end - 0.01, 0);
        double now = WalkerRewardRule.shaping(end + 0.01, 0);
        assertEquals(now - prev, WalkerRewardRule.reward(prev, now, ZERO, false, end + 0.01), 1e-12);
    }
}

package org.mbpo4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FastMathTest {

    @Test
    void expIsWithinThreeUlpOfTheFloatResultAcrossTheRange() {
        double worst = 0;
        for (float x = -87f; x <= 88f; x += 0.0013f) {
            float want = (float) Math.exp(x);
            float got = FastMath.exp(x);
            double ulps = Math.abs(got - want) / Math.ulp(want);
            worst = Math.max(worst, ulps);
        }
        assertTrue(worst <= 3, "worst error " + worst + " ulp");
        assertEquals(1f, FastMath.exp(0f));
        assertEquals(0f, FastMath.exp(-1000f), 1e-37f);
        assertTrue(FastMath.exp(1000f) > 1e38f && Float.isFinite(FastMath.exp(1000f)), "clamped, finite");
    }

    @Test
    void sigmoidSaturatesCleanly() {
        assertEquals(0.5f, FastMath.sigmoid(0f));
        assertEquals(1f, FastMath.sigmoid(100f));
        assertTrue(FastMath.sigmoid(-100f) >= 0f && FastMath.sigmoid(-100f) < 1e-30f);
        for (float x = -20; x <= 20; x += 0.01f) {
            assertEquals(1 / (1 + Math.exp(-x)), FastMath.sigmoid(x), 3e-7);
        }
    }
}

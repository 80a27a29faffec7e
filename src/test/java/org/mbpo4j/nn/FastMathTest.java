package org.mbpo4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FastMathTest {

    @Test
    void sigmoidIsWithin2e7OfTheExactValue() {
        double worst = 0;
        for (float x = -40f; x <= 40f; x += 0.00037f) {
            worst = Math.max(worst, Math.abs(FastMath.sigmoid(x) - 1 / (1 + Math.exp(-(double) x))));
        }
        assertTrue(worst <= 2e-7, "worst error " + worst);
        for (float x = -1000f; x <= 1000f; x += 0.0031f) {
            float s = FastMath.sigmoid(x);
            assertTrue(s >= 0f && s <= 1f, "sigmoid(" + x + ") = " + s);
        }
    }

    @Test
    void sigmoidIsHalfAtZeroOddAroundItAndSaturates() {
        assertEquals(0.5f, FastMath.sigmoid(0f));
        for (float x = 0.01f; x < 30; x *= 1.1f) {
            assertEquals(1f, FastMath.sigmoid(x) + FastMath.sigmoid(-x), 1.2e-7, "x = " + x);
        }
        for (float x : new float[] {20f, 100f, Float.MAX_VALUE}) {
            assertTrue(FastMath.sigmoid(x) <= 1f && FastMath.sigmoid(x) >= 1f - 1.2e-7f, "sigmoid(" + x + ")");
            assertTrue(FastMath.sigmoid(-x) >= 0f && FastMath.sigmoid(-x) <= 1.2e-7f, "sigmoid(" + -x + ")");
        }
        assertTrue(Float.isNaN(FastMath.sigmoid(Float.NaN)), "a diverging network must show");
    }

    @Test
    void siluAddsTheBiasAndMatchesTheScalarSigmoid() {
        int n = 37; // not a multiple of any vector width
        float[] v = new float[n + 3];
        float[] b = new float[n + 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(i) * 12;
            b[i] = (float) Math.cos(i);
        }
        float[] sig = new float[n + 3];
        float[] out = new float[n + 3];
        FastMath.silu(v, b, n, sig, out);
        for (int i = 0; i < n; i++) {
            float x = v[i] + b[i];
            assertEquals(FastMath.sigmoid(x), sig[i]);
            assertEquals(x * FastMath.sigmoid(x), out[i]);
            assertEquals(x / (1 + Math.exp(-x)), out[i], 2e-7 * Math.abs(x) + 1e-6);
        }
        for (int i = n; i < n + 3; i++) {
            assertEquals(0f, sig[i], "only n values are written");
        }
        float[] inference = new float[n + 3];
        FastMath.silu(v, b, n, inference);
        assertArrayEquals(out, inference, "without the sigmoid: the same values");
    }
}

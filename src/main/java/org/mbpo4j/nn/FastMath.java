package org.mbpo4j.nn;

/**
 * A float32 {@code exp} for the element-wise kernels. {@link Math#exp} works in double and
 * costs about 10 ns per call; a SiLU over a 7-member ensemble evaluates it millions of times per
 * training step. This one reduces {@code x = n ln2 + r} (|r| <= ln2/2, Cody-Waite split of ln2),
 * evaluates a degree-6 Taylor polynomial for {@code e^r} (truncation error below 1.3e-7
 * relative), and scales by {@code 2^n} through the exponent bits: within 3 ulp of the float
 * result over the whole float range, and branch-free.
 */
public final class FastMath {
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693145751953125f;
    private static final float LN2_LO = 1.428606765330187045e-06f;
    private static final float ROUND = 12582912f; // 1.5 * 2^23: adding it rounds to an integer
    private static final float MAX = 88.0f; // keeps n <= 127, so 2^n stays a normal float
    private static final float MIN = -87.3365478515625f;

    private FastMath() {
    }

    /** {@code e^x} in float; inputs beyond the float range are clamped (0 below about -87.3, e^88 = 1.7e38 above 88). */
    public static float exp(float x) {
        x = Math.min(Math.max(x, MIN), MAX);
        float t = x * LOG2E + ROUND;
        int n = Float.floatToRawIntBits(t) - 0x4B400000;
        float nf = t - ROUND;
        float r = x - nf * LN2_HI - nf * LN2_LO;
        float p = 1f + r * (1f + r * (0.5f + r * (1f / 6 + r * (1f / 24 + r * (1f / 120 + r * (1f / 720))))));
        return p * Float.intBitsToFloat((n + 127) << 23);
    }

    /**
     * The first half of {@link #exp(float)} of {@code -x[i]} for {@code n} values, written as a
     * loop the JIT vectorises: the polynomial part into {@code p}, the rounded exponent (as the
     * float {@code n + 1.5 * 2^23}) into {@code t}. {@link #scaleParts} finishes it.
     */
    static void expParts(float[] x, float[] p, float[] t, int n) {
        for (int i = 0; i < n; i++) {
            float v = Math.min(Math.max(-x[i], MIN), MAX);
            float ti = v * LOG2E + ROUND;
            float nf = ti - ROUND;
            float r = v - nf * LN2_HI - nf * LN2_LO;
            p[i] = 1f + r * (1f + r * (0.5f + r * (1f / 6 + r * (1f / 24 + r * (1f / 120 + r * (1f / 720))))));
            t[i] = ti;
        }
    }

    /** {@code p[i] *= 2^n} with the exponents {@link #expParts} left in {@code t}: {@code p} becomes {@code e^-x}. */
    static void scaleParts(float[] p, float[] t, int n) {
        for (int i = 0; i < n; i++) {
            p[i] = p[i] * Float.intBitsToFloat((Float.floatToRawIntBits(t[i]) - 0x4B400000 + 127) << 23);
        }
    }

    /** The logistic sigmoid {@code 1 / (1 + e^-x)} with {@link #exp(float)}. */
    public static float sigmoid(float x) {
        return 1f / (1f + exp(-x));
    }
}

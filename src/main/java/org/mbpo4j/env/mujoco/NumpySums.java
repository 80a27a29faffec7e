package org.mbpo4j.env.mujoco;

/**
 * Sums in NumPy's order, so that Gymnasium's rewards are reproduced to the last bit. NumPy's
 * {@code np.sum} of a contiguous array adds pairwise: fewer than 8 values in sequence; up to 128
 * in eight interleaved partial sums combined as {@code ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7))},
 * then the rest in sequence; longer arrays split in halves (a multiple of 8 on the left).
 *
 * <p>Gymnasium's control costs square a float32 action, so under NumPy 2 they are float32
 * throughout: float32 squares, a float32 sum, the weight cast to float32 and the product
 * rounded to float32 ({@link #controlCost32}). Humanoid squares {@code data.ctrl}, a float64
 * array, and its sums are double ({@link #sumOfSquares}).
 */
final class NumpySums {
    private NumpySums() {
    }

    /** NumPy's float64 {@code np.sum} of {@code v[off..off+n)}. */
    static double sum(double[] v, int off, int n) {
        if (n < 8) {
            double res = 0.;
            for (int i = 0; i < n; i++) {
                res += v[off + i];
            }
            return res;
        }
        if (n <= 128) {
            double r0 = v[off], r1 = v[off + 1], r2 = v[off + 2], r3 = v[off + 3];
            double r4 = v[off + 4], r5 = v[off + 5], r6 = v[off + 6], r7 = v[off + 7];
            int i;
            for (i = 8; i < n - (n % 8); i += 8) {
                r0 += v[off + i];
                r1 += v[off + i + 1];
                r2 += v[off + i + 2];
                r3 += v[off + i + 3];
                r4 += v[off + i + 4];
                r5 += v[off + i + 5];
                r6 += v[off + i + 6];
                r7 += v[off + i + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += v[off + i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return sum(v, off, n2) + sum(v, off + n2, n - n2);
    }

    /** NumPy's float32 {@code np.sum} of {@code v[off..off+n)}. */
    static float sum(float[] v, int off, int n) {
        if (n < 8) {
            float res = 0f;
            for (int i = 0; i < n; i++) {
                res += v[off + i];
            }
            return res;
        }
        if (n <= 128) {
            float r0 = v[off], r1 = v[off + 1], r2 = v[off + 2], r3 = v[off + 3];
            float r4 = v[off + 4], r5 = v[off + 5], r6 = v[off + 6], r7 = v[off + 7];
            int i;
            for (i = 8; i < n - (n % 8); i += 8) {
                r0 += v[off + i];
                r1 += v[off + i + 1];
                r2 += v[off + i + 2];
                r3 += v[off + i + 3];
                r4 += v[off + i + 4];
                r5 += v[off + i + 5];
                r6 += v[off + i + 6];
                r7 += v[off + i + 7];
            }
            float res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += v[off + i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return sum(v, off, n2) + sum(v, off + n2, n - n2);
    }

    /**
     * {@code np.sum(np.square(a))} of a float32 action row held as doubles (widened float32
     * values): float32 squares and sum.
     */
    static float sumOfSquares32(double[] a, int off, int n, float[] scratch) {
        for (int i = 0; i < n; i++) {
            float x = (float) a[off + i];
            scratch[i] = x * x;
        }
        return sum(scratch, 0, n);
    }

    /**
     * Gymnasium's {@code weight * np.sum(np.square(action))} for a float32 action: the float32
     * sum times the weight cast to float32, rounded to float32, widened.
     */
    static double controlCost32(double weight, double[] a, int off, int n, float[] scratch) {
        float s = sumOfSquares32(a, off, n, scratch);
        return (double) ((float) weight * s);
    }

    /**
     * {@code np.linalg.norm(v)} of a short float64 vector: the square root of {@code v.dot(v)},
     * which OpenBLAS's {@code ddot} computes for a few values as a chain of fused multiply-adds.
     */
    static double norm(double... v) {
        double acc = 0;
        for (double x : v) {
            acc = Math.fma(x, x, acc);
        }
        return Math.sqrt(acc);
    }

    /** {@code np.sum(np.square(v))} of float64 values. */
    static double sumOfSquares(double[] v, int off, int n, double[] scratch) {
        for (int i = 0; i < n; i++) {
            double x = v[off + i];
            scratch[i] = x * x;
        }
        return sum(scratch, 0, n);
    }
}

package org.mbpo4j.mpc;

/** Indices of the largest values, for picking elites and best candidates without allocating. */
final class TopK {
    private TopK() {
    }

    /** NaN ranks below every number (a candidate whose score is unknown is the worst). */
    static double rankValue(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    /**
     * Writes into {@code out[0..k)} the indices of the {@code k} largest of {@code values[0..n)},
     * largest first; equal values keep index order, and NaN ranks last.
     */
    static void indices(double[] values, int n, int k, int[] out) {
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("need 1 <= k <= n, got k " + k + ", n " + n);
        }
        int filled = 0;
        for (int i = 0; i < n; i++) {
            double v = rankValue(values[i]);
            if (filled == k && !(v > rankValue(values[out[k - 1]]))) {
                continue;
            }
            int pos = filled < k ? filled++ : k - 1;
            while (pos > 0 && v > rankValue(values[out[pos - 1]])) {
                out[pos] = out[pos - 1];
                pos--;
            }
            out[pos] = i;
        }
    }

    /** The index of the largest of {@code values[0..n)}: the first one on ties, NaN last. */
    static int argmax(double[] values, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (rankValue(values[i]) > rankValue(values[best])) {
                best = i;
            }
        }
        return best;
    }
}

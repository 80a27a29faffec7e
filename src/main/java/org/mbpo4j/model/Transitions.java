package org.mbpo4j.model;

import org.mbpo4j.buffer.Batch;
import org.mbpo4j.buffer.ReplayBuffer;

/**
 * {@code n} real transitions, row-major ({@code obs} row {@code i} is
 * {@code obs[i*obsDim .. (i+1)*obsDim)}), as a dynamics model trains on them. The arrays are
 * used as given, not copied.
 */
public record Transitions(float[] obs, float[] act, float[] reward, float[] nextObs, int n, int obsDim,
                          int actDim) {
    /** Checks that every array holds {@code n} rows of its width. */
    public Transitions {
        if (n < 0 || obsDim < 1 || actDim < 1) {
            throw new IllegalArgumentException("bad transition shape: " + n + " rows, obs " + obsDim + ", action "
                    + actDim);
        }
        check("obs", obs, (long) n * obsDim);
        check("act", act, (long) n * actDim);
        check("reward", reward, n);
        check("nextObs", nextObs, (long) n * obsDim);
    }

    private static void check(String name, float[] a, long need) {
        if (a == null || a.length < need) {
            throw new IllegalArgumentException(name + " must hold " + need + " values, got "
                    + (a == null ? "null" : a.length));
        }
    }

    /** Every row of {@code buffer}, copied out (order of the ring, which training shuffles anyway). */
    public static Transitions of(ReplayBuffer buffer) {
        int n = buffer.size();
        if (n == 0) {
            return new Transitions(new float[0], new float[0], new float[0], new float[0], 0, buffer.obsDim(),
                    buffer.actDim());
        }
        Batch b = Batch.allocate(n, buffer.obsDim(), buffer.actDim());
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        buffer.gather(all, 0, b);
        return new Transitions(b.obs(), b.action(), b.reward(), b.nextObs(), n, buffer.obsDim(), buffer.actDim());
    }

    /** Whether every value of row {@code i} is finite. */
    public boolean finiteRow(int i) {
        if (!Float.isFinite(reward[i])) {
            return false;
        }
        for (int j = i * obsDim; j < (i + 1) * obsDim; j++) {
            if (!Float.isFinite(obs[j]) || !Float.isFinite(nextObs[j])) {
                return false;
            }
        }
        for (int j = i * actDim; j < (i + 1) * actDim; j++) {
            if (!Float.isFinite(act[j])) {
                return false;
            }
        }
        return true;
    }
}

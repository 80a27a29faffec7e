package org.mbpo4j.buffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Test rows whose every value is derived from a row id, and whole-buffer comparisons. */
final class Rows {
    static final int OBS = 3;
    static final int ACT = 2;

    private Rows() {
    }

    static float[] obs(int id) {
        float[] o = new float[OBS];
        for (int j = 0; j < OBS; j++) {
            o[j] = id + 0.25f * j;
        }
        return o;
    }

    static float[] act(int id) {
        float[] a = new float[ACT];
        for (int j = 0; j < ACT; j++) {
            a[j] = -id - 0.5f * j;
        }
        return a;
    }

    static float[] nextObs(int id) {
        float[] o = obs(id);
        for (int j = 0; j < OBS; j++) {
            o[j] += 1000;
        }
        return o;
    }

    static boolean terminated(int id) {
        return id % 3 == 0;
    }

    static boolean truncated(int id) {
        return id % 5 == 0;
    }

    static void add(ReplayBuffer buf, int id) {
        buf.add(obs(id), act(id), id, nextObs(id), terminated(id), truncated(id));
    }

    /** Every stored row, oldest first, as one batch. */
    static Batch dump(ReplayBuffer buf) {
        Batch b = Batch.allocate(buf.size(), buf.obsDim(), buf.actDim());
        int[] idx = new int[buf.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        buf.gather(idx, 0, b);
        return b;
    }

    /** The row ids stored, oldest first (the reward column holds the id). */
    static int[] ids(ReplayBuffer buf) {
        if (buf.size() == 0) {
            return new int[0];
        }
        float[] r = dump(buf).reward();
        int[] ids = new int[r.length];
        for (int i = 0; i < r.length; i++) {
            ids[i] = (int) r[i];
        }
        return ids;
    }

    /** Asserts that batch row {@code b} is exactly row {@code id}. */
    static void assertRow(Batch batch, int b, int id) {
        assertArrayEquals(obs(id), slice(batch.obs(), b, OBS), "obs of row " + id);
        assertArrayEquals(act(id), slice(batch.action(), b, ACT), "action of row " + id);
        assertEquals(id, batch.reward()[b], "reward of row " + id);
        assertArrayEquals(nextObs(id), slice(batch.nextObs(), b, OBS), "nextObs of row " + id);
        assertEquals(terminated(id) ? 1f : 0f, batch.done()[b], "done of row " + id);
        assertEquals(truncated(id), batch.truncated()[b], "truncated of row " + id);
    }

    static float[] slice(float[] a, int row, int width) {
        float[] s = new float[width];
        System.arraycopy(a, row * width, s, 0, width);
        return s;
    }

    /** Same dims, capacity, size and rows in the same order. */
    static void assertSameContents(ReplayBuffer expected, ReplayBuffer actual) {
        assertEquals(expected.obsDim(), actual.obsDim());
        assertEquals(expected.actDim(), actual.actDim());
        assertEquals(expected.capacity(), actual.capacity());
        assertEquals(expected.size(), actual.size());
        if (expected.size() == 0) {
            return;
        }
        Batch e = dump(expected);
        Batch a = dump(actual);
        assertArrayEquals(e.obs(), a.obs());
        assertArrayEquals(e.action(), a.action());
        assertArrayEquals(e.reward(), a.reward());
        assertArrayEquals(e.nextObs(), a.nextObs());
        assertArrayEquals(e.done(), a.done());
        assertArrayEquals(e.truncated(), a.truncated());
    }
}

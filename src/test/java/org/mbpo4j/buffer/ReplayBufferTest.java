package org.mbpo4j.buffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReplayBufferTest {

    private static ReplayBuffer filled(int capacity, int from, int to) {
        ReplayBuffer buf = new ReplayBuffer(capacity, Rows.OBS, Rows.ACT);
        for (int id = from; id < to; id++) {
            Rows.add(buf, id);
        }
        return buf;
    }

    @Test
    void reportsDimsAndSize() {
        ReplayBuffer buf = new ReplayBuffer(5, Rows.OBS, Rows.ACT);
        assertEquals(5, buf.capacity());
        assertEquals(Rows.OBS, buf.obsDim());
        assertEquals(Rows.ACT, buf.actDim());
        assertEquals(0, buf.size());
        assertTrue(buf.isEmpty());
        Rows.add(buf, 1);
        assertEquals(1, buf.size());
    }

    @Test
    void ringOverwritesTheOldestRowsInOrder() {
        ReplayBuffer buf = filled(4, 0, 3);
        assertArrayEquals(new int[] {0, 1, 2}, Rows.ids(buf));
        Rows.add(buf, 3);
        assertArrayEquals(new int[] {0, 1, 2, 3}, Rows.ids(buf));
        Rows.add(buf, 4);
        Rows.add(buf, 5);
        assertEquals(4, buf.size());
        assertArrayEquals(new int[] {2, 3, 4, 5}, Rows.ids(buf));
        for (int id = 6; id < 11; id++) {
            Rows.add(buf, id);
        }
        assertArrayEquals(new int[] {7, 8, 9, 10}, Rows.ids(buf));
        Batch all = Rows.dump(buf);
        for (int i = 0; i < 4; i++) {
            Rows.assertRow(all, i, 7 + i);
        }
    }

    @Test
    void clearEmptiesButKeepsCapacity() {
        ReplayBuffer buf = filled(4, 0, 6);
        buf.clear();
        assertEquals(0, buf.size());
        assertEquals(4, buf.capacity());
        Rows.add(buf, 9);
        assertArrayEquals(new int[] {9}, Rows.ids(buf));
    }

    @Test
    void rejectsBadRowsWithMessagesAndLeavesTheBufferUnchanged() {
        ReplayBuffer buf = filled(4, 0, 3);
        ReplayBuffer before = filled(4, 0, 3);
        float[] o = Rows.obs(9);
        float[] a = Rows.act(9);
        float[] n = Rows.nextObs(9);

        assertMessage(() -> buf.add(new float[2], a, 1, n, false, false), "obs has length 2", "obsDim = 3");
        assertMessage(() -> buf.add(o, new float[3], 1, n, false, false), "action has length 3", "actDim = 2");
        assertMessage(() -> buf.add(o, a, 1, new float[4], false, false), "nextObs has length 4");
        float[] badObs = o.clone();
        badObs[1] = Float.NaN;
        assertMessage(() -> buf.add(badObs, a, 1, n, false, false), "obs[1]", "NaN");
        float[] badAct = a.clone();
        badAct[0] = Float.POSITIVE_INFINITY;
        assertMessage(() -> buf.add(o, badAct, 1, n, false, false), "action[0]", "Infinity");
        float[] badNext = n.clone();
        badNext[2] = Float.NEGATIVE_INFINITY;
        assertMessage(() -> buf.add(o, a, 1, badNext, false, false), "nextObs[2]", "-Infinity");
        assertMessage(() -> buf.add(o, a, Double.NaN, n, false, false), "reward", "NaN");
        assertMessage(() -> buf.add(o, a, 1e300, n, false, false), "reward", "1.0E300");
        assertThrows(NullPointerException.class, () -> buf.add(null, a, 1, n, false, false));

        Rows.assertSameContents(before, buf);
        Rows.add(buf, 3);
        Rows.add(before, 3);
        Rows.assertSameContents(before, buf); // the write position did not move either
    }

    @Test
    void rejectsBadBulkRowsNamingColumnRowAndValueAndWritesNothing() {
        ReplayBuffer buf = filled(4, 0, 2);
        ReplayBuffer before = filled(4, 0, 2);
        int n = 3;
        float[] obs = new float[n * Rows.OBS];
        float[] act = new float[n * Rows.ACT];
        float[] rew = new float[n];
        float[] next = new float[n * Rows.OBS];
        boolean[] term = new boolean[n];

        assertMessage(() -> buf.addBatch(new float[8], act, rew, next, term, n), "obs has length 8", "needs 9");
        assertMessage(() -> buf.addBatch(obs, act, new float[2], next, term, n), "rew has length 2");
        assertMessage(() -> buf.addBatch(obs, act, rew, next, new boolean[1], n), "terminated has length 1");
        assertMessage(() -> buf.addBatch(obs, act, rew, next, term, -1), "n must be >= 0");
        float[] badNext = next.clone();
        badNext[7] = Float.NaN; // row 2, element 1
        assertMessage(() -> buf.addBatch(obs, act, rew, badNext, term, n), "nextObs[7]", "row 2", "element 1",
                "NaN");
        float[] badRew = rew.clone();
        badRew[1] = Float.POSITIVE_INFINITY;
        assertMessage(() -> buf.addBatch(obs, act, badRew, next, term, n), "rew[1]", "Infinity");

        Rows.assertSameContents(before, buf);
        // Values past the n rows are not read, so they may be anything.
        float[] longObs = new float[(n + 1) * Rows.OBS];
        longObs[longObs.length - 1] = Float.NaN;
        buf.addBatch(longObs, act, rew, next, term, n);
        assertEquals(4, buf.size());
    }

    @Test
    void bulkAddWithWrapAroundEqualsRowByRowAdd() {
        for (int prefill : new int[] {0, 3, 7, 12}) {
            for (int n : new int[] {0, 1, 4, 7, 8, 11, 20}) {
                ReplayBuffer rowByRow = filled(8, 100, 100 + prefill);
                ReplayBuffer bulk = filled(8, 100, 100 + prefill);
                for (int id = 0; id < n; id++) {
                    Rows.add(rowByRow, id);
                }
                float[] obs = new float[n * Rows.OBS];
                float[] act = new float[n * Rows.ACT];
                float[] rew = new float[n];
                float[] next = new float[n * Rows.OBS];
                boolean[] term = new boolean[n];
                boolean[] trunc = new boolean[n];
                for (int id = 0; id < n; id++) {
                    System.arraycopy(Rows.obs(id), 0, obs, id * Rows.OBS, Rows.OBS);
                    System.arraycopy(Rows.act(id), 0, act, id * Rows.ACT, Rows.ACT);
                    rew[id] = id;
                    System.arraycopy(Rows.nextObs(id), 0, next, id * Rows.OBS, Rows.OBS);
                    term[id] = Rows.terminated(id);
                    trunc[id] = Rows.truncated(id);
                }
                bulk.addBatch(obs, act, rew, next, term, trunc, n);
                Rows.assertSameContents(rowByRow, bulk);
                // One more row lands in the same slot in both.
                Rows.add(rowByRow, 999);
                Rows.add(bulk, 999);
                Rows.assertSameContents(rowByRow, bulk);
            }
        }
    }

    @Test
    void bulkAddWithoutTruncationFlagsMarksNoRowTruncated() {
        ReplayBuffer buf = filled(4, 5, 9); // row 5 is truncated, row 6 terminated
        buf.addBatch(new float[2 * Rows.OBS], new float[2 * Rows.ACT], new float[2], new float[2 * Rows.OBS],
                new boolean[] {true, false}, 2); // overwrites rows 5 and 6
        Batch all = Rows.dump(buf);
        assertArrayEquals(new boolean[] {false, false, false, false}, all.truncated());
        assertArrayEquals(new float[] {0, 0, 1, 0}, all.done());
    }

    @Test
    void resizeKeepsTheNewestRowsInOrder() {
        // Wrapped ring: capacity 5 holding 3..9 -> 5..9.
        ReplayBuffer buf = filled(5, 0, 10);
        buf.resize(8);
        assertEquals(8, buf.capacity());
        assertArrayEquals(new int[] {5, 6, 7, 8, 9}, Rows.ids(buf));
        Rows.add(buf, 10);
        Rows.add(buf, 11);
        Rows.add(buf, 12);
        Rows.add(buf, 13);
        assertArrayEquals(new int[] {6, 7, 8, 9, 10, 11, 12, 13}, Rows.ids(buf));

        buf.resize(3);
        assertArrayEquals(new int[] {11, 12, 13}, Rows.ids(buf));
        Rows.add(buf, 14);
        assertArrayEquals(new int[] {12, 13, 14}, Rows.ids(buf));
        Batch all = Rows.dump(buf);
        for (int i = 0; i < 3; i++) {
            Rows.assertRow(all, i, 12 + i);
        }

        ReplayBuffer partial = filled(10, 0, 4);
        partial.resize(2);
        assertArrayEquals(new int[] {2, 3}, Rows.ids(partial));
        ReplayBuffer same = filled(4, 0, 6);
        same.resize(4);
        assertArrayEquals(new int[] {2, 3, 4, 5}, Rows.ids(same));
        assertThrows(IllegalArgumentException.class, () -> same.resize(0));
    }

    @Test
    void constructorAndGatherRejectBadArguments() {
        assertMessage(() -> new ReplayBuffer(0, 3, 1), "capacity must be at least 1");
        assertMessage(() -> new ReplayBuffer(4, 0, 1), "obsDim must be at least 1");
        assertMessage(() -> new ReplayBuffer(Integer.MAX_VALUE / 2, 4, 1), "exceeds the largest Java array");
        ReplayBuffer buf = filled(4, 0, 2);
        assertThrows(IndexOutOfBoundsException.class,
                () -> buf.gather(new int[] {2}, 0, Batch.allocate(1, Rows.OBS, Rows.ACT)));
        assertMessage(() -> buf.gather(new int[] {0}, 0, Batch.allocate(1, Rows.OBS + 1, Rows.ACT)),
                "batch has obsDim=4");
    }

    @Test
    void discreteActionsAreStoredAsTheIndex() {
        ReplayBuffer buf = new ReplayBuffer(3, 2, 1);
        buf.add(new float[] {0, 1}, new float[] {2}, 1, new float[] {1, 1}, false, false);
        Batch b = Rows.dump(buf);
        assertEquals(2, (int) b.action()[0]);
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message \"" + e.getMessage() + "\" lacks \"" + part + "\"");
        }
    }
}

package org.mbpo4j.buffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.mbpo4j.random.Rng;

class SamplingTest {

    private static ReplayBuffer filled(int capacity, int from, int to) {
        ReplayBuffer buf = new ReplayBuffer(capacity, Rows.OBS, Rows.ACT);
        for (int id = from; id < to; id++) {
            Rows.add(buf, id);
        }
        return buf;
    }

    /** Chi-square statistic of row-id counts over {@code draws} samples against uniform. */
    private static double chiSquare(ReplayBuffer buf, int firstId, int rows, Rng rng) {
        Batch batch = Batch.allocate(1000, Rows.OBS, Rows.ACT);
        long[] counts = new long[rows];
        int draws = 0;
        for (int k = 0; k < 100; k++) {
            buf.sample(batch, rng);
            for (float r : batch.reward()) {
                int id = (int) r - firstId;
                assertTrue(id >= 0 && id < rows, "sampled a row that is not stored: " + r);
                counts[id]++;
                draws++;
            }
        }
        double expected = (double) draws / rows;
        double chi2 = 0;
        for (long c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        return chi2;
    }

    @Test
    void samplingIsUniformOverStoredRows() {
        // 9 degrees of freedom: P(chi2 > 27.9) = 0.001.
        assertTrue(chiSquare(filled(10, 0, 10), 0, 10, new Rng(1)) < 27.9, "full buffer");
        assertTrue(chiSquare(filled(10, 0, 27), 17, 10, new Rng(2)) < 27.9, "wrapped ring");
        assertTrue(chiSquare(filled(64, 0, 10), 0, 10, new Rng(3)) < 27.9, "partly filled buffer");
    }

    @Test
    void sampledRowsAreWholeRows() {
        ReplayBuffer buf = filled(6, 0, 15);
        Batch batch = Batch.allocate(64, Rows.OBS, Rows.ACT);
        buf.sample(batch, new Rng(5));
        for (int b = 0; b < 64; b++) {
            Rows.assertRow(batch, b, (int) batch.reward()[b]);
        }
    }

    @Test
    void sameSeedGivesTheSameBatch() {
        ReplayBuffer buf = filled(50, 0, 80);
        Batch a = Batch.allocate(32, Rows.OBS, Rows.ACT);
        Batch b = Batch.allocate(32, Rows.OBS, Rows.ACT);
        buf.sample(a, new Rng(42));
        buf.sample(b, new Rng(42));
        assertArrayEquals(a.obs(), b.obs());
        assertArrayEquals(a.action(), b.action());
        assertArrayEquals(a.reward(), b.reward());
        assertArrayEquals(a.nextObs(), b.nextObs());
        assertArrayEquals(a.done(), b.done());
        assertArrayEquals(a.truncated(), b.truncated());
        buf.sample(b, new Rng(43));
        assertNotEquals(Arrays.toString(a.reward()), Arrays.toString(b.reward()));
    }

    @Test
    void doneIsOneOnlyForTerminatedRows() {
        ReplayBuffer buf = new ReplayBuffer(4, 1, 1);
        float[] x = {0};
        buf.add(x, x, 0, x, false, false); // continues
        buf.add(x, x, 1, x, true, false); // terminated
        buf.add(x, x, 2, x, false, true); // truncated: still bootstrapped
        buf.add(x, x, 3, x, true, true); // both
        Batch batch = Batch.allocate(400, 1, 1);
        buf.sample(batch, new Rng(9));
        int[] seen = new int[4];
        for (int b = 0; b < 400; b++) {
            int id = (int) batch.reward()[b];
            seen[id]++;
            assertEquals(id == 1 || id == 3 ? 1f : 0f, batch.done()[b], "done of row " + id);
            assertEquals(id == 2 || id == 3, batch.truncated()[b], "truncated of row " + id);
        }
        for (int c : seen) {
            assertTrue(c > 0);
        }
    }

    @Test
    void emptyBufferCannotBeSampled() {
        ReplayBuffer empty = new ReplayBuffer(8, Rows.OBS, Rows.ACT);
        Batch batch = Batch.allocate(4, Rows.OBS, Rows.ACT);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> empty.sample(batch, new Rng(1)));
        assertTrue(e.getMessage().contains("empty replay buffer"), e.getMessage());
        ReplayBufferTest.assertMessage(() -> filled(4, 0, 2).sample(Batch.allocate(4, Rows.OBS, 1), new Rng(1)),
                "actDim=1", "actDim=2");
    }

    @Test
    void mixedSamplingTakesTheRoundedFractionFromEachBuffer() {
        ReplayBuffer real = filled(100, 0, 10); // ids 0..9
        ReplayBuffer model = filled(100, 500, 540); // ids 500..539
        Batch batch = Batch.allocate(256, Rows.OBS, Rows.ACT);
        real.sampleMixed(batch, model, 0.05, new Rng(4));
        int k = (int) Math.round(0.05 * 256); // 13
        for (int b = 0; b < 256; b++) {
            int id = (int) batch.reward()[b];
            assertEquals(b < k, id < 10, "row " + b + " holds id " + id);
            Rows.assertRow(batch, b, id);
        }
        real.sampleMixed(batch, model, 1.0, new Rng(4));
        for (float r : batch.reward()) {
            assertTrue(r < 10);
        }
        real.sampleMixed(batch, model, 0.0, new Rng(4));
        for (float r : batch.reward()) {
            assertTrue(r >= 500);
        }
        // Deterministic for a seed.
        Batch again = Batch.allocate(256, Rows.OBS, Rows.ACT);
        real.sampleMixed(batch, model, 0.5, new Rng(8));
        real.sampleMixed(again, model, 0.5, new Rng(8));
        assertArrayEquals(batch.obs(), again.obs());
    }

    @Test
    void mixedSamplingRejectsMismatchedDimsBadFractionsAndEmptySources() {
        ReplayBuffer real = filled(10, 0, 5);
        ReplayBuffer wide = new ReplayBuffer(10, Rows.OBS + 1, Rows.ACT);
        Batch batch = Batch.allocate(8, Rows.OBS, Rows.ACT);
        ReplayBufferTest.assertMessage(() -> real.sampleMixed(batch, wide, 0.5, new Rng(1)),
                "this buffer has obsDim=3, actDim=2", "the other has obsDim=4, actDim=2");
        ReplayBuffer empty = new ReplayBuffer(10, Rows.OBS, Rows.ACT);
        ReplayBufferTest.assertMessage(() -> real.sampleMixed(batch, empty, 1.5, new Rng(1)), "[0, 1]", "1.5");
        ReplayBufferTest.assertMessage(() -> real.sampleMixed(batch, empty, Double.NaN, new Rng(1)), "NaN");
        real.sampleMixed(batch, empty, 1.0, new Rng(1)); // the empty one supplies nothing: fine
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> real.sampleMixed(batch, empty, 0.5, new Rng(1)));
        assertTrue(e.getMessage().contains("empty") && e.getMessage().contains("other buffer"), e.getMessage());
    }

    @Test
    void samplingAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        ReplayBuffer real = filled(5000, 0, 7000);
        ReplayBuffer model = filled(5000, 0, 3000);
        Batch batch = Batch.allocate(256, Rows.OBS, Rows.ACT);
        Rng rng = new Rng(3);
        for (int i = 0; i < 20_000; i++) { // warm-up: let the JIT compile the loop
            real.sample(batch, rng);
            real.sampleMixed(batch, model, 0.05, rng);
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 1000; i++) {
            real.sample(batch, rng);
        }
        long afterSample = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 1000; i++) {
            real.sampleMixed(batch, model, 0.05, rng);
        }
        long afterMixed = threads.getThreadAllocatedBytes(thread);
        assertTrue(afterSample - before < 64 * 1024, "1000 samples allocated " + (afterSample - before) + " bytes");
        assertTrue(afterMixed - afterSample < 64 * 1024,
                "1000 mixed samples allocated " + (afterMixed - afterSample) + " bytes");
    }
}

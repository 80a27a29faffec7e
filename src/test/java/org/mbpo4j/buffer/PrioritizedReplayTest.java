package org.mbpo4j.buffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mbpo4j.random.Rng;

/** Proportional prioritized replay: distribution, weights, priority updates, ring wrap, files. */
class PrioritizedReplayTest {
    static final double EPS = 1e-6;

    @TempDir
    Path dir;

    /** Rows with ids [from, to), whose reward is the id (so a sampled row names itself). */
    static PrioritizedReplay filled(int capacity, int from, int to, double alpha) {
        PrioritizedReplay per = new PrioritizedReplay(capacity, Rows.OBS, Rows.ACT, alpha, EPS);
        for (int id = from; id < to; id++) {
            per.add(Rows.obs(id), Rows.act(id), id, Rows.nextObs(id), Rows.terminated(id), Rows.truncated(id));
        }
        return per;
    }

    static int[] slots(int n) {
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = i;
        }
        return s;
    }

    /**
     * Priorities set from errors whose (|e| + eps)^0.5 are 1, 2, 3, 4 (up to eps): P = .1, .2,
     * .3, .4, N = 4, so with beta = 0.5 the weights (N P)^-0.5 / max are, by hand,
     * 1, 1/sqrt 2, 1/sqrt 3 and 1/2; they are also computed here from the definition, with N and
     * the maximum over the buffer.
     */
    @Test
    void importanceWeightsOnAHandComputedCase() {
        PrioritizedReplay per = filled(4, 0, 4, 0.5);
        float[] errors = {1, 4, -9, 16};
        per.updatePriorities(slots(4), errors, 4);
        double[] p = new double[4];
        for (int i = 0; i < 4; i++) {
            p[i] = per.priorityOf(i);
            assertEquals(Math.sqrt(Math.abs(errors[i]) + EPS), p[i], 1e-15);
        }
        assertEquals(10.0, per.totalPriority(), 1e-5);
        double[] byHand = {1, 1 / Math.sqrt(2), 1 / Math.sqrt(3), 0.5};
        double[] definition = new double[4];
        double maxW = 0;
        for (int i = 0; i < 4; i++) {
            definition[i] = Math.pow(4 * p[i] / per.totalPriority(), -0.5);
            maxW = Math.max(maxW, definition[i]);
        }
        Batch batch = Batch.allocate(64, Rows.OBS, Rows.ACT);
        int[] drawn = new int[64];
        float[] w = new float[64];
        per.sample(batch, drawn, w, 0.5, new Rng(1));
        boolean[] seen = new boolean[4];
        for (int b = 0; b < 64; b++) {
            int slot = drawn[b];
            seen[slot] = true;
            assertEquals(slot, (int) batch.reward()[b], "row " + b + " holds the row of its slot");
            assertEquals(byHand[slot], w[b], 1e-6, "weight of slot " + slot);
            assertEquals(definition[slot] / maxW, w[b], 1e-7, "weight of slot " + slot + " by the definition");
        }
        assertTrue(seen[0] && seen[1] && seen[2] && seen[3]);
        per.sample(batch, drawn, w, 0.0, new Rng(1));
        for (float v : w) {
            assertEquals(1f, v, "beta 0: no correction");
        }
        per.sample(batch, drawn, w, 1.0, new Rng(1));
        for (int b = 0; b < 64; b++) {
            assertEquals(p[0] / p[drawn[b]], w[b], 1e-7, "beta 1: weight = p_min / p");
        }
    }

    /**
     * 100,000 draws over 30 rows whose priorities come from errors: chi-square against
     * p_i / total with 29 degrees of freedom (critical value 58.3 at p = 0.001), and each
     * sampled row is the whole row stored in the slot reported.
     */
    @Test
    void rowsAreDrawnInProportionToTheirPriorities() {
        PrioritizedReplay per = filled(40, 0, 30, 0.6);
        Rng errors = new Rng(3);
        float[] err = new float[30];
        for (int i = 0; i < 30; i++) {
            err[i] = (float) (errors.nextGaussian() * 2);
        }
        per.updatePriorities(slots(30), err, 30);
        Batch batch = Batch.allocate(100, Rows.OBS, Rows.ACT);
        int[] drawn = new int[100];
        float[] w = new float[100];
        long[] count = new long[30];
        Rng rng = new Rng(4);
        for (int round = 0; round < 1000; round++) {
            per.sample(batch, drawn, w, 0.4, rng);
            for (int b = 0; b < 100; b++) {
                count[drawn[b]]++;
                assertEquals(drawn[b], (int) batch.reward()[b]);
                assertEquals(drawn[b] + 1000f, batch.nextObs()[b * Rows.OBS]);
                assertEquals(Rows.terminated(drawn[b]) ? 1f : 0f, batch.done()[b]);
                assertEquals(Rows.truncated(drawn[b]), batch.truncated()[b]);
            }
        }
        double total = per.totalPriority();
        double chi2 = 0;
        for (int i = 0; i < 30; i++) {
            double expected = 100_000 * per.priorityOf(i) / total;
            chi2 += (count[i] - expected) * (count[i] - expected) / expected;
        }
        assertTrue(chi2 < 58.3, "chi-square " + chi2 + " over 29 degrees of freedom");
    }

    @Test
    void aPriorityUpdateChangesHowOftenARowIsDrawn() {
        PrioritizedReplay per = filled(10, 0, 10, 1.0);
        per.updatePriorities(slots(10), new float[10], 10); // every row at eps
        per.updatePriorities(new int[] {7}, new float[] {1}, 1);
        assertEquals(1 + EPS, per.priorityOf(7), 1e-15);
        assertEquals(EPS, per.priorityOf(3), 1e-18);
        Batch batch = Batch.allocate(50, Rows.OBS, Rows.ACT);
        int[] drawn = new int[50];
        float[] w = new float[50];
        per.sample(batch, drawn, w, 1.0, new Rng(8));
        int sevens = 0;
        for (int b = 0; b < 50; b++) {
            sevens += drawn[b] == 7 ? 1 : 0;
        }
        assertTrue(sevens >= 48, "row 7 holds all but 9e-6 of the mass, drawn " + sevens + " of 50");
        for (int b = 0; b < 50; b++) {
            if (drawn[b] == 7) {
                assertEquals(EPS / (1 + EPS), w[b], 1e-12, "and its updates are scaled down accordingly");
            }
        }
    }

    @Test
    void newRowsGetTheLargestPrioritySoFar() {
        PrioritizedReplay per = filled(5, 0, 3, 0.6);
        assertEquals(1.0, per.maxPriority());
        assertEquals(3.0, per.totalPriority());
        per.updatePriorities(new int[] {0, 1, 2}, new float[] {0.1f, 50, 0.2f}, 3);
        double max = PrioritizedReplay.priority(50, 0.6, EPS);
        assertEquals(max, per.maxPriority());
        per.updatePriorities(new int[] {1}, new float[] {0}, 1);
        assertEquals(max, per.maxPriority(), "the running maximum never decreases");
        per.add(Rows.obs(3), Rows.act(3), 3, Rows.nextObs(3), false, false);
        assertEquals(max, per.priorityOf(3));
    }

    @Test
    void aRowAddedToTheBufferDirectlyIsDetected() {
        PrioritizedReplay per = filled(5, 0, 3, 0.6);
        Rows.add(per.buffer(), 3); // bypasses the priorities
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> per.sample(
                Batch.allocate(1, Rows.OBS, Rows.ACT), new int[1], new float[1], 0.5, new Rng(1)));
        assertTrue(e.getMessage().startsWith("the replay buffer was changed directly"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> per.add(Rows.obs(4), Rows.act(4), 4, Rows.nextObs(4), false,
                false));
    }

    @Test
    void overwrittenSlotsTakeTheNewRowsPriority() {
        PrioritizedReplay per = filled(5, 0, 5, 0.6);
        per.updatePriorities(slots(5), new float[] {0.1f, 0.2f, 9, 0.3f, 0.4f}, 5);
        double max = per.maxPriority();
        per.add(Rows.obs(5), Rows.act(5), 5, Rows.nextObs(5), false, false); // overwrites slot 0
        assertEquals(max, per.priorityOf(0));
        float[] o = new float[7 * Rows.OBS];
        float[] a = new float[7 * Rows.ACT];
        float[] r = new float[7];
        float[] n = new float[7 * Rows.OBS];
        boolean[] t = new boolean[7];
        per.addBatch(o, a, r, n, t, null, 2); // slots 1, 2
        per.updatePriorities(new int[] {1}, new float[] {0}, 1);
        per.addBatch(o, a, r, n, t, null, 7); // more than the capacity: all 5 slots, last 5 rows
        double sum = 0;
        for (int s = 0; s < 5; s++) {
            assertEquals(max, per.priorityOf(s), "slot " + s);
            sum += per.priorityOf(s);
        }
        assertEquals(sum, per.totalPriority(), 1e-12);
        assertEquals(5, per.size());
    }

    @Test
    void alphaZeroIsUniformWithUnitWeights() {
        PrioritizedReplay per = filled(8, 0, 8, 0.0);
        per.updatePriorities(slots(8), new float[] {0, 1, 2, 3, 100, 5, 6, 7}, 8);
        for (int s = 0; s < 8; s++) {
            assertEquals(1.0, per.priorityOf(s));
        }
        Batch batch = Batch.allocate(16, Rows.OBS, Rows.ACT);
        float[] w = new float[16];
        per.sample(batch, new int[16], w, 1.0, new Rng(2));
        for (float v : w) {
            assertEquals(1f, v);
        }
    }

    @Test
    void mixedSamplingPrioritizesOnlyThisBuffersRows() {
        PrioritizedReplay per = filled(20, 0, 20, 0.6);
        ReplayBuffer model = new ReplayBuffer(20, Rows.OBS, Rows.ACT);
        for (int id = 100; id < 120; id++) {
            Rows.add(model, id);
        }
        per.updatePriorities(slots(20), new float[20], 20);
        Batch batch = Batch.allocate(40, Rows.OBS, Rows.ACT);
        int[] drawn = new int[40];
        float[] w = new float[40];
        assertEquals(10, per.sampleMixed(batch, model, 0.25, drawn, w, 0.4, new Rng(6)));
        for (int b = 0; b < 40; b++) {
            if (b < 10) {
                assertTrue(batch.reward()[b] < 20 && drawn[b] == (int) batch.reward()[b]);
            } else {
                assertTrue(batch.reward()[b] >= 100);
                assertEquals(-1, drawn[b]);
                assertEquals(1f, w[b]);
            }
        }
        assertEquals(0, per.sampleMixed(batch, model, 0.0, drawn, w, 0.4, new Rng(6)));
        PrioritizedReplay empty = new PrioritizedReplay(4, Rows.OBS, Rows.ACT, 0.6, EPS);
        assertThrows(IllegalStateException.class, () -> empty.sampleMixed(batch, model, 0.5, drawn, w, 0.4, new Rng(1)));
        assertThrows(IllegalStateException.class, () -> per.sampleMixed(batch,
                new ReplayBuffer(3, Rows.OBS, Rows.ACT), 0.5, drawn, w, 0.4, new Rng(1)));
        assertThrows(IllegalArgumentException.class, () -> per.sampleMixed(batch, model, 1.5, drawn, w, 0.4,
                new Rng(1)));
    }

    @Test
    void badArgumentsNameTheirValues() {
        PrioritizedReplay per = filled(6, 0, 3, 0.6);
        assertEquals("errors[1] is NaN: a priority needs a finite error", assertThrows(IllegalArgumentException.class,
                () -> per.updatePriorities(new int[] {0, 1}, new float[] {1, Float.NaN}, 2)).getMessage());
        assertEquals("slots[0] = 4 holds no row: stored rows occupy slots [0, 3)",
                assertThrows(IllegalArgumentException.class,
                        () -> per.updatePriorities(new int[] {4}, new float[] {1}, 1)).getMessage());
        assertEquals("priority exponent alpha must be in [0, 1], got 1.5", assertThrows(IllegalArgumentException.class,
                () -> new PrioritizedReplay(4, 1, 1, 1.5, EPS)).getMessage());
        assertEquals("priority offset eps must be in (0, 1], got 0.0", assertThrows(IllegalArgumentException.class,
                () -> new PrioritizedReplay(4, 1, 1, 0.5, 0)).getMessage());
        Batch batch = Batch.allocate(4, Rows.OBS, Rows.ACT);
        assertEquals("beta must be in [0, 1], got 1.1", assertThrows(IllegalArgumentException.class,
                () -> per.sample(batch, new int[4], new float[4], 1.1, new Rng(1))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> per.sample(batch, new int[3], new float[4], 0.5, new Rng(1)));
        assertThrows(IllegalArgumentException.class, () -> per.sample(Batch.allocate(4, 2, 2), new int[4],
                new float[4], 0.5, new Rng(1)));
        PrioritizedReplay empty = new PrioritizedReplay(4, Rows.OBS, Rows.ACT, 0.6, EPS);
        assertThrows(IllegalStateException.class, () -> empty.sample(batch, new int[4], new float[4], 0.5, new Rng(1)));
    }

    @Test
    void betaIsAnnealedLinearlyToOne() {
        assertEquals(0.4, PrioritizedReplay.annealedBeta(0.4, 0, 1_000_000));
        assertEquals(0.4, PrioritizedReplay.annealedBeta(0.4, 100, 0));
        assertEquals(0.7, PrioritizedReplay.annealedBeta(0.4, 100, 50), 1e-15);
        assertEquals(1.0, PrioritizedReplay.annealedBeta(0.4, 100, 100));
        assertEquals(1.0, PrioritizedReplay.annealedBeta(0.4, 100, 1000));
        assertThrows(IllegalArgumentException.class, () -> PrioritizedReplay.annealedBeta(1.2, 10, 1));
    }

    @Test
    void resizeKeepsTheNewestRowsWithTheirPriorities() {
        PrioritizedReplay per = filled(6, 0, 9, 0.6); // ids 3..8 stored; slot of id k is k % 6
        float[] err = new float[6];
        for (int s = 0; s < 6; s++) {
            err[s] = s + 1;
        }
        per.updatePriorities(slots(6), err, 6);
        per.resize(4); // keeps ids 5..8, now in slots 0..3
        assertEquals(4, per.size());
        for (int i = 0; i < 4; i++) {
            int id = 5 + i;
            assertEquals(PrioritizedReplay.priority(id % 6 + 1, 0.6, EPS), per.priorityOf(i), "id " + id);
        }
        Batch batch = Batch.allocate(30, Rows.OBS, Rows.ACT);
        int[] drawn = new int[30];
        per.sample(batch, drawn, new float[30], 0.5, new Rng(3));
        for (int b = 0; b < 30; b++) {
            assertEquals(5 + drawn[b], (int) batch.reward()[b]);
        }
        per.resize(10);
        assertEquals(4, per.size());
        per.add(Rows.obs(9), Rows.act(9), 9, Rows.nextObs(9), false, false);
        assertEquals(per.maxPriority(), per.priorityOf(4));
    }

    @Test
    void savedPrioritiesRestoreSamplingExactly() {
        PrioritizedReplay per = filled(7, 0, 11, 0.6);
        Rng errors = new Rng(12);
        float[] err = new float[7];
        for (int i = 0; i < 7; i++) {
            err[i] = (float) errors.nextGaussian();
        }
        per.updatePriorities(slots(7), err, 7);
        Path bufFile = dir.resolve("replay.buf");
        Path priFile = dir.resolve("replay-priorities.bin");
        per.save(bufFile, priFile);
        PrioritizedReplay back = PrioritizedReplay.restore(ReplayBuffer.load(bufFile), priFile, 0.6, EPS);
        assertEquals(per.maxPriority(), back.maxPriority());
        assertEquals(per.totalPriority(), back.totalPriority());
        for (int s = 0; s < 7; s++) {
            assertEquals(per.priorityOf(s), back.priorityOf(s));
        }
        Batch a = Batch.allocate(32, Rows.OBS, Rows.ACT);
        Batch b = Batch.allocate(32, Rows.OBS, Rows.ACT);
        int[] sa = new int[32];
        int[] sb = new int[32];
        float[] wa = new float[32];
        float[] wb = new float[32];
        Rng ra = new Rng(77);
        Rng rb = new Rng(77);
        for (int round = 0; round < 5; round++) {
            per.sample(a, sa, wa, 0.5, ra);
            back.sample(b, sb, wb, 0.5, rb);
            assertArrayEquals(sa, sb);
            assertArrayEquals(wa, wb);
            assertArrayEquals(a.obs(), b.obs());
            per.updatePriorities(sa, wa, 32);
            back.updatePriorities(sb, wb, 32);
            per.add(Rows.obs(round), Rows.act(round), round, Rows.nextObs(round), false, false);
            back.add(Rows.obs(round), Rows.act(round), round, Rows.nextObs(round), false, false);
        }
    }

    @Test
    void priorityFilesThatDoNotFitAreRejectedNamingTheProblem() throws IOException {
        PrioritizedReplay per = filled(7, 0, 5, 0.6);
        Path bufFile = dir.resolve("replay.buf");
        Path priFile = dir.resolve("p.bin");
        per.save(bufFile, priFile);
        ReplayBuffer buf = ReplayBuffer.load(bufFile);
        String e = assertThrows(IllegalArgumentException.class,
                () -> PrioritizedReplay.restore(buf, priFile, 0.5, EPS)).getMessage();
        assertEquals("cannot load replay priorities from " + priFile + ": priorities were computed with alpha 0.6"
                + " and eps 1.0E-6, but this run uses alpha 0.5 and eps 1.0E-6", e);
        ReplayBuffer other = ReplayBuffer.load(bufFile);
        Rows.add(other, 99);
        e = assertThrows(IllegalArgumentException.class, () -> PrioritizedReplay.restore(other, priFile, 0.6, EPS))
                .getMessage();
        assertTrue(e.contains("belongs to a buffer of capacity 7, size 5, write position 5, but the replay buffer has"
                + " capacity 7, size 6, write position 6"), e);

        byte[] good = Files.readAllBytes(priFile);
        byte[] flipped = good.clone();
        flipped[good.length - 10] ^= 1;
        Files.write(priFile, flipped);
        e = assertThrows(IllegalArgumentException.class, () -> PrioritizedReplay.restore(buf, priFile, 0.6, EPS))
                .getMessage();
        assertTrue(e.contains("corrupt: CRC-32 mismatch"), e);
        Files.write(priFile, java.util.Arrays.copyOf(good, good.length - 3));
        e = assertThrows(IllegalArgumentException.class, () -> PrioritizedReplay.restore(buf, priFile, 0.6, EPS))
                .getMessage();
        assertTrue(e.contains("truncated"), e);
        Files.write(priFile, "MBPO4J-BUF and more bytes, more bytes, more bytes".getBytes());
        e = assertThrows(IllegalArgumentException.class, () -> PrioritizedReplay.restore(buf, priFile, 0.6, EPS))
                .getMessage();
        assertTrue(e.contains("wrong magic header"), e);
        // a priority of 0 would make a row undrawable: a valid CRC does not make it acceptable
        byte[] zero = good.clone();
        ByteBuffer bb = ByteBuffer.wrap(zero).order(ByteOrder.LITTLE_ENDIAN);
        bb.putDouble(PriorityFile.HEADER_BYTES + Double.BYTES, 0.0);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(zero, 0, zero.length - 4);
        bb.putInt(zero.length - 4, (int) crc.getValue());
        Files.write(priFile, zero);
        e = assertThrows(IllegalArgumentException.class, () -> PrioritizedReplay.restore(buf, priFile, 0.6, EPS))
                .getMessage();
        assertTrue(e.contains("priority of slot 1 is 0.0"), e);
    }

    @Test
    void samplingAndUpdatingAllocateNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        PrioritizedReplay per = filled(5000, 0, 7000, 0.6);
        Batch batch = Batch.allocate(256, Rows.OBS, Rows.ACT);
        int[] drawn = new int[256];
        float[] w = new float[256];
        Rng rng = new Rng(3);
        for (int i = 0; i < 3000; i++) {
            per.sample(batch, drawn, w, 0.5, rng);
            per.updatePriorities(drawn, w, 256);
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 500; i++) {
            per.sample(batch, drawn, w, 0.5, rng);
            per.updatePriorities(drawn, w, 256);
        }
        long after = threads.getThreadAllocatedBytes(thread);
        assertTrue(after - before < 64 * 1024, "500 samples and updates allocated " + (after - before) + " bytes");
    }
}

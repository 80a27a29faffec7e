package org.mbpo4j.bench;

import org.mbpo4j.sac.SacOptions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.random.Rng;

/** Each workload at a tiny size, on both kernel paths: it runs, and does what it says. */
class WorkloadsTest {
    /** 2 members, 5 -> 8 x4 -> 2 x 3, batch 16: rollout rows of 3 + 2 dims. */
    static final ModelTrainWorkload.Shape TINY = new ModelTrainWorkload.Shape(2, 5, 8, 4, 3, 16);

    static List<Kernels> kernels() {
        return List.of(Kernels.cpu(), Kernels.nd4j());
    }

    static SacUpdateWorkload tinySac(Kernels k, Rng rng) {
        SacOptions small = SacOptions.defaults().toBuilder().hidden(8, 8).batchSize(16).build();
        return new SacUpdateWorkload(3, 2, small, 100, k, rng);
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void modelTrainStepsTheNetworkAndTheBounds(Kernels k) {
        ModelTrainWorkload w = new ModelTrainWorkload(TINY, k, new Rng(1));
        float[] before = w.net().params().toArray();
        float max0 = w.head().maxLogVar()[0];
        Timing t = Timing.measure(w, 1, 3, () -> { });
        assertEquals(3, t.timesMs().length);
        assertTrue(Double.isFinite(w.lastLoss()), "loss " + w.lastLoss());
        assertFalse(java.util.Arrays.equals(before, w.net().params().toArray()), "the weights did not move");
        assertNotEquals(max0, w.head().maxLogVar()[0], "the bounds did not move");
    }

    @Test
    void modelTrainLowersTheLossOnBothKernelPathsAlike() {
        ModelTrainWorkload cpu = new ModelTrainWorkload(TINY, Kernels.cpu(), new Rng(2));
        ModelTrainWorkload nd4j = new ModelTrainWorkload(TINY, Kernels.nd4j(), new Rng(2));
        cpu.run();
        double first = cpu.lastLoss();
        for (int i = 0; i < 3 * ModelTrainWorkload.POOL; i++) {
            cpu.run();
        }
        nd4j.run();
        assertEquals(first, nd4j.lastLoss(), 1e-4 * Math.abs(first));
        // After three passes over the 16 batches the first batch's loss is lower.
        assertTrue(cpu.lastLoss() < first, cpu.lastLoss() + " vs " + first);
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void rolloutSamplesEveryRowAndIgnoresTheChunking(Kernels k) {
        ModelTrainWorkload model = new ModelTrainWorkload(TINY, k, new Rng(3));
        RolloutWorkload chunked = new RolloutWorkload(model.ensemble(), 3, 2, 50, 16, k, new Rng(4));
        RolloutWorkload whole = new RolloutWorkload(model.ensemble(), 3, 2, 50, 1000, k, new Rng(4));
        assertEquals(50, whole.chunk());
        Timing t = Timing.measure(chunked, 0, 3, () -> { });
        assertEquals(3, t.timesMs().length);
        for (int i = 0; i < 3; i++) {
            whole.run();
        }
        float[] a = chunked.predictions();
        float[] b = whole.predictions();
        assertEquals(50 * 3, a.length);
        for (float v : a) {
            assertTrue(Float.isFinite(v));
        }
        // Same rows, same random draws (members in row order, noise by member then row): only the
        // chunking differs (and the BLAS blocking).
        assertArrayEquals(b, a, 1e-4f);
    }

    @Test
    void rolloutRefusesAMismatchedEnsembleOrChunk() {
        ModelTrainWorkload model = new ModelTrainWorkload(TINY, Kernels.cpu(), new Rng(3));
        assertThrows(IllegalArgumentException.class,
                () -> new RolloutWorkload(model.ensemble(), 4, 2, 10, 5, Kernels.cpu(), new Rng(0)));
        assertThrows(IllegalArgumentException.class,
                () -> new RolloutWorkload(model.ensemble(), 3, 2, 10, 0, Kernels.cpu(), new Rng(0)));
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void sacUpdateRunsFullUpdatesFromTheFilledBuffer(Kernels k) {
        SacUpdateWorkload w = tinySac(k, new Rng(5));
        assertEquals(0, w.updates(), "observe must not update");
        Timing t = Timing.measure(w, 1, 3, () -> { });
        assertEquals(3, t.timesMs().length);
        assertEquals(4, w.updates());
    }

    @Test
    void benchmarkRunsTheChosenWorkloadsInOrder() {
        Benchmark.Settings s = new Benchmark.Settings(EnumSet.of(Benchmark.Kind.SAC_UPDATE, Benchmark.Kind.ROLLOUT),
                1, 0.0, 3, TINY, 3, 2, 40, 16, WorkloadsTest::tinySac, 9);
        List<String> started = new java.util.ArrayList<>();
        List<Timing> t = Benchmark.run(s, Kernels.cpu(), () -> { }, started::add);
        assertEquals(List.of("rollout", "sac-update"), started);
        assertEquals(List.of("rollout", "sac-update"), t.stream().map(Timing::name).toList());
    }

    @Test
    void timingSummarisesAsThePeer() {
        double[] ms = new double[40];
        for (int i = 0; i < 40; i++) {
            ms[i] = 40 - i; // 40 .. 1, unsorted on purpose
        }
        Timing t = new Timing("x", ms, null, null, 0);
        // Python: statistics.median(1..40) = 20.5; q(0.1) = 1 + 3.9; q(0.9) = 36.1.
        assertEquals(20.5, t.medianMs(), 1e-12);
        assertEquals(4.9, t.p10Ms(), 1e-12);
        assertEquals(36.1, t.p90Ms(), 1e-12);
        assertEquals(2.0, new Timing("y", new double[] {3, 1, 2}, null, null, 0).medianMs());
    }

    @Test
    void rssIsReadFromProcStatus() {
        assertEquals(12.5, Rss.parseMb("Name:\tjava\nVmHWM:\t 99 kB\nVmRSS:\t   12800 kB\n"), 1e-12);
        assertNull(Rss.parseMb("Name:\tjava\n"));
        if (java.nio.file.Files.exists(java.nio.file.Path.of("/proc/self/status"))) {
            assertNotNull(Rss.currentMb());
        }
        assertEquals(300 - 40 - 10, CpuNoise.machineBusy("cpu  100 20 30 40 10 50 50 0 0 0\ncpu0 1 2 3 4\n"));
        assertEquals(7 + 5, CpuNoise.processTicks("42 (java (x)) S 1 42 42 0 -1 4194560 100 0 0 0 7 5 0 0 20 0 9"));
        assertEquals(0.5, CpuNoise.othersCores(new CpuNoise.Snapshot(0, 0, 0),
                new CpuNoise.Snapshot(150, 100, 1_000_000_000L)), 1e-12);
        assertEquals("Intel(R) Xeon(R) CPU @ 2.20GHz",
                HostInfo.parseCpuModel("processor\t: 0\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\n"));
    }

    @Test
    void warmUpLastsAtLeastTheCallsAndTheSecondsAsked() {
        int[] calls = {0};
        Workload sleepy = new Workload() {
            @Override
            public String name() {
                return "sleepy";
            }

            @Override
            public void run() {
                calls[0]++;
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        Timing t = Timing.measure(sleepy, 2, 0.1, 3, () -> { });
        // At least the 2 calls; calls of >= 10 ms fill 0.1 s after at most 10 (plus the one that crosses it).
        assertTrue(t.warmupCalls() >= 2 && t.warmupCalls() <= 11, "warm-up calls " + t.warmupCalls());
        assertEquals(t.warmupCalls() + 3, calls[0]);
        assertEquals(4, Timing.measure(sleepy, 4, 0, 3, () -> { }).warmupCalls());
    }
}

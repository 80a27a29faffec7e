package org.mbpo4j.bench;

import java.util.Arrays;

/**
 * Wall-clock times of repeated calls, in milliseconds, summarised as the PyTorch peer does:
 * the median (the mean of the two middle values for an even count) and the 10th and 90th
 * percentiles by linear interpolation between order statistics.
 *
 * @param name         the workload
 * @param timesMs      every timed call, in call order
 * @param rssGrowthMb  resident memory gained from the end of warm-up to the end of the timed
 *                     calls, in MB, or null where the RSS cannot be read
 * @param othersCores  average cores used by other processes during the timed calls
 *                     ({@link CpuNoise}), or null where unknown; above ~0.1 the timing is suspect
 * @param warmupCalls  untimed calls made before timing
 */
public record Timing(String name, double[] timesMs, Double rssGrowthMb, Double othersCores, int warmupCalls) {

    public Timing {
        if (timesMs.length == 0) {
            throw new IllegalArgumentException("no timed calls");
        }
        timesMs = timesMs.clone();
    }

    /** Calls {@code warmup} times untimed, then {@code iters} times timed, each followed by {@code sync}. */
    public static Timing measure(Workload w, int warmup, int iters, Runnable sync) {
        return measure(w, warmup, 0, iters, sync);
    }

    /**
     * Calls untimed until both {@code warmup} calls and {@code warmupSeconds} have passed (the
     * JIT compiles and the JVM's memory settles in time, not in calls), then {@code iters} times
     * timed; every call is followed by {@code sync}.
     */
    public static Timing measure(Workload w, int warmup, double warmupSeconds, int iters, Runnable sync) {
        if (iters < 1 || warmup < 0 || !(warmupSeconds >= 0)) {
            throw new IllegalArgumentException("need iters >= 1, warmup >= 0 and warmupSeconds >= 0, got " + iters
                    + ", " + warmup + " and " + warmupSeconds);
        }
        long warmupStart = System.nanoTime();
        long minNanos = (long) (warmupSeconds * 1e9);
        int calls = 0;
        while (calls < warmup || System.nanoTime() - warmupStart < minNanos) {
            w.run();
            sync.run();
            calls++;
        }
        Double before = Rss.currentMb();
        CpuNoise.Snapshot start = CpuNoise.snapshot();
        double[] t = new double[iters];
        for (int i = 0; i < iters; i++) {
            long t0 = System.nanoTime();
            w.run();
            sync.run();
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        Double others = CpuNoise.othersCores(start, CpuNoise.snapshot());
        Double after = Rss.currentMb();
        return new Timing(w.name(), t, before == null || after == null ? null : after - before, others, calls);
    }

    @Override
    public double[] timesMs() {
        return timesMs.clone();
    }

    public double medianMs() {
        double[] s = sorted();
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    public double p10Ms() {
        return quantile(0.10);
    }

    public double p90Ms() {
        return quantile(0.90);
    }

    /** The {@code p}-quantile, interpolating linearly between the order statistics around {@code (n - 1) p}. */
    public double quantile(double p) {
        double[] s = sorted();
        double pos = (s.length - 1) * p;
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }

    private double[] sorted() {
        double[] s = timesMs.clone();
        Arrays.sort(s);
        return s;
    }
}

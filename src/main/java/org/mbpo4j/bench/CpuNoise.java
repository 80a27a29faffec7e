package org.mbpo4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy other processes kept the machine while a workload was timed, as the PyTorch peer
 * measures it: the machine's busy time from {@code /proc/stat} (all but idle and iowait) minus
 * this process's CPU time from {@code /proc/self/stat}, per second of wall time. Above about
 * 0.1 cores the timing was contaminated by a neighbour. Linux only; both files count in
 * USER_HZ = 100 ticks per second.
 */
public final class CpuNoise {
    private static final double USER_HZ = 100.0;

    /** One reading: machine busy ticks, this process's ticks, wall nanoseconds. */
    public record Snapshot(long machineBusy, long process, long wallNanos) {
    }

    private CpuNoise() {
    }

    /** A reading now, or null where {@code /proc} cannot be read. */
    public static Snapshot snapshot() {
        try {
            long busy = machineBusy(Files.readString(Path.of("/proc/stat")));
            long proc = processTicks(Files.readString(Path.of("/proc/self/stat")));
            return new Snapshot(busy, proc, System.nanoTime());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Average cores used by other processes between two readings, or null if either is missing. */
    public static Double othersCores(Snapshot a, Snapshot b) {
        if (a == null || b == null || b.wallNanos <= a.wallNanos) {
            return null;
        }
        double others = ((b.machineBusy - a.machineBusy) - (b.process - a.process)) / USER_HZ;
        return Math.max(0.0, others) / ((b.wallNanos - a.wallNanos) / 1e9);
    }

    /** Busy ticks from the {@code cpu} line of {@code /proc/stat}: the sum less idle and iowait. */
    static long machineBusy(String procStat) {
        String line = procStat.substring(0, procStat.indexOf('\n'));
        String[] f = line.trim().split("\\s+");
        if (!f[0].equals("cpu")) {
            throw new IllegalArgumentException("no cpu line in /proc/stat");
        }
        long sum = 0;
        for (int i = 1; i < f.length; i++) {
            sum += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]);
        long iowait = f.length > 5 ? Long.parseLong(f[5]) : 0;
        return sum - idle - iowait;
    }

    /** utime + stime of {@code /proc/self/stat} (fields 14 and 15, counted after the command name). */
    static long processTicks(String selfStat) {
        String[] f = selfStat.substring(selfStat.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state), so field n is f[n - 3].
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}

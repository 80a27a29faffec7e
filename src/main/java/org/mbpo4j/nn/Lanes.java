package org.mbpo4j.nn;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Independent pieces of CPU work (one ensemble member's forward pass on some rows, say) spread
 * over the cores, each on one Java thread with a single-threaded BLAS.
 *
 * <p>Why: OpenBLAS splits one {@code 1000 x 200 x 200} sgemm over 2 threads poorly (measured on
 * 2 cores: 150 GFLOP/s for both cores together, 94 for one core alone), and the element-wise
 * Java work between the matmuls runs on one core. Two lanes, each running whole pieces with
 * a one-thread BLAS, keep both cores busy on everything. While lanes run, BLAS is set to one
 * thread; afterwards it is set back.
 *
 * <p>The number of lanes is the {@code mbpo4j.threads} system property if set, else the
 * number of available processors. Lane 0 runs on the calling thread; the others on daemon
 * threads named {@code mbpo4j-lane-N}. Not re-entrant: one {@link #run} at a time.
 */
public final class Lanes {
    /** The system property that sets the number of lanes. */
    public static final String PROPERTY = "mbpo4j.threads";

    private static final int THREADS = configured();
    private static volatile ExecutorService pool;

    private Lanes() {
    }

    /** The number of lanes (>= 1). */
    public static int count() {
        return THREADS;
    }

    private static int configured() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) {
            return Math.max(1, Runtime.getRuntime().availableProcessors());
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= 1 && n <= 1024) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + PROPERTY + " must be an integer in [1, 1024], got '" + v + "'");
    }

    /**
     * Runs {@code body.accept(lane)} for lanes {@code 0 .. lanes-1} at once and waits for all
     * of them; the first exception thrown by a lane is rethrown. {@code lanes} is capped at
     * {@link #count()}; with one lane the body runs inline and BLAS is left alone.
     */
    public static void run(int lanes, IntConsumer body) {
        int n = Math.min(lanes, THREADS);
        if (n <= 1) {
            body.accept(0);
            return;
        }
        ExecutorService p = pool();
        var blas = Nd4j.factory().blas();
        int blasThreads = blas.getMaxThreads();
        blas.setMaxThreads(1);
        try {
            Future<?>[] f = new Future<?>[n - 1];
            for (int i = 1; i < n; i++) {
                final int lane = i;
                f[i - 1] = p.submit(() -> body.accept(lane));
            }
            RuntimeException first = null;
            try {
                body.accept(0);
            } catch (RuntimeException e) {
                first = e;
            }
            for (Future<?> x : f) {
                try {
                    x.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    if (first == null) {
                        first = new IllegalStateException("interrupted while waiting for a lane", e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            blas.setMaxThreads(blasThreads);
        }
    }

    /**
     * Work shared out piece by piece: lane after lane takes the next unclaimed piece of
     * {@code 0 .. pieces-1}, so pieces of unequal cost still balance.
     */
    public static void forEachPiece(int pieces, int lanes, PieceBody body) {
        AtomicInteger next = new AtomicInteger();
        run(Math.min(lanes, pieces), lane -> {
            for (int p = next.getAndIncrement(); p < pieces; p = next.getAndIncrement()) {
                body.run(lane, p);
            }
        });
    }

    /** One piece of work, run by lane {@code lane}. */
    @FunctionalInterface
    public interface PieceBody {
        void run(int lane, int piece);
    }

    private static ExecutorService pool() {
        ExecutorService p = pool;
        if (p == null) {
            synchronized (Lanes.class) {
                p = pool;
                if (p == null) {
                    AtomicInteger id = new AtomicInteger(1);
                    p = Executors.newFixedThreadPool(Math.max(1, THREADS - 1), r -> {
                        Thread t = new Thread(r, "mbpo4j-lane-" + id.getAndIncrement());
                        t.setDaemon(true);
                        return t;
                    });
                    pool = p;
                }
            }
        }
        return p;
    }
}

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
 * a one-thread BLAS, keep both cores busy on everything. The CPU kernels keep BLAS on one
 * thread for good ({@link #singleThreadBlas()}): switching it costs about 0.4 ms each way
 * with ND4J's OpenBLAS, more than a SAC update's products, and one-thread products give the
 * same bits whichever lane count runs them.
 *
 * <p>The number of lanes is the {@code mbpo4j.threads} system property if set, else the
 * number of available processors. Lane 0 runs on the calling thread; the others on daemon
 * threads named {@code mbpo4j-lane-N}. A {@link #run} from inside a lane (an ensemble's
 * member-parallel pass calling a kernel that splits its own work, say) does not wait for the
 * busy lanes: it runs its lanes' bodies one after the other on the calling thread, which gives
 * the same result, as every body must give the same result whichever thread runs it.
 */
public final class Lanes {
    /** The system property that sets the number of lanes. */
    public static final String PROPERTY = "mbpo4j.threads";

    private static final int THREADS = configured();
    private static volatile ExecutorService pool;
    /** Set on the threads running lane bodies, while they run them. */
    private static final ThreadLocal<boolean[]> INSIDE = ThreadLocal.withInitial(() -> new boolean[1]);
    /** Below this many elements {@link #forRanges} runs inline: a hand-off to a lane costs microseconds. */
    public static final int MIN_RANGE = 16_384;

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
     * of them, BLAS on one thread ({@link #singleThreadBlas()}); the first exception thrown by a
     * lane is rethrown. {@code lanes} is capped at {@link #count()}; with one lane the body runs
     * inline.
     */
    public static void run(int lanes, IntConsumer body) {
        run(lanes, body, true);
    }

    private static void run(int lanes, IntConsumer body, boolean blasInside) {
        int n = Math.min(lanes, THREADS);
        if (n <= 1) {
            body.accept(0);
            return;
        }
        boolean[] inside = INSIDE.get();
        if (inside[0]) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        ExecutorService p = pool();
        if (blasInside) {
            singleThreadBlas();
        }
        inside[0] = true;
        try {
            Future<?>[] f = new Future<?>[n - 1];
            for (int i = 1; i < n; i++) {
                final int lane = i;
                f[i - 1] = p.submit(() -> {
                    boolean[] mine = INSIDE.get();
                    mine[0] = true;
                    try {
                        body.accept(lane);
                    } finally {
                        mine[0] = false;
                    }
                });
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
            inside[0] = false;
        }
    }

    private static volatile boolean blasPinned;

    /**
     * Sets BLAS to one thread, once for the process: every product then runs on the thread that
     * asks for it, and the lanes are the only parallelism. The CPU kernels call it before their
     * first product, so that results do not depend on whether or when lanes ran.
     */
    public static void singleThreadBlas() {
        if (!blasPinned) {
            synchronized (Lanes.class) {
                if (!blasPinned) {
                    Nd4j.factory().blas().setMaxThreads(1);
                    blasPinned = true;
                }
            }
        }
    }

    /**
     * Splits {@code 0 .. n-1} into one contiguous range per lane (boundaries on multiples of 16,
     * so each lane's vector loops start aligned) and runs {@code body} on each at once: for
     * element-wise work with no BLAS call inside, whose result does not depend on the split.
     * Below {@link #MIN_RANGE} elements the whole range runs inline.
     */
    public static void forRanges(int n, RangeBody body) {
        int lanes = n < MIN_RANGE ? 1 : THREADS;
        if (lanes <= 1) {
            body.run(0, n);
            return;
        }
        int chunk = ((n + lanes - 1) / lanes + 15) & ~15;
        run(lanes, lane -> {
            int from = Math.min(n, lane * chunk);
            int to = Math.min(n, from + chunk);
            if (from < to) {
                body.run(from, to);
            }
        }, false);
    }

    /**
     * Runs {@code first} and {@code second} at once when there are lanes for both
     * ({@code lanes >= 2}), else one after the other; each must give the same result either way.
     */
    public static void both(int lanes, Runnable first, Runnable second) {
        if (Math.min(lanes, THREADS) < 2) {
            first.run();
            second.run();
            return;
        }
        run(2, lane -> (lane == 0 ? first : second).run());
    }

    /** A range of elements, {@code from} inclusive, {@code to} exclusive. */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
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

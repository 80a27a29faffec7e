package org.mbpo4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class LanesTest {

    @Test
    void everyPieceRunsExactlyOnceAndBlasThreadsAreRestored() {
        int before = Nd4j.factory().blas().getMaxThreads();
        AtomicIntegerArray runs = new AtomicIntegerArray(37);
        ConcurrentHashMap<Integer, Boolean> lanesSeen = new ConcurrentHashMap<>();
        Lanes.forEachPiece(37, 8, (lane, piece) -> {
            assertTrue(lane >= 0 && lane < Lanes.count(), "lane " + lane);
            lanesSeen.put(lane, true);
            if (Lanes.count() > 1) {
                assertEquals(1, Nd4j.factory().blas().getMaxThreads(), "BLAS runs single-threaded inside lanes");
            }
            runs.incrementAndGet(piece);
        });
        for (int p = 0; p < 37; p++) {
            assertEquals(1, runs.get(p), "piece " + p);
        }
        assertTrue(lanesSeen.size() <= Lanes.count());
        assertEquals(before, Nd4j.factory().blas().getMaxThreads());
    }

    @Test
    void aFailingLaneFailsTheRunAndTheOthersStillFinish() {
        int before = Nd4j.factory().blas().getMaxThreads();
        AtomicIntegerArray runs = new AtomicIntegerArray(20);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Lanes.forEachPiece(20, 2, (lane, p) -> {
            runs.incrementAndGet(p);
            if (p == 7) {
                throw new IllegalStateException("piece 7 failed");
            }
        }));
        assertEquals("piece 7 failed", e.getMessage());
        assertEquals(before, Nd4j.factory().blas().getMaxThreads());
        // the next run works normally
        AtomicIntegerArray again = new AtomicIntegerArray(5);
        Lanes.forEachPiece(5, 2, (lane, p) -> again.incrementAndGet(p));
        for (int p = 0; p < 5; p++) {
            assertEquals(1, again.get(p));
        }
    }

    @Test
    void oneLaneRunsInlineOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        Lanes.run(1, lane -> assertEquals(caller, Thread.currentThread()));
        Lanes.forEachPiece(3, 1, (lane, p) -> assertEquals(0, lane));
    }
}

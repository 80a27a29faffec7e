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
    void everyPieceRunsExactlyOnceWithBlasOnOneThread() {
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
        if (Lanes.count() > 1) {
            assertEquals(1, Nd4j.factory().blas().getMaxThreads(), "BLAS stays on one thread");
        }
    }

    @Test
    void aFailingLaneFailsTheRunAndTheOthersStillFinish() {
        AtomicIntegerArray runs = new AtomicIntegerArray(20);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Lanes.forEachPiece(20, 2, (lane, p) -> {
            runs.incrementAndGet(p);
            if (p == 7) {
                throw new IllegalStateException("piece 7 failed");
            }
        }));
        assertEquals("piece 7 failed", e.getMessage());
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

    @Test
    void rangesCoverEveryIndexOnceInAlignedPieces() {
        for (int n : new int[] {0, 5, Lanes.MIN_RANGE - 1, Lanes.MIN_RANGE, 100_003}) {
            AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(1, n));
            Lanes.forRanges(n, (from, to) -> {
                assertTrue(from < to || n == 0, "empty range " + from + ".." + to);
                assertEquals(0, from % 16, "range start " + from);
                for (int i = from; i < to; i++) {
                    hits.incrementAndGet(i);
                }
            });
            for (int i = 0; i < n; i++) {
                assertEquals(1, hits.get(i), "n " + n + ", index " + i);
            }
        }
    }

    @Test
    void aRunFromInsideALaneRunsItsBodiesInTurnOnThatLane() {
        AtomicIntegerArray inner = new AtomicIntegerArray(4 * 64);
        Lanes.forEachPiece(4, 2, (lane, piece) -> {
            Thread mine = Thread.currentThread();
            Lanes.forRanges(64 * 1024, (from, to) -> {
                assertEquals(mine, Thread.currentThread(), "nested work stays on its lane");
                inner.addAndGet(piece * 64 + from / 1024, to - from);
            });
            Lanes.both(2, () -> assertEquals(mine, Thread.currentThread()),
                    () -> assertEquals(mine, Thread.currentThread()));
        });
        int total = 0;
        for (int i = 0; i < inner.length(); i++) {
            total += inner.get(i);
        }
        assertEquals(4 * 64 * 1024, total);
    }

    @Test
    void bothRunsEachTaskOnce() {
        AtomicIntegerArray runs = new AtomicIntegerArray(2);
        Lanes.both(2, () -> runs.incrementAndGet(0), () -> runs.incrementAndGet(1));
        Lanes.both(1, () -> runs.incrementAndGet(0), () -> runs.incrementAndGet(1));
        assertEquals(2, runs.get(0));
        assertEquals(2, runs.get(1));
    }
}

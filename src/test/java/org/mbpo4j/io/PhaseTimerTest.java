package org.mbpo4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PhaseTimerTest {
    @Test
    void lapsAndAddsAccumulateInFirstSeenOrder() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        PhaseTimer t = new PhaseTimer(now::get);
        try (PhaseTimer.Lap lap = t.time("env")) {
            now.addAndGet(1_500_000_000L);
        }
        try (var lap = t.time("model")) {
            now.addAndGet(250_000_000L);
        }
        PhaseTimer.Lap lap = t.time("env");
        now.addAndGet(500_000_000L);
        lap.close();
        lap.close(); // second close adds nothing
        t.add("policy", 0.125);
        t.add("model", 0.75);

        assertEquals(2.0, t.seconds("env"), 1e-12);
        assertEquals(1.0, t.seconds("model"), 1e-12);
        assertEquals(0.0, t.seconds("never"));
        assertEquals(3.125, t.total(), 1e-12);
        Map<String, Double> snap = t.snapshot();
        assertEquals(List.of("env", "model", "policy"), List.copyOf(snap.keySet()));
        snap.put("env", 99.0);
        assertEquals(2.0, t.seconds("env"), 1e-12, "snapshot must be a copy");
    }

    @Test
    void realClockMeasuresSomething() throws InterruptedException {
        PhaseTimer t = new PhaseTimer();
        try (var lap = t.time("sleep")) {
            Thread.sleep(20);
        }
        assertTrue(t.seconds("sleep") >= 0.015 && t.seconds("sleep") < 5, "got " + t.seconds("sleep"));
    }

    @Test
    void rejectsBadInput() {
        PhaseTimer t = new PhaseTimer();
        assertThrows(IllegalArgumentException.class, () -> t.add("x", -1));
        assertThrows(IllegalArgumentException.class, () -> t.add("x", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> t.add(" ", 1));
        assertThrows(IllegalArgumentException.class, () -> t.time(null));
    }
}

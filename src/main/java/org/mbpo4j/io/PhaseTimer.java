package org.mbpo4j.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Wall-clock seconds accumulated per named phase of a run ("env", "model", "policy", ...),
 * in the order the phases were first seen.
 *
 * <pre>{@code
 * try (PhaseTimer.Lap lap = timer.time("model")) {
 *     model.train(batch);
 * }
 * }</pre>
 *
 * <p>Thread-safe. Laps of the same phase running at once (in different threads) each add
 * their own duration.
 */
public final class PhaseTimer {
    private final LongSupplier nanoTime;
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    /** A timer reading {@link System#nanoTime()}. */
    public PhaseTimer() {
        this(System::nanoTime);
    }

    /** A timer reading the given nanosecond clock (for tests). */
    public PhaseTimer(LongSupplier nanoTime) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** Starts timing {@code phase}; closing the returned lap adds the elapsed time. */
    public Lap time(String phase) {
        checkPhase(phase);
        return new Lap(phase, nanoTime.getAsLong());
    }

    /** Adds {@code secs} (finite, non-negative) to {@code phase}. */
    public synchronized void add(String phase, double secs) {
        checkPhase(phase);
        if (!(secs >= 0) || Double.isInfinite(secs)) {
            throw new IllegalArgumentException("phase '" + phase + "': seconds must be finite and >= 0, got " + secs);
        }
        seconds.merge(phase, secs, Double::sum);
    }

    /** Seconds accumulated for {@code phase}; 0 for a phase never timed. */
    public synchronized double seconds(String phase) {
        return seconds.getOrDefault(phase, 0.0);
    }

    /** The seconds of the given phases, in that order, 0 for a phase never timed (what an agent reports as its phases). */
    public synchronized LinkedHashMap<String, Double> seconds(List<String> phases) {
        LinkedHashMap<String, Double> m = new LinkedHashMap<>();
        phases.forEach(p -> m.put(p, seconds(p)));
        return m;
    }

    /** A copy of all phases and their seconds, in first-seen order. */
    public synchronized LinkedHashMap<String, Double> snapshot() {
        return new LinkedHashMap<>(seconds);
    }

    /** Sum over all phases. */
    public synchronized double total() {
        double t = 0;
        for (double s : seconds.values()) {
            t += s;
        }
        return t;
    }

    private static void checkPhase(String phase) {
        if (phase == null || phase.isBlank()) {
            throw new IllegalArgumentException("phase name must not be blank");
        }
    }

    /** One timing of a phase; {@link #close()} adds its duration once. */
    public final class Lap implements AutoCloseable {
        private final String phase;
        private final long start;
        private boolean closed;

        private Lap(String phase, long start) {
            this.phase = phase;
            this.start = start;
        }

        /** Stops the lap and adds its seconds to the phase; later calls do nothing. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            long elapsed = nanoTime.getAsLong() - start;
            add(phase, Math.max(0L, elapsed) / 1e9);
        }
    }
}

package org.mbpo4j.io;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Named write points of a run (checkpoint files, renames, pruning, CSV and atomic writes) where a
 * test can make the process die abruptly, as a {@code kill -9} or a power cut would.
 *
 * <p>Off unless the system property {@code mbpo4j.fault} is set to {@code POINT:N}: the N-th time
 * (counting from 1) the process reaches {@code POINT}, it stops at once with
 * {@link Runtime#halt} (exit status {@value #HALT_STATUS}), running no shutdown hooks and
 * flushing nothing. Only for tests of crash recovery; costs one field read when off.
 */
public final class FaultPoint {
    /** Exit status of a halted process. */
    public static final int HALT_STATUS = 86;

    /** After an atomic write's temporary file is on disk, before it is renamed onto its target. */
    public static final String ATOMIC_TEMP_WRITTEN = "atomic-temp-written";
    /** After a checkpoint's companion files are written under their temporary name, before the rename. */
    public static final String CHECKPOINT_FILES_WRITTEN = "checkpoint-files-written";
    /** After the companion files are renamed into place, before the checkpoint's JSON is written. */
    public static final String CHECKPOINT_FILES_RENAMED = "checkpoint-files-renamed";
    /** After the checkpoint's JSON is renamed into place, before {@code latest} is updated. */
    public static final String CHECKPOINT_JSON_RENAMED = "checkpoint-json-renamed";
    /** After {@code latest} names the new checkpoint, before old ones are pruned. */
    public static final String CHECKPOINT_LATEST_RENAMED = "checkpoint-latest-renamed";
    /** While pruning: after an old checkpoint's JSON is deleted, before its files are. */
    public static final String CHECKPOINT_PRUNING = "checkpoint-pruning";
    /** After a row is appended to a CSV log (metrics or eval), before anything else is written. */
    public static final String CSV_APPENDED = "csv-appended";

    /** Every point, in the order a checkpointing epoch reaches them. */
    public static final java.util.List<String> ALL = java.util.List.of(CSV_APPENDED, ATOMIC_TEMP_WRITTEN,
            CHECKPOINT_FILES_WRITTEN, CHECKPOINT_FILES_RENAMED, CHECKPOINT_JSON_RENAMED, CHECKPOINT_LATEST_RENAMED,
            CHECKPOINT_PRUNING);

    private static final String PROPERTY = "mbpo4j.fault";
    private static final String ARMED_POINT;
    private static final long ARMED_AT;
    private static final AtomicLong REACHED = new AtomicLong();

    static {
        String spec = System.getProperty(PROPERTY);
        String point = null;
        long at = 0;
        if (spec != null && !spec.isBlank()) {
            int colon = spec.lastIndexOf(':');
            if (colon <= 0 || !ALL.contains(spec.substring(0, colon))) {
                throw new IllegalArgumentException(PROPERTY + "=" + spec + ": expected POINT:N with POINT one of " + ALL);
            }
            point = spec.substring(0, colon);
            at = Long.parseLong(spec.substring(colon + 1));
            if (at < 1) {
                throw new IllegalArgumentException(PROPERTY + "=" + spec + ": N must be at least 1");
            }
        }
        ARMED_POINT = point;
        ARMED_AT = at;
    }

    private FaultPoint() {
    }

    /** Marks that the process reached {@code point}; halts it there if a test armed this occurrence. */
    public static void reach(String point) {
        if (ARMED_POINT != null && ARMED_POINT.equals(point) && REACHED.incrementAndGet() == ARMED_AT) {
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }
}

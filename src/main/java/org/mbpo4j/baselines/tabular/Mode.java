package org.mbpo4j.baselines.tabular;

import java.util.Locale;

/**
 * Where the {@link TabularAgent}'s policy-gradient batches come from.
 */
public enum Mode {
    /** Real episodes only (real ratio 1): model-free off-policy policy gradient. */
    REAL,
    /** Model data only for the policy (real ratio 0); real episodes are still collected every iteration, for the model. */
    FAKE,
    /** Real episodes collected every iteration, mixed with model episodes at the real ratio. */
    MIXED;

    /** The lower-case name used on the command line and in outputs. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code id} (case-insensitive). */
    public static Mode of(String id) {
        for (Mode m : values()) {
            if (m.id().equalsIgnoreCase(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown mode '" + id + "', expected real, fake or mixed");
    }
}

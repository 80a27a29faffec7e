package org.mbpo4j.baselines.tabular;

import java.util.Locale;

/**
 * How a {@link TabularAgent} turns its learned model into the fake part of each policy update.
 */
public enum FakeGradient {
    /** The natural policy gradient in the model, the model's advantages ({@link ModelGradient#natural}). */
    NATURAL,
    /** The vanilla policy gradient's expectation over fake episodes ({@link ModelGradient#expected}). */
    EXPECTED,
    /** The {@link PolicyGradient} estimate of sampled fake episodes ({@link Rollouts#fake}). */
    SAMPLED;

    /** The lower-case name used on the command line and in outputs. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code id} (case-insensitive). */
    public static FakeGradient of(String id) {
        for (FakeGradient f : values()) {
            if (f.id().equalsIgnoreCase(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("fake gradient (--fake-gradient) must be natural, expected or sampled, got '"
                + id + "'");
    }
}

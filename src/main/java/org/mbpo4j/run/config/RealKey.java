package org.mbpo4j.run.config;

/**
 * A real-valued YAML key and its finite range, {@code [min, max]} or, with {@code minExclusive},
 * {@code (min, max]}, or, with {@code maxExclusive}, {@code [min, max)}; declared once per schema
 * field like {@link IntegerKey}: the record's compact constructor {@link #check checks} it and
 * its {@code from(ConfigNode)} {@link #read reads} it, so both report the same rule.
 */
record RealKey(String key, double min, boolean minExclusive, double max, boolean maxExclusive) {
    RealKey {
        if (key == null || key.isBlank() || minExclusive && maxExclusive
                || !(minExclusive || maxExclusive ? min < max : min <= max)) {
            throw new IllegalArgumentException("bad real key declaration: " + key + " " + (minExclusive ? "(" : "[")
                    + min + ", " + max + (maxExclusive ? ")" : "]"));
        }
    }

    /** A key whose value may be any number in {@code [min, max]}. */
    static RealKey closed(String key, double min, double max) {
        return new RealKey(key, min, false, max, false);
    }

    /** A key whose value must exceed {@code min} and be at most {@code max}. */
    static RealKey above(String key, double min, double max) {
        return new RealKey(key, min, true, max, false);
    }

    /** A key whose value must be at least {@code min} and less than {@code max}. */
    static RealKey below(String key, double min, double max) {
        return new RealKey(key, min, false, max, true);
    }

    /** A key whose value may be any finite number. */
    static RealKey finite(String key) {
        return new RealKey(key, Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false);
    }

    /** {@code value} if finite and in range, else a {@link ConfigException} naming this key and the range. */
    double check(double value) {
        if (!inRange(value)) {
            throw new ConfigException(key, "must be " + range() + ", got " + ConfigText.describe(value));
        }
        return value;
    }

    /**
     * {@code value} if null, or finite and in range, else a {@link ConfigException} naming this
     * key, the range and null.
     */
    Double checkNullable(Double value) {
        if (value != null && !inRange(value)) {
            throw new ConfigException(key, "must be " + range() + " or null, got " + ConfigText.describe(value));
        }
        return value;
    }

    /** Reads this key from {@code node}; {@code def} when absent. */
    double read(ConfigNode node, double def) {
        if (maxExclusive) {
            return node.getDoubleBelow(key, def, min, max);
        }
        return minExclusive ? node.getDoubleAbove(key, def, min, max) : node.getDouble(key, def, min, max);
    }

    /** As {@link #read}, accepting an explicit {@code null}; {@code def} (may be null) when absent. */
    Double readNullable(ConfigNode node, Double def) {
        if (maxExclusive) {
            throw new IllegalStateException("no nullable reader for the range of " + key);
        }
        return minExclusive ? node.getNullableDoubleAbove(key, def, min, max)
                : node.getNullableDouble(key, def, min, max, null);
    }

    private boolean inRange(double value) {
        return Double.isFinite(value) && (minExclusive ? value > min : value >= min)
                && (maxExclusive ? value < max : value <= max);
    }

    private String range() {
        return ConfigText.numberRange(min, minExclusive, max, maxExclusive, true);
    }
}

package org.mbpo4j.run.config;

/**
 * A real-valued YAML key and its finite range, {@code [min, max]} or, with {@code minExclusive},
 * {@code (min, max]}; declared once per schema field like {@link IntegerKey}: the record's
 * compact constructor {@link #check checks} it and its {@code from(ConfigNode)} {@link #read
 * reads} it, so both report the same rule.
 */
record RealKey(String key, double min, boolean minExclusive, double max) {
    RealKey {
        if (key == null || key.isBlank() || !(minExclusive ? min < max : min <= max)) {
            throw new IllegalArgumentException("bad real key declaration: " + key + " " + (minExclusive ? "(" : "[")
                    + min + ", " + max + "]");
        }
    }

    /** A key whose value may be any number in {@code [min, max]}. */
    static RealKey closed(String key, double min, double max) {
        return new RealKey(key, min, false, max);
    }

    /** A key whose value must exceed {@code min} and be at most {@code max}. */
    static RealKey above(String key, double min, double max) {
        return new RealKey(key, min, true, max);
    }

    /** A key whose value may be any finite number. */
    static RealKey finite(String key) {
        return new RealKey(key, Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY);
    }

    /** {@code value} if finite and in range, else a {@link ConfigException} naming this key and the range. */
    double check(double value) {
        boolean inRange = (minExclusive ? value > min : value >= min) && value <= max;
        if (!Double.isFinite(value) || !inRange) {
            throw new ConfigException(key, "must be " + ConfigText.numberRange(min, minExclusive, max, true)
                    + ", got " + ConfigText.describe(value));
        }
        return value;
    }

    /** Reads this key from {@code node}; {@code def} when absent. */
    double read(ConfigNode node, double def) {
        return minExclusive ? node.getDoubleAbove(key, def, min, max) : node.getDouble(key, def, min, max);
    }
}

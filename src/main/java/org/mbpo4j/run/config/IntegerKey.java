package org.mbpo4j.run.config;

/**
 * An integer-valued key and its inclusive range, declared once per schema field: the record's
 * compact constructor {@link #check checks} it and its {@code from(ConfigNode)} {@link #read
 * reads} it, so both report the same rule.
 */
record IntegerKey(String key, long min, long max) {
    IntegerKey {
        if (key == null || key.isBlank() || min > max) {
            throw new IllegalArgumentException("bad integer key declaration: " + key + " [" + min + ", " + max + "]");
        }
    }

    /** {@code value} if in range, else a {@link ConfigException} naming this key and the range. */
    long check(long value) {
        if (value < min || value > max) {
            throw new ConfigException(key, "must be " + ConfigText.integerRange(min, max) + ", got " + value);
        }
        return value;
    }

    /** As {@link #check(long)}, for an {@code int} field. */
    int checkInt(int value) {
        return (int) check(value);
    }

    /** {@code value} if null or in range, else a {@link ConfigException} naming this key, the range and null. */
    Integer checkNullableInt(Integer value) {
        if (value != null && (value < min || value > max)) {
            throw new ConfigException(key, "must be " + ConfigText.integerRange(min, max) + " or null, got " + value);
        }
        return value;
    }

    /** Reads this key from {@code node}; {@code def} when absent. */
    long read(ConfigNode node, long def) {
        return node.getLong(key, def, min, max);
    }

    /** Reads this key, whose range must fit an {@code int}, from {@code node}; {@code def} when absent. */
    int readInt(ConfigNode node, int def) {
        if (min < Integer.MIN_VALUE || max > Integer.MAX_VALUE) {
            throw new IllegalStateException("range of " + key + " does not fit an int");
        }
        return node.getInt(key, def, (int) min, (int) max);
    }

    /** As {@link #readInt}, accepting an explicit {@code null}; {@code def} (may be null) when absent. */
    Integer readNullableInt(ConfigNode node, Integer def) {
        if (min < Integer.MIN_VALUE || max > Integer.MAX_VALUE) {
            throw new IllegalStateException("range of " + key + " does not fit an int");
        }
        return node.getNullableInt(key, def, (int) min, (int) max);
    }
}

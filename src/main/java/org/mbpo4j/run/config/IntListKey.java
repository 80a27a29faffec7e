package org.mbpo4j.run.config;

import java.util.List;

/**
 * A YAML key holding a list of integers: its length range (which may start at 0), the range of
 * each entry and whether entries must be distinct, declared once per schema field like
 * {@link IntegerKey}: the record's compact constructor {@link #check checks} it and its
 * {@code from(ConfigNode)} {@link #read reads} it, so both report the same rule. Errors about
 * one entry name it by index ({@code hidden[1]}).
 */
record IntListKey(String key, int minLength, int maxLength, int min, int max, boolean distinct) {
    IntListKey {
        if (key == null || key.isBlank() || minLength < 0 || minLength > maxLength || min > max) {
            throw new IllegalArgumentException("bad integer list key declaration: " + key + " length [" + minLength
                    + ", " + maxLength + "] entries [" + min + ", " + max + "]");
        }
    }

    /** A key whose entries may repeat. */
    IntListKey(String key, int minLength, int maxLength, int min, int max) {
        this(key, minLength, maxLength, min, max, false);
    }

    /** A key whose entries must all differ ({@code [1, 1]} is an error naming both indices). */
    static IntListKey distinct(String key, int minLength, int maxLength, int min, int max) {
        return new IntListKey(key, minLength, maxLength, min, max, true);
    }

    /** An unmodifiable copy of {@code value} if it is valid, else a {@link ConfigException}. */
    List<Integer> check(List<Integer> value) {
        return ConfigNode.toIntList(key, value, minLength, maxLength, min, max, distinct);
    }

    /** Reads this key from {@code node}; {@code def} when absent. */
    List<Integer> read(ConfigNode node, List<Integer> def) {
        return node.getIntList(key, def, minLength, maxLength, min, max, distinct);
    }
}

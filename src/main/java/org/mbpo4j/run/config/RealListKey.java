package org.mbpo4j.run.config;

import java.util.List;

/**
 * A YAML key holding a list of finite numbers: its length range and the closed range
 * {@code [min, max]} of each entry, declared once per schema field like {@link IntListKey}: the
 * record's compact constructor {@link #check checks} it and its {@code from(ConfigNode)}
 * {@link #read reads} it, so both report the same rule. Errors about one entry name it by index
 * ({@code weight_decay[2]}).
 */
record RealListKey(String key, int minLength, int maxLength, double min, double max) {
    RealListKey {
        if (key == null || key.isBlank() || minLength < 0 || minLength > maxLength || !(min <= max)) {
            throw new IllegalArgumentException("bad number list key declaration: " + key + " length [" + minLength
                    + ", " + maxLength + "] entries [" + min + ", " + max + "]");
        }
    }

    /** An unmodifiable copy of {@code value} if it is valid, else a {@link ConfigException}. */
    List<Double> check(List<Double> value) {
        return ConfigNode.toDoubleList(key, value, minLength, maxLength, min, max);
    }

    /** Reads this key from {@code node}; {@code def} when absent. */
    List<Double> read(ConfigNode node, List<Double> def) {
        return node.getDoubleList(key, def, minLength, maxLength, min, max);
    }
}

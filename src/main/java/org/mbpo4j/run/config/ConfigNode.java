package org.mbpo4j.run.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A strict, typed view of one YAML mapping level (as parsed by SnakeYAML: maps, lists, strings,
 * numbers, booleans, null).
 *
 * <p>Each getter names its key, its default and what is allowed; it rejects values of the wrong
 * type (an integer key rejects {@code 2.5}, {@code "abc"}, {@code true} and lists) or out of
 * range, and an explicit {@code null} unless the getter is a nullable one. An absent key yields
 * the default. The node remembers which keys were asked for: {@link #finish()} rejects any other
 * key as unknown, listing the allowed keys and the closest one. Errors carry keys relative to
 * this node; {@link #section(String, Function)} prefixes the errors of a nested section.
 *
 * <p>Not thread-safe; a node is read once, by one schema reader.
 */
public final class ConfigNode {
    /** The largest magnitude up to which every integer is exactly a double. */
    private static final double EXACT_DOUBLE_INTEGERS = 9007199254740992.0;

    private final Map<String, Object> values;
    private final Set<String> known = new LinkedHashSet<>();
    private final Map<String, ConfigNode> sections = new LinkedHashMap<>();

    private ConfigNode(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * A node over {@code map} (null reads as an empty mapping). Keys must be strings: a YAML key
     * such as {@code 1:} or {@code true:} is rejected.
     */
    public static ConfigNode of(Map<?, ?> map) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (map != null) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String k)) {
                    throw new ConfigException(String.valueOf(e.getKey()),
                            "keys must be strings, got " + ConfigText.describe(e.getKey()));
                }
                values.put(k, e.getValue());
            }
        }
        return new ConfigNode(values);
    }

    /** A node with no keys: every getter yields its default. */
    public static ConfigNode empty() {
        return new ConfigNode(new LinkedHashMap<>());
    }

    /** Whether {@code key} is present (even with a null value). Does not count as reading it. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The keys present at this level, in document order. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(values.keySet());
    }

    // ---- integers -------------------------------------------------------------------------

    /**
     * An integer in {@code [min, max]}; {@code def} when absent. Integral floats such as
     * {@code 1e6} are accepted; {@code 2.5} is not.
     */
    public long getLong(String key, long def, long min, long max) {
        checkBounds(key, min, max);
        if (!present(key)) {
            return def;
        }
        return toLong(key, values.get(key), min, max, false);
    }

    /** As {@link #getLong}, for an {@code int} range. */
    public int getInt(String key, int def, int min, int max) {
        return (int) getLong(key, def, min, max);
    }

    /** An integer in {@code [min, max]} or an explicit {@code null}; {@code def} (may be null) when absent. */
    public Long getNullableLong(String key, Long def, long min, long max) {
        checkBounds(key, min, max);
        if (!present(key)) {
            return def;
        }
        Object v = values.get(key);
        return v == null ? null : toLong(key, v, min, max, true);
    }

    /** As {@link #getNullableLong}, for an {@code int} range. */
    public Integer getNullableInt(String key, Integer def, int min, int max) {
        Long v = getNullableLong(key, def == null ? null : def.longValue(), min, max);
        return v == null ? null : (int) (long) v;
    }

    private static long toLong(String key, Object v, long min, long max, boolean nullable) {
        String allowed = "must be " + ConfigText.integerRange(min, max) + (nullable ? " or null" : "");
        BigInteger big = integral(v);
        if (big == null) {
            throw new ConfigException(key, allowed + ", got " + ConfigText.describe(v));
        }
        if (big.compareTo(BigInteger.valueOf(min)) < 0 || big.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new ConfigException(key, allowed + ", got " + big);
        }
        return big.longValueExact();
    }

    /** The exact integer value of {@code v}, or null when it is not an integer (booleans are not). */
    private static BigInteger integral(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return BigInteger.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigInteger b) {
            return b;
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) <= EXACT_DOUBLE_INTEGERS) {
                return BigDecimal.valueOf(d).toBigIntegerExact();
            }
        }
        return null;
    }

    private static void checkBounds(String key, long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("empty range [" + min + ", " + max + "] for key " + key);
        }
    }

    // ---- reals --------------------------------------------------------------------------

    /** A finite number in {@code [min, max]} (YAML integers are accepted); {@code def} when absent. */
    public double getDouble(String key, double def, double min, double max) {
        return getDouble(key, def, min, max, false);
    }

    /**
     * A number in {@code [min, max]}; {@code def} when absent. With {@code allowNonFinite},
     * {@code .nan} is accepted and infinities are accepted when the range includes them;
     * otherwise both are rejected.
     */
    public double getDouble(String key, double def, double min, double max, boolean allowNonFinite) {
        checkBounds(key, min, false, max);
        if (!present(key)) {
            return def;
        }
        return toDouble(key, values.get(key), min, false, max, false, allowNonFinite, "");
    }

    /**
     * A finite number greater than {@code min} and at most {@code max}, that is in
     * {@code (min, max]} (YAML integers are accepted); {@code def} when absent. For rates and
     * scales that must be positive: {@code getDoubleAbove("lr", 3e-4, 0, 1)}.
     */
    public double getDoubleAbove(String key, double def, double min, double max) {
        checkBounds(key, min, true, max);
        if (!present(key)) {
            return def;
        }
        return toDouble(key, values.get(key), min, true, max, false, false, "");
    }

    /**
     * A finite number in {@code [min, max]}, or no value: an explicit {@code null} or, when
     * {@code nullWord} is not null, that word (case-insensitive; {@code auto}) both read as null,
     * which the consumer replaces with a value of its own choosing. {@code def} (may be null)
     * when absent.
     */
    public Double getNullableDouble(String key, Double def, double min, double max, String nullWord) {
        checkBounds(key, min, false, max);
        if (!present(key)) {
            return def;
        }
        Object v = values.get(key);
        if (v == null || nullWord != null && v instanceof String s && s.equalsIgnoreCase(nullWord)) {
            return null;
        }
        String alternatives = nullWord == null ? " or null" : ", " + nullWord + " or null";
        return toDouble(key, v, min, false, max, false, false, alternatives);
    }

    /**
     * A finite number at least {@code min} and less than {@code max}, that is in
     * {@code [min, max)} (YAML integers are accepted); {@code def} when absent. For fractions
     * that must stay below a whole: {@code getDoubleBelow("min_improvement", 0.01, 0, 1)}.
     */
    public double getDoubleBelow(String key, double def, double min, double max) {
        if (!(min < max)) {
            throw new IllegalArgumentException("empty range [" + min + ", " + max + ") for key " + key);
        }
        if (!present(key)) {
            return def;
        }
        return toDouble(key, values.get(key), min, false, max, true, false, "");
    }

    /**
     * A finite number greater than {@code min} and at most {@code max}, as
     * {@link #getDoubleAbove}, or an explicit {@code null}, which the consumer reads as "no
     * value" (no cap, for instance); {@code def} (may be null) when absent.
     */
    public Double getNullableDoubleAbove(String key, Double def, double min, double max) {
        checkBounds(key, min, true, max);
        if (!present(key)) {
            return def;
        }
        Object v = values.get(key);
        return v == null ? null : toDouble(key, v, min, true, max, false, false, " or null");
    }

    private static double toDouble(String key, Object v, double min, boolean minExclusive, double max,
            boolean maxExclusive, boolean allowNonFinite, String alternatives) {
        String allowed = "must be " + ConfigText.numberRange(min, minExclusive, max, maxExclusive, !allowNonFinite)
                + alternatives;
        if (!(v instanceof Number)) {
            throw new ConfigException(key, allowed + ", got " + ConfigText.describe(v));
        }
        double d = ((Number) v).doubleValue();
        if (Double.isNaN(d) && allowNonFinite) {
            return d;
        }
        boolean inRange = (minExclusive ? d > min : d >= min) && (maxExclusive ? d < max : d <= max);
        if (!Double.isFinite(d) && !allowNonFinite || !inRange) {
            throw new ConfigException(key, allowed + ", got " + ConfigText.describe(v));
        }
        return d;
    }

    private static void checkBounds(String key, double min, boolean minExclusive, double max) {
        if (!(minExclusive ? min < max : min <= max)) {
            throw new IllegalArgumentException("empty range " + (minExclusive ? "(" : "[") + min + ", " + max
                    + "] for key " + key);
        }
    }

    // ---- lists --------------------------------------------------------------------------

    /**
     * A list of {@code minLength} to {@code maxLength} integers, each in {@code [min, max]}
     * (integral floats such as {@code 1e3} are accepted); {@code def} when absent. Errors about
     * one entry name it by index: {@code hidden[1]}. The result is unmodifiable.
     */
    public List<Integer> getIntList(String key, List<Integer> def, int minLength, int maxLength, int min, int max) {
        checkListBounds(key, minLength, maxLength, min, max);
        if (!present(key)) {
            return def;
        }
        return toIntList(key, values.get(key), minLength, maxLength, min, max);
    }

    /**
     * {@code v} as an unmodifiable list of {@code minLength} to {@code maxLength} integers, each
     * in {@code [min, max]}, else a {@link ConfigException}; shared by the reader and the records'
     * constructors so that both report the same rule.
     */
    static List<Integer> toIntList(String key, Object v, int minLength, int maxLength, int min, int max) {
        return toIntList(key, v, minLength, maxLength, min, max, false);
    }

    /**
     * As {@link #getIntList(String, List, int, int, int, int)}; with {@code distinct}, an entry
     * that repeats an earlier one is an error naming the list, the value and both indices.
     */
    public List<Integer> getIntList(String key, List<Integer> def, int minLength, int maxLength, int min, int max,
            boolean distinct) {
        checkListBounds(key, minLength, maxLength, min, max);
        if (!present(key)) {
            return def;
        }
        return toIntList(key, values.get(key), minLength, maxLength, min, max, distinct);
    }

    /**
     * As {@link #toIntList(String, Object, int, int, int, int)}; with {@code distinct}, repeated
     * entries are errors.
     */
    static List<Integer> toIntList(String key, Object v, int minLength, int maxLength, int min, int max,
            boolean distinct) {
        checkListBounds(key, minLength, maxLength, min, max);
        String allowed = "must be " + ConfigText.integerList(minLength, maxLength, min, max, distinct);
        List<?> list = checkList(key, v, minLength, maxLength, allowed);
        List<Integer> result = new ArrayList<>(list.size());
        Map<Integer, Integer> firstIndex = distinct ? new HashMap<>() : null;
        for (int i = 0; i < list.size(); i++) {
            int x = (int) toLong(key + "[" + i + "]", list.get(i), min, max, false);
            Integer earlier = distinct ? firstIndex.putIfAbsent(x, i) : null;
            if (earlier != null) {
                throw new ConfigException(key, allowed + ", got " + x + " at both [" + earlier + "] and [" + i + "]");
            }
            result.add(x);
        }
        return List.copyOf(result);
    }

    /**
     * A list of {@code minLength} to {@code maxLength} finite numbers, each in {@code [min, max]}
     * (YAML integers are accepted); {@code def} when absent. Errors about one entry name it by
     * index: {@code weight_decay[2]}. The result is unmodifiable.
     */
    public List<Double> getDoubleList(String key, List<Double> def, int minLength, int maxLength, double min,
            double max) {
        checkListBounds(key, minLength, maxLength, min, max);
        if (!present(key)) {
            return def;
        }
        return toDoubleList(key, values.get(key), minLength, maxLength, min, max);
    }

    /**
     * {@code v} as an unmodifiable list of {@code minLength} to {@code maxLength} finite numbers,
     * each in {@code [min, max]}, else a {@link ConfigException}; shared by the reader and the
     * records' constructors so that both report the same rule.
     */
    static List<Double> toDoubleList(String key, Object v, int minLength, int maxLength, double min, double max) {
        checkListBounds(key, minLength, maxLength, min, max);
        String allowed = "must be " + ConfigText.numberList(minLength, maxLength, min, max);
        List<?> list = checkList(key, v, minLength, maxLength, allowed);
        List<Double> result = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            result.add(toDouble(key + "[" + i + "]", list.get(i), min, false, max, false, false, ""));
        }
        return List.copyOf(result);
    }

    /** {@code v} as a list of {@code minLength} to {@code maxLength} entries, else a {@link ConfigException}. */
    private static List<?> checkList(String key, Object v, int minLength, int maxLength, String allowed) {
        if (!(v instanceof List<?> list)) {
            throw new ConfigException(key, allowed + ", got " + ConfigText.describe(v));
        }
        if (list.size() < minLength || list.size() > maxLength) {
            throw new ConfigException(key, allowed + ", got " + ConfigText.listLength(list.size()));
        }
        return list;
    }

    private static void checkListBounds(String key, int minLength, int maxLength, int min, int max) {
        checkLengthBounds(key, minLength, maxLength);
        checkBounds(key, min, max);
    }

    private static void checkListBounds(String key, int minLength, int maxLength, double min, double max) {
        checkLengthBounds(key, minLength, maxLength);
        checkBounds(key, min, false, max);
    }

    private static void checkLengthBounds(String key, int minLength, int maxLength) {
        if (minLength < 0 || minLength > maxLength) {
            throw new IllegalArgumentException("bad length range [" + minLength + ", " + maxLength + "] for key " + key);
        }
    }

    // ---- booleans, strings, enums -------------------------------------------------------------

    /** {@code true} or {@code false} (not {@code yes}, {@code on} or {@code 1}); {@code def} when absent. */
    public boolean getBool(String key, boolean def) {
        if (!present(key)) {
            return def;
        }
        Object v = values.get(key);
        if (!(v instanceof Boolean b)) {
            throw new ConfigException(key, "must be true or false, got " + ConfigText.describe(v));
        }
        return b;
    }

    /** A string; {@code def} when absent. Numbers and booleans are not strings (quote them in YAML). */
    public String getString(String key, String def) {
        if (!present(key)) {
            return def;
        }
        return toStringValue(key, values.get(key), "must be a string");
    }

    /** One of {@code allowed} (case-sensitive); {@code def} when absent. */
    public String getString(String key, String def, List<String> allowed) {
        if (!present(key)) {
            return def;
        }
        String must = "must be one of: " + String.join(", ", allowed);
        String s = toStringValue(key, values.get(key), must);
        if (!allowed.contains(s)) {
            throw new ConfigException(key, must + ", got " + ConfigText.describe(s));
        }
        return s;
    }

    /** A string or an explicit {@code null}; {@code def} (may be null) when absent. */
    public String getNullableString(String key, String def) {
        if (!present(key)) {
            return def;
        }
        Object v = values.get(key);
        return v == null ? null : toStringValue(key, v, "must be a string or null");
    }

    /** A string that must be present (and not null). */
    public String requireString(String key) {
        if (!present(key)) {
            throw missing(key, "a string");
        }
        return toStringValue(key, values.get(key), "must be a string");
    }

    private static String toStringValue(String key, Object v, String must) {
        if (!(v instanceof String s)) {
            throw new ConfigException(key, must + ", got " + ConfigText.describe(v));
        }
        return s;
    }

    /**
     * A constant of {@code type}, matched case-insensitively against its name (YAML values are
     * written in lower case: {@code algo: random}); {@code def} when absent.
     */
    public <E extends Enum<E>> E getEnum(String key, Class<E> type, E def) {
        if (!present(key)) {
            return def;
        }
        return toEnum(key, values.get(key), type);
    }

    /** As {@link #getEnum}, for a key that must be present. */
    public <E extends Enum<E>> E requireEnum(String key, Class<E> type) {
        if (!present(key)) {
            throw missing(key, "one of: " + enumNames(type));
        }
        return toEnum(key, values.get(key), type);
    }

    private static <E extends Enum<E>> E toEnum(String key, Object v, Class<E> type) {
        if (v instanceof String s) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(s)) {
                    return e;
                }
            }
        }
        throw new ConfigException(key, "must be one of: " + enumNames(type) + ", got " + ConfigText.describe(v));
    }

    /** The YAML spelling of an enum constant: its name in lower case. */
    public static String enumName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** The YAML spellings of {@code type}'s constants, comma-separated, in declaration order. */
    static String enumNames(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(ConfigNode::enumName).collect(Collectors.joining(", "));
    }

    // ---- sections and unknown keys -------------------------------------------------------------

    /**
     * The nested mapping under {@code key}; an empty node (all defaults) when the key is absent
     * or null. Errors raised by the returned node name keys relative to it; prefer
     * {@link #section(String, Function)}, which prefixes them. The section is checked for
     * unknown keys when this node is {@link #finish() finished}.
     */
    public ConfigNode section(String key) {
        if (!present(key)) {
            return remember(key, empty());
        }
        Object v = values.get(key);
        if (v == null) {
            return remember(key, empty());
        }
        if (!(v instanceof Map<?, ?> map)) {
            throw new ConfigException(key, "must be a mapping (a section of keys), got " + ConfigText.describe(v));
        }
        ConfigNode node;
        try {
            node = of(map);
        } catch (ConfigException e) {
            throw e.withPrefix(key);
        }
        return remember(key, node);
    }

    /**
     * Reads the section under {@code key} with {@code reader} (typically a record's
     * {@code from(ConfigNode)}) and checks it for unknown keys; errors from either name their
     * full path ({@code train.steps}).
     */
    public <T> T section(String key, Function<ConfigNode, T> reader) {
        ConfigNode node = section(key);
        try {
            T result = reader.apply(node);
            node.finish();
            return result;
        } catch (ConfigException e) {
            throw e.withPrefix(key);
        }
    }

    private ConfigNode remember(String key, ConfigNode node) {
        sections.put(key, node);
        return node;
    }

    /**
     * Rejects the first key present at this level (or in a section taken from it) that no getter
     * asked for, listing the allowed keys and the closest match. Call once all keys are read.
     */
    public void finish() {
        for (Map.Entry<String, ConfigNode> s : sections.entrySet()) {
            try {
                s.getValue().finish();
            } catch (ConfigException e) {
                throw e.withPrefix(s.getKey());
            }
        }
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                throw ConfigException.unknownKey(key, new ArrayList<>(known), ConfigText.suggest(key, known));
            }
        }
    }

    /**
     * The value under {@code key} as the YAML parser gave it (null when absent), for keys whose
     * schema lives elsewhere (an env's constructor options); the caller validates it.
     */
    public Object getRaw(String key) {
        return present(key) ? values.get(key) : null;
    }

    /** Marks {@code key} as known and says whether it is present. */
    private boolean present(String key) {
        known.add(key);
        return values.containsKey(key);
    }

    private ConfigException missing(String key, String expected) {
        StringBuilder sb = new StringBuilder("required key is missing; expected ").append(expected);
        List<String> unread = values.keySet().stream().filter(k -> !known.contains(k)).toList();
        String near = ConfigText.suggest(key, unread);
        if (near != null) {
            sb.append(" (found '").append(near).append("': misspelled?)");
        }
        return new ConfigException(key, sb.toString());
    }
}

package org.mbpo4j.run.config;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Wording shared by configuration messages: how values and ranges are shown, and key suggestions. */
final class ConfigText {
    private static final int MAX_SHOWN = 60;

    private ConfigText() {
    }

    /**
     * A short, unambiguous rendering of a parsed YAML value for "got ..." clauses: strings are
     * double-quoted (so {@code "5"} is told apart from {@code 5}), collections are named, long
     * renderings are cut.
     */
    static String describe(Object value) {
        if (value instanceof List<?> list) {
            return "a list " + cut(render(list, 3));
        }
        if (value instanceof Map<?, ?> map) {
            return "a mapping " + cut(render(map, 3));
        }
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return cut(render(value, 1));
        }
        if (value instanceof byte[]) {
            return "binary data";
        }
        return "a value of type " + value.getClass().getSimpleName();
    }

    private static String cut(String s) {
        return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN - 3) + "...";
    }

    /** Flow-style rendering, depth-limited so that aliased (recursive) structures terminate. */
    private static String render(Object value, int depth) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + '"';
        }
        if (value instanceof Double d && !Double.isFinite(d)) {
            return d.isNaN() ? ".nan" : d > 0 ? ".inf" : "-.inf";
        }
        if (value instanceof Float f && !Float.isFinite(f)) {
            return render(f.doubleValue(), depth);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (depth <= 0) {
            return "...";
        }
        StringBuilder sb = new StringBuilder();
        if (value instanceof List<?> list) {
            sb.append('[');
            for (Object item : list) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(render(item, depth - 1));
                if (sb.length() > MAX_SHOWN) {
                    break;
                }
            }
            return sb.append(']').toString();
        }
        if (value instanceof Map<?, ?> map) {
            sb.append('{');
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(e.getKey()).append(": ").append(render(e.getValue(), depth - 1));
                if (sb.length() > MAX_SHOWN) {
                    break;
                }
            }
            return sb.append('}').toString();
        }
        return value.getClass().getSimpleName();
    }

    /** "an integer in [lo, hi]", or with an open side ">= lo" / "<= hi" when a bound is the type's limit. */
    static String integerRange(long min, long max) {
        if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
            return "an integer";
        }
        if (max == Long.MAX_VALUE) {
            return "an integer >= " + min;
        }
        if (min == Long.MIN_VALUE) {
            return "an integer <= " + max;
        }
        return "an integer in [" + min + ", " + max + "]";
    }

    /** As {@link #integerRange}, for real numbers; infinite bounds are open sides. */
    static String numberRange(double min, double max, boolean finite) {
        return numberRange(min, false, max, finite);
    }

    /**
     * As {@link #numberRange(double, double, boolean)}, with {@code min} itself excluded when
     * {@code minExclusive}: "a finite number in (0.0, 1.0]" or "a finite number > 0.0".
     */
    static String numberRange(double min, boolean minExclusive, double max, boolean finite) {
        return numberRange(min, minExclusive, max, false, finite);
    }

    /**
     * As {@link #numberRange(double, boolean, double, boolean)}, with {@code max} itself excluded
     * when {@code maxExclusive}: "a finite number in [0.0, 1.0)" or "a finite number < 1.0".
     */
    static String numberRange(double min, boolean minExclusive, double max, boolean maxExclusive, boolean finite) {
        String kind = finite ? "a finite number" : "a number";
        boolean lo = min != Double.NEGATIVE_INFINITY;
        boolean hi = max != Double.POSITIVE_INFINITY;
        if (lo && hi) {
            return kind + " in " + (minExclusive ? "(" : "[") + min + ", " + max + (maxExclusive ? ")" : "]");
        }
        if (lo) {
            return kind + (minExclusive ? " > " : " >= ") + min;
        }
        if (hi) {
            return kind + (maxExclusive ? " < " : " <= ") + max;
        }
        return kind;
    }

    /**
     * "a list of 1 to 8 integers in [1, 4096]" (or "of 2 integers" when the length is fixed), for
     * the integer lists of {@link ConfigNode#getIntList}.
     */
    static String integerList(int minLength, int maxLength, long min, long max) {
        return integerList(minLength, maxLength, min, max, false);
    }

    /**
     * As {@link #integerList(int, int, long, long)}, saying "distinct integers" when
     * {@code distinct}: "a list of 0 to 1000 distinct integers in [0, 10000]".
     */
    static String integerList(int minLength, int maxLength, long min, long max, boolean distinct) {
        String range = integerRange(min, max);
        return "a list of " + count(minLength, maxLength) + (distinct ? " distinct" : "")
                + (maxLength == 1 ? " integer" : " integers") + range.substring("an integer".length());
    }

    /**
     * "a list of 1 to 17 finite numbers in [0.0, 1.0]" (or "of 2 finite numbers" when the length
     * is fixed), for the number lists of {@link ConfigNode#getDoubleList}.
     */
    static String numberList(int minLength, int maxLength, double min, double max) {
        String range = numberRange(min, max, true);
        return "a list of " + count(minLength, maxLength) + (maxLength == 1 ? " finite number" : " finite numbers")
                + range.substring("a finite number".length());
    }

    private static String count(int minLength, int maxLength) {
        return minLength == maxLength ? String.valueOf(minLength) : minLength + " to " + maxLength;
    }

    /** How many entries a list has, for "got ..." clauses: "an empty list", "a list of 9 entries". */
    static String listLength(int size) {
        return size == 0 ? "an empty list" : size == 1 ? "a list of 1 entry" : "a list of " + size + " entries";
    }

    /**
     * The candidate closest to {@code key} by edit distance (ignoring case and {@code _}/{@code -}
     * so that {@code epochLength} finds {@code epoch_length}), or null when none is close enough
     * to be a plausible misspelling.
     */
    static String suggest(String key, Collection<String> candidates) {
        String k = normalize(key);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = editDistance(k, normalize(c));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        if (best == null) {
            return null;
        }
        int shorter = Math.min(k.length(), normalize(best).length());
        // About one edit per three characters, at least one, and never a whole word's worth ('x' is no typo of 'y').
        return bestDistance <= Math.max(1, shorter / 3) && bestDistance < shorter ? best : null;
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** Edit distance counting insertions, deletions, substitutions and adjacent swaps as one edit each. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}

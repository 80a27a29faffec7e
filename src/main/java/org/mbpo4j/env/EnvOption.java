package org.mbpo4j.env;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One constructor option of an env, as Gymnasium's {@code gymnasium.make(id, **kwargs)} takes
 * them (e.g. Hopper-v5's {@code ctrl_cost_weight}): its name, kind, default and allowed values.
 * {@link #check(Object)} validates a value and returns it in canonical form; the config layer
 * reports its message against the YAML key {@code env_kwargs.<name>}.
 *
 * @param name  the keyword, snake_case as in Gymnasium
 * @param kind  what values it takes
 * @param def   the default, in canonical form ({@code Boolean}, {@code Double}, {@code Integer},
 *              {@code List<Double>} of two for a range, {@code String}, or for {@link Kind#BODY}
 *              an {@code Integer} or {@code String})
 * @param min   the smallest allowed number (numbers, integers and both ends of a range)
 * @param max   the largest allowed number
 * @param doc   one line for help texts
 * @param names for {@link Kind#FILE}: the names of files the env ships (Gymnasium's assets), which
 *              are accepted as they are; empty otherwise
 */
public record EnvOption(String name, Kind kind, Object def, double min, double max, String doc, List<String> names) {

    /** What an option takes. */
    public enum Kind {
        /** true or false. */
        BOOLEAN,
        /** a finite number in [min, max]. */
        NUMBER,
        /** an integer in [min, max]. */
        INTEGER,
        /** two numbers [low, high] with low &lt;= high, each in [min, max] (infinite ends allowed: .inf). */
        RANGE,
        /**
         * the path of an existing MJCF file (absolute, {@code ~/...}, or relative to the working
         * directory), or one of the names the env ships ({@link #names()})
         */
        FILE,
        /** a body of the model: its index (>= 0) or its name. */
        BODY
    }

    public EnvOption {
        if (name == null || name.isBlank() || kind == null) {
            throw new IllegalArgumentException("an env option needs a name and a kind");
        }
        names = names == null ? List.of() : List.copyOf(names);
    }

    /** An option without file names. */
    public EnvOption(String name, Kind kind, Object def, double min, double max, String doc) {
        this(name, kind, def, min, max, doc, List.of());
    }

    /** A boolean option. */
    public static EnvOption bool(String name, boolean def, String doc) {
        return new EnvOption(name, Kind.BOOLEAN, def, Double.NaN, Double.NaN, doc);
    }

    /** A finite number in [min, max]. */
    public static EnvOption number(String name, double def, double min, double max, String doc) {
        return new EnvOption(name, Kind.NUMBER, def, min, max, doc);
    }

    /** An integer in [min, max]. */
    public static EnvOption integer(String name, int def, int min, int max, String doc) {
        return new EnvOption(name, Kind.INTEGER, def, min, max, doc);
    }

    /** A range [low, high] whose ends lie in [min, max] (which may be infinite). */
    public static EnvOption range(String name, double low, double high, double min, double max, String doc) {
        return new EnvOption(name, Kind.RANGE, List.of(low, high), min, max, doc);
    }

    /**
     * An MJCF file: a path, or the name of one of the files the env ships ({@code bundled}, as
     * Gymnasium resolves plain names against its assets); {@code def} is one of those.
     */
    public static EnvOption file(String name, String def, List<String> bundled, String doc) {
        return new EnvOption(name, Kind.FILE, def, Double.NaN, Double.NaN, doc, bundled);
    }

    /** A body index or name. */
    public static EnvOption body(String name, Object def, String doc) {
        return new EnvOption(name, Kind.BODY, def, Double.NaN, Double.NaN, doc);
    }

    /** What values are allowed, for messages ("a number in [0, inf)", ...). */
    public String allowed() {
        return switch (kind) {
            case BOOLEAN -> "true or false";
            case NUMBER -> "a number in " + interval();
            case INTEGER -> "an integer in " + interval();
            case RANGE -> "a list [low, high] of numbers in " + interval() + " with low <= high (.inf for infinity)";
            case FILE -> "the path of an MJCF (.xml) file" + (names.isEmpty() ? "" : " or one of " + names);
            case BODY -> "a body index (an integer >= 0) or a body name";
        };
    }

    /**
     * The value in canonical form.
     *
     * @throws IllegalArgumentException "must be ..., got ..." (without the option's name)
     */
    public Object check(Object v) {
        String must = "must be " + allowed() + ", got " + describe(v);
        switch (kind) {
            case BOOLEAN -> {
                if (v instanceof Boolean b) {
                    return b;
                }
                throw new IllegalArgumentException(must);
            }
            case NUMBER -> {
                double d = number(v, must);
                if (!Double.isFinite(d) || d < min || d > max) {
                    throw new IllegalArgumentException(must);
                }
                return d;
            }
            case INTEGER -> {
                double d = number(v, must);
                if (d != Math.rint(d) || d < min || d > max) {
                    throw new IllegalArgumentException(must);
                }
                return (int) d;
            }
            case RANGE -> {
                if (!(v instanceof List<?> l) || l.size() != 2) {
                    throw new IllegalArgumentException(must);
                }
                double lo = number(l.get(0), must);
                double hi = number(l.get(1), must);
                if (Double.isNaN(lo) || Double.isNaN(hi) || lo < min || hi > max || lo > hi) {
                    throw new IllegalArgumentException(must);
                }
                return List.of(lo, hi);
            }
            case FILE -> {
                if (!(v instanceof String s) || s.isBlank()) {
                    throw new IllegalArgumentException(must);
                }
                if (names.contains(s)) {
                    return s;
                }
                Path p = s.startsWith("~/") ? Path.of(System.getProperty("user.home"), s.substring(2)) : Path.of(s);
                if (!Files.isRegularFile(p)) {
                    throw new IllegalArgumentException("must be " + allowed() + ", and " + s + " is not a file");
                }
                return p.toAbsolutePath().normalize().toString();
            }
            case BODY -> {
                if (v instanceof String s && !s.isBlank()) {
                    return s;
                }
                if (v instanceof Number) {
                    double d = number(v, must);
                    if (d == Math.rint(d) && d >= 0 && d < Integer.MAX_VALUE) {
                        return (int) d;
                    }
                }
                throw new IllegalArgumentException(must);
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    private String interval() {
        return (min == Double.NEGATIVE_INFINITY ? "(-inf" : "[" + fmt(min)) + ", "
                + (max == Double.POSITIVE_INFINITY ? "inf)" : fmt(max) + "]");
    }

    private static double number(Object v, String must) {
        if (v instanceof Number n && !(v instanceof Boolean)) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(must);
    }

    static String fmt(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d).toLowerCase(Locale.ROOT);
    }

    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        return v.toString();
    }
}

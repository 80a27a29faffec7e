package org.mbpo4j.env;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated constructor options of one env (Gymnasium's {@code make} kwargs): every option
 * of the env's schema, the given ones checked and the others at their defaults. Immutable.
 */
public final class EnvKwargs {
    private static final EnvKwargs NONE = new EnvKwargs(List.of(), Map.of(), Map.of());

    private final List<EnvOption> schema;
    private final Map<String, Object> values;
    private final Map<String, Object> given;

    private EnvKwargs(List<EnvOption> schema, Map<String, Object> values, Map<String, Object> given) {
        this.schema = schema;
        this.values = values;
        this.given = given;
    }

    /** No options (for envs without any). */
    public static EnvKwargs none() {
        return NONE;
    }

    /**
     * Validates {@code given} against {@code schema}.
     *
     * @throws IllegalArgumentException naming the first unknown or invalid option ({@code "ctrl_cost_weight:
     *                                  must be ..."}, or {@code "unknown option 'x' (allowed: ...)"})
     */
    public static EnvKwargs of(String envId, List<EnvOption> schema, Map<String, ?> given) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Object> chosen = new LinkedHashMap<>();
        for (EnvOption o : schema) {
            values.put(o.name(), o.def());
        }
        if (given != null) {
            for (Map.Entry<String, ?> e : given.entrySet()) {
                EnvOption o = find(schema, e.getKey());
                if (o == null) {
                    throw new IllegalArgumentException("unknown option '" + e.getKey() + "' for " + envId + " ("
                            + (schema.isEmpty() ? envId + " takes no options" : "allowed: " + names(schema)) + ")");
                }
                Object v;
                try {
                    v = o.check(e.getValue());
                } catch (IllegalArgumentException x) {
                    throw new IllegalArgumentException(o.name() + ": " + x.getMessage(), x);
                }
                values.put(o.name(), v);
                chosen.put(o.name(), v);
            }
        }
        return new EnvKwargs(List.copyOf(schema), Collections.unmodifiableMap(values),
                Collections.unmodifiableMap(chosen));
    }

    /** The option names of {@code schema}, comma-separated. */
    public static String names(List<EnvOption> schema) {
        List<String> n = new ArrayList<>();
        schema.forEach(o -> n.add(o.name()));
        return String.join(", ", n);
    }

    private static EnvOption find(List<EnvOption> schema, String name) {
        for (EnvOption o : schema) {
            if (o.name().equals(name)) {
                return o;
            }
        }
        return null;
    }

    public List<EnvOption> schema() {
        return schema;
    }

    /** Every option with its value (defaults included), in schema order. */
    public Map<String, Object> values() {
        return values;
    }

    /** Only the options that were given, in the order given. */
    public Map<String, Object> given() {
        return given;
    }

    public boolean isDefault() {
        return given.isEmpty();
    }

    private Object get(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("no option '" + name + "' (options: " + names(schema) + ")");
        }
        return values.get(name);
    }

    public boolean bool(String name) {
        return (Boolean) get(name);
    }

    public double number(String name) {
        return (Double) get(name);
    }

    public int integer(String name) {
        return (Integer) get(name);
    }

    /** A range option as {low, high}. */
    public double[] range(String name) {
        List<?> l = (List<?>) get(name);
        return new double[] {(Double) l.get(0), (Double) l.get(1)};
    }

    public String string(String name) {
        return (String) get(name);
    }

    /** A {@link EnvOption.Kind#BODY} option: an {@code Integer} or a {@code String}. */
    public Object body(String name) {
        return get(name);
    }

    @Override
    public String toString() {
        return given.toString();
    }
}

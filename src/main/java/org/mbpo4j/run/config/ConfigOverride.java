package org.mbpo4j.run.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One command-line override, {@code key.path=value}: the value is read as YAML ({@code 5} is an
 * integer, {@code true} a boolean, {@code null} null, {@code [1, 2]} a list, {@code abc} a string;
 * an empty value is null).
 *
 * @param text the override as given, for messages
 * @param path the key path, split at dots
 * @param value the parsed value
 */
record ConfigOverride(String text, List<String> path, Object value) {
    private static final String FORM = "an override must have the form key.path=value (for example train.steps=1000)";

    ConfigOverride {
        path = List.copyOf(path);
    }

    /** Parses {@code text}; a malformed override is a {@link ConfigException} whose source is {@code --set text}. */
    static ConfigOverride parse(String text) {
        String source = sourceOf(text);
        if (text == null) {
            throw new ConfigException(source, null, FORM + ", got null");
        }
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw new ConfigException(source, null, FORM + "; no '=' found");
        }
        String key = text.substring(0, eq).strip();
        if (key.isEmpty()) {
            throw new ConfigException(source, null, FORM + "; the key path is empty");
        }
        List<String> path = new ArrayList<>();
        for (String segment : key.split("\\.", -1)) {
            if (segment.isEmpty()) {
                throw new ConfigException(source, null, FORM + "; the key path '" + key + "' has an empty segment");
            }
            path.add(segment);
        }
        Object value = YamlIo.load(text.substring(eq + 1), source, key);
        return new ConfigOverride(text, path, value);
    }

    /** How errors name this override: {@code --set text}. */
    static String sourceOf(String text) {
        return "--set " + text;
    }

    String source() {
        return sourceOf(text);
    }

    String key() {
        return String.join(".", path);
    }

    /**
     * Whether an error about {@code keyPath} may be this override's doing: the paths are equal,
     * or one lies inside the other (an override of a whole section, or one that added a section,
     * or of a whole list: {@code sac.hidden} touches {@code sac.hidden[1]}).
     */
    boolean touches(String keyPath) {
        if (keyPath == null) {
            return false;
        }
        String mine = key();
        return keyPath.equals(mine) || keyPath.startsWith(mine + ".") || keyPath.startsWith(mine + "[")
                || mine.startsWith(keyPath + ".");
    }

    /**
     * A copy of {@code tree} with this override applied, creating missing or null intermediate
     * sections; only the maps along the path are copied, so aliased YAML nodes elsewhere are
     * not changed. Crossing a value that is not a mapping is an error.
     */
    Map<Object, Object> applyTo(Map<?, ?> tree) {
        Map<Object, Object> root = new LinkedHashMap<>(tree);
        Map<Object, Object> current = root;
        for (int i = 0; i < path.size() - 1; i++) {
            String segment = path.get(i);
            Object child = current.get(segment);
            Map<Object, Object> copy;
            if (child == null) {
                copy = new LinkedHashMap<>();
            } else if (child instanceof Map<?, ?> m) {
                copy = new LinkedHashMap<>(m);
            } else {
                String at = String.join(".", path.subList(0, i + 1));
                throw new ConfigException(source(), at, "cannot set '" + key() + "': '" + at + "' is "
                        + ConfigText.describe(child) + ", not a mapping");
            }
            current.put(segment, copy);
            current = copy;
        }
        current.put(path.get(path.size() - 1), value);
        return root;
    }
}

package org.mbpo4j.run.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A configuration problem: where it came from ({@link #source()}, a file path or
 * {@code --set key=value}), which setting ({@link #key()}, a dotted path such as
 * {@code train.steps}) and what is wrong ({@link #problem()}, naming what is allowed and the
 * value that was given).
 *
 * <p>Errors are raised where they are found, with whatever is known there: a record constructor
 * knows only its own key ({@code steps}); the enclosing reader adds the section with
 * {@link #withPrefix(String)} and the loader adds the file or override with
 * {@link #withSource(String)}. The message is meant for the user as is; callers need not show a
 * stack trace.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String key;
    private final String problem;
    /** For unknown-key errors: the keys allowed where it was found, and the closest one. */
    private final List<String> allowedKeys;
    private final String suggestion;
    /** Keys of the same section whose values take part in the problem (a rule between keys). */
    private final List<String> siblings;
    /** Dotted paths of keys elsewhere (other sections) that take part in the problem. */
    private final List<String> others;

    /** A problem with {@code key} (a dotted path, or null when it concerns no one key). */
    public ConfigException(String key, String problem) {
        this(null, key, problem, null);
    }

    /** A problem with {@code key} found in {@code source} (either may be null). */
    public ConfigException(String source, String key, String problem) {
        this(source, key, problem, null);
    }

    /** As {@link #ConfigException(String, String, String)}, keeping the underlying cause. */
    public ConfigException(String source, String key, String problem, Throwable cause) {
        this(source, key, problem, null, null, List.of(), List.of(), cause);
    }

    private ConfigException(String source, String key, String problem, List<String> allowedKeys,
            String suggestion, List<String> siblings, List<String> others, Throwable cause) {
        super(cause);
        if (problem == null && allowedKeys == null) {
            throw new IllegalArgumentException("a ConfigException needs a problem description");
        }
        this.source = source;
        this.key = key;
        this.problem = problem;
        this.allowedKeys = allowedKeys;
        this.suggestion = suggestion;
        this.siblings = siblings;
        this.others = others;
    }

    /**
     * An unknown key: {@code key} is not one of {@code allowed} (the keys of its level, in schema
     * order); {@code suggestion} is the closest allowed key, or null.
     */
    public static ConfigException unknownKey(String key, Collection<String> allowed, String suggestion) {
        return new ConfigException(null, key, null, List.copyOf(allowed), suggestion, List.of(), List.of(), null);
    }

    /** Where the problem was found (a file path or {@code --set ...}); null until known. */
    public String source() {
        return source;
    }

    /** The dotted key path of the offending setting; null when the problem concerns no one key. */
    public String key() {
        return key;
    }

    /** What is wrong, naming what is allowed and what was given. */
    public String problem() {
        if (allowedKeys == null) {
            return problem;
        }
        int dot = key.lastIndexOf('.');
        String where = dot < 0 ? "at top level" : "under " + key.substring(0, dot);
        String text = "unknown key '" + key + "' ("
                + (allowedKeys.isEmpty() ? "no keys are allowed " + where
                        : "allowed " + where + ": " + String.join(", ", allowedKeys))
                + ")";
        return suggestion == null ? text : text + "; did you mean '" + suggestion + "'?";
    }

    /**
     * This error, marked as a rule between its key and {@code siblingKeys} (keys of the same
     * section, such as {@code members} for {@code elites <= members}): an override of a sibling
     * is then named as part of the source.
     */
    public ConfigException involving(String... siblingKeys) {
        ConfigException e = new ConfigException(source, key, problem, allowedKeys, suggestion,
                List.of(siblingKeys), others, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    /**
     * This error, marked as a rule between its key and keys of other sections, given as full
     * dotted paths (such as {@code sac.buffer_size} for a rule on {@code model.batch_size}): an
     * override of one of them is then named as part of the source.
     */
    public ConfigException involvingPaths(String... dottedPaths) {
        ConfigException e = new ConfigException(source, key, problem, allowedKeys, suggestion, siblings,
                List.of(dottedPaths), getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    /**
     * The dotted paths of the keys given to {@link #involving} (in this error's section) and to
     * {@link #involvingPaths}.
     */
    public List<String> involvedKeys() {
        int dot = key == null ? -1 : key.lastIndexOf('.');
        String section = dot < 0 ? "" : key.substring(0, dot + 1);
        List<String> out = new ArrayList<>(siblings.size() + others.size());
        for (String s : siblings) {
            out.add(section + s);
        }
        out.addAll(others);
        return out;
    }

    /** True for an unknown-key error (made by {@link #unknownKey}). */
    public boolean isUnknownKey() {
        return allowedKeys != null;
    }

    /**
     * This error with its source filled in, if it has none yet; an error that already names its
     * source (for example an override) keeps it.
     */
    public ConfigException withSource(String newSource) {
        if (source != null || newSource == null) {
            return this;
        }
        return copy(newSource, key);
    }

    /**
     * This error with {@code prefix} (a dotted path such as {@code train}) put in front of its key,
     * for a section reader re-throwing an error raised inside the section.
     */
    public ConfigException withPrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return this;
        }
        return copy(source, key == null ? prefix : prefix + "." + key);
    }

    private ConfigException copy(String newSource, String newKey) {
        ConfigException e = new ConfigException(newSource, newKey, problem, allowedKeys, suggestion, siblings,
                others, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** {@code source: key: problem}, leaving out what is unknown (unknown-key errors name the key in the problem). */
    @Override
    public String getMessage() {
        List<String> parts = new ArrayList<>(3);
        if (source != null) {
            parts.add(source);
        }
        if (key != null && !isUnknownKey()) {
            parts.add(key);
        }
        parts.add(problem());
        return String.join(": ", parts);
    }
}

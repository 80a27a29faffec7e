package org.mbpo4j.run.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.mbpo4j.io.TextFiles;

/**
 * Reads a {@link RunConfig} from YAML plus command-line overrides, and writes one back.
 *
 * <p>Steps: parse the YAML safely (plain data only, duplicate keys rejected), apply each
 * {@code key.path=value} override in order to the parsed tree, then read and validate the tree
 * with {@link RunConfig#from(ConfigNode)} and reject unknown keys. Every failure is a
 * {@link ConfigException} whose source is the file (or the given source name), except errors
 * about a key an override set, which name that override ({@code --set train.steps=0}).
 */
public final class ConfigLoader {
    /** The first line of {@link #toYaml(RunConfig)}. */
    public static final String RESOLVED_HEADER = "# resolved by mbpo4j";

    private ConfigLoader() {
    }

    /** Reads {@code file} (UTF-8) and applies {@code overrides} (may be null or empty). */
    public static RunConfig load(Path file, List<String> overrides) {
        Objects.requireNonNull(file, "file");
        String source = file.toString();
        if (!Files.exists(file)) {
            throw new ConfigException(source, null, "file not found");
        }
        if (Files.isDirectory(file)) {
            throw new ConfigException(source, null, "is a directory, not a configuration file");
        }
        String text;
        try {
            text = TextFiles.readUtf8(file);
        } catch (TextFiles.NotUtf8Exception e) {
            throw new ConfigException(source, null, e.problem() + ": expected a YAML run configuration", e);
        } catch (IOException e) {
            throw new ConfigException(source, null, "cannot be read: " + e, e);
        }
        return parse(text, source, overrides);
    }

    /** Parses {@code yamlText}, named {@code sourceName} in messages, and applies {@code overrides}. */
    public static RunConfig parse(String yamlText, String sourceName, List<String> overrides) {
        Objects.requireNonNull(yamlText, "yamlText");
        Objects.requireNonNull(sourceName, "sourceName");
        List<ConfigOverride> parsed = new ArrayList<>();
        if (overrides != null) {
            for (String o : overrides) {
                parsed.add(ConfigOverride.parse(o));
            }
        }
        Object document = YamlIo.load(yamlText, sourceName, null);
        if (document == null) {
            throw new ConfigException(sourceName, null, "contains no YAML document (it is empty or only comments);"
                    + " expected a mapping with at least 'env' and 'algo'");
        }
        if (!(document instanceof Map<?, ?> tree)) {
            throw new ConfigException(sourceName, null, "the top level must be a mapping of keys to values"
                    + " (with at least 'env' and 'algo'), got " + ConfigText.describe(document));
        }
        Map<?, ?> resolved = tree;
        for (ConfigOverride o : parsed) {
            resolved = o.applyTo(resolved);
        }
        try {
            ConfigNode root = ConfigNode.of(resolved);
            RunConfig config = RunConfig.from(root);
            root.finish();
            return config;
        } catch (ConfigException e) {
            throw e.withSource(attribute(e, parsed, sourceName));
        }
    }

    /**
     * The last override that touches the error's key (later overrides win); else, for a rule
     * between keys ({@link ConfigException#involving}) broken by an override of another of them
     * (such as {@code model.members=3} against the file's {@code model.elites: 5}), the file
     * "with" that override; else the file.
     */
    private static String attribute(ConfigException e, List<ConfigOverride> overrides, String sourceName) {
        for (int i = overrides.size() - 1; i >= 0; i--) {
            if (overrides.get(i).touches(e.key())) {
                return overrides.get(i).source();
            }
        }
        for (int i = overrides.size() - 1; i >= 0; i--) {
            for (String other : e.involvedKeys()) {
                if (overrides.get(i).touches(other)) {
                    return sourceName + " with " + overrides.get(i).source();
                }
            }
        }
        return sourceName;
    }

    /**
     * The fully resolved configuration, every key included, as block-style YAML starting with
     * {@value #RESOLVED_HEADER}; {@link #parse} reads it back to an equal record.
     */
    public static String toYaml(RunConfig config) {
        return RESOLVED_HEADER + "\n" + YamlIo.dump(config.toMap());
    }
}

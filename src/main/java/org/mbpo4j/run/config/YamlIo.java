package org.mbpo4j.run.config;

import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * SnakeYAML set up for configuration: plain data only ({@link SafeConstructor}: maps, lists,
 * scalars; no object construction), duplicate keys rejected, {@link StrictResolver} typing.
 * Parse errors become {@link ConfigException}s with line and column.
 */
final class YamlIo {
    private static final String DUPLICATE = "found duplicate key ";

    private YamlIo() {
    }

    /**
     * Parses one YAML document (null when there is none); syntax errors, duplicate keys and
     * the like are reported as {@code source: [key: ]line L, column C: ...}, where {@code key} is
     * the key path the text is the value of (null for a whole file).
     */
    static Object load(String text, String source, String key) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        DumperOptions dumper = new DumperOptions();
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, new StrictResolver());
        try {
            return yaml.load(text);
        } catch (DuplicateKeyException e) {
            String problem = e.getProblem() != null && e.getProblem().startsWith(DUPLICATE)
                    ? "duplicate key '" + e.getProblem().substring(DUPLICATE.length()) + "'"
                    : e.getProblem();
            throw new ConfigException(source, key, at(e.getProblemMark()) + problem, e);
        } catch (MarkedYAMLException e) {
            String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String context = e.getContext();
            // SnakeYAML splits some messages as context "expected X" + problem "but found Y".
            String detail = context == null ? problem
                    : context.startsWith("expected ") ? context + ", " + problem
                    : problem + " (" + context + ")";
            throw new ConfigException(source, key, at(mark) + "invalid YAML: " + detail, e);
        } catch (YAMLException e) {
            throw new ConfigException(source, key, "invalid YAML: " + e.getMessage(), e);
        }
    }

    private static String at(Mark mark) {
        return mark == null ? "" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": ";
    }

    /** Block-style YAML for a tree of maps, lists and scalars. */
    static String dump(Map<String, Object> tree) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setWidth(120);
        return new Yaml(options).dump(tree);
    }
}

package org.mbpo4j.run.config;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Decides the type of plain (unquoted) YAML scalars more strictly than YAML 1.1: booleans are
 * only {@code true}/{@code false} (so {@code yes}, {@code on}, {@code no} stay strings),
 * integers only decimal ({@code 010} is not octal 8, {@code 1:30} is not 90), and dates stay
 * strings. Floats ({@code 3e-4}, {@code .inf}, {@code .nan}) and nulls are as in YAML 1.1.
 * Every type it recognises is one SnakeYAML's default resolver recognises too, so text written
 * by the default dumper reads back unchanged.
 */
final class StrictResolver extends Resolver {
    private static final Pattern BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
    private static final Pattern INT = Pattern.compile("^[-+]?(?:0|[1-9][0-9_]*)$");
    private static final Pattern FLOAT = Pattern.compile("^(?:[-+]?[0-9][0-9_]*\\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
            + "|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
            + "|[-+]?\\.[0-9_]+(?:[eE][-+]?[0-9]+)?"
            + "|[-+]?\\.(?:inf|Inf|INF)"
            + "|\\.(?:nan|NaN|NAN))$");

    @Override
    protected void addImplicitResolvers() {
        addImplicitResolver(Tag.BOOL, BOOL, "tTfF", 10);
        addImplicitResolver(Tag.INT, INT, "-+0123456789");
        addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
        addImplicitResolver(Tag.MERGE, Resolver.MERGE, "<", 10);
        addImplicitResolver(Tag.NULL, Resolver.NULL, "~nN\0", 10);
        addImplicitResolver(Tag.NULL, Resolver.EMPTY, null, 10);
        addImplicitResolver(Tag.YAML, Resolver.YAML, "!&*", 10);
    }
}

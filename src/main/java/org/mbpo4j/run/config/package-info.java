/**
 * Run configuration: the validated, immutable description of one run, read from YAML.
 *
 * <p>This package owns the configuration schema ({@link org.mbpo4j.run.config.RunConfig} and its
 * sections {@link org.mbpo4j.run.config.TrainConfig}, {@link org.mbpo4j.run.config.SacConfig},
 * {@link org.mbpo4j.run.config.ModelConfig}, {@link org.mbpo4j.run.config.MbpoConfig},
 * {@link org.mbpo4j.run.config.MpcConfig} and {@link org.mbpo4j.run.config.ComputeConfig}), the typed, strict reader over a
 * parsed YAML tree ({@link org.mbpo4j.run.config.ConfigNode}), the loader that parses files,
 * applies {@code --set key.path=value} overrides and writes the fully resolved configuration
 * back out ({@link org.mbpo4j.run.config.ConfigLoader}), and the single error type that every
 * configuration problem is reported with ({@link org.mbpo4j.run.config.ConfigException}).
 *
 * <p>Conventions: YAML keys are {@code snake_case}, record components {@code camelCase}. Every
 * record validates in its compact constructor, so an invalid configuration cannot exist.
 * Unknown keys, wrong types and out-of-range values are rejected with a message naming the
 * source (file or {@code --set} override), the dotted key path, what is allowed and the value
 * that was given. Adding a section means writing one record with a {@code from(ConfigNode)}
 * reader and a {@code toMap()} writer, and one line in {@link org.mbpo4j.run.config.RunConfig}.
 *
 * <p>YAML is read as plain data with stricter typing than YAML 1.1: only {@code true} and
 * {@code false} are booleans ({@code yes}, {@code on} stay strings), integers are decimal
 * ({@code 010} is not octal), dates stay strings, and duplicate keys are errors.
 *
 * <p>It does not know which environments or algorithms exist at run time; callers check ids
 * such as {@code env} against their registries.
 */
package org.mbpo4j.run.config;

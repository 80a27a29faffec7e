package org.mbpo4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mbpo4j.env.Envs;
import org.mbpo4j.env.UnknownEnvException;
import org.mbpo4j.run.config.ConfigException;
import org.mbpo4j.run.config.ConfigLoader;
import org.mbpo4j.run.config.RunConfig;

/**
 * The {@code --set} overrides of a command plus its shortcut options ({@code --seed},
 * {@code --steps}, {@code --backend}, ...), each shortcut turned into an override whose errors
 * name the option the user typed ("--seed -1: ..."), not the override it became.
 */
final class ConfigShortcuts {
    private final List<String> overrides;
    private final Map<String, String> labels = new LinkedHashMap<>();

    ConfigShortcuts(List<String> sets) {
        this.overrides = new ArrayList<>(sets);
    }

    /** Adds {@code key=yaml} when the option was typed ({@code typed} not null). */
    ConfigShortcuts add(String option, String key, String typed, String yaml) {
        if (typed != null) {
            String override = key + "=" + yaml;
            overrides.add(override);
            labels.put("--set " + override, option + " " + typed);
        }
        return this;
    }

    /** A path option: always a YAML string, whatever it looks like ("runs/exp #3", "123", "a: b"). */
    ConfigShortcuts addPath(String option, String key, String typed) {
        return add(option, key, typed, typed == null ? null : "'" + typed.replace("'", "''") + "'");
    }

    /** {@code MBPO4J_BACKEND} (when no --backend was typed), then --backend and --kernels. */
    ConfigShortcuts addCompute(String backendChoice, String kernelsChoice) {
        String envBackend = System.getenv("MBPO4J_BACKEND");
        if (backendChoice == null && envBackend != null && !envBackend.isBlank()) {
            add("MBPO4J_BACKEND=", "compute.backend", envBackend, envBackend);
        }
        add("--backend", "compute.backend", backendChoice, backendChoice);
        return add("--kernels", "compute.kernels", kernelsChoice, kernelsChoice);
    }

    /** All overrides, in order: the --set ones first. */
    List<String> overrides() {
        return overrides;
    }

    /** The config with every override applied, its env id checked against the registry. */
    RunConfig load(Path file) {
        RunConfig cfg;
        try {
            cfg = ConfigLoader.load(file, overrides);
        } catch (ConfigException e) {
            String label = e.source() == null ? null : labels.get(e.source());
            throw label == null ? e : new ConfigException(label, e.key(), e.problem());
        }
        try {
            Envs.spec(cfg.env());
        } catch (UnknownEnvException e) {
            throw new ConfigException(sourceOf("env", file), "env", e.getMessage());
        }
        return cfg;
    }

    /** Where the values under {@code prefix} came from: the last override of a key under it, else the file. */
    String sourceUnder(String prefix, Path file) {
        for (int i = overrides.size() - 1; i >= 0; i--) {
            if (overrides.get(i).startsWith(prefix + ".") || overrides.get(i).startsWith(prefix + "=")) {
                return "--set " + overrides.get(i);
            }
        }
        return file.toString();
    }

    /** Where a key's value came from: the last override that set it, else the file. */
    String sourceOf(String key, Path file) {
        for (int i = overrides.size() - 1; i >= 0; i--) {
            if (overrides.get(i).startsWith(key + "=")) {
                return "--set " + overrides.get(i);
            }
        }
        return file.toString();
    }
}

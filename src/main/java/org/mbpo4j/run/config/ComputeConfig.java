package org.mbpo4j.run.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code compute:} section: where the numerical work runs. Values are written in lower case
 * in YAML ({@code backend: cuda}).
 *
 * @param backend the device for tensors ({@code backend}, default {@code auto})
 * @param kernels the implementation of the hot numerical kernels ({@code kernels}, default
 *     {@code auto})
 */
public record ComputeConfig(Backend backend, Kernels kernels) {
    private static final String BACKEND = "backend";
    private static final String KERNELS = "kernels";

    /** The device for tensors; the consumer decides what {@code auto} resolves to. */
    public enum Backend {
        /** Whatever the installed ND4J backend provides. */
        AUTO,
        /** The CPU. */
        CPU,
        /** An NVIDIA GPU through CUDA. */
        CUDA;

        /** The YAML spelling: the name in lower case. */
        public String yamlName() {
            return ConfigNode.enumName(this);
        }
    }

    /** The implementation of the hot numerical kernels; the consumer decides what {@code auto} resolves to. */
    public enum Kernels {
        /** The consumer's choice for the backend in use. */
        AUTO,
        /** Plain Java code on the CPU. */
        CPU,
        /** ND4J operations. */
        ND4J;

        /** The YAML spelling: the name in lower case. */
        public String yamlName() {
            return ConfigNode.enumName(this);
        }
    }

    /** Validates every field; a violation is a {@link ConfigException} naming the YAML key. */
    public ComputeConfig {
        if (backend == null) {
            throw new ConfigException(BACKEND, "must be one of: " + names(Backend.values()) + ", got null");
        }
        if (kernels == null) {
            throw new ConfigException(KERNELS, "must be one of: " + names(Kernels.values()) + ", got null");
        }
    }

    /** The defaults: {@code backend: auto}, {@code kernels: auto}. */
    public static ComputeConfig defaults() {
        return new ComputeConfig(Backend.AUTO, Kernels.AUTO);
    }

    /** Reads the section; absent keys take their defaults. Unknown keys are left to {@link ConfigNode#finish()}. */
    public static ComputeConfig from(ConfigNode node) {
        ComputeConfig d = defaults();
        return new ComputeConfig(
                node.getEnum(BACKEND, Backend.class, d.backend),
                node.getEnum(KERNELS, Kernels.class, d.kernels));
    }

    /** Every key with its value, snake_case, in schema order. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(BACKEND, backend.yamlName());
        m.put(KERNELS, kernels.yamlName());
        return m;
    }

    private static String names(Enum<?>[] constants) {
        StringBuilder sb = new StringBuilder();
        for (Enum<?> c : constants) {
            sb.append(sb.length() == 0 ? "" : ", ").append(ConfigNode.enumName(c));
        }
        return sb.toString();
    }
}

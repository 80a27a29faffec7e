package org.mbpo4j.run.config;

/**
 * The algorithm a run uses, written in lower case in YAML ({@code algo: random}). Later stages
 * add the learning agents.
 */
public enum Algo {
    /** Uniformly random actions: the baseline and a smoke test of the run loop. */
    RANDOM,
    /** Model-free soft actor-critic, configured by the {@code sac:} section ({@link SacConfig}). */
    SAC;

    /** The YAML spelling: the name in lower case. */
    public String yamlName() {
        return ConfigNode.enumName(this);
    }
}

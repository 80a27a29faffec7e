package org.mbpo4j.run.config;

/**
 * The algorithm a run uses, written in lower case in YAML ({@code algo: random}). Later stages
 * add the learning agents.
 */
public enum Algo {
    /** Uniformly random actions: the baseline and a smoke test of the run loop. */
    RANDOM,
    /** Model-free soft actor-critic, configured by the {@code sac:} section ({@link SacConfig}). */
    SAC,
    /**
     * Model-based policy optimisation (Janner et al. 2019): SAC ({@code sac:}) on real and
     * model-generated data, the dynamics model ({@code model:}) and the schedule ({@code mbpo:}).
     */
    MBPO,
    /**
     * Model predictive control with the learned dynamics model (PETS-style): a planner
     * ({@code mpc:}) searches action sequences through the model ({@code model:}) at every step.
     */
    MPC;

    /** The YAML spelling: the name in lower case. */
    public String yamlName() {
        return ConfigNode.enumName(this);
    }
}

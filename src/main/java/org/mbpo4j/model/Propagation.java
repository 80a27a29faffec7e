package org.mbpo4j.model;

/**
 * How an ensemble turns its members' predictions into one next state per row when it is
 * sampled (model rollouts, planning). Every choice draws only from the elites.
 */
public enum Propagation {
    /** Each row takes a uniformly random elite, drawn afresh at every step (MBPO's default). */
    RANDOM_ELITE,
    /**
     * Each row keeps one elite for a whole rollout (PETS' "TS-inf"): drawn when the rollout
     * starts, or given by the caller.
     */
    FIXED_MEMBER,
    /**
     * The elites' average: mean of their means and mean of their log-variances (mbrl-lib's
     * "expectation").
     */
    ELITE_MEAN
}

package org.mbpo4j.agent;

import org.mbpo4j.policy.Policy;

import java.util.Map;

/**
 * Something that acts in an env and (optionally) learns from what it sees. The training loop
 * calls {@link #act} for every real step and then {@link #observe} with the transition;
 * learning agents (SAC, MBPO) do their updates inside {@code observe}, so they all plug into
 * the same loop.
 *
 * @param <A> the action type of the env
 */
public interface Agent<A> extends Policy<A> {

    /** Called after every real env step. */
    void observe(Transition<A> transition);

    /** Everything needed to resume this agent (JSON-compatible values: numbers, strings, lists, maps). */
    Map<String, Object> checkpointState();

    /** Restores what {@link #checkpointState()} returned. */
    void restore(Map<String, Object> state);

    /** Writes state too large for JSON (networks, replay buffers) into {@code dir}; nothing by default. */
    default void saveFiles(java.nio.file.Path dir) throws java.io.IOException {
    }

    /** Reads what {@link #saveFiles} wrote. */
    default void loadFiles(java.nio.file.Path dir) throws java.io.IOException {
    }

    /**
     * Numbers worth logging (losses, temperatures...); empty for agents that do not learn. The
     * keys are fixed from the first call (they become metrics.csv columns): report NaN for a
     * value not known yet.
     */
    default Map<String, Double> metrics() {
        return Map.of();
    }

    /**
     * Seconds spent so far in the agent's own phases (model training, rollouts, policy updates
     * ...), all inside the loop's "agent" phase; fixed keys from the first call.
     */
    default Map<String, Double> phaseSeconds() {
        return Map.of();
    }

    /**
     * Calls {@code hook} with the env step and the training's figures (epochs, stop reason,
     * holdout MSEs, elites, ...) after each training of the agent's dynamics model; agents
     * without a model never call it.
     */
    default void onModelTraining(java.util.function.BiConsumer<Long, Map<String, Object>> hook) {
    }

    /** Steps of pure exploration at the start (uniform random actions, no learning); 0 by default. */
    default long explorationSteps() {
        return 0;
    }

    /** A few words for the progress bar (e.g. the rollout length); empty by default. */
    default String progressNote() {
        return "";
    }
}

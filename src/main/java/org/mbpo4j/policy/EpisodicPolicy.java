package org.mbpo4j.policy;

/**
 * A policy with memory within an episode (e.g. the phase of Gymnasium's BipedalWalker gait
 * heuristic). Whoever plays episodes calls {@link #startEpisode()} right after each reset,
 * before the first {@link Policy#act}, so that every episode starts from the same policy state.
 */
public interface EpisodicPolicy {

    /** Forgets the previous episode: the next {@code act} is the first of a new episode. */
    void startEpisode();
}

/**
 * Replay storage for off-policy learning: {@link org.mbpo4j.buffer.ReplayBuffer}, a
 * fixed-capacity ring of transitions in columnar float arrays, and
 * {@link org.mbpo4j.buffer.Batch}, a preallocated minibatch that sampling writes into.
 *
 * <p>This package owns how transitions are stored, validated (only finite values get in),
 * sampled (uniformly with replacement, from an {@link org.mbpo4j.random.Rng} the caller
 * passes in, so the buffer itself holds no randomness), mixed (MBPO draws one batch partly
 * from real and partly from model data), resized, and saved to / loaded from its own compact
 * binary file. SAC samples its real buffer here; MBPO keeps a real and a model buffer.
 *
 * <p>Prioritized replay ({@link org.mbpo4j.buffer.PrioritizedReplay}, proportional, Schaul et
 * al. 2016) wraps a {@code ReplayBuffer} with a {@link org.mbpo4j.buffer.SumTree} over its
 * slots: rows are drawn in proportion to their priority, with importance-sampling weights, and
 * the priorities are saved next to the buffer's file. The plain buffer's API and behaviour are
 * unchanged by it.
 *
 * <p>{@code terminated} and {@code truncated} are kept apart everywhere: only termination
 * ends bootstrapping ({@link org.mbpo4j.buffer.Batch#done()}); truncation is kept for
 * diagnostics. Discrete actions are stored as one float holding the action index
 * ({@code actDim = 1}).
 *
 * <p>Not thread-safe.
 */
package org.mbpo4j.buffer;

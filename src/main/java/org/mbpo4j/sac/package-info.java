/**
 * Soft Actor-Critic on the neural core: a tanh-squashed Gaussian actor, twin Q critics with
 * Polyak-averaged targets, automatic entropy temperature, and the update written top-down in
 * {@link org.mbpo4j.sac.SacLearner}. {@link org.mbpo4j.sac.SacAgent} plugs it into the training
 * loop, with uniform replay or, opt-in, prioritized replay
 * ({@link org.mbpo4j.buffer.PrioritizedReplay}) and an importance-weighted critic loss.
 */
package org.mbpo4j.sac;

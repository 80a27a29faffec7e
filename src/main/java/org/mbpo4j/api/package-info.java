/**
 * mbpo4j as a library: train SAC or MBPO on any {@code Env<float[]>} (with its
 * {@link org.mbpo4j.env.TaskRules} for MBPO) from Java, in memory or into a run directory,
 * follow it with a {@link org.mbpo4j.train.TrainListener}, stop it early, and get back the
 * trained {@link org.mbpo4j.policy.TrainedPolicy}. Start at {@link org.mbpo4j.api.Training}.
 *
 * <p>The wiring is the command line's: the same seed and options give the same run as
 * {@code ./mbpo train} with the equivalent config (tested).
 */
package org.mbpo4j.api;

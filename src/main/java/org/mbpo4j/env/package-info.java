/**
 * The environment API, following Gymnasium's contract: {@link org.mbpo4j.env.Env} with
 * {@code reset(seed)} and {@code step(action)}, spaces ({@link org.mbpo4j.env.Box},
 * {@link org.mbpo4j.env.Discrete}), wrappers ({@link org.mbpo4j.env.TimeLimit},
 * {@link org.mbpo4j.env.EpisodeStatistics}, {@link org.mbpo4j.env.RescaleAction}), the registry
 * ({@link org.mbpo4j.env.Envs}), each task's batched reward and termination rules
 * ({@link org.mbpo4j.env.TaskRules}), and the checks against Gymnasium
 * ({@link org.mbpo4j.env.ReferenceReplay}). The environments themselves live in subpackages.
 */
package org.mbpo4j.env;

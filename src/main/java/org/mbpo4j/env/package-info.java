/**
 * The environment API, following Gymnasium's contract: {@link org.mbpo4j.env.Env} with
 * {@code reset(seed)} and {@code step(action)}, spaces ({@link org.mbpo4j.env.Box},
 * {@link org.mbpo4j.env.Discrete}), wrappers ({@link org.mbpo4j.env.TimeLimit},
 * {@link org.mbpo4j.env.EpisodeStatistics}, {@link org.mbpo4j.env.RescaleAction}), the registry
 * ({@link org.mbpo4j.env.Envs}), each task's batched reward and termination rules
 * ({@link org.mbpo4j.env.TaskRules}), and the checks against Gymnasium
 * ({@link org.mbpo4j.env.ReferenceReplay}), constructor options ({@link org.mbpo4j.env.EnvOption},
 * {@link org.mbpo4j.env.EnvKwargs}) and envs that need something outside mbpo4j
 * ({@link org.mbpo4j.env.EnvFactory}, {@link org.mbpo4j.env.EnvUnavailableException}). The
 * environments themselves live in subpackages: {@code classic}, {@code box2d}, {@code mujoco},
 * {@code synthetic}.
 */
package org.mbpo4j.env;

/**
 * Agents and policies: the {@link org.mbpo4j.agent.Agent} interface every learner (random, SAC,
 * MBPO, MPC) implements so that it plugs into the same training loop, the uniformly random
 * baseline, and {@link org.mbpo4j.agent.Evaluation} of a policy over whole episodes.
 */
package org.mbpo4j.agent;

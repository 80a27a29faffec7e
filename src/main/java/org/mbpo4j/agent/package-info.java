/**
 * Agents: the {@link org.mbpo4j.agent.Agent} interface every learner (random, SAC, MBPO, MPC)
 * implements so that it plugs into the same training loop (an agent is a
 * {@link org.mbpo4j.policy.Policy} that also observes transitions and saves its state), the
 * uniformly random baseline, and {@link org.mbpo4j.agent.Evaluation} of a policy over whole
 * episodes.
 */
package org.mbpo4j.agent;

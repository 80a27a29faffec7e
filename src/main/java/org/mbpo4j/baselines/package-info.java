/**
 * Analytic baselines: problems whose optimum is known exactly, so that a learning agent's
 * result can be compared with the true answer rather than with another learner.
 *
 * <p>Subpackages: {@code tabular} (finite MDPs solved exactly by value and policy iteration,
 * with an MBPO-style agent that learns them from real and model-generated data) and
 * {@code lqr} (linear-quadratic regulators solved by the Riccati equation).
 */
package org.mbpo4j.baselines;

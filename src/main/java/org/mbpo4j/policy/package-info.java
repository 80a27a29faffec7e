/**
 * Trained policies as files that any JVM application can load and act with, in plain Java.
 *
 * <p>Owns {@link org.mbpo4j.policy.Policy}, what maps observations to actions (every agent, the
 * envs' heuristic controllers, a loaded policy file), with
 * {@link org.mbpo4j.policy.EpisodicPolicy} for policies with memory within an episode; and the
 * policy file format ({@link org.mbpo4j.policy.PolicyFile}: versioned, checksummed,
 * self-describing) and {@link org.mbpo4j.policy.TrainedPolicy}, the deterministic actor it
 * holds (an MLP, tanh squashing of its mean, rescaling onto the env's action bounds). This
 * package imports nothing but the JDK: no ND4J, no native library, nothing else of mbpo4j, so
 * that an application can ship a policy with only these classes.
 */
package org.mbpo4j.policy;

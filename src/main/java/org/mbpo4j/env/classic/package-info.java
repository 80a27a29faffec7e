/**
 * Gymnasium's classic-control tasks ported to Java, numerically faithful to Gymnasium 1.x
 * (checked step by step against recorded Gymnasium trajectories): Pendulum-v1,
 * MountainCarContinuous-v0, CartPole-v1, Acrobot-v1, MountainCar-v0, plus the continuous-action
 * CartPoleContinuous-v1. Each task's reward and termination live in one batched
 * {@link org.mbpo4j.env.TaskRules} used by the env and by model rollouts.
 */
package org.mbpo4j.env.classic;

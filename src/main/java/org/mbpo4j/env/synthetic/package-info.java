/**
 * Synthetic envs for timing, not for learning results: tasks with the sizes of well-known
 * benchmarks (observation, action and episode length) whose dynamics are cheap and need no
 * physics engine. {@code HopperSized-v0} ({@link org.mbpo4j.env.synthetic.HopperSized}) has
 * Hopper's sizes so that MBPO's cost per phase can be measured at Hopper's scale without
 * MuJoCo; it is a stable random linear system, not Hopper, and its returns say nothing about
 * Hopper. As everywhere, each task's reward and termination live in one batched
 * {@link org.mbpo4j.env.TaskRules} used by the env and by model rollouts.
 */
package org.mbpo4j.env.synthetic;

/**
 * Synthetic envs for timing, not for learning results: tasks with the sizes of well-known
 * benchmarks (observation, action and episode length) whose dynamics are cheap and need no
 * physics engine. {@code HopperSized-v0} ({@link org.mbpo4j.env.synthetic.HopperSized}) has
 * Hopper's sizes so that MBPO's cost per phase can be measured at Hopper's scale without
 * MuJoCo; it is a stable random linear system, not Hopper, and its returns say nothing about
 * Hopper. As everywhere, each task's reward and termination live in one batched
 * {@link org.mbpo4j.env.TaskRules} used by the env and by model rollouts.
 *
 * <p>A synthetic env has no body to draw, so its {@link org.mbpo4j.env.Renderable} picture
 * ({@code mbpo render}) shows what it has: the observation and the last action as labelled
 * bars with the step count, under a title that says what the env is not.
 */
package org.mbpo4j.env.synthetic;

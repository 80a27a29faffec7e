/**
 * Gymnasium's classic-control tasks ported to Java, numerically faithful to Gymnasium 1.x
 * (checked step by step against recorded Gymnasium trajectories): Pendulum-v1,
 * MountainCarContinuous-v0, CartPole-v1, Acrobot-v1, MountainCar-v0, plus the continuous-action
 * CartPoleContinuous-v1. Each task's reward and termination live in one batched
 * {@link org.mbpo4j.env.TaskRules} used by the env and by model rollouts.
 *
 * <p>Every task is {@link org.mbpo4j.env.Renderable} ({@code mbpo render}): a plain Java2D
 * drawing (headless-safe, no pygame) that follows Gymnasium's {@code render_mode="rgb_array"}
 * picture, its size, colours and scale, drawn with y up and flipped as Gymnasium does, and
 * played at Gymnasium's {@code render_fps}: Pendulum 500 x 500 at 30 fps (its torque arrow
 * image is drawn as an arc), CartPole and CartPoleContinuous 600 x 400 at 50 fps, the two
 * mountain cars 600 x 400 at 30 fps, Acrobot 500 x 500 at 15 fps. One small renderer class
 * sits next to each env ({@code PendulumRenderer}, {@code CartPoleRenderer},
 * {@code MountainCarRenderer}, {@code AcrobotRenderer}). Rendering before the first reset
 * throws {@link IllegalStateException}.
 */
package org.mbpo4j.env.classic;

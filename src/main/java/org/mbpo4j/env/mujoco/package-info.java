/**
 * Gymnasium's MuJoCo tasks on the real MuJoCo physics library: Hopper, Walker2d, HalfCheetah,
 * Ant, Humanoid, InvertedPendulum, InvertedDoublePendulum, Swimmer and Reacher, each as
 * {@code -v4} and {@code -v5} ({@link org.mbpo4j.env.mujoco.MujocoEnvs}), with Gymnasium 1.3's
 * observations, rewards and info terms, terminations, reset noise, {@code frame_skip}, action
 * boxes, time limits and constructor options.
 *
 * <p>The package owns the binding ({@link org.mbpo4j.env.mujoco.MujocoLibrary}: JNA direct
 * mapping, the memory layouts of MuJoCo 2.2.2 and 3.14.0 chosen by {@code mj_version()} and
 * checked at start-up), one simulation per env ({@code MjSim}), the tasks' MJCF models
 * (Gymnasium's files, MIT licence, as resources), each task's batched reward and termination
 * rules, the replay of Gymnasium's recorded trajectories
 * ({@link org.mbpo4j.env.mujoco.MujocoReplay}) and a Java2D renderer. Nothing outside this
 * package needs the MuJoCo library: the registry lists these ids without it, and making one
 * without it fails with {@link org.mbpo4j.env.mujoco.MujocoUnavailableException}, which says how
 * to install it.
 */
package org.mbpo4j.env.mujoco;

/**
 * Model predictive control with a learned dynamics model, PETS-style (Chua et al. 2018).
 *
 * <p>This package owns:
 * <ul>
 *   <li>the planners, which search action sequences of a fixed horizon within the action bounds
 *       and warm-start each plan from the previous one shifted by a step:
 *       {@link org.mbpo4j.mpc.RandomShooting}, {@link org.mbpo4j.mpc.Cem} (cross-entropy
 *       method) and {@link org.mbpo4j.mpc.Mppi} (model predictive path integral), behind the
 *       {@link org.mbpo4j.mpc.Planner} interface and built by {@link org.mbpo4j.mpc.Planners};</li>
 *   <li>{@link org.mbpo4j.mpc.TrajectoryEvaluator}: the score of a batch of candidate sequences,
 *       the mean return of imagined rollouts through a {@link org.mbpo4j.model.ModelEnv}, every
 *       particle keeping one ensemble member for the whole rollout (trajectory sampling), a
 *       particle's reward stopping where the task's rules say it terminated;</li>
 *   <li>{@link org.mbpo4j.mpc.MpcAgent}: the agent of the training loop that explores at random,
 *       then plans every action, retrains the model on a schedule and times its planning.</li>
 * </ul>
 * The planners see candidates only through {@link org.mbpo4j.mpc.SequenceEvaluator}, so they are
 * tested on known cost functions without a model. All randomness comes from
 * {@link org.mbpo4j.random.Rng} streams passed in.
 */
package org.mbpo4j.mpc;

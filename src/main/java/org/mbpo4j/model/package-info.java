/**
 * Learned dynamics models, in mbrl-lib's layering:
 * <ul>
 *   <li>{@link org.mbpo4j.model.GaussianEnsemble}: MBPO's probabilistic ensemble (SiLU MLPs,
 *       mean and soft-bounded log-variance per output, {@link org.mbpo4j.model.GaussianHead}).</li>
 *   <li>{@link org.mbpo4j.model.TransitionModel}: the data rules (input
 *       {@link org.mbpo4j.model.Normalizer}, delta targets, learned or rule-based rewards,
 *       optional target normalisation, the elites) and batched sampling under a
 *       {@link org.mbpo4j.model.Propagation}.</li>
 *   <li>{@link org.mbpo4j.model.ModelTrainer}: holdout, bootstrap drawn once per call, MBPO's
 *       early stopping, best weights restored, elites; a {@link org.mbpo4j.model.TrainReport}
 *       per call; optionally prioritized, importance-weighted minibatches
 *       ({@code PrioritizedRows}).</li>
 *   <li>{@link org.mbpo4j.model.ModelEnv}: batched imagined steps and MBPO's branched rollouts,
 *       with the task's own termination (and reward) rules.</li>
 *   <li>Diagnostics ({@link org.mbpo4j.model.HorizonError},
 *       {@link org.mbpo4j.model.ModelDiagnostics}) and persistence
 *       ({@link org.mbpo4j.model.ModelFile}).</li>
 * </ul>
 */
package org.mbpo4j.model;

/**
 * Learned dynamics models: MBPO's probabilistic ensemble
 * ({@link org.mbpo4j.model.GaussianEnsemble}) with its Gaussian output head and soft-bounded,
 * optionally learned, log-variance bounds ({@link org.mbpo4j.model.GaussianHead}). The layers
 * above it (input normalisation and delta targets, the trainer with holdout and elites, the
 * batched model environment) arrive with the dynamics-model issue.
 */
package org.mbpo4j.model;

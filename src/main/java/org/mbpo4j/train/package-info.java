/**
 * The generic training loop every agent plugs into ({@link org.mbpo4j.train.TrainLoop}) and how
 * it shows progress ({@link org.mbpo4j.train.Progress}). Algorithms with their own structure
 * (MBPO's model/rollout/update phases) build on the same run directory conventions.
 */
package org.mbpo4j.train;

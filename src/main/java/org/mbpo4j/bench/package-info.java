/**
 * {@code mbpo bench}: the three hot loops of MBPO timed the way the PyTorch peer
 * ({@code shared/peer/torch_bench.py}) times them: training step of the Gaussian dynamics
 * ensemble ({@link org.mbpo4j.bench.ModelTrainWorkload}), a model rollout of 100,000 rows
 * ({@link org.mbpo4j.bench.RolloutWorkload}) and one SAC update
 * ({@link org.mbpo4j.bench.SacUpdateWorkload}), with medians and p10/p90 over repeated calls
 * ({@link org.mbpo4j.bench.Timing}) and the process's resident memory ({@link org.mbpo4j.bench.Rss}).
 */
package org.mbpo4j.bench;

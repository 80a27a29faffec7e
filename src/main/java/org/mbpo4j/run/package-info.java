/**
 * Everything a training run writes, written crash-safely.
 *
 * <p>This package owns the on-disk layout of a run:
 * <ul>
 *   <li>{@link org.mbpo4j.run.RunDirectory}: creating the run directory (never reusing a
 *       non-empty one) and the files in it: {@code config.yaml}, {@code manifest.json},
 *       {@code metrics.csv}, {@code eval.csv}, {@code summary.json}, {@code curve.png} and
 *       {@code checkpoints/};</li>
 *   <li>{@link org.mbpo4j.run.CsvLog}: metrics and evaluation tables;</li>
 *   <li>{@link org.mbpo4j.run.Plots}: the learning-curve PNG;</li>
 *   <li>{@link org.mbpo4j.run.CheckpointStore}: rotating checkpoints with checksums, the
 *       {@code latest} pointer, and recovery of the newest valid checkpoint after a crash;</li>
 *   <li>{@link org.mbpo4j.run.RunLock}: one writer per run directory;</li>
 *   <li>{@link org.mbpo4j.run.FaultPoint}: named write points where crash-recovery tests halt
 *       the process;</li>
 *   <li>{@link org.mbpo4j.run.Manifest} and {@link org.mbpo4j.run.Backend}: what ran where
 *       (versions, git commit, JVM, OS, ND4J backend and threads);</li>
 *   <li>{@link org.mbpo4j.run.PhaseTimer}: wall time per phase of training.</li>
 * </ul>
 *
 * <p>Every file is written through {@link org.mbpo4j.run.AtomicFiles}: a temporary file in the
 * same directory, flushed to disk, then renamed over the target, so a crash leaves either the
 * old or the new content, never a torn file. JSON goes through {@link org.mbpo4j.run.Json}.
 *
 * <p>The run configuration (parsing, defaults, validation) lives in the subpackage
 * {@code org.mbpo4j.run.config}, not here.
 */
package org.mbpo4j.run;

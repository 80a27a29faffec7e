/**
 * Everything a training run writes, written crash-safely.
 *
 * <p>This package owns the on-disk layout of a run:
 * <ul>
 *   <li>{@link org.mbpo4j.run.RunDirectory}: creating the run directory (never reusing a
 *       non-empty one) and the files in it: {@code config.yaml}, {@code manifest.json},
 *       {@code metrics.csv}, {@code eval.csv}, {@code summary.json}, {@code curve.png} and
 *       {@code checkpoints/};</li>
 *   <li>{@link org.mbpo4j.run.CheckpointStore}: rotating checkpoints with checksums, the
 *       {@code latest} pointer, and recovery of the newest valid checkpoint after a crash;</li>
 *   <li>{@link org.mbpo4j.run.RunLock}: one writer per run directory;</li>
 *   <li>{@link org.mbpo4j.run.Manifest} and {@link org.mbpo4j.run.Backend}: what ran where
 *       (versions, git commit, JVM, OS, ND4J backend and threads).</li>
 * </ul>
 *
 * <p>Every file is written through the bottom package {@code org.mbpo4j.io} (atomic writes,
 * JSON, CSV logs, plots), so a crash leaves either the old or the new content, never a torn file.
 *
 * <p>The run configuration (parsing, defaults, validation) lives in the subpackage
 * {@code org.mbpo4j.run.config}, not here.
 */
package org.mbpo4j.run;

package org.mbpo4j.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mbpo4j.io.CsvLog;
import org.mbpo4j.io.TensorBoardWriter;

/**
 * Where a {@link TrainLoop} writes its run: its logs, summary, learning curve, checkpoints and
 * TensorBoard events. A run directory (the {@code run} package's {@code RunDirectory}) writes
 * them to disk; {@link #inMemory()} keeps the logs in memory and writes nothing, for runs
 * embedded in an application.
 */
public interface RunOutput {
    /** The columns of the evaluation log. */
    List<String> EVAL_HEADER = List.of("env_steps", "mean_return", "std_return", "episodes", "min_return",
            "max_return", "mean_length");

    /** The training metrics log with {@code header} (an existing one, resumed, is reopened). */
    CsvLog metrics(List<String> header);

    /** The evaluation log, with {@link #EVAL_HEADER}. */
    CsvLog eval();

    /** Writes the run's summary (at every epoch and at the end); returns its file, or null. */
    Path writeSummary(Map<String, Object> summary);

    /** Draws the learning curve; returns its file, or null. */
    Path writeCurve(String title, double[] envSteps, double[] mean, double[] std, double[] episodeSteps,
                    double[] episodeReturns);

    /**
     * Saves a checkpoint at {@code envStep}: the loop's and agent's {@code state} and the files
     * {@code files} writes (networks, buffers), keeping the newest {@code keep}.
     */
    void saveCheckpoint(long envStep, Map<String, Object> state, int keep, CheckpointFiles files);

    /**
     * A TensorBoard event writer whose points start at {@code firstStep} (a resumed run's file
     * tells TensorBoard to drop the earlier points from there on; 0 for a new run), or null for
     * none.
     */
    TensorBoardWriter tensorBoard(long firstStep);

    /** The directory the run is written to; null when it is held in memory. */
    Path path();

    /** Writes a checkpoint's large files into a directory. */
    @FunctionalInterface
    interface CheckpointFiles {
        void write(Path dir) throws IOException;
    }

    /** A run held in memory: logs in memory, no files, no checkpoints, no TensorBoard events. */
    static RunOutput inMemory() {
        return new RunOutput() {
            private CsvLog metrics;
            private CsvLog eval;

            @Override
            public CsvLog metrics(List<String> header) {
                if (metrics == null) {
                    metrics = CsvLog.inMemory(header);
                }
                return metrics;
            }

            @Override
            public CsvLog eval() {
                if (eval == null) {
                    eval = CsvLog.inMemory(EVAL_HEADER);
                }
                return eval;
            }

            @Override
            public Path writeSummary(Map<String, Object> summary) {
                return null;
            }

            @Override
            public Path writeCurve(String title, double[] envSteps, double[] mean, double[] std,
                                   double[] episodeSteps, double[] episodeReturns) {
                return null;
            }

            @Override
            public void saveCheckpoint(long envStep, Map<String, Object> state, int keep, CheckpointFiles files) {
            }

            @Override
            public TensorBoardWriter tensorBoard(long firstStep) {
                return null;
            }

            @Override
            public Path path() {
                return null;
            }
        };
    }
}

package org.mbpo4j.train;

/**
 * The options of a {@link TrainLoop}: how long it runs and how often it evaluates, logs and
 * checkpoints. The record checks its fields and throws {@link IllegalArgumentException} naming
 * the field; the YAML section {@code train:} maps its
 * keys onto these fields with the same names in snake_case.
 *
 * @param steps total env steps, &gt;= 1
 * @param epochLength env steps between evaluations and checkpoints, &gt;= 1
 * @param evalEpisodes deterministic episodes per evaluation; 0: no evaluations
 * @param logInterval env steps between metrics rows, &gt;= 1
 * @param checkpointEvery epochs between checkpoints, &gt;= 1
 * @param keepCheckpoints the newest checkpoints kept, &gt;= 1
 * @param maxEpisodeSteps the episodes' time limit, or null for the env's own
 * @param stopReturn stop once an evaluation's mean return reaches this (with no evaluations, a
 *     training episode's return), or null
 */
public record TrainOptions(long steps, int epochLength, int evalEpisodes, int logInterval, int checkpointEvery,
        int keepCheckpoints, Integer maxEpisodeSteps, Double stopReturn) {

    /** Checks every field; a violation is an {@link IllegalArgumentException} naming it. */
    public TrainOptions {
        require(steps >= 1, "steps", ">= 1", steps);
        require(epochLength >= 1, "epochLength", ">= 1", epochLength);
        require(evalEpisodes >= 0, "evalEpisodes", ">= 0", evalEpisodes);
        require(logInterval >= 1, "logInterval", ">= 1", logInterval);
        require(checkpointEvery >= 1, "checkpointEvery", ">= 1", checkpointEvery);
        require(keepCheckpoints >= 1, "keepCheckpoints", ">= 1", keepCheckpoints);
        require(maxEpisodeSteps == null || maxEpisodeSteps >= 1, "maxEpisodeSteps", ">= 1 or null", maxEpisodeSteps);
        require(stopReturn == null || Double.isFinite(stopReturn), "stopReturn", "finite or null", stopReturn);
    }

    /** Options with the env's own time limit and no early stop. */
    public TrainOptions(long steps, int epochLength, int evalEpisodes, int logInterval, int checkpointEvery,
                        int keepCheckpoints) {
        this(steps, epochLength, evalEpisodes, logInterval, checkpointEvery, keepCheckpoints, null, null);
    }

    /**
     * 5,000 steps in epochs of 250, 5 evaluation episodes, a metrics row every 250 steps, a
     * checkpoint every epoch with 3 kept, the env's own time limit, no early stop.
     */
    public static TrainOptions defaults() {
        return new TrainOptions(5000, 250, 5, 250, 1, 3);
    }

    /** These options running {@code n} steps. */
    public TrainOptions withSteps(long n) {
        return new TrainOptions(n, epochLength, evalEpisodes, logInterval, checkpointEvery, keepCheckpoints,
                maxEpisodeSteps, stopReturn);
    }

    /** These options stopping at the first evaluation whose mean return reaches {@code r} (null: never). */
    public TrainOptions withStopReturn(Double r) {
        return new TrainOptions(steps, epochLength, evalEpisodes, logInterval, checkpointEvery, keepCheckpoints,
                maxEpisodeSteps, r);
    }

    private static void require(boolean ok, String field, String allowed, Object got) {
        if (!ok) {
            throw new IllegalArgumentException("training option " + field + " must be " + allowed + ", got " + got);
        }
    }
}

package org.mbpo4j.mpc;

import java.nio.file.Path;
import java.util.List;
import org.mbpo4j.io.CsvLog;

/**
 * {@value #FILE} in a run directory: one row per finished training episode, with its return,
 * length, how many of its actions were planned and their mean planning time, and the model
 * trainings so far. What PETS-style results are reported in (return by episode), which the
 * loop's metrics.csv only samples every log interval.
 */
final class EpisodeLog {
    static final String FILE = "mpc-episodes.csv";
    static final List<String> HEADER = List.of("episode", "env_steps", "return", "length", "planned_steps",
            "plan_ms_mean", "model_trainings");

    private final CsvLog log;

    EpisodeLog(Path runDir) {
        this.log = CsvLog.open(runDir.resolve(FILE), HEADER);
    }

    int rows() {
        return log.size();
    }

    void truncate(int rows) {
        log.truncate(rows);
    }

    void append(long episode, long envSteps, double ret, int length, long planned, double planMs, long trainings) {
        log.append(List.of(episode, envSteps, ret, length, planned, planMs, trainings));
    }
}

package org.mbpo4j.train;

import java.util.Map;

/**
 * Receives a run's progress as it trains: every metrics row (each log interval) and every
 * evaluation; an evaluation's answer can stop the run early (it then ends at that step, with a
 * final checkpoint where the run has a directory, as when {@code train.stop_return} is reached).
 */
public interface TrainListener {

    /** After each row of metrics.csv: env steps, episodes, returns, losses, model errors, phase times. */
    default void onLog(long envStep, Map<String, Object> row) {
    }

    /**
     * After each training of the dynamics model (MBPO, MPC): its epochs, stop reason, train NLL,
     * holdout MSE per member, elites, elite MSE, calibration and seconds, as in model-train.csv.
     */
    default void onModelTraining(long envStep, Map<String, Object> report) {
    }

    /**
     * After each evaluation ({@code train.eval_episodes} deterministic episodes).
     *
     * @return false to stop the run here
     */
    default boolean onEvaluation(long envStep, double meanReturn, double stdReturn) {
        return true;
    }

    /** Listens to nothing. */
    TrainListener NONE = new TrainListener() {
    };
}

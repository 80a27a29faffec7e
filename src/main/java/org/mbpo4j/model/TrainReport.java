package org.mbpo4j.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one {@link ModelTrainer#train} call did.
 *
 * @param samples         transitions offered
 * @param rejected        of those, rows dropped for a NaN or infinite value
 * @param trainRows       rows trained on (each member sees its own bootstrap resample of them)
 * @param holdoutRows     rows held out for early stopping, elite choice and calibration
 * @param epochs          epochs run
 * @param stopReason      {@code plateau}, {@code max_epochs} or {@code max_seconds}
 * @param trainNll        mean per-member Gaussian NLL over the last epoch's minibatches
 * @param holdoutMse      per member, the holdout MSE (target units) of the weights kept
 * @param elites          the members with the lowest holdout MSE, best first
 * @param eliteMse        mean holdout MSE of the elites
 * @param normalisedMse   mean over elites and target dims of MSE / variance of the holdout
 *                        target (0 perfect, 1 no better than predicting the mean)
 * @param within1Sigma    fraction of holdout targets within one predicted standard deviation
 *                        of the elite's mean (0.683 when calibrated)
 * @param within2Sigma    the same within two (0.954 when calibrated)
 * @param seconds         wall-clock time of the call
 */
public record TrainReport(int samples, int rejected, int trainRows, int holdoutRows, int epochs,
                          String stopReason, double trainNll, double[] holdoutMse, int[] elites, double eliteMse,
                          double normalisedMse, double within1Sigma, double within2Sigma, double seconds) {

    /** One flat row for a metrics log (per-member MSEs as {@code holdout_mse_<e>}). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", samples);
        m.put("rejected", rejected);
        m.put("train_rows", trainRows);
        m.put("holdout_rows", holdoutRows);
        m.put("epochs", epochs);
        m.put("stop_reason", stopReason);
        m.put("train_nll", trainNll);
        m.put("elite_mse", eliteMse);
        m.put("normalised_mse", normalisedMse);
        m.put("within_1_sigma", within1Sigma);
        m.put("within_2_sigma", within2Sigma);
        m.put("elites", Arrays.toString(elites).replace(" ", ""));
        for (int e = 0; e < holdoutMse.length; e++) {
            m.put("holdout_mse_" + e, holdoutMse[e]);
        }
        m.put("seconds", seconds);
        return m;
    }

    @Override
    public String toString() {
        return String.format("model trained on %d rows (%d held out, %d rejected): %d epochs (%s), train NLL %.4f,"
                        + " elite holdout MSE %.5g, normalised %.4f, within 1/2 sigma %.3f/%.3f, elites %s, %.1f s",
                trainRows, holdoutRows, rejected, epochs, stopReason, trainNll, eliteMse, normalisedMse, within1Sigma,
                within2Sigma, Arrays.toString(elites), seconds);
    }
}

package org.mbpo4j.model;

/**
 * Model training could not go on: the loss or the holdout error became NaN or infinite. The
 * message names the epoch and the member; the weights have been restored to each member's
 * last good snapshot, so the model is never left holding NaNs.
 */
public final class ModelTrainingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelTrainingException(String message) {
        super(message);
    }
}

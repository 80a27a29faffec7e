package org.mbpo4j.baselines.lqr;

/**
 * An LQR system that cannot be used as given: a wrong shape, a cost matrix that is not
 * symmetric positive (semi)definite, a pair (A, B) that no linear gain can stabilise, or a
 * file that cannot be read. The message names the source, the field and the offending value.
 */
public final class InvalidSystemException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidSystemException(String message) {
        super(message);
    }

    public InvalidSystemException(String message, Throwable cause) {
        super(message, cause);
    }
}

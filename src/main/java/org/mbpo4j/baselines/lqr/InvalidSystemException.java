package org.mbpo4j.baselines.lqr;

/**
 * An LQR system that cannot be used as given: a wrong shape, a cost matrix that is not
 * symmetric positive (semi)definite, a pair (A, B) that no linear gain can stabilise, a
 * Riccati equation without a stabilising solution (or one that cannot be solved), or a file
 * that cannot be read. The message names the source, the field and the offending value; the
 * command line prints it as one line, without a stack trace.
 */
public final class InvalidSystemException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An invalid system; {@code message} starts with the source (file or built-in name). */
    public InvalidSystemException(String message) {
        super(message);
    }

    /** The same, with the failure that revealed it (an unreadable file, a YAML error). */
    public InvalidSystemException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.mbpo4j.env;

/**
 * Thrown inside one of {@link EnvChecker}'s checks to end it with a FAIL carrying the message;
 * {@link CheckContext#guard} turns it into the check's result, so it never leaves the checker.
 */
final class CheckFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CheckFailure(String message) {
        super(message, null, false, false);
    }
}

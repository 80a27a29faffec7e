package org.mbpo4j.cli;

/** A mistake in what the user asked for; reported as one message with exit status 2. */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }
}

package org.mbpo4j.baselines.tabular;

/**
 * A tabular MDP that breaks a rule of {@link TabularMdp} (a shape, a probability, the discount,
 * a NaN...), or a file that does not describe one. The message names the offending field, index
 * and value, and what is allowed.
 */
public final class InvalidMdpException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An invalid MDP described by {@code message}. */
    public InvalidMdpException(String message) {
        super(message);
    }

    /** An invalid MDP described by {@code message}, caused by {@code cause}. */
    public InvalidMdpException(String message, Throwable cause) {
        super(message, cause);
    }
}

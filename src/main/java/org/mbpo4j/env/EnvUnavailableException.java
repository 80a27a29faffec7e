package org.mbpo4j.env;

/**
 * An env cannot be made on this machine because something outside mbpo4j that it needs is
 * missing, such as the MuJoCo library. The message says what to install or set, as is.
 */
public class EnvUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EnvUnavailableException(String message) {
        super(message);
    }

    public EnvUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

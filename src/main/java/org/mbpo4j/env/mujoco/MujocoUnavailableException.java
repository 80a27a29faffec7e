package org.mbpo4j.env.mujoco;

import org.mbpo4j.env.EnvUnavailableException;

/**
 * The MuJoCo library is needed and cannot be used: it was not found, it is a version mbpo4j does
 * not support, or it failed the start-up check. The message says what to do, as is.
 */
public final class MujocoUnavailableException extends EnvUnavailableException {
    private static final long serialVersionUID = 1L;

    MujocoUnavailableException(String message) {
        super(message);
    }

    MujocoUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

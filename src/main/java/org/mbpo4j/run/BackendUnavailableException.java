package org.mbpo4j.run;

/**
 * ND4J could not start its backend (missing native libraries, no CUDA device or driver,
 * an unsupported platform). The message is one paragraph meant for the user: which backend
 * was on the classpath, what failed, and what to do about it.
 */
public final class BackendUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String backend;

    /** For {@code backend} ({@code nd4j-native}, {@code nd4j-cuda} or {@code none}). */
    public BackendUnavailableException(String backend, String message, Throwable cause) {
        super(message, cause);
        this.backend = backend;
    }

    /** The backend that was on the classpath: {@code nd4j-native}, {@code nd4j-cuda} or {@code none}. */
    public String backend() {
        return backend;
    }
}

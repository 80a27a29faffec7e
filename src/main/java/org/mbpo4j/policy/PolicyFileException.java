package org.mbpo4j.policy;

/** A policy file that cannot be read: not a policy file, truncated, damaged, of another format version or for another env. */
public final class PolicyFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** With a message naming the file and what is wrong. */
    public PolicyFileException(String message) {
        super(message);
    }
}

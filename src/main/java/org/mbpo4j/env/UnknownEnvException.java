package org.mbpo4j.env;

import java.util.List;

/** An env id that is not registered; the message lists the known ids. */
public final class UnknownEnvException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnknownEnvException(String id, List<String> known) {
        super("unknown env id '" + id + "' (known: " + String.join(", ", known) + ")");
    }
}

package org.mbpo4j.run;

import java.nio.file.Path;

/**
 * Thrown when a run is asked to write into a directory that already holds files: runs never
 * mix their output with an earlier run's.
 */
public final class RunDirectoryExistsException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    /** For the directory {@code path}, explaining why. */
    public RunDirectoryExistsException(Path path, String why) {
        super("Output directory " + path + " " + why
                + "; pick another --out or remove it (runs never overwrite earlier results).");
        this.path = path;
    }

    /** The refused directory. */
    public Path path() {
        return path;
    }
}

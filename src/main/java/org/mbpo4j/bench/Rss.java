package org.mbpo4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The resident set size of this process, from {@code /proc/self/status} (Linux). */
public final class Rss {
    private static final Path STATUS = Path.of("/proc/self/status");

    private Rss() {
    }

    /** {@code VmRSS} in MB (2^20 bytes), or null where it cannot be read. */
    public static Double currentMb() {
        try {
            return parseMb(Files.readString(STATUS));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {@code VmRSS} from the text of a {@code status} file, in MB, or null if absent. */
    static Double parseMb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] f = line.substring(6).trim().split("\\s+");
                double kb = Double.parseDouble(f[0]);
                return kb / 1024.0;
            }
        }
        return null;
    }
}

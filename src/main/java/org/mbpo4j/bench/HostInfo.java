package org.mbpo4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a benchmark ran on, for its report. */
public final class HostInfo {
    private HostInfo() {
    }

    /** The CPU's model name from {@code /proc/cpuinfo} (Linux), or null where it cannot be read. */
    public static String cpuModel() {
        try {
            return parseCpuModel(Files.readString(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static String parseCpuModel(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equals("model name")) {
                String v = line.substring(colon + 1).strip().replaceAll("\\s+", " ");
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }
}

package org.mbpo4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages form layers, lowest first, and a package uses only packages below it (or its
 * own): nothing low reaches {@code run} or {@code cli}, {@code env} knows no agent, and the files
 * and formats every package needs live at the bottom ({@code io}). The upward uses that remain
 * would be listed here one by one, so that a new one fails this test; there are none. The
 * algorithms take option records of their own packages ({@code SacOptions}, {@code ModelOptions}, ...), onto which
 * {@code run.config} maps the YAML sections; {@code agent} (the {@code Agent} contract, the
 * transitions, evaluation and the random agent) sits below the algorithms that implement it; the
 * training loop writes through {@code train.RunOutput}, which the run directory implements.
 */
class LayeringTest {
    /** Lowest first. {@code io}, {@code random} and {@code policy} import no other mbpo4j package. */
    static final List<String> LAYERS = List.of("io", "random", "policy", "env", "agent", "nn", "buffer", "model", "sac",
            "mpc", "mbpo", "train", "baselines", "run", "bench", "api", "cli");

    /** Upward uses still to remove: "package -> used class". */
    static final Set<String> KNOWN = Set.of();

    private static final Pattern USE = Pattern.compile("org\\.mbpo4j\\.([a-z0-9]+)((?:\\.[a-z0-9]+)*)\\.([A-Z]\\w*)");

    @Test
    void noPackageUsesOneAboveIt() throws IOException {
        Path root = Path.of("src/main/java/org/mbpo4j");
        Map<String, Integer> rank = new java.util.HashMap<>();
        for (int i = 0; i < LAYERS.size(); i++) {
            rank.put(LAYERS.get(i), i);
        }
        TreeSet<String> found = new TreeSet<>();
        List<String> unknownPackages = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path f : files) {
            String top = root.relativize(f).getName(0).toString();
            if (top.endsWith(".java")) {
                continue;
            }
            if (!rank.containsKey(top)) {
                unknownPackages.add(top);
                continue;
            }
            Matcher m = USE.matcher(Files.readString(f));
            while (m.find()) {
                String used = m.group(1);
                Integer r = rank.get(used);
                if (r != null && r > rank.get(top)) {
                    found.add(top + " -> " + m.group(0));
                }
            }
        }
        assertTrue(unknownPackages.isEmpty(), "packages missing from LAYERS: " + unknownPackages);
        TreeSet<String> fresh = new TreeSet<>(found);
        fresh.removeAll(KNOWN);
        assertTrue(fresh.isEmpty(), "packages using ones above them: " + fresh);
        TreeSet<String> gone = new TreeSet<>(KNOWN);
        gone.removeAll(found);
        assertTrue(gone.isEmpty(), "fixed, remove from KNOWN: " + gone);
    }
}

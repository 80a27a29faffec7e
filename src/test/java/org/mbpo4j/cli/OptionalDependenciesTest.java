package org.mbpo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application that embeds mbpo4j does not receive logback, the progress bar or XChart (they
 * are optional dependencies): training still works without them, writing no plots and saying so.
 */
class OptionalDependenciesTest {

    @Test
    void trainingRunsWithoutTheOptionalLibraries(@TempDir Path tmp) throws Exception {
        List<String> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            (name.startsWith("xchart") || name.startsWith("logback") || name.startsWith("progressbar") ? dropped : kept)
                    .add(entry);
        }
        assertEquals(4, dropped.size(), "xchart, logback-classic, logback-core, progressbar: " + dropped);
        Path run = tmp.resolve("run");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-cp", String.join(File.pathSeparator, kept), Main.class.getName(),
                "train", "-c", "pendulum-sac", "--steps", "200", "--out", run.toString(), "-q",
                "--set", "train.epoch_length=100", "--set", "train.eval_episodes=1", "--set", "sac.hidden=[16,16]",
                "--set", "sac.learning_starts=50", "--set", "sac.batch_size=16"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OMP_WAIT_POLICY", "passive");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(3, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("plots are skipped"), out);
        assertTrue(Files.readAllLines(run.resolve("eval.csv")).size() == 3, "two evaluations");
        assertFalse(Files.exists(run.resolve("curve.png")));
        assertFalse(Arrays.asList(out.split("\n")).stream().anyMatch(l -> l.contains("Exception")), out);
    }
}

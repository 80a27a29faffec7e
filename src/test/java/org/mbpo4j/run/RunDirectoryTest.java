package org.mbpo4j.run;

import org.mbpo4j.io.Json;
import org.mbpo4j.io.CsvLog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @TempDir
    Path tmp;

    // 2024-03-05T01:02:03Z is 10:02:03 in Tokyo: the name must use the clock's local time.
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-05T01:02:03Z"), ZoneId.of("Asia/Tokyo"));

    @Test
    void defaultNameUsesEnvAlgoAndLocalTime() {
        Path root = tmp.resolve("runs");
        RunDirectory run = RunDirectory.create(null, root, "Pendulum-v1", "mbpo", CLOCK);
        assertEquals(root.toAbsolutePath().resolve("Pendulum-v1-mbpo-20240305-100203"), run.path());
        assertTrue(Files.isDirectory(run.checkpointsDir()));
        assertEquals(run.path().resolve("checkpoints"), run.checkpointsDir());
    }

    @Test
    void collidingDefaultNamesGetSuffixes() {
        Path root = tmp.resolve("runs");
        Path a = RunDirectory.create(null, root, "CartPole-v1", "sac", CLOCK).path();
        Path b = RunDirectory.create(null, root, "CartPole-v1", "sac", CLOCK).path();
        Path c = RunDirectory.create(null, root, "CartPole-v1", "sac", CLOCK).path();
        assertEquals("CartPole-v1-sac-20240305-100203", a.getFileName().toString());
        assertEquals("CartPole-v1-sac-20240305-100203-2", b.getFileName().toString());
        assertEquals("CartPole-v1-sac-20240305-100203-3", c.getFileName().toString());
    }

    @Test
    void unsafeCharactersInNamesAreReplaced() {
        Path p = RunDirectory.create(null, tmp, "ALE/Pong v5", "mbpo", CLOCK).path();
        assertEquals("ALE_Pong_v5-mbpo-20240305-100203", p.getFileName().toString());
        assertEquals(tmp.toAbsolutePath(), p.getParent());
    }

    @Test
    void explicitNonEmptyDirectoryIsRefused() throws IOException {
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("metrics.csv"), "precious\n");
        RunDirectoryExistsException e = assertThrows(RunDirectoryExistsException.class,
                () -> RunDirectory.create(out, tmp.resolve("runs"), "Pendulum-v1", "mbpo", CLOCK));
        assertTrue(e.getMessage().contains(out.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("--out") && e.getMessage().contains("remove it"), e.getMessage());
        assertTrue(e instanceof IllegalStateException);
        assertEquals("precious\n", Files.readString(out.resolve("metrics.csv")));
        assertTrue(!Files.exists(out.resolve("checkpoints")));
    }

    @Test
    void explicitFileIsRefused() throws IOException {
        Path out = tmp.resolve("afile");
        Files.writeString(out, "x");
        assertThrows(RunDirectoryExistsException.class, () -> RunDirectory.create(out, tmp, "e", "a", CLOCK));
    }

    @Test
    void explicitEmptyOrMissingDirectoryIsUsed() throws IOException {
        Path empty = tmp.resolve("empty");
        Files.createDirectory(empty);
        assertEquals(empty.toAbsolutePath(), RunDirectory.create(empty, null, "e", "a", CLOCK).path());
        Path missing = tmp.resolve("a/b/c");
        RunDirectory run = RunDirectory.create(missing, null, "e", "a", CLOCK);
        assertTrue(Files.isDirectory(run.checkpointsDir()));
    }

    @Test
    void writersProduceTheRunFiles() throws IOException {
        RunDirectory run = RunDirectory.create(tmp.resolve("run"), null, "Pendulum-v1", "mbpo", CLOCK);
        run.writeConfig("env: Pendulum-v1\nseed: 1");
        assertEquals("env: Pendulum-v1\nseed: 1\n", Files.readString(run.path().resolve("config.yaml")));
        assertThrows(IllegalStateException.class, () -> run.writeConfig("other"));

        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("seed", 1L);
        manifest.put("b", "x");
        run.writeManifest(manifest);
        assertEquals(manifest, Json.readMap(run.path().resolve("manifest.json")));
        assertThrows(IllegalStateException.class, () -> run.writeManifest(manifest));

        CsvLog metrics = run.metrics(List.of("env_steps", "loss"));
        assertSame(metrics, run.metrics(List.of("env_steps", "loss")));
        assertThrows(IllegalArgumentException.class, () -> run.metrics(List.of("other")));
        metrics.append(List.of(100, 0.5));

        CsvLog eval = run.eval();
        assertEquals(List.of("env_steps", "mean_return", "std_return", "episodes"), eval.header().subList(0, 4));
        eval.append(List.of(1000, -1200.5, 30.25, 5, -1250.0, -1150.0, 200.0));
        eval.append(List.of(2000, -800.0, 40.0, 5, -850.0, -700.0, 200.0));
        assertTrue(Files.readString(run.path().resolve("eval.csv")).startsWith(
                "env_steps,mean_return,std_return,episodes,min_return,max_return,mean_length\n1000,-1200.5,30.25,5,"));

        run.writeSummary(Map.of("final_return", -800.0));
        run.writeSummary(Map.of("final_return", -700.0));
        assertEquals(-700.0, Json.readMap(run.path().resolve("summary.json")).get("final_return"));

        Path png = run.writeCurve("Pendulum-v1 mbpo", new double[] {500, 1500}, new double[] {-1300, -900});
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(800, img.getWidth());

        // reopening (resume) reloads the logs
        RunDirectory again = RunDirectory.open(run.path());
        assertEquals(2, again.eval().size());
        assertEquals(1, again.metrics(List.of("env_steps", "loss")).size());
    }
}

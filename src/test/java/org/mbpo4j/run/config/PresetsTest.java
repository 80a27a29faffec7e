package org.mbpo4j.run.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The presets shipped in {@code configs/} (resolved from the working directory: the project root under Maven). */
class PresetsTest {
    private static final Path CONFIGS = Path.of("configs");

    @Test
    void everyPresetLoads() throws IOException {
        assertTrue(Files.isDirectory(CONFIGS), "no configs/ under " + Path.of("").toAbsolutePath());
        List<Path> files;
        try (Stream<Path> s = Files.list(CONFIGS)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertFalse(files.isEmpty(), "configs/ is empty");
        for (Path f : files) {
            assertTrue(f.getFileName().toString().endsWith(".yaml"), f + ": presets are .yaml files");
            RunConfig c = ConfigLoader.load(f, List.of());
            assertEquals(c, ConfigLoader.parse(ConfigLoader.toYaml(c), f.toString(), List.of()), f.toString());
        }
    }

    @Test
    void pendulumSac() {
        RunConfig c = ConfigLoader.load(CONFIGS.resolve("pendulum-sac.yaml"), List.of());
        assertEquals("Pendulum-v1", c.env());
        assertEquals(Algo.SAC, c.algo());
        assertEquals(0, c.seed());
        assertEquals(new TrainConfig(20_000, 1000, 10, 1000, 5, TrainConfig.defaults().keepCheckpoints()), c.train());
        SacConfig d = SacConfig.defaults();
        assertEquals(new SacConfig(List.of(256, 256), 1e-3, 1e-3, 1e-3, 0.99, 0.005, 256, d.bufferSize(), 1000,
                d.updatesPerStep(), null, d.initAlpha(), true, d.logStdMin(), d.logStdMax()), c.sac());
        assertEquals(ComputeConfig.defaults(), c.compute());
    }
}

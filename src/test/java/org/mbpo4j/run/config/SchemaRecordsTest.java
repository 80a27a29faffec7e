package org.mbpo4j.run.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The records validate on their own, without the loader. */
class SchemaRecordsTest {
    private static ConfigException error(Executable e) {
        return assertThrows(ConfigException.class, e);
    }

    @Test
    void trainConfigRejectsEachOutOfRangeField() {
        ConfigException e = error(() -> new TrainConfig(0, 250, 5, 250, 1, 3));
        assertEquals("steps", e.key());
        assertNull(e.source());
        assertEquals("steps: must be an integer in [1, 1000000000], got 0", e.getMessage());
        assertEquals("steps: must be an integer in [1, 1000000000], got 1000000001",
                error(() -> new TrainConfig(1_000_000_001L, 250, 5, 250, 1, 3)).getMessage());
        assertEquals("epoch_length: must be an integer in [1, 10000000], got 0",
                error(() -> new TrainConfig(1, 0, 5, 250, 1, 3)).getMessage());
        assertEquals("eval_episodes: must be an integer in [0, 10000], got -1",
                error(() -> new TrainConfig(1, 1, -1, 250, 1, 3)).getMessage());
        assertEquals("log_interval: must be an integer in [1, 10000000], got 10000001",
                error(() -> new TrainConfig(1, 1, 0, 10_000_001, 1, 3)).getMessage());
        assertEquals("checkpoint_every: must be an integer in [1, 1000000], got 0",
                error(() -> new TrainConfig(1, 1, 0, 1, 0, 3)).getMessage());
        assertEquals("keep_checkpoints: must be an integer in [1, 1000], got 1001",
                error(() -> new TrainConfig(1, 1, 0, 1, 1, 1001)).getMessage());
    }

    @Test
    void trainConfigDefaultsAndMap() {
        TrainConfig d = TrainConfig.defaults();
        assertEquals(new TrainConfig(5000, 250, 5, 250, 1, 3), d);
        assertEquals(List.of("steps", "epoch_length", "eval_episodes", "log_interval", "checkpoint_every",
                "keep_checkpoints"), List.copyOf(d.toMap().keySet()));
        assertEquals(5000L, d.toMap().get("steps"));
        assertEquals(0, new TrainConfig(1, 1, 0, 1, 1, 1).evalEpisodes());
        assertEquals(d, TrainConfig.from(ConfigNode.empty()));
    }

    @Test
    void runConfigRejectsBadFields() {
        TrainConfig t = TrainConfig.defaults();
        assertEquals("env: must be a non-blank environment id without surrounding spaces (such as Pendulum-v1), got null",
                error(() -> new RunConfig(null, Algo.RANDOM, 0, t, null)).getMessage());
        assertEquals("env", error(() -> new RunConfig("", Algo.RANDOM, 0, t, null)).key());
        assertEquals("env", error(() -> new RunConfig(" Pendulum-v1", Algo.RANDOM, 0, t, null)).key());
        assertEquals("algo: must be one of: random, got null",
                error(() -> new RunConfig("E-v0", null, 0, t, null)).getMessage());
        assertEquals("seed: must be an integer in [0, 9007199254740992], got 9007199254740993",
                error(() -> new RunConfig("E-v0", Algo.RANDOM, RunConfig.MAX_SEED + 1, t, null)).getMessage());
        assertEquals("seed: must be an integer in [0, 9007199254740992], got -1",
                error(() -> new RunConfig("E-v0", Algo.RANDOM, -1, t, null)).getMessage());
        assertEquals("train", error(() -> new RunConfig("E-v0", Algo.RANDOM, 0, null, null)).key());
        assertEquals("out: must be a non-blank path or null, got \"  \"",
                error(() -> new RunConfig("E-v0", Algo.RANDOM, 0, t, "  ")).getMessage());
    }

    @Test
    void runConfigOfAndMap() {
        RunConfig c = RunConfig.of("Pendulum-v1", Algo.RANDOM);
        assertEquals(new RunConfig("Pendulum-v1", Algo.RANDOM, 0, TrainConfig.defaults(), null), c);
        Map<String, Object> m = c.toMap();
        assertEquals(List.of("env", "algo", "seed", "train", "out"), List.copyOf(m.keySet()));
        assertEquals("random", m.get("algo"));
        assertEquals(TrainConfig.defaults().toMap(), m.get("train"));
        assertEquals("random", Algo.RANDOM.yamlName());
    }
}

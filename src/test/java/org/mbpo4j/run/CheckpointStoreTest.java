package org.mbpo4j.run;

import org.mbpo4j.io.Json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mbpo4j.random.Rng;

class CheckpointStoreTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void keepsTheLastKAndPointsLatestAtTheNewest() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 3);
        assertTrue(store.loadLatest().isEmpty());
        for (long step = 1000; step <= 5000; step += 1000) {
            store.save(step, Map.of("step", step));
        }
        assertEquals(List.of("latest", "step-0000003000.json", "step-0000004000.json", "step-0000005000.json"),
                names());
        assertEquals("step-0000005000.json\n", Files.readString(dir.resolve("latest")));
        assertEquals(5000L, store.loadLatest().orElseThrow().get("step"));
        assertEquals(5000L, store.latestStep().getAsLong());
        assertEquals(List.of(3000L, 4000L, 5000L), store.steps());
    }

    @Test
    void rngStatesAndDoublesSurviveExactly() {
        Rng rng = new Rng(42);
        rng.nextGaussian(); // caches a gaussian: its bits are part of the state
        long[] rngState = rng.state();
        long[] extremes = {Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L, 1L << 53, (1L << 53) + 1,
            Double.doubleToRawLongBits(Double.NaN)};
        double[] weights = {0.1, -2.5e-300, Math.PI, Double.MAX_VALUE, Double.NaN};
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("rng", rngState);
        state.put("extremes", extremes);
        state.put("weights", weights);
        state.put("env_steps", 123_456_789_012L);
        CheckpointStore store = new CheckpointStore(dir, 2);
        store.save(123_456_789_012L, state);

        CheckpointStore.Checkpoint cp = new CheckpointStore(dir, 2).latest().orElseThrow();
        assertEquals(123_456_789_012L, cp.envStep());
        assertEquals(dir.resolve("step-123456789012.json"), cp.file());
        assertArrayEquals(rngState, Json.longArray(cp.state().get("rng")));
        assertArrayEquals(extremes, Json.longArray(cp.state().get("extremes")));
        assertArrayEquals(weights, Json.doubleArray(cp.state().get("weights")));
        assertEquals(123_456_789_012L, cp.state().get("env_steps"));

        // the restored stream continues exactly where the saved one was
        Rng restored = Rng.fromState(Json.longArray(cp.state().get("rng")));
        for (int i = 0; i < 5; i++) {
            assertEquals(rng.nextGaussian(), restored.nextGaussian());
            assertEquals(rng.nextLong(), restored.nextLong());
        }
    }

    @Test
    void stepsMustIncrease() {
        CheckpointStore store = new CheckpointStore(dir, 2);
        store.save(100, Map.of("a", 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.save(100, Map.of("a", 2)));
        assertTrue(e.getMessage().contains("100"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.save(50, Map.of()));
        assertEquals(1L, store.loadLatest().orElseThrow().get("a"));
        assertThrows(IllegalArgumentException.class, () -> new CheckpointStore(dir, 0));
    }

    @Test
    void missingPointerFallsBackToNewestAndBrokenPointerIsAnError() throws IOException {
        CheckpointStore store = new CheckpointStore(dir, 5);
        store.save(1, Map.of("v", "one"));
        store.save(2, Map.of("v", "two"));
        Files.delete(dir.resolve("latest"));
        assertEquals("two", store.loadLatest().orElseThrow().get("v"));

        Files.writeString(dir.resolve("latest"), "step-0000000009.json\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, store::loadLatest);
        assertTrue(e.getMessage().contains("step-0000000009.json"), e.getMessage());
        Files.writeString(dir.resolve("latest"), "../../etc/passwd\n");
        assertThrows(IllegalStateException.class, store::loadLatest);
    }
}

package org.mbpo4j.run;

import org.mbpo4j.io.Json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
    private static final BackendInfo CPU = new BackendInfo("nd4j-native", "OPENBLAS", 2, "cpu", false);

    @Test
    void hasTheKeysInOrderThenExtras() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("jbox2d_strict", true);
        extra.put("env", "Pendulum-v1");
        Clock clock = Clock.fixed(Instant.parse("2024-03-05T01:02:03Z"), ZoneOffset.UTC);
        Map<String, Object> m = Manifest.build(42L, CPU, extra, clock);

        List<String> expected = new ArrayList<>(Manifest.KEYS);
        expected.addAll(extra.keySet());
        assertEquals(expected, List.copyOf(m.keySet()));
        assertEquals("dev", m.get("mbpo4j_version")); // not run from a jar
        assertEquals("2024-03-05T01:02:03Z", m.get("created"));
        assertEquals(42L, m.get("seed"));
        assertEquals(Runtime.getRuntime().availableProcessors(), m.get("cpu_cores"));
        assertEquals(System.getProperty("java.version"), ((Map<?, ?>) m.get("java")).get("version"));
        assertEquals(System.getProperty("os.arch"), ((Map<?, ?>) m.get("os")).get("arch"));
        assertEquals(Map.of("backend", "nd4j-native", "blas_vendor", "OPENBLAS", "threads", 2, "device", "cpu", "cuda", false),
                m.get("nd4j"));
        assertEquals(System.getenv("OMP_WAIT_POLICY"), m.get("omp_wait_policy"));
        assertEquals(System.getenv("OMP_NUM_THREADS"), m.get("omp_num_threads"));
        assertEquals(OpenBlasCore.manifestEntry(), m.get("openblas"));
        assertInstanceOf(List.class, m.get("jvm_args"));
        assertEquals(true, m.get("jbox2d_strict"));

        // it serialises, and reads back with the same keys
        Map<String, Object> back = Json.parseMap(Json.pretty(m));
        assertEquals(List.copyOf(m.keySet()), List.copyOf(back.keySet()));
    }

    @Test
    void extrasMayNotOverwriteStandardKeys() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Manifest.build(1, CPU, Map.of("seed", 2)));
        assertTrue(e.getMessage().contains("seed"));
    }

    @Test
    void gitFieldsAreNullOutsideARepository(@TempDir Path notARepo) {
        // a fresh temp dir is not inside a git work tree (unless /tmp itself is, which it is not)
        assertNull(Manifest.gitCommit(notARepo.resolve("missing")));
        assertNull(Manifest.gitDirty(notARepo.resolve("missing")));
        String commit = Manifest.gitCommit(notARepo);
        assertTrue(commit == null || commit.matches("[0-9a-f]{40}"));
    }

    @Test
    void gitCommitOfThisCheckoutWhenGitIsThere() {
        // The build runs in the project directory; in a git checkout with git installed the
        // commit is reported, otherwise null, never garbage.
        String commit = Manifest.gitCommit(Path.of(System.getProperty("user.dir")));
        assertTrue(commit == null || commit.matches("[0-9a-f]{40,64}"), commit);
        if (commit != null) {
            assertInstanceOf(Boolean.class, Manifest.gitDirty(Path.of(System.getProperty("user.dir"))));
        }
    }

    @Test
    void nullBackendIsAllowed() {
        assertNull(Manifest.build(1, null, null).get("nd4j"));
    }
}

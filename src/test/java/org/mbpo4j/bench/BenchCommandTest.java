package org.mbpo4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mbpo4j.cli.Main;

/** {@code mbpo bench} end to end, in-process: argument errors and the JSON line. */
class BenchCommandTest {

    record Run(int code, String out, String err) {
    }

    static Run mbpo(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static void assertUsageError(Run r, String... fragments) {
        assertEquals(Main.USAGE, r.code, r.err);
        assertEquals("", r.out);
        assertTrue(r.err.startsWith("mbpo bench: "), r.err);
        for (String f : fragments) {
            assertTrue(r.err.contains(f), "expected '" + f + "' in: " + r.err);
        }
        assertTrue(!r.err.contains("\tat "), "no stack trace: " + r.err);
    }

    @Test
    void anUnknownWorkloadIsAUsageErrorListingTheAllowedOnes() {
        assertUsageError(mbpo("bench", "--workloads", "model-train,rollouts"),
                "unknown workload 'rollouts'", "allowed: model-train, rollout, sac-update");
        assertUsageError(mbpo("bench", "--workloads", ""), "unknown workload ''");
    }

    @Test
    void tooFewItersAndBadOptionsAreUsageErrors() {
        assertUsageError(mbpo("bench", "--iters", "29"), "--iters must be in [30, 100000]", "got 29");
        assertUsageError(mbpo("bench", "--warmup", "-1"), "--warmup must be in [0, 100000]");
        assertUsageError(mbpo("bench", "--warmup-seconds", "-0.5"), "--warmup-seconds must be in [0, 3600]");
        assertUsageError(mbpo("bench", "--chunk", "0"), "--chunk must be in [1, 25000]");
        assertUsageError(mbpo("bench", "--kernels", "gpu"), "--kernels must be one of: auto, cpu, nd4j", "'gpu'");
        assertUsageError(mbpo("bench", "--backend", "tpu"), "--backend must be one of: auto, cpu, cuda");
        // picocli's own parse errors exit 2 as well
        assertEquals(Main.USAGE, mbpo("bench", "--iters", "many").code);
    }

    @Test
    void theWrongBackendIsAUsageError() {
        // This test build runs ND4J's CPU backend.
        assertUsageError(mbpo("bench", "--backend", "cuda", "--workloads", "sac-update"), "compute.backend is cuda");
    }

    @Test
    void oneWorkloadPrintsOneJsonLineWithNullsForTheOthers() throws Exception {
        Run r = mbpo("bench", "--workloads", "sac-update", "--iters", "30", "--warmup", "1", "--warmup-seconds", "0",
                "--json");
        assertEquals(0, r.code, r.err);
        String[] lines = r.out.strip().split("\n");
        assertEquals(1, lines.length, r.out);
        JsonNode j = new ObjectMapper().readTree(lines[0]);
        assertEquals("cpu", j.get("backend").asText());
        assertEquals("cpu", j.get("kernels").asText());
        assertTrue(j.get("threads").asInt() >= 1);
        assertTrue(j.get("device").asText().startsWith("cpu"));
        double median = j.get("sac_update_ms").asDouble();
        assertTrue(median > 0, lines[0]);
        assertTrue(j.get("sac_update_p10_ms").asDouble() <= median && median <= j.get("sac_update_p90_ms").asDouble());
        for (String k : List.of("model_train_ms", "rollout_100k_ms", "model_train_p10_ms", "rollout_100k_p90_ms")) {
            assertTrue(j.has(k) && j.get(k).isNull(), k + " in " + lines[0]);
        }
        for (String k : List.of("rss_mb", "rss_growth_mb", "omp_wait_policy", "sac_update_rss_growth_mb")) {
            assertTrue(j.has(k), k + " in " + lines[0]);
        }
        assertTrue(j.get("rss_mb").asDouble() > 0, lines[0]);
        assertEquals(30, j.get("iters").asInt());
        assertEquals(1, j.get("sac_update_warmup_calls").asInt());
    }

    @Test
    void withoutJsonItPrintsATable() {
        Run r = mbpo("bench", "--workloads", "sac-update", "--iters", "30", "--warmup", "0",
                "--warmup-seconds", "0", "--kernels", "nd4j");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("kernels nd4j") && r.out.contains("MEDIAN ms") && r.out.contains("P90 ms"), r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.startsWith("sac-update ")), r.out);
        assertTrue(r.out.contains("RSS at the end: "), r.out);
        assertTrue(r.err.contains("timing sac-update"), r.err);
    }
}

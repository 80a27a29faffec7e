package org.mbpo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mbpo lqr} end to end, in-process. */
class LqrCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void solveOnlyPrintsTheReferenceSolution() throws Exception {
        MainTest.Run r = MainTest.mbpo("lqr", "--system", "laplacian", "--R", "1", "--solve-only", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals(4.898279, j.get("P_trace").asDouble(), 1e-5);
        assertEquals(4.898279, j.get("cost_star").asDouble(), 1e-5);
        assertEquals(0.385944, j.get("spectral_radius").asDouble(), 1e-6);
        assertEquals(3, j.get("K_star").size());
    }

    @Test
    void oneModePrintsOneJsonLineAndWritesTheRunDirectory() throws Exception {
        Path out = tmp.resolve("run");
        MainTest.Run r = MainTest.mbpo("lqr", "--mode", "exact-model", "--iterations", "4", "--seed", "1", "--json",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().strip().lines().toList();
        assertEquals(1, lines.size(), r.out());
        JsonNode j = JSON.readTree(lines.get(0));
        for (String key : List.of("system", "K_star", "K", "rel_err", "cost_star", "cost", "cost_gap",
                "real_transitions", "stable", "reverts", "model_rejections", "model_reverts")) {
            assertTrue(j.has(key), key + " missing in " + lines.get(0));
        }
        assertEquals("double-integrator", j.get("system").asText());
        assertEquals(400, j.get("real_transitions").asLong());
        assertTrue(j.get("cost_gap").asDouble() < 0.01, lines.get(0));
        double relErr = j.get("rel_err").asDouble();
        double k0 = j.get("K").get(0).get(0).asDouble() - j.get("K_star").get(0).get(0).asDouble();
        double k1 = j.get("K").get(0).get(1).asDouble() - j.get("K_star").get(0).get(1).asDouble();
        double ks = Math.hypot(j.get("K_star").get(0).get(0).asDouble(), j.get("K_star").get(0).get(1).asDouble());
        assertEquals(Math.hypot(k0, k1) / ks, relErr, 1e-12);
        assertEquals(j.get("cost").asDouble() / j.get("cost_star").asDouble() - 1, j.get("cost_gap").asDouble(), 1e-12);
        List<String> csv = Files.readAllLines(out.resolve(LqrCommand.CURVE_CSV));
        assertEquals(String.join(",", LqrCommand.CURVE_HEADER), csv.get(0));
        assertEquals(1 + 5, csv.size());
        assertTrue(Files.size(out.resolve(LqrCommand.K_ERROR_PNG)) > 1000);
        assertTrue(Files.size(out.resolve(LqrCommand.COST_GAP_PNG)) > 1000);
        assertTrue(Files.exists(out.resolve("summary.json")));
    }

    @Test
    void allModesPrintOneLineEach() throws Exception {
        MainTest.Run r = MainTest.mbpo("lqr", "--mode", "all", "--iterations", "2", "--batch", "10", "--json", "--out",
                tmp.resolve("all").toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().strip().lines().toList();
        assertEquals(4, lines.size(), r.out());
        List<String> modes = lines.stream().map(l -> {
            try {
                return JSON.readTree(l).get("mode").asText();
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertEquals(List.of("real", "fake", "mixed", "exact-model"), modes);
        assertEquals(1 + 4 * 3, Files.readAllLines(tmp.resolve("all").resolve(LqrCommand.CURVE_CSV)).size());
    }

    @Test
    void theLaplacianSampledModesEndStableAndCountTheirSafeguards() throws Exception {
        Path out = tmp.resolve("lap");
        MainTest.Run r = MainTest.mbpo("lqr", "--system", "laplacian", "--mode", "mixed", "--iterations", "20",
                "--seed", "2", "--json", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertTrue(j.get("stable").asBoolean(), r.out());
        // K0 (optimal for R = 10000 I) has a cost gap of 0.269
        assertTrue(j.get("cost_gap").asDouble() < 0.2, r.out());
        for (String key : List.of("reverts", "model_rejections", "model_reverts")) {
            assertTrue(j.get(key).isInt() && j.get(key).asInt() >= 0, key + " in " + r.out());
        }
        List<String> csv = Files.readAllLines(out.resolve(LqrCommand.CURVE_CSV));
        assertEquals(1 + 21, csv.size());
        String[] last = csv.get(21).split(",");
        assertEquals(j.get("reverts").asText(), last[CURVE_COLUMN_REVERTS]);
        assertEquals(j.get("model_rejections").asText(), last[CURVE_COLUMN_REVERTS + 1]);
        assertEquals(j.get("model_reverts").asText(), last[CURVE_COLUMN_REVERTS + 2]);
    }

    private static final int CURVE_COLUMN_REVERTS = LqrCommand.CURVE_HEADER.indexOf("reverts");

    @Test
    void anUnstableGainHasNoFiniteCost() throws Exception {
        MainTest.Run r = MainTest.mbpo("lqr", "--k0", "[[0, 0]]", "--iterations", "0", "--json", "--out",
                tmp.resolve("k0").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertTrue(j.get("cost").isNull(), r.out());
        assertTrue(j.get("cost_gap").isNull(), r.out());
        assertFalse(j.get("stable").asBoolean());
        assertEquals(1.0, j.get("rel_err").asDouble(), 1e-12);
    }

    @Test
    void systemFilesAndTheirMistakes() throws Exception {
        Path good = tmp.resolve("s.json");
        Files.writeString(good, "{\"A\": [[0.9]], \"B\": [[1]], \"Q\": [[1]], \"R\": [[1]], \"noise_std\": 2}");
        MainTest.Run ok = MainTest.mbpo("lqr", "--system", good.toString(), "--solve-only", "--json");
        assertEquals(0, ok.code(), ok.err());
        assertEquals("s", JSON.readTree(ok.out()).get("system").asText());
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "A: [[2, 0], [0, 1]]\nB: [[0], [1]]\nQ: 1\nR: [[1]]\n");
        MainTest.Run r = MainTest.mbpo("lqr", "--system", bad.toString(), "--solve-only");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("mbpo lqr: " + bad + ": (A, B) is not stabilisable"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void badlyScaledSystemFilesSolve() throws Exception {
        // the input drives x2, which feeds x1, whose eigenvalue is 1e5 (or 1e10): stabilisable
        for (String a : List.of("1e5", "1e10")) {
            Path f = tmp.resolve("feeding-" + a + ".yaml");
            Files.writeString(f, "A: [[" + a + ", " + a + "], [0, 1]]\nB: [[0], [1]]\nQ: 1\nR: [[1]]\n");
            MainTest.Run r = MainTest.mbpo("lqr", "--system", f.toString(), "--solve-only", "--json");
            assertEquals(0, r.code(), r.err());
            assertEquals("", r.err());
            JsonNode j = JSON.readTree(r.out());
            double scale = Double.parseDouble(a);
            assertEquals(-scale, j.get("K_star").get(0).get(0).asDouble(), 1e-5 * scale, r.out());
            assertEquals(-scale, j.get("K_star").get(0).get(1).asDouble(), 1e-5 * scale, r.out());
            assertEquals(2 - Math.sqrt(3), j.get("spectral_radius").asDouble(), 1e-4, r.out());
            assertTrue(j.get("riccati_residual").asDouble() < 1e-14, r.out());
        }
    }

    @Test
    void userMistakesAreOneLineErrors() {
        assertError("--mode must be one of real, fake, mixed, exact-model, all; got 'model'", "--mode", "model");
        assertError("unknown system 'pendulum'", "--system", "pendulum");
        assertError("--real-ratio must be in [0, 1], got 1.5", "--real-ratio", "1.5");
        assertError("--k0 must be 1x2 (inputs x states), got 1x3", "--k0", "[[1, 2, 3]]");
        assertError("R must be positive definite", "--R", "-1");
        assertError("Q must be symmetric", "--Q", "[[1, 1], [0, 1]]");
        assertError("--estimator must be lstdq, nac or naive, got 'adam'", "--estimator", "adam");
    }

    private void assertError(String expected, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "lqr";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--out";
        all[args.length + 2] = tmp.resolve("e" + System.nanoTime()).toString();
        MainTest.Run r = MainTest.mbpo(all);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("mbpo lqr: ") && r.err().contains(expected), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}

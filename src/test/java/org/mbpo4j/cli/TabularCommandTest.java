package org.mbpo4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mbpo4j.baselines.tabular.BuiltinMdps;
import org.mbpo4j.baselines.tabular.LearningCurves;
import org.mbpo4j.baselines.tabular.MdpJson;

/** {@code mbpo tabular} end to end, in-process. */
class TabularCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static JsonNode onlyLine(MainTest.Run r) throws Exception {
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(1, lines.length, r.out());
        return JSON.readTree(lines[0]);
    }

    private static List<String> keys(JsonNode n) {
        List<String> k = new ArrayList<>();
        n.fieldNames().forEachRemaining(k::add);
        return k;
    }

    @Test
    void solveOnlyPrintsVStarAndPiStar() throws Exception {
        JsonNode vi = onlyLine(MainTest.mbpo("tabular", "--mdp", "nchain5", "--solve-only"));
        assertEquals(List.of("v_star", "pi_star", "q_star", "v_star_start", "mdp", "gamma", "solver", "iterations"),
                keys(vi));
        assertEquals(25.4990848, vi.get("v_star").get(0).asDouble(), 1e-9);
        assertEquals(25.4990848, vi.get("v_star_start").asDouble(), 1e-9);
        assertEquals("[0,0,0,0,0]", vi.get("pi_star").toString());
        assertEquals(0.9, vi.get("gamma").asDouble());
        JsonNode pi = onlyLine(MainTest.mbpo("tabular", "--mdp", "nchain5", "--solve-only", "--solver", "pi"));
        assertEquals("policy-iteration", pi.get("solver").asText());
        for (int s = 0; s < 5; s++) {
            assertEquals(vi.get("v_star").get(s).asDouble(), pi.get("v_star").get(s).asDouble(), 1e-9);
        }
        JsonNode g = onlyLine(MainTest.mbpo("tabular", "--mdp", "frozenlake4x4-slippery", "--gamma", "0.99",
                "--solve-only"));
        assertEquals(0.5420259320004709, g.get("v_star_start").asDouble(), 1e-9);
        assertEquals(16, g.get("pi_star").size());
        JsonNode h = onlyLine(MainTest.mbpo("tabular", "--mdp", "configs/mdps/last-minute-horizon.json",
                "--solve-only"));
        assertEquals(3, h.get("horizon").asInt());
        assertEquals(0, h.get("time_step").asInt());
        assertEquals("[1,0]", h.get("pi_star").toString());
        // an example of configs/mdps by name
        assertEquals(2.0, onlyLine(MainTest.mbpo("tabular", "--mdp", "two-state", "--solve-only"))
                .get("v_star_start").asDouble(), 1e-12);
    }

    @Test
    void oneModeWritesItsRunDirectoryAndOneJsonLine() throws Exception {
        Path out = tmp.resolve("run");
        JsonNode j = onlyLine(MainTest.mbpo("tabular", "--mdp", "frozenlake4x4", "--mode", "real", "--iterations",
                "100", "--seed", "1", "--json", "--out", out.toString()));
        assertEquals(List.of("mdp", "gamma", "v_star_start", "v_pi_start", "gap", "policy_optimal",
                "real_transitions", "iterations", "mode", "real_ratio", "fake_transitions", "model_optimum_gap", "seed",
                "out"), keys(j));
        assertEquals("frozenlake4x4", j.get("mdp").asText());
        assertEquals(Math.pow(0.9, 5), j.get("v_star_start").asDouble(), 1e-12);
        assertTrue(j.get("policy_optimal").asBoolean(), j.toString());
        assertEquals(j.get("v_star_start").asDouble() - j.get("v_pi_start").asDouble(), j.get("gap").asDouble(), 1e-12);
        assertEquals(100, j.get("iterations").asInt());
        assertEquals(1.0, j.get("real_ratio").asDouble());
        assertTrue(j.get("real_transitions").asLong() > 1000);
        List<String> csv = Files.readAllLines(out.resolve(LearningCurves.CSV));
        assertEquals(String.join(",", LearningCurves.HEADER), csv.get(0));
        assertEquals(1 + 101, csv.size());
        assertTrue(csv.get(101).startsWith("real,1.0,100," + j.get("real_transitions").asLong() + ",0,"), csv.get(101));
        for (String png : List.of(LearningCurves.GAP_PNG, LearningCurves.GAP_BY_ITERATION_PNG)) {
            assertNotNull(ImageIO.read(out.resolve(png).toFile()), png);
        }
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        for (String key : keys(j)) {
            assertEquals(j.get(key), summary.get(key), key);
        }
        assertEquals(16, summary.get("pi_star").size());
        assertEquals(16, summary.get("greedy_policy").size());
        assertEquals(16, summary.get("policy").size());
        // from the start, down (1) and right (2) are both optimal
        int first = summary.get("greedy_policy").get(0).asInt();
        assertTrue(first == 1 || first == 2, summary.get("greedy_policy").toString());
        assertEquals("frozenlake4x4", JSON.readTree(out.resolve("manifest.json").toFile()).get("mdp").asText());
        assertEquals(BuiltinMdps.get("frozenlake4x4", 0.9), MdpJson.read(out.resolve("mdp.json")));
    }

    @Test
    void allModesShareTheSeedAndOnePlot() throws Exception {
        Path out = tmp.resolve("all");
        JsonNode j = onlyLine(MainTest.mbpo("tabular", "--mdp", "NChain-5", "--mode", "all", "--real-ratio", "0.25",
                "--iterations", "20", "--json", "--out", out.toString()));
        assertEquals(List.of("mdp", "gamma", "v_star_start", "iterations", "seed", "modes", "out"), keys(j));
        assertEquals(List.of("real", "fake", "mixed"), keys(j.get("modes")));
        JsonNode real = j.get("modes").get("real");
        JsonNode fake = j.get("modes").get("fake");
        assertEquals(List.of("v_pi_start", "gap", "policy_optimal", "real_transitions", "real_ratio",
                "fake_transitions", "model_optimum_gap"), keys(real));
        assertEquals(0.25, j.get("modes").get("mixed").get("real_ratio").asDouble());
        assertEquals(21 * 660, real.get("real_transitions").asLong());
        assertEquals(21 * 660, fake.get("real_transitions").asLong()); // fake mode collects too, for the model
        assertEquals(1 + 3 * 21, Files.readAllLines(out.resolve(LearningCurves.CSV)).size());
        assertTrue(Files.size(out.resolve(LearningCurves.GAP_PNG)) > 1000);
    }

    @Test
    void withoutJsonItReportsProgressAndTheRunDirectory() {
        Path out = tmp.resolve("text");
        MainTest.Run r = MainTest.mbpo("tabular", "--mdp", "configs/mdps/detour-gamma1.json", "--mode", "fake",
                "--iterations", "10", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("mbpo tabular: detour-gamma1 (5 states, 3 actions, gamma 1.0, 2 terminal),"
                + " V*(start) = 8"), r.out());
        assertTrue(r.out().contains("    iteration 10: "), r.out());
        assertTrue(r.out().contains("fake: gap "), r.out());
        assertTrue(r.out().contains("run directory: " + out.toAbsolutePath()), r.out());
        MainTest.Run quiet = MainTest.mbpo("tabular", "--mdp", "two-state", "--mode", "real", "--iterations", "3",
                "-q", "--out", tmp.resolve("quiet").toString());
        assertFalse(quiet.out().contains("iteration"), quiet.out());
    }

    @Test
    void extraFieldsOfAFileAreWarnedAbout() throws Exception {
        Path f = tmp.resolve("extra.json");
        Files.writeString(f, "{\"states\":1,\"actions\":1,\"gamma\":0.5,\"P\":[[[1]]],\"R\":[[1]],"
                + "\"start\":[1],\"source\":\"a test\"}");
        MainTest.Run r = MainTest.mbpo("tabular", "--mdp", f.toString(), "--solve-only");
        assertEquals(2.0, onlyLine(r).get("v_star_start").asDouble(), 1e-12);
        assertEquals("mbpo tabular: warning: " + f + ": field \"source\" is not part of the MDP format; ignored",
                r.err().strip());
    }

    @Test
    void helpListsTheBuiltins() {
        MainTest.Run r = MainTest.mbpo("tabular", "--help");
        assertEquals(0, r.code());
        for (String name : BuiltinMdps.names()) {
            assertTrue(r.out().contains(name), name);
        }
        assertTrue(MainTest.mbpo("--help").out().contains("tabular"));
    }

    @Test
    void userMistakesAreOneLineErrorsWithExitCode2() throws Exception {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"states\":2,\"actions\":1,\"gamma\":0.9,\"P\":[[[1,0]],[[0.5,0.4]]],"
                + "\"R\":[[0],[1]],\"start\":[1,0]}");
        Path unbounded = tmp.resolve("unbounded.json");
        Files.writeString(unbounded, "{\"states\":2,\"actions\":1,\"gamma\":1,\"P\":[[[1,0]],[[0,0]]],"
                + "\"R\":[[1],[0]],\"start\":[1,0],\"terminal\":[1]}");
        Path full = tmp.resolve("full");
        Files.createDirectories(full);
        Files.writeString(full.resolve("x"), "x");
        String[][] cases = {
            {"unknown MDP 'nope': not a file and not a built-in; built-ins: frozenlake4x4, frozenlake4x4-slippery,",
                "--mdp", "nope", "--solve-only"},
            {bad + ": P[1][0] sums to 0.9, must sum to 1 within 1e-9", "--mdp", bad.toString()},
            {"no such MDP file: missing/none.json", "--mdp", "missing/none.json"},
            {"gamma is 1 but the MDP has no terminal states and no horizon", "--mdp", "nchain5", "--gamma", "1"},
            {"--gamma must be in (0, 1], got 1.5", "--mdp", "nchain5", "--gamma", "1.5"},
            {"--real-ratio applies to --mode mixed or all (real uses 1, fake 0), got --mode real", "--mdp", "nchain5",
                "--mode", "real", "--real-ratio", "0.3"},
            {"--mode must be real, fake, mixed or all, got 'both'", "--mdp", "nchain5", "--mode", "both"},
            {"real ratio (--real-ratio) must be in [0, 1], got 2.0", "--mdp", "nchain5", "--real-ratio", "2"},
            {"learning rate (--lr) must be > 0 and finite, got 0.0", "--mdp", "nchain5", "--lr", "0"},
            {"--is-truncation must be a number > 0 or inf, got 'lots'", "--mdp", "nchain5", "--is-truncation", "lots"},
            {"IS truncation (--is-truncation) must be > 0 (or inf for none), got -1.0", "--mdp", "nchain5",
                "--is-truncation", "-1"},
            {"episodes per iteration (--episodes) must be in [1, 1000000], got 0", "--mdp", "nchain5", "--episodes",
                "0"},
            {"--solver must be vi or pi, got 'lp'", "--mdp", "nchain5", "--solve-only", "--solver", "lp"},
            {"unbounded: value iteration did not converge", "--mdp", unbounded.toString(), "--solve-only"},
            {"already exists and is not empty", "--mdp", "nchain5", "--iterations", "1", "--out", full.toString()},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length];
            args[0] = "tabular";
            System.arraycopy(c, 1, args, 1, c.length - 1);
            MainTest.Run r = MainTest.mbpo(args);
            assertEquals(2, r.code(), String.join(" ", args) + "\n" + r.err());
            assertTrue(r.err().startsWith("mbpo tabular: "), r.err());
            assertTrue(r.err().contains(c[0]), "expected '" + c[0] + "' in: " + r.err());
            assertEquals(1, r.err().strip().split("\n").length, r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void aRealRatioOfOneReproducesRealMode() throws Exception {
        JsonNode real = onlyLine(MainTest.mbpo("tabular", "--mdp", "riverswim6", "--mode", "real", "--iterations", "5",
                "--json", "--out", tmp.resolve("r").toString()));
        JsonNode mixed = onlyLine(MainTest.mbpo("tabular", "--mdp", "riverswim6", "--mode", "mixed", "--real-ratio",
                "1", "--iterations", "5", "--json", "--out", tmp.resolve("m").toString()));
        assertEquals(real.get("v_pi_start"), mixed.get("v_pi_start"));
        assertArrayEquals(new String[] {real.get("real_transitions").asText()},
                new String[] {mixed.get("real_transitions").asText()});
    }
}

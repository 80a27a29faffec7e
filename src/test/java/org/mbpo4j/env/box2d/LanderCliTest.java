package org.mbpo4j.env.box2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mbpo4j.cli.Main;

/** The lander through the CLI: {@code eval --policy heuristic} and {@code check-env --reference}. */
class LanderCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int code, String out, String err) {
    }

    static Run mbpo(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void evalHeuristicPrintsExactlyTheDocumentedKeys() throws Exception {
        Run r = mbpo("eval", "--env", LunarLander.CONTINUOUS_ID, "--policy", "heuristic", "--episodes", "3",
                "--seed", "0", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.out().strip().lines().count(), "one JSON line");
        JsonNode j = JSON.readTree(r.out());
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("env", "policy", "episodes", "mean_return", "std_return", "min_return", "returns",
                "lengths", "terminated", "truncated"), keys);
        assertEquals("heuristic", j.get("policy").asText());
        assertTrue(j.get("mean_return").asDouble() > 200, r.out());
        assertEquals(r.out(), mbpo("eval", "--env", LunarLander.CONTINUOUS_ID, "--policy", "heuristic",
                "--episodes", "3", "--seed", "0", "--json").out(), "same seed, same evaluation");
        Run discrete = mbpo("eval", "--env", LunarLander.ID, "--policy", "random", "--episodes", "2", "--json");
        assertEquals(0, discrete.code(), discrete.err());
    }

    @Test
    void heuristicOnAnEnvWithoutOneNamesThoseThatHaveOne() {
        Run r = mbpo("eval", "--env", "Pendulum-v1", "--policy", "heuristic", "--episodes", "1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Pendulum-v1 has no heuristic controller")
                && r.err().contains(LunarLander.CONTINUOUS_ID) && r.err().contains(LunarLander.ID), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void checkEnvReplaysABox2dReferenceDirectory() throws Exception {
        Path dir = Path.of("src/test/resources/box2dref/random_actions");
        Run r = mbpo("check-env", LunarLander.CONTINUOUS_ID, "--reference", dir.toString(), "--json");
        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode j = JSON.readTree(r.out());
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("env", "cases", "steps", "max_obs_err_20", "max_obs_err", "max_reward_err_20",
                "first_step_over_1e-3", "first_contact_step", "contact_steps", "max_obs_err_contact_20", "max_obs_err_contact",
                "pass"), keys);
        assertEquals(3, j.get("cases").asInt());
        assertEquals(180, j.get("steps").asInt());
        assertTrue(j.get("max_obs_err_20").asDouble() <= 1e-3);
        assertTrue(j.get("pass").asBoolean());
        Run text = mbpo("check-env", LunarLander.CONTINUOUS_ID, "--reference", dir.toString());
        assertTrue(text.out().contains("PASS"), text.out());
    }

    @Test
    void checkEnvReplaysAWalkerContactSet() throws Exception {
        Path dir = Path.of("src/test/resources/box2dref/contact/walker_random");
        Run r = mbpo("check-env", BipedalWalker.ID, "--reference", dir.toString(), "--json");
        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals(2, j.get("cases").asInt());
        assertEquals(150, j.get("steps").asInt());
        assertEquals("[0,0]", j.get("first_contact_step").toString());
        assertEquals("[null,91]", j.get("first_step_over_1e-3").toString());
        assertTrue(j.get("max_obs_err_contact_20").asDouble() < 1e-3);
        Run text = mbpo("check-env", BipedalWalker.ID, "--reference", dir.toString());
        assertTrue(text.out().contains("first contact at step 0") && text.out().contains("PASS"), text.out());
        Run wrongEnv = mbpo("check-env", LunarLander.CONTINUOUS_ID, "--reference", dir.toString());
        assertEquals(2, wrongEnv.code());
        assertTrue(wrongEnv.err().contains("records env 'BipedalWalker-v3'"), wrongEnv.err());
    }

    @Test
    void badReferenceDirectoriesGiveOneLineNamingTheFile(@TempDir Path tmp) throws Exception {
        Path src = Path.of("src/test/resources/box2dref/zero_actions");
        Path broken = tmp.resolve("broken");
        Files.createDirectories(broken);
        Files.copy(src.resolve("meta.json"), broken.resolve("meta.json"));
        List<String> lines = Files.readAllLines(src.resolve("seed1.csv"));
        lines.set(0, lines.get(0).replace("disp_u0", "dispersion0"));
        Files.write(broken.resolve("seed1.csv"), lines);
        Run r = mbpo("check-env", LunarLander.CONTINUOUS_ID, "--reference", broken.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("seed1.csv") && r.err().contains("disp_u0"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());

        Files.write(broken.resolve("seed1.csv"), Files.readAllLines(src.resolve("seed1.csv")));
        Files.copy(src.resolve("seed2.csv"), broken.resolve("seed7.csv"));
        Run noSeed = mbpo("check-env", LunarLander.CONTINUOUS_ID, "--reference", broken.toString());
        assertEquals(2, noSeed.code());
        assertTrue(noSeed.err().contains("meta.json") && noSeed.err().contains("seeds.7"), noSeed.err());

        Files.writeString(broken.resolve("meta.json"), "{not json");
        Run badJson = mbpo("check-env", LunarLander.CONTINUOUS_ID, "--reference", broken.toString());
        assertEquals(2, badJson.code());
        assertTrue(badJson.err().contains("meta.json") && badJson.err().contains("not valid JSON"), badJson.err());

        Run discrete = mbpo("check-env", LunarLander.ID, "--reference", src.toString());
        assertEquals(2, discrete.code());
        assertTrue(discrete.err().contains("records env 'LunarLanderContinuous-v3'"), discrete.err());
    }

    @Test
    void evalReportsCourseProgressWhenFinalInfosCarryIt() {
        org.mbpo4j.agent.Evaluation ev = new org.mbpo4j.agent.Evaluation(new double[] {1, 2}, new int[] {3, 4}, 2, 0,
                List.of(java.util.Map.of("final_x", 12.5, "reached_end", true),
                        java.util.Map.of("final_x", 3, "reached_end", false)));
        var m = ev.toJsonMap();
        assertEquals(List.of(12.5, 3.0), m.get("final_x"));
        assertEquals(1, m.get("reached_end"));
        assertFalse(new org.mbpo4j.agent.Evaluation(new double[] {1}, new int[] {1}, 1, 0).toJsonMap()
                .containsKey("final_x"));
    }
}

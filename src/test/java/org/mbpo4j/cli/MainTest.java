package org.mbpo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, in-process: outputs, exit codes and error messages. */
class MainTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int code, String out, String err) {
    }

    /** Overrides that shrink the default MBPO preset to a few seconds: small networks, few updates. */
    static final String[] TINY_MBPO = {"--set", "mbpo.init_steps=300", "--set", "mbpo.updates_per_step=2",
        "--set", "mbpo.rollout_batch_size=2000", "--set", "sac.hidden=[32,32]", "--set", "sac.batch_size=64",
        "--set", "model.members=3", "--set", "model.elites=2", "--set", "model.hidden=32",
        "--set", "model.hidden_layers=2", "--set", "model.weight_decay=[1e-5]", "--set", "model.batch_size=64",
        "--set", "model.max_epochs=5", "--set", "model.diagnostic_horizon=5"};

    /** {@code args} followed by {@link #TINY_MBPO}. */
    static String[] tiny(String... args) {
        String[] all = new String[args.length + TINY_MBPO.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(TINY_MBPO, 0, all, args.length, TINY_MBPO.length);
        return all;
    }

    static Run mbpo(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static String setA() throws Exception {
        return Path.of(MainTest.class.getResource("/gymref/setA").toURI()).toString();
    }

    @Test
    void helpListsTheSubcommands() {
        Run r = mbpo("--help");
        assertEquals(0, r.code);
        for (String c : List.of("train", "eval", "envs", "check-env")) {
            assertTrue(r.out.contains(c), r.out);
        }
    }

    @Test
    void envsListsEveryIdWithSpacesAndLimits() throws Exception {
        Run r = mbpo("envs");
        assertEquals(0, r.code);
        assertTrue(r.out.contains("Pendulum-v1") && r.out.contains("Box(-2.0, 2.0, (1,), float32)"), r.out);
        Run j = mbpo("envs", "--json");
        String[] lines = j.out.strip().split("\n");
        assertEquals(org.mbpo4j.env.Envs.ids().size(), lines.length);
        JsonNode cart = JSON.readTree(lines[2]);
        assertEquals("CartPole-v1", cart.get("id").asText());
        assertEquals("Discrete(2)", cart.get("action_space").asText());
        assertEquals(500, cart.get("max_episode_steps").asInt());
    }

    @Test
    void checkEnvReferencePrintsOneJsonLineAndPasses() throws Exception {
        for (String id : List.of("Pendulum-v1", "MountainCarContinuous-v0", "CartPole-v1", "Acrobot-v1",
                "MountainCar-v0", "CartPoleContinuous-v1")) {
            Run r = mbpo("check-env", id, "--reference", setA(), "--json");
            assertEquals(0, r.code, r.err);
            String[] lines = r.out.strip().split("\n");
            assertEquals(1, lines.length, r.out);
            JsonNode j = JSON.readTree(lines[0]);
            assertEquals(id, j.get("env").asText());
            assertEquals(5, j.get("cases").asInt());
            assertTrue(j.get("pass").asBoolean());
            assertEquals(0, j.get("flag_mismatches").asInt());
            for (String k : List.of("steps", "max_state_err", "max_obs_err", "max_reward_err", "open_loop_max_obs_err")) {
                assertTrue(j.has(k), k);
            }
        }
    }

    @Test
    void checkEnvReferenceFailsOnAWrongRecording(@TempDir Path tmp) throws Exception {
        // A recording whose first reward is off by 0.5: the replay must notice and exit 1.
        List<String> lines = Files.readAllLines(Path.of(setA(), "Pendulum-v1.jsonl"));
        JsonNode c = JSON.readTree(lines.get(0));
        ((com.fasterxml.jackson.databind.node.ArrayNode) c.get("reward")).set(0,
                c.get("reward").get(0).asDouble() + 0.5);
        Files.writeString(tmp.resolve("Pendulum-v1.jsonl"), JSON.writeValueAsString(c) + "\n");
        Run r = mbpo("check-env", "Pendulum-v1", "--reference", tmp.toString(), "--json");
        assertEquals(1, r.code);
        JsonNode j = JSON.readTree(r.out.strip());
        assertFalse(j.get("pass").asBoolean());
        assertEquals(0.5, j.get("max_reward_err").asDouble(), 1e-9);
        assertTrue(r.err.contains("case 0 step 1: reward"), r.err);
    }

    @Test
    void checkEnvWithoutReferenceRunsTheConformanceChecks() {
        Run r = mbpo("check-env", "Acrobot-v1", "--steps", "300");
        assertEquals(0, r.code, r.out + r.err);
        assertTrue(r.out.contains("PASS"), r.out);
    }

    @Test
    void checkEnvNamesAMissingReferenceDirectory() {
        Run r = mbpo("check-env", "Pendulum-v1", "--reference", "/no/such/dir");
        assertEquals(2, r.code);
        assertEquals("mbpo check-env: reference directory /no/such/dir does not exist", r.err.strip());
    }

    @Test
    void unknownEnvIsAUsageError() {
        Run r = mbpo("check-env", "Pendulum-v9");
        assertEquals(2, r.code);
        assertTrue(r.err.startsWith("mbpo check-env: unknown env id 'Pendulum-v9' (known: Pendulum-v1"), r.err);
        assertFalse(r.err.contains("\tat "), "no stack trace for user errors");
    }

    @Test
    void evalPrintsOneJsonLine() throws Exception {
        Run r = mbpo("eval", "--env", "CartPole-v1", "--policy", "random", "--episodes", "4", "--seed", "0", "--json");
        assertEquals(0, r.code, r.err);
        JsonNode j = JSON.readTree(r.out.strip());
        assertEquals("CartPole-v1", j.get("env").asText());
        assertEquals("random", j.get("policy").asText());
        assertEquals(4, j.get("episodes").asInt());
        assertEquals(4, j.get("returns").size());
        assertEquals(4, j.get("terminated").asInt() + j.get("truncated").asInt());
        Run again = mbpo("eval", "--env", "CartPole-v1", "--episodes", "4", "--seed", "0", "--json");
        assertEquals(r.out, again.out, "same seed, same evaluation");
        Run bad = mbpo("eval", "--env", "CartPole-v1", "--policy", "expert");
        assertEquals(2, bad.code);
        assertTrue(bad.err.contains("expert"), bad.err);
    }

    @Test
    void trainWritesACompleteRunDirectory(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        Run r = mbpo(tiny("train", "--steps", "600", "--seed", "3", "--out", out.toString(), "--quiet",
                "--set", "train.eval_episodes=2"));
        assertEquals(0, r.code, r.err);
        for (String f : List.of("config.yaml", "manifest.json", "metrics.csv", "eval.csv", "curve.png", "summary.json")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertTrue(Files.list(out.resolve("checkpoints")).findAny().isPresent());
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals("Pendulum-v1", summary.get("env").asText());
        assertEquals("mbpo", summary.get("algo").asText());
        assertEquals(3, summary.get("seed").asInt());
        assertEquals(600, summary.get("env_steps").asInt());
        assertTrue(summary.get("final_eval_return").asDouble() < 0, "pendulum returns are negative");
        for (String p : List.of("env", "agent", "eval", "io", "model_train", "rollout", "policy_update")) {
            assertTrue(summary.get("phase_s").has(p), p);
        }
        assertTrue(summary.get("phase_s").get("model_train").asDouble() > 0, "the model trained at steps 300 and 550");
        assertTrue(summary.get("sec_per_1k_steps").asDouble() > 0);
        assertEquals(3, Files.readAllLines(out.resolve("model-train.csv")).size(), "trainings at 300 and 550");
        List<String> eval = Files.readAllLines(out.resolve("eval.csv"));
        assertTrue(eval.get(0).startsWith("env_steps,mean_return,std_return,episodes"), eval.get(0));
        assertEquals(1 + 3, eval.size(), "epochs end at 250, 500 and the last step 600");
        assertTrue(Files.readString(out.resolve("config.yaml")).contains("steps: 600"));
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        assertEquals(3, manifest.get("seed").asInt());
        assertTrue(manifest.has("nd4j"));
        assertEquals(800, ImageIO.read(out.resolve("curve.png").toFile()).getWidth());

        // The same seed gives the same run.
        Path out2 = tmp.resolve("run2");
        assertEquals(0, mbpo(tiny("train", "--steps", "600", "--seed", "3", "--out", out2.toString(), "--quiet",
                "--set", "train.eval_episodes=2")).code);
        assertEquals(Files.readString(out.resolve("eval.csv")), Files.readString(out2.resolve("eval.csv")));

        // An existing run directory is never overwritten.
        Run again = mbpo("train", "--steps", "10", "--out", out.toString(), "--quiet");
        assertEquals(2, again.code);
        assertTrue(again.err.contains(out.toString()), again.err);
        assertEquals(600, JSON.readTree(out.resolve("summary.json").toFile()).get("env_steps").asInt());
    }

    /** MBPO passes the prioritized-replay switches on to SAC and the model trainer (MbpoAgent rebuilds SAC's config). */
    @Test
    void mbpoTrainsWithPrioritizedReplay(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("per");
        Run r = mbpo(tiny("train", "--steps", "400", "--seed", "1", "--out", out.toString(), "--quiet",
                "--set", "train.eval_episodes=1", "--set", "sac.prioritized_replay=true", "--set", "model.prioritized=true"));
        assertEquals(0, r.code, r.err);
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertTrue(metrics.get(0).contains("per_beta"), "SAC reports its prioritized replay: " + metrics.get(0));
        try (var files = Files.walk(out.resolve("checkpoints"))) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().equals("replay-priorities.bin")),
                    "the priorities are checkpointed");
        }
    }

    @Test
    void trainWorksOnDiscreteEnvsToo(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("cart");
        Run r = mbpo("train", "--set", "env=CartPole-v1", "--set", "algo=random", "--steps", "300", "--out",
                out.toString(), "-q", "--set", "train.eval_episodes=1");
        assertEquals(0, r.code, r.err);
        assertEquals("CartPole-v1", JSON.readTree(out.resolve("summary.json").toFile()).get("env").asText());
    }

    @Test
    void badConfigsAreUsageErrorsNamingFileKeyAndAllowedValues(@TempDir Path tmp) throws Exception {
        Path cfg = tmp.resolve("bad.yaml");
        Files.writeString(cfg, "env: Pendulum-v1\nalgo: random\ntrain:\n  stpes: 100\n");
        Run r = mbpo("train", "--config", cfg.toString(), "--out", tmp.resolve("x").toString());
        assertEquals(2, r.code);
        assertTrue(r.err.contains(cfg.toString()) && r.err.contains("stpes") && r.err.contains("steps"), r.err);
        assertFalse(Files.exists(tmp.resolve("x")), "nothing written for a rejected config");

        Files.writeString(cfg, "env: Pendulum-v7\nalgo: random\n");
        Run env = mbpo("train", "--config", cfg.toString(), "--out", tmp.resolve("y").toString());
        assertEquals(2, env.code);
        assertTrue(env.err.contains(cfg.toString()) && env.err.contains("env") && env.err.contains("Pendulum-v7")
                && env.err.contains("Pendulum-v1"), env.err);

        Run set = mbpo("train", "--set", "train.steps=abc", "--out", tmp.resolve("z").toString());
        assertEquals(2, set.code);
        assertTrue(set.err.contains("train.steps") && set.err.contains("abc"), set.err);

        Run steps = mbpo("train", "--steps", "0", "--out", tmp.resolve("w").toString());
        assertEquals(2, steps.code);
        assertEquals("mbpo train: --steps 0: train.steps: must be an integer in [1, 1000000000], got 0",
                steps.err.strip());

        Run missing = mbpo("train", "--config", "no-such-preset");
        assertEquals(2, missing.code);
        assertTrue(missing.err.contains("no-such-preset") && missing.err.contains("pendulum-mbpo"), missing.err);

        Run option = mbpo("train", "--stepz", "5");
        assertEquals(2, option.code);
        assertTrue(option.err.contains("--stepz"), option.err);
    }

    @Test
    void outIsAPathWhateverItLooksLikeToYaml(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("exp #3: a");
        Run r = mbpo("train", "--steps", "50", "--out", out.toString(), "-q", "--set", "train.eval_episodes=0");
        assertEquals(0, r.code, r.err);
        assertTrue(Files.isRegularFile(out.resolve("summary.json")));
        assertTrue(Files.readString(out.resolve("config.yaml")).contains("exp #3: a"), "config.yaml records the real out");
    }

    @Test
    void anUnknownEnvFromSetIsBlamedOnTheSet(@TempDir Path tmp) {
        Run r = mbpo("train", "--set", "env=Pendulum-v7", "--out", tmp.resolve("x").toString());
        assertEquals(2, r.code);
        assertTrue(r.err.startsWith("mbpo train: --set env=Pendulum-v7: env: unknown env id 'Pendulum-v7'"), r.err);
    }

    @Test
    void checkEnvRefusesOptionsThatDoNotApplyToAReplay() throws Exception {
        Run r = mbpo("check-env", "Pendulum-v1", "--reference", setA(), "--steps", "5");
        assertEquals(2, r.code);
        assertTrue(r.err.contains("--steps applies to the conformance checks, not to --reference"), r.err);
    }

    @Test
    void anUnwritableRunDirectoryIsOneMessageWithoutStackTrace(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("plain-file");
        Files.writeString(file, "x");
        Run r = mbpo("train", "--steps", "10", "--out", file.resolve("run").toString(), "-q");
        assertEquals(1, r.code);
        assertTrue(r.err.startsWith("mbpo train: could not create the run directory"), r.err);
        assertFalse(r.err.contains("\tat "), r.err);
    }
}

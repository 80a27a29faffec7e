package org.mbpo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mbpo4j.env.mujoco.MujocoEnvs;
import org.mbpo4j.env.mujoco.MujocoLibrary;

/** The MuJoCo tasks through the command line, with and without the library. */
class MujocoCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SET_A = "src/test/resources/mujocoref/setA";

    private static MainTest.Run mbpo(String... args) {
        return MainTest.mbpo(args);
    }

    private static void assumeLibrary() {
        org.mbpo4j.env.mujoco.MujocoTestAccess.assumeLibrary();
    }

    @Test
    void envsListsTheEighteenIdsWithGymnasiumsSpaces() throws Exception {
        MainTest.Run r = mbpo("envs", "--json");
        assertEquals(0, r.code(), r.err());
        List<JsonNode> rows = new ArrayList<>();
        for (String line : r.out().strip().split("\n")) {
            JsonNode n = JSON.readTree(line);
            if (MujocoEnvs.IDS.contains(n.get("id").asText())) {
                rows.add(n);
            }
        }
        assertEquals(18, rows.size());
        JsonNode hopper = rows.get(0);
        assertEquals("Hopper-v4", hopper.get("id").asText());
        assertEquals("Box(-Infinity, Infinity, (11,), float32)", hopper.get("observation_space").asText());
        assertEquals("Box(-1.0, 1.0, (3,), float32)", hopper.get("action_space").asText());
        assertEquals(1000, hopper.get("max_episode_steps").asInt());
        assertEquals("MuJoCo", hopper.get("requires").asText());
        assertEquals(MujocoLibrary.available(), hopper.get("available").asBoolean());
        JsonNode reacher = rows.get(17);
        assertEquals("Reacher-v5", reacher.get("id").asText());
        assertEquals(50, reacher.get("max_episode_steps").asInt());
    }

    @Test
    void checkEnvReplaysTheReferenceAndRunsTheApiChecks() throws Exception {
        assumeLibrary();
        for (String id : List.of("Hopper-v4", "Humanoid-v5", "Reacher-v4")) {
            MainTest.Run r = mbpo("check-env", id, "--reference", SET_A, "--json");
            assertEquals(0, r.code(), r.out() + r.err());
            JsonNode j = JSON.readTree(r.out().strip());
            assertTrue(j.get("pass").asBoolean(), r.out());
            assertEquals(5, j.get("cases").asInt());
            assertEquals(MujocoLibrary.get().version(), j.get("mujoco").asText());
        }
        MainTest.Run api = mbpo("check-env", "Ant-v5", "--steps", "300", "--json");
        assertEquals(0, api.code(), api.out() + api.err());
    }

    @Test
    void trainEvalAndRenderAMujocoTask(@TempDir Path tmp) throws Exception {
        assumeLibrary();
        Path run = tmp.resolve("hopper");
        MainTest.Run t = mbpo("train", "-c", "pendulum-sac", "--set", "env=Hopper-v5", "--set",
                "env_kwargs.ctrl_cost_weight=0.002", "--steps", "600", "--out", run.toString(), "-q", "--set",
                "sac.hidden=[32,32]", "--set", "sac.learning_starts=300", "--set", "sac.batch_size=64", "--set",
                "train.epoch_length=300", "--set", "train.eval_episodes=1");
        assertEquals(0, t.code(), t.out() + t.err());
        JsonNode manifest = JSON.readTree(Files.readString(run.resolve("manifest.json")));
        assertEquals(MujocoLibrary.get().version(), manifest.get("mujoco").get("version").asText());
        assertTrue(Files.readString(run.resolve("config.yaml")).contains("env_kwargs:\n  ctrl_cost_weight: 0.002"),
                Files.readString(run.resolve("config.yaml")));

        MainTest.Run e = mbpo("eval", "--env", "Hopper-v4", "--policy", "random", "--episodes", "20", "--seed", "1000",
                "--json");
        assertEquals(0, e.code(), e.out() + e.err());
        JsonNode ev = JSON.readTree(e.out().strip());
        double meanLength = 0;
        for (JsonNode l : ev.get("lengths")) {
            meanLength += l.asDouble() / 20;
        }
        assertTrue(meanLength > 8 && meanLength < 60, "random Hopper-v4 episodes last about 21 steps: " + meanLength);

        Path frames = tmp.resolve("frames");
        MainTest.Run r = mbpo("render", "--env", "Ant-v4", "--policy", "random", "--seed", "1", "--max-steps", "12",
                "--every", "4", "--out", frames.toString(), "--json");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(Files.size(frames.resolve("episode.gif")) > 1000);
        assertTrue(Files.exists(frames.resolve("frame-00000.png")) && Files.exists(frames.resolve("frame-00003.png")));
    }

    /** A resumed MBPO run on Hopper (checkpoints fall mid-episode) equals the uninterrupted one. */
    @Test
    void aResumedMujocoRunEqualsTheUninterruptedOne(@TempDir Path tmp) throws Exception {
        assumeLibrary();
        Path whole = tmp.resolve("whole");
        Path parts = tmp.resolve("parts");
        String[] more = MainTest.TINY_MBPO;
        List<String> extra = new ArrayList<>(List.of(more));
        extra.addAll(List.of("--set", "env=Hopper-v4"));
        String[] x = extra.toArray(new String[0]);
        assertEquals(0, mbpo(ResumeTest.args("pendulum-mbpo", "1000", whole, x)).code());
        assertEquals(0, mbpo(ResumeTest.args("pendulum-mbpo", "500", parts, x)).code());
        MainTest.Run resumed = mbpo("train", "--resume", parts.toString(), "--steps", "1000", "-q");
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(Files.readString(whole.resolve("eval.csv")), Files.readString(parts.resolve("eval.csv")));
        assertEquals(ResumeTest.metricsWithoutTimes(whole), ResumeTest.metricsWithoutTimes(parts));
    }

    @Test
    void learnedRewardsOffIsRefusedWhereObservationsCannotGiveTheReward(@TempDir Path tmp) {
        MainTest.Run r = mbpo("train", "-c", "pendulum-mbpo", "--set", "env=Hopper-v4", "--set",
                "model.learned_rewards=false", "--out", tmp.resolve("x").toString(), "-q");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("model.learned_rewards: false needs the reward computed from observations, and on"
                + " Hopper-v4 it cannot be: the reward needs the x position"), r.err());
        assertFalse(Files.exists(tmp.resolve("x")), "nothing was written");
    }

    /**
     * {@code env_kwargs.xml_file}: one of Gymnasium's models by name, a user's file by path, and a
     * file MuJoCo cannot compile refused before anything is written, naming the key.
     */
    @Test
    void modelFilesFromTheConfig(@TempDir Path tmp) throws Exception {
        assumeLibrary();
        org.mbpo4j.env.EnvKwargs byName = org.mbpo4j.env.Envs.spec("Walker2d-v5").kwargs(
                java.util.Map.of("xml_file", "walker2d.xml"));
        try (org.mbpo4j.env.Env<?> env = org.mbpo4j.env.Envs.make("Walker2d-v5", byName)) {
            assertEquals(17, env.observationSpace().size());
        }
        Path mine = tmp.resolve("my_hopper.xml");
        try (var in = getClass().getResourceAsStream("/org/mbpo4j/env/mujoco/assets/hopper.xml")) {
            Files.writeString(mine, new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("gear=\"200.0\" joint=\"thigh_joint\"", "gear=\"100.0\" joint=\"thigh_joint\""));
        }
        org.mbpo4j.env.EnvKwargs byPath = org.mbpo4j.env.Envs.spec("Hopper-v5").kwargs(
                java.util.Map.of("xml_file", mine.toString()));
        try (org.mbpo4j.env.Env<?> env = org.mbpo4j.env.Envs.make("Hopper-v5", byPath)) {
            assertEquals(11, env.observationSpace().size());
            assertEquals(0, env.reset(1L).obs().length - 11);
        }
        Path bad = Files.writeString(tmp.resolve("bad.xml"), "<mujoco><worldbody><body><geom type=\"nonsense\"/>"
                + "</body></worldbody></mujoco>");
        Path out = tmp.resolve("run");
        MainTest.Run r = mbpo("train", "-c", "pendulum-sac", "--set", "env=Hopper-v5", "--set",
                "env_kwargs.xml_file=" + bad, "--out", out.toString(), "-q");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains("env_kwargs.xml_file: MuJoCo could not load " + bad), r.err());
        assertFalse(Files.exists(out));
        MainTest.Run body = mbpo("train", "-c", "pendulum-sac", "--set", "env=Ant-v5", "--set",
                "env_kwargs.main_body=head", "--out", out.toString(), "-q");
        assertEquals(2, body.code(), body.out() + body.err());
        assertTrue(body.err().contains("--set env_kwargs.main_body=head: env_kwargs: main_body 'head' is not a body of"
                + " ant.xml"), body.err());
        MainTest.Run misfit = mbpo("train", "-c", "pendulum-sac", "--set", "env=InvertedDoublePendulum-v5", "--set",
                "env_kwargs.xml_file=hopper.xml", "--out", out.toString(), "-q");
        assertEquals(2, misfit.code(), misfit.out() + misfit.err());
        assertTrue(misfit.err().contains("env_kwargs.xml_file: hopper.xml does not fit InvertedDoublePendulum-v5"),
                misfit.err());
        assertFalse(Files.exists(out));
        MainTest.Run missing = mbpo("train", "-c", "pendulum-sac", "--set", "env=Hopper-v5", "--set",
                "env_kwargs.xml_file=" + tmp.resolve("none.xml"), "--out", out.toString(), "-q");
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains("env_kwargs.xml_file: must be the path of an MJCF (.xml) file or one of"),
                missing.err());
    }

    /**
     * Without a usable library (here: MBPO4J_MUJOCO_LIB names a missing file), listing still works
     * and making a MuJoCo env is one message, exit 2, no stack trace and no run directory. Runs in
     * a separate JVM, since this one may have loaded the library.
     */
    @Test
    void withoutTheLibraryEachCommandSaysHowToInstallIt(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        Result t = java(tmp, "train", "-c", "pendulum-sac", "--set", "env=Hopper-v4", "--out", out.toString());
        assertEquals(2, t.code, t.out + t.err);
        String line = t.err.strip();
        assertFalse(line.contains("\n"), "one line: " + line);
        assertTrue(line.startsWith("mbpo train: env Hopper-v4: MBPO4J_MUJOCO_LIB=" + tmp.resolve("none.so")
                + ": no such file;"), line);
        assertTrue(line.contains("sudo apt-get install libmujoco2.2.2"), line);
        assertFalse(Files.exists(out), "no run directory");
        Result e = java(tmp, "eval", "--env", "Walker2d-v5", "--policy", "random");
        assertEquals(2, e.code, e.out + e.err);
        assertFalse(e.err.contains("\tat "), e.err);
        Result l = java(tmp, "envs");
        assertEquals(0, l.code, l.err);
        assertTrue(l.out.contains("[needs MuJoCo] MuJoCo Hopper"), l.out);
    }

    private record Result(int code, String out, String err) {
    }

    private static Result java(Path tmp, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put(MujocoLibrary.ENV_VAR, tmp.resolve("none.so").toString());
        pb.environment().put("OMP_WAIT_POLICY", "passive");
        Path o = tmp.resolve("stdout.txt");
        Path err = tmp.resolve("stderr.txt");
        pb.redirectOutput(o.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("mbpo " + String.join(" ", args) + " did not finish in 120 s");
        }
        return new Result(p.exitValue(), Files.readString(o, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}

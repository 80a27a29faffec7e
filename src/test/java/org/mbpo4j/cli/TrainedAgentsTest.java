package org.mbpo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mbpo4j.env.RescaleAction;
import org.mbpo4j.policy.PlainJavaActor;
import org.mbpo4j.policy.PolicyFile;
import org.mbpo4j.policy.TrainedPolicy;
import org.mbpo4j.random.Rng;
import org.mbpo4j.io.Json;
import org.mbpo4j.sac.SacAgent;

/**
 * A trained run can be evaluated, watched and exported: {@code eval --run}, {@code render --run}
 * and {@code export} for SAC, MBPO and MPC runs; an exported policy acts in plain Java (no ND4J
 * on the class path) as the training-time actor does; every bad input gets one clear message.
 */
class TrainedAgentsTest {

    static final String[] TINY_SAC = {"--set", "sac.hidden=[32,32]", "--set", "sac.learning_starts=200",
        "--set", "sac.batch_size=32"};

    /** A tiny run of {@code algo} ({@code sac}, {@code mbpo} on Pendulum-v1, {@code mpc} on CartPoleContinuous-v1). */
    static Path train(String algo, Path dir) {
        List<String> a = new ArrayList<>(List.of("train", "--out", dir.toString(), "-q", "--steps", "400",
                "--set", "train.epoch_length=200", "--set", "train.eval_episodes=1", "--set", "train.checkpoint_every=1"));
        switch (algo) {
            case "sac" -> {
                a.addAll(List.of("-c", "pendulum-sac"));
                a.addAll(List.of(TINY_SAC));
            }
            case "mbpo" -> {
                a.addAll(List.of("-c", "pendulum-mbpo"));
                a.addAll(List.of(MainTest.TINY_MBPO));
            }
            case "mpc" -> {
                a.addAll(List.of("-c", "cartpolecontinuous-cem"));
                a.addAll(List.of(ResumeTest.TINY_MPC));
            }
            default -> throw new IllegalArgumentException(algo);
        }
        MainTest.Run r = MainTest.mbpo(a.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        return dir;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sac", "mbpo", "mpc"})
    void aTrainedRunIsEvaluatedRenderedAndExported(String algo, @TempDir Path tmp) throws Exception {
        Path run = train(algo, tmp.resolve("run"));
        MainTest.Run ev = MainTest.mbpo("eval", "--run", run.toString(), "--episodes", "2", "--json");
        assertEquals(0, ev.code(), ev.err());
        Map<String, Object> m = Json.parseMap(ev.out().trim());
        assertEquals(algo + "@400", m.get("policy"));
        assertEquals(400L, m.get("checkpoint_step"));
        assertEquals(2L, m.get("episodes"));
        MainTest.Run again = MainTest.mbpo("eval", "--run", run.toString(), "--episodes", "2", "--json");
        assertEquals(ev.out(), again.out(), "the same agent, seeds and episodes give the same returns");
        MainTest.Run older = MainTest.mbpo("eval", "--run", run.toString(), "--checkpoint", "200", "--episodes", "1",
                "--json");
        assertEquals(0, older.code(), older.err());
        assertTrue(older.out().contains("\"policy\":\"" + algo + "@200\""), older.out());

        Path gif = tmp.resolve("gif");
        MainTest.Run render = MainTest.mbpo("render", "--run", run.toString(), "--out", gif.toString(),
                "--max-steps", "12", "--json");
        assertEquals(0, render.code(), render.err());
        assertTrue(Files.size(gif.resolve("episode.gif")) > 0);

        Path file = tmp.resolve("p.policy");
        MainTest.Run export = MainTest.mbpo("export", run.toString(), "--out", file.toString());
        if (algo.equals("mpc")) {
            assertEquals(2, export.code());
            assertTrue(export.err().contains("no actor network"), export.err());
            assertFalse(Files.exists(file));
            return;
        }
        assertEquals(0, export.code(), export.err());
        TrainedPolicy p = PolicyFile.load(file, "Pendulum-v1");
        assertEquals(algo, p.provenance().get("algo"));
        assertEquals("400", p.provenance().get("env_steps"));
        MainTest.Run model = MainTest.mbpo("eval", "--model", file.toString(), "--episodes", "2", "--json");
        assertEquals(0, model.code(), model.err());
        assertEquals(Json.parseMap(ev.out().trim()).get("lengths"), Json.parseMap(model.out().trim()).get("lengths"));
        MainTest.Run watch = MainTest.mbpo("render", "--model", file.toString(), "--out", tmp.resolve("g2").toString(),
                "--max-steps", "5");
        assertEquals(0, watch.code(), watch.err());
    }

    /** The exported file, loaded by a JVM with only mbpo4j's own classes, acts as the restored actor to 1e-5. */
    @Test
    void anExportedPolicyActsInPlainJavaAsTheActorDoes(@TempDir Path tmp) throws Exception {
        Path run = train("sac", tmp.resolve("run"));
        Path file = tmp.resolve("p.policy");
        assertEquals(0, MainTest.mbpo("export", run.toString(), "--out", file.toString()).code());

        TrainedRun r = TrainedRun.open(run, null, new PrintWriter(new StringWriter()));
        SacAgent agent = (SacAgent) r.setup.agent();
        RescaleAction rescale = (RescaleAction) r.setup.evalEnv();
        Rng rng = new Rng(11);
        List<String> args = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        for (int k = 0; k < 50; k++) {
            float theta = (float) rng.uniform(-Math.PI, Math.PI);
            float[] obs = {(float) Math.cos(theta), (float) Math.sin(theta), (float) rng.uniform(-8, 8)};
            expected.add(rescale.rescale(agent.act(obs, true)));
            args.add(obs[0] + "," + obs[1] + "," + obs[2]);
        }
        Path classes = Path.of(PolicyFile.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path testClasses = Path.of(PlainJavaActor.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(classes) && Files.isDirectory(testClasses), "class directories, no jars");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes + java.io.File.pathSeparator + testClasses, PlainJavaActor.class.getName(),
                file.toString()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        String[] lines = out.trim().split("\n");
        assertEquals(expected.size(), lines.length, out);
        double worst = 0;
        for (int k = 0; k < lines.length; k++) {
            float a = Float.parseFloat(lines[k].trim());
            worst = Math.max(worst, Math.abs(a - expected.get(k)[0]));
        }
        assertTrue(worst <= 1e-5, "largest difference from the training-time actor: " + worst);
    }

    @Test
    void badInputsGetOneClearMessage(@TempDir Path tmp) throws Exception {
        Path run = train("sac", tmp.resolve("run"));
        Path file = tmp.resolve("p.policy");
        assertEquals(0, MainTest.mbpo("export", run.toString(), "--out", file.toString()).code());
        Path empty = tmp.resolve("empty");
        Files.createDirectories(empty.resolve("checkpoints"));
        Files.copy(run.resolve("config.yaml"), empty.resolve("config.yaml"));
        Path truncated = tmp.resolve("t.policy");
        byte[] b = Files.readAllBytes(file);
        Files.write(truncated, java.util.Arrays.copyOf(b, b.length / 2));
        Path foreign = tmp.resolve("f.policy");
        Files.writeString(foreign, "{\"weights\": []}");
        Path random = tmp.resolve("random");
        assertEquals(0, MainTest.mbpo("train", "-c", "pendulum-sac", "--set", "algo=random", "--steps", "200",
                "--set", "train.epoch_length=100", "--out", random.toString(), "-q").code());
        String[][] cases = {
            {"no such directory", "eval", "--run", tmp.resolve("missing").toString()},
            {"not a run directory", "eval", "--run", tmp.toString()},
            {"has no complete checkpoint yet", "eval", "--run", empty.toString()},
            {"there is no checkpoint for env step 123", "eval", "--run", run.toString(), "--checkpoint", "123"},
            {"--checkpoint must be 'latest' or an env step", "eval", "--run", run.toString(), "--checkpoint", "x"},
            {"trained on Pendulum-v1, not CartPole-v1", "eval", "--run", run.toString(), "--env", "CartPole-v1"},
            {"cannot be combined with --run", "eval", "--run", run.toString(), "--policy", "random"},
            {"--checkpoint goes with --run", "eval", "--env", "Pendulum-v1", "--checkpoint", "5"},
            {"give --run or --model, not both", "eval", "--run", run.toString(), "--model", file.toString()},
            {"is truncated", "eval", "--model", truncated.toString()},
            {"is not an mbpo4j policy file", "eval", "--model", foreign.toString()},
            {"holds a policy for Pendulum-v1, not CartPole-v1", "eval", "--model", file.toString(), "--env",
                "CartPole-v1"},
            {"does not exist", "render", "--model", tmp.resolve("nope.policy").toString()},
            {"no actor network", "export", random.toString(), "--out", tmp.resolve("r.policy").toString()},
            {"has no complete checkpoint yet", "export", empty.toString(), "--out", tmp.resolve("e.policy").toString()},
            {"is a directory", "export", run.toString(), "--out", tmp.toString()},
        };
        for (String[] c : cases) {
            String[] argv = java.util.Arrays.copyOfRange(c, 1, c.length);
            MainTest.Run r = MainTest.mbpo(argv);
            String what = String.join(" ", argv);
            assertEquals(2, r.code(), what + ": " + r.err());
            assertTrue(r.err().contains(c[0]), what + ": " + r.err());
            assertEquals(1, r.err().trim().split("\n").length, what + ": one line: " + r.err());
            assertFalse(r.err().contains("Exception"), what + ": " + r.err());
        }
    }
}

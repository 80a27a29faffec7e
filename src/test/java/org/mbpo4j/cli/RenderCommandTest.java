package org.mbpo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.Discrete;
import org.mbpo4j.env.Envs;
import org.mbpo4j.env.Space;
import org.mbpo4j.env.mujoco.MujocoEnvs;
import org.mbpo4j.env.mujoco.MujocoTestAccess;

class RenderCommandTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void writesNumberedPngsAndAGifWithTheSameFrames() throws IOException {
        Path out = dir.resolve("walk");
        Result r = run("render", "--env", "BipedalWalker-v3", "--policy", "heuristic", "--seed", "0",
                "--out", out.toString(), "--max-steps", "7", "--every", "3");
        assertEquals(0, r.code(), r.err());
        // reset, steps 3 and 6, and the last step (7)
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(4, files.filter(p -> p.getFileName().toString().matches("frame-\\d{5}\\.png")).count());
        }
        assertEquals(600, ImageIO.read(out.resolve("frame-00003.png").toFile()).getWidth());
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(Files.newInputStream(out.resolve("episode.gif")))) {
            reader.setInput(in);
            assertEquals(4, reader.getNumImages(true));
        } finally {
            reader.dispose();
        }
        assertTrue(r.out().contains("in 7 steps") && r.out().contains("4 frames"), r.out());
    }

    @Test
    void randomPolicyPrintsOneJsonLine() {
        Result r = run("render", "--env", "BipedalWalker-v3", "--policy", "random", "--out",
                dir.resolve("r").toString(), "--max-steps", "2", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.out().strip().lines().count());
        assertTrue(r.out().contains("\"frames\":2"), r.out());
    }

    static List<String> idsWithBoxOrDiscreteActions() {
        List<String> ids = new ArrayList<>();
        for (String id : Envs.ids()) {
            Space<?> a = Envs.actionSpace(id, null);
            if (a instanceof Box || a instanceof Discrete) {
                ids.add(id);
            }
        }
        return ids;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("idsWithBoxOrDiscreteActions")
    void everyRegisteredEnvRendersARandomEpisode(String id) {
        if (MujocoEnvs.IDS.contains(id)) {
            MujocoTestAccess.assumeLibrary();
        }
        Path out = dir.resolve("every");
        Result r = run("render", "--env", id, "--policy", "random", "--out", out.toString(), "--max-steps", "5");
        assertEquals(0, r.code(), id + ": " + r.err());
        assertTrue(Files.isRegularFile(out.resolve(RenderCommand.GIF)), id + ": no " + RenderCommand.GIF);
        assertTrue(Files.isRegularFile(out.resolve("frame-00000.png")), id + ": no first frame");
    }

    @Test
    void mistakesAreOneLineUserErrors() {
        // Without --policy an env with no heuristic plays random actions; asking for its heuristic is an error.
        Result byDefault = run("render", "--env", "Pendulum-v1", "--out", dir.resolve("p0").toString(), "--max-steps", "3",
                "--json");
        assertEquals(0, byDefault.code(), byDefault.err());
        assertTrue(byDefault.out().contains("\"policy\":\"random\""), byDefault.out());
        Result noHeuristic = run("render", "--env", "Pendulum-v1", "--policy", "heuristic", "--out",
                dir.resolve("p").toString());
        assertEquals(2, noHeuristic.code());
        assertTrue(!Files.exists(dir.resolve("p")), "nothing written");
        assertTrue(noHeuristic.err().contains("Pendulum-v1 has no heuristic controller")
                && noHeuristic.err().contains("BipedalWalker-v3"), noHeuristic.err());
        Result badPolicy = run("render", "--env", "BipedalWalker-v3", "--policy", "clever");
        assertEquals(2, badPolicy.code());
        assertTrue(badPolicy.err().contains("'clever'") && badPolicy.err().contains("heuristic, random"),
                badPolicy.err());
        Result badEvery = run("render", "--env", "BipedalWalker-v3", "--every", "0");
        assertEquals(2, badEvery.code());
        assertEquals(1, badEvery.err().strip().lines().count(), badEvery.err());
    }
}

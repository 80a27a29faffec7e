package org.mbpo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mbpo4j.env.Envs;

/**
 * Mistakes in what a user hands the command line (counts too large to run, files that are not
 * text, a file where a directory belongs, settings that cannot work together): each is one line
 * on stderr naming the offending value or file and what is allowed, exit status 2, no stack
 * trace, and nothing written.
 */
class BadInputTest {
    /** Bytes that are not UTF-8 anywhere: 0xff and 0xfe never occur in UTF-8. */
    private static final byte[] BINARY = {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '{', '}', '\n', (byte) 0x80};

    @TempDir
    Path tmp;

    /**
     * Runs {@code args} (with a time limit: before the limits, some of these ran for hours or
     * exhausted the heap) and checks the one-line usage error that names every one of
     * {@code expected}.
     */
    private static MainTest.Run usageError(List<String> args, String... expected) {
        MainTest.Run r = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> MainTest.mbpo(args.toArray(String[]::new)), String.join(" ", args));
        String what = String.join(" ", args) + "\nstdout: " + r.out() + "\nstderr: " + r.err();
        assertEquals(Main.USAGE, r.code(), what);
        assertTrue(r.err().startsWith("mbpo " + args.get(0) + ": "), what);
        assertEquals(1, r.err().strip().lines().count(), "one line: " + what);
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception") || r.err().contains("Error:"),
                "no stack trace or exception name: " + what);
        for (String e : expected) {
            assertTrue(r.err().contains(e), "expected '" + e + "' in: " + what);
        }
        return r;
    }

    // ---- counts -------------------------------------------------------------------------------

    @Test
    void evalEpisodesAreBoundedAndTheHelpSaysSo() {
        usageError(List.of("eval", "--env", "CartPole-v1", "--episodes", "2000000000"), "--episodes", "2000000000",
                "[1, 100000]");
        usageError(List.of("eval", "--env", "CartPole-v1", "--episodes", "100001"), "100001", "[1, 100000]");
        usageError(List.of("eval", "--env", "CartPole-v1", "--episodes", "0"), "got 0", "[1, 100000]");
        assertTrue(help("eval").contains("Episodes, 1 to 100000"), help("eval"));
    }

    @Test
    void countsThatAllocatePerUnitOrRunOnAreBounded() {
        Path out = tmp.resolve("out");
        usageError(List.of("bench", "--iters", "2000000000"), "--iters", "2000000000", "[30, 100000]");
        usageError(List.of("bench", "--warmup", "2000000000"), "--warmup", "2000000000", "[0, 100000]");
        usageError(List.of("check-env", "CartPole-v1", "--steps", "2000000000"), "--steps", "2000000000",
                "[1, 100000]");
        usageError(List.of("render", "--env", "BipedalWalker-v3", "--max-steps", "2000000000", "--out",
                out.toString()), "--max-steps", "2000000000", "[1, 100000]");
        usageError(List.of("tabular", "--mdp", "nchain5", "--iterations", "1", "--fake-horizon", "2000000000", "--out",
                out.toString()), "--fake-horizon", "2000000000", "[0, 1000000]");
        usageError(List.of("tabular", "--mdp", "nchain5", "--iterations", "1", "--max-episode-steps", "2000000000",
                "--out", out.toString()), "--max-episode-steps", "2000000000", "[0, 1000000]");
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void theHelpStatesTheRanges() {
        assertTrue(help("bench").contains("Timed calls per workload, 30 to 100000"), help("bench"));
        assertTrue(help("bench").contains("0 to 100000"), help("bench"));
        assertTrue(help("check-env").contains("conformance checks, 1 to 100000"), help("check-env"));
        assertTrue(help("render").contains("Stop after N steps, 1 to 100000"), help("render"));
        assertTrue(help("tabular").contains("Longest model episode, 0 to 1000000"), help("tabular"));
        assertTrue(help("tabular").contains("Step limit of real episodes, 0 to 1000000"), help("tabular"));
    }

    /** A command's help with its line breaks undone. */
    private static String help(String command) {
        return MainTest.mbpo(command, "--help").out().replaceAll("\\s+", " ");
    }

    // ---- files that are not text ----------------------------------------------------------------

    @Test
    void aBinaryMdpFileIsNamedWithWhatWasExpected() throws Exception {
        Path mdp = tmp.resolve("mdp.json");
        Files.write(mdp, BINARY);
        usageError(List.of("tabular", "--mdp", mdp.toString(), "--solve-only"),
                mdp + " is not UTF-8 text (byte 0xff at offset 0)", "expected a JSON MDP file");
    }

    @Test
    void aBinarySystemFileIsNamedWithWhatWasExpected() throws Exception {
        Path system = tmp.resolve("system.yaml");
        Files.write(system, new byte[] {'A', ':', ' ', (byte) 0xc3, '\n'});
        usageError(List.of("lqr", "--system", system.toString(), "--solve-only"),
                system + " is not UTF-8 text (byte 0xc3 at offset 3)", "expected a YAML or JSON system file");
    }

    @Test
    void aBinaryReferenceFileIsAUsageErrorNamingIt() throws Exception {
        Path dir = tmp.resolve("ref");
        Files.createDirectories(dir);
        Path file = dir.resolve("CartPole-v1.jsonl");
        Files.write(file, BINARY);
        usageError(List.of("check-env", "CartPole-v1", "--reference", dir.toString()),
                file + " is not UTF-8 text (byte 0xff at offset 0, line 1)", "expected JSON lines");
        // A damaged byte on a later line is found there.
        Files.writeString(file, "\n\n");
        Files.write(file, new byte[] {'{', (byte) 0xe9, '}', '\n'}, java.nio.file.StandardOpenOption.APPEND);
        usageError(List.of("check-env", "CartPole-v1", "--reference", dir.toString()),
                file + " is not UTF-8 text (byte 0xe9 at offset 3, line 3)");
    }

    @Test
    void aBinaryLanderRecordingIsNamed() throws Exception {
        Path src = Path.of(BadInputTest.class.getResource("/box2dref/zero_actions").toURI());
        Path dir = tmp.resolve("lander");
        Files.createDirectories(dir);
        try (var files = Files.list(src)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Files.write(dir.resolve("seed0.csv"), BINARY);
        usageError(List.of("check-env", "LunarLanderContinuous-v3", "--reference", dir.toString()),
                dir.resolve("seed0.csv") + " is not UTF-8 text", "expected a CSV file");
        Files.write(dir.resolve("meta.json"), BINARY);
        usageError(List.of("check-env", "LunarLanderContinuous-v3", "--reference", dir.toString()),
                dir.resolve("meta.json") + " is not UTF-8 text", "expected a JSON object");
    }

    @Test
    void aDamagedGzipRecordingIsNamed() throws Exception {
        Assumptions.assumeTrue(Envs.unavailable("Hopper-v4") == null, "MuJoCo is not available here");
        Path dir = tmp.resolve("mujoco");
        Files.createDirectories(dir);
        Path gz = dir.resolve("Hopper-v4.jsonl.gz");
        Files.write(gz, BINARY);
        usageError(List.of("check-env", "Hopper-v4", "--reference", dir.toString()),
                gz + " is not valid gzip data", "gzip-compressed");
        try (GZIPOutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(BINARY);
        }
        usageError(List.of("check-env", "Hopper-v4", "--reference", dir.toString()),
                gz + " is not UTF-8 text", "expected JSON lines");
    }

    // ---- a file where a directory belongs -----------------------------------------------------

    @Test
    void aReferenceFileIsToldFromAMissingDirectory() throws Exception {
        Path file = tmp.resolve("CartPole-v1.jsonl");
        Files.writeString(file, "{}\n");
        MainTest.Run r = usageError(List.of("check-env", "CartPole-v1", "--reference", file.toString()),
                "reference directory " + file + " is a file", "give the directory that holds the recordings",
                "here " + tmp);
        assertFalse(r.err().contains("does not exist"), r.err());
        Path other = tmp.resolve("notes.txt");
        Files.writeString(other, "x");
        r = usageError(List.of("check-env", "CartPole-v1", "--reference", other.toString()),
                "reference directory " + other + " is a file");
        assertFalse(r.err().contains("here "), "no guess for a file that is no recording: " + r.err());
        usageError(List.of("check-env", "CartPole-v1", "--reference", tmp.resolve("none").toString()),
                "reference directory " + tmp.resolve("none") + " does not exist");
    }

    // ---- settings that cannot work together ---------------------------------------------------

    @Test
    void aSacBatchLargerThanItsBufferIsRefused() {
        Path out = tmp.resolve("run");
        usageError(List.of("train", "-c", "pendulum-sac", "--set", "sac.batch_size=512", "--set",
                "sac.buffer_size=100", "--steps", "1", "-q", "--out", out.toString()),
                "sac.batch_size: must be <= buffer_size (100)", "got 512");
        assertFalse(Files.exists(out), "no run directory");
    }

    @Test
    void anMbpoModelThatCouldNeverTrainIsRefused() {
        Path out = tmp.resolve("run");
        usageError(List.of("train", "-c", "pendulum-mbpo", "--set", "sac.buffer_size=300", "--steps", "1", "-q",
                "--out", out.toString()), "with --set sac.buffer_size=300", "model.batch_size",
                "sac.buffer_size 300 less a holdout of 60", "leaves 240, got 256");
        assertFalse(Files.exists(out), "no run directory");
    }
}

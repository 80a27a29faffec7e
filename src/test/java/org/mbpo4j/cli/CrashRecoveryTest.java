package org.mbpo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mbpo4j.run.CheckpointStore;
import org.mbpo4j.io.FaultPoint;
import org.mbpo4j.io.Json;
import org.mbpo4j.run.RunLock;

/**
 * Runs survive anything: a training process halted abruptly at each write point of a checkpoint
 * (and of the CSV logs) resumes to the same evaluations and the same final state as a run never
 * interrupted; a damaged checkpoint is set aside and the run resumes from the one before; a
 * stale {@code latest} pointer cannot send a resume back to an older step; one process writes a
 * run at a time; a run stopped before its first checkpoint restarts in place.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashRecoveryTest {
    /** A small MBPO run: 700 steps, an epoch (evaluation and checkpoint) every 100, two checkpoints kept. */
    private static final String STEPS = "700";

    private Path whole;

    static String[] train(Path out, String steps) {
        List<String> a = new ArrayList<>(List.of("train", "--steps", steps, "--out", out.toString(), "-q",
                "--seed", "3", "--set", "train.epoch_length=100", "--set", "train.checkpoint_every=1",
                "--set", "train.keep_checkpoints=2", "--set", "train.log_interval=100",
                "--set", "train.eval_episodes=1"));
        a.addAll(List.of(MainTest.TINY_MBPO));
        return a.toArray(new String[0]);
    }

    @BeforeAll
    void uninterrupted(@TempDir Path tmp) {
        whole = tmp.resolve("whole");
        MainTest.Run r = MainTest.mbpo(train(whole, STEPS));
        assertEquals(0, r.code(), r.err());
    }

    static Stream<Object[]> writePoints() {
        // Each point is armed at an occurrence in the middle of the run, after the buffers have
        // something in them; pruning starts with the third checkpoint (two are kept).
        return Stream.of(
                new Object[] {FaultPoint.CSV_APPENDED, 7},
                new Object[] {FaultPoint.ATOMIC_TEMP_WRITTEN, 23},
                new Object[] {FaultPoint.CHECKPOINT_FILES_WRITTEN, 4},
                new Object[] {FaultPoint.CHECKPOINT_FILES_RENAMED, 4},
                new Object[] {FaultPoint.CHECKPOINT_JSON_RENAMED, 4},
                new Object[] {FaultPoint.CHECKPOINT_LATEST_RENAMED, 4},
                new Object[] {FaultPoint.CHECKPOINT_PRUNING, 2});
    }

    @Test
    void everyWritePointIsCovered() {
        assertEquals(FaultPoint.ALL, writePoints().map(p -> (String) p[0]).toList());
    }

    @ParameterizedTest(name = "halted at {0} #{1}")
    @MethodSource("writePoints")
    void aRunHaltedAtAnyWritePointResumesToTheSameResult(String point, int occurrence, @TempDir Path tmp)
            throws Exception {
        Path run = tmp.resolve("run");
        int code = child(point + ":" + occurrence, train(run, STEPS));
        assertEquals(FaultPoint.HALT_STATUS, code, "the child should halt at " + point + " #" + occurrence);
        MainTest.Run resumed = MainTest.mbpo("train", "--resume", run.toString(), "-q");
        assertEquals(0, resumed.code(), resumed.err());
        assertSameResult(whole, run);
        assertNoLeftovers(run);
    }

    @Test
    void aStaleLatestPointerCannotSendAResumeBack(@TempDir Path tmp) throws Exception {
        // The reported case: a kill between a checkpoint's JSON and the update of `latest`.
        Path run = tmp.resolve("run");
        assertEquals(0, MainTest.mbpo(train(run, "500")).code());
        Files.writeString(run.resolve("checkpoints/latest"), "step-0000000400.json\n");
        MainTest.Run resumed = MainTest.mbpo("train", "--resume", run.toString(), "--steps", STEPS, "-q");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resuming after step 500"), resumed.out());
        assertSameResult(whole, run);
    }

    /** Each file of the newest checkpoint damaged in turn: the resume sets it aside and starts from the one before. */
    @Test
    void aDamagedCheckpointFallsBackToThePreviousOne(@TempDir Path tmp) throws Exception {
        Path stopped = tmp.resolve("stopped");
        assertEquals(0, MainTest.mbpo(train(stopped, "500")).code());
        Path newest = stopped.resolve("checkpoints").resolve(CheckpointStore.fileName(500));
        List<Path> files = new ArrayList<>(List.of(newest));
        try (Stream<Path> s = Files.list(stopped.resolve("checkpoints").resolve(CheckpointStore.fileName(500) + ".files"))) {
            files.addAll(s.sorted().toList());
        }
        assertTrue(files.size() >= 4, "networks and buffers: " + files);
        int variant = 0;
        for (Path file : files) {
            for (String damage : List.of("truncated", "flipped", "empty")) {
                Path run = tmp.resolve("run" + variant++);
                copyTree(stopped, run);
                Path target = run.resolve(stopped.relativize(file));
                damage(target, damage);
                MainTest.Run resumed = MainTest.mbpo("train", "--resume", run.toString(), "--steps", STEPS, "-q");
                String what = damage + " " + stopped.relativize(file);
                assertEquals(0, resumed.code(), what + ": " + resumed.err());
                assertTrue(resumed.out().contains("resuming after step 400"), what + ": " + resumed.out());
                assertTrue(resumed.err().contains("checkpoint " + CheckpointStore.fileName(500))
                        && resumed.err().contains("discarded"), what + ": " + resumed.err());
                assertTrue(Files.isRegularFile(run.resolve("checkpoints/discarded").resolve(CheckpointStore.fileName(500))),
                        what + ": the damaged checkpoint is kept aside");
                assertSameResult(whole, run);
            }
        }
        // A missing companion file is damage too.
        Path run = tmp.resolve("missing");
        copyTree(stopped, run);
        Path net = run.resolve(stopped.relativize(files.get(1)));
        Files.delete(net);
        MainTest.Run resumed = MainTest.mbpo("train", "--resume", run.toString(), "--steps", STEPS, "-q");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("lacks its file " + net.getFileName()), resumed.err());
        assertSameResult(whole, run);
    }

    @Test
    void withEveryCheckpointDamagedTheRunStartsAgainAndKeepsThemAside(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, MainTest.mbpo(train(run, "200")).code());
        for (long step : new long[] {100, 200}) {
            damage(run.resolve("checkpoints").resolve(CheckpointStore.fileName(step)), "truncated");
        }
        MainTest.Run resumed = MainTest.mbpo("train", "--resume", run.toString(), "--steps", STEPS, "-q");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("every one was damaged and set aside"), resumed.err());
        assertTrue(Files.isRegularFile(run.resolve("checkpoints/discarded").resolve(CheckpointStore.fileName(100))));
        assertSameResult(whole, run);
    }

    @Test
    void aRunStoppedAfterItsLastCheckpointIsFinishedByAResume(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, MainTest.mbpo(train(run, "200")).code());
        String eval = Files.readString(run.resolve("eval.csv"));
        Files.delete(run.resolve("summary.json"));
        MainTest.Run resumed = MainTest.mbpo("train", "--resume", run.toString(), "-q");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("stopped after its last checkpoint (step 200); writing its summary"),
                resumed.err());
        assertEquals(eval, Files.readString(run.resolve("eval.csv")));
        assertEquals(Boolean.TRUE, Json.readMap(run.resolve("summary.json")).get("complete"));
        MainTest.Run again = MainTest.mbpo("train", "--resume", run.toString(), "-q");
        assertEquals(2, again.code());
        assertTrue(again.err().contains("the run is complete"), again.err());
    }

    @Test
    void aSecondWriterIsRefusedAtOnce(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, MainTest.mbpo(train(run, "300")).code());
        // Another process holds the run (a resume in progress): a second resume is refused, naming it.
        Process holder = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), run.toString()).redirectErrorStream(true).start();
        try {
            String line = new String(holder.getInputStream().readNBytes(7), java.nio.charset.StandardCharsets.US_ASCII);
            assertEquals("locked\n", line.substring(0, Math.min(7, line.length())));
            long t0 = System.nanoTime();
            MainTest.Run second = MainTest.mbpo("train", "--resume", run.toString(), "--steps", "400", "-q");
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(20), "refused at once");
            assertEquals(2, second.code(), second.err());
            assertTrue(second.err().contains("is in use by process " + holder.pid()), second.err());
            assertFalse(second.err().contains("Exception"), second.err());
            assertFalse(Files.exists(run.resolve("checkpoints").resolve(CheckpointStore.fileName(400))));
        } finally {
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        // The holder is gone (killed): its lock went with it, and the run resumes.
        MainTest.Run after = MainTest.mbpo("train", "--resume", run.toString(), "--steps", "400", "-q");
        assertEquals(0, after.code(), after.err());
    }

    @Test
    void aRunStoppedBeforeItsFirstCheckpointRestartsInPlace(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        // Halted at the first checkpoint's JSON: eval.csv and metrics.csv have a row, no checkpoint is complete.
        assertEquals(FaultPoint.HALT_STATUS, child(FaultPoint.CHECKPOINT_FILES_RENAMED + ":1", train(run, STEPS)));
        MainTest.Run again = MainTest.mbpo(train(run, STEPS));
        assertEquals(2, again.code(), "a new run does not write into a used directory");
        MainTest.Run resumed = MainTest.mbpo("train", "--resume", run.toString(), "-q");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("starting it again from step 0"), resumed.err());
        assertSameResult(whole, run);
        assertNoLeftovers(run);
    }

    /** Holds a run directory's lock until killed (for {@link #aSecondWriterIsRefusedAtOnce}). */
    public static final class LockHolder {
        public static void main(String[] args) throws Exception {
            try (RunLock lock = RunLock.acquire(Path.of(args[0]))) {
                System.out.print("locked\n");
                System.out.flush();
                Thread.sleep(TimeUnit.MINUTES.toMillis(5));
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs the command line in a fresh JVM with the fault point armed; returns its exit status. */
    private static int child(String fault, String[] args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Dmbpo4j.fault=" + fault, "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OMP_WAIT_POLICY", "passive");
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "child did not end");
        int code = p.exitValue();
        if (code != FaultPoint.HALT_STATUS) {
            System.err.println(new String(output));
        }
        return code;
    }

    /** Same evaluations, same metrics (times aside), same final agent state and checkpoint files. */
    private static void assertSameResult(Path expected, Path actual) throws Exception {
        assertEquals(Files.readString(expected.resolve("eval.csv")), Files.readString(actual.resolve("eval.csv")));
        assertEquals(ResumeTest.metricsWithoutTimes(expected), ResumeTest.metricsWithoutTimes(actual));
        assertEquals(ResumeTest.csvWithoutTimes(expected.resolve("model-train.csv")),
                ResumeTest.csvWithoutTimes(actual.resolve("model-train.csv")));
        String diff = firstDifference("", finalState(expected), finalState(actual));
        assertTrue(diff == null, "final state differs at " + diff);
        assertTrue(Files.readString(actual.resolve("summary.json")).contains("\"complete\" : true")
                || Files.readString(actual.resolve("summary.json")).contains("\"complete\": true"));
    }

    /** The last checkpoint's agent state (its phase timings aside) and its files' checksums. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> finalState(Path run) {
        Path file = run.resolve("checkpoints").resolve(CheckpointStore.fileName(Long.parseLong(STEPS)));
        Map<String, Object> doc = Json.readMap(file);
        Map<String, Object> out = new TreeMap<>();
        out.put("agent", ((Map<String, Object>) doc.get("state")).get("agent"));
        out.put("files", doc.get("files"));
        return out;
    }

    /** The path of the first difference between two JSON values, ignoring wall-clock timings ({@code phase_s}); null if none. */
    private static String firstDifference(String path, Object a, Object b) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            java.util.Set<Object> keys = new java.util.TreeSet<>(Comparator.comparing(String::valueOf));
            keys.addAll(ma.keySet());
            keys.addAll(mb.keySet());
            for (Object k : keys) {
                if (k.equals("phase_s")) {
                    continue;
                }
                String d = firstDifference(path + "/" + k, ma.get(k), mb.get(k));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return path + " (sizes " + la.size() + " and " + lb.size() + ")";
            }
            for (int i = 0; i < la.size(); i++) {
                String d = firstDifference(path + "[" + i + "]", la.get(i), lb.get(i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return java.util.Objects.equals(a, b) ? null : path + " (" + a + " and " + b + ")";
    }

    /** No temporary files, no orphaned companion directories, the kept checkpoints and nothing else. */
    private static void assertNoLeftovers(Path run) throws IOException {
        try (Stream<Path> all = Files.walk(run)) {
            List<Path> tmp = all.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
            assertTrue(tmp.isEmpty(), "temporary files left: " + tmp);
        }
        List<String> names;
        try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
            names = s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(CheckpointStore.DISCARDED))
                    .sorted().toList();
        }
        assertEquals(List.of("latest", CheckpointStore.fileName(600), CheckpointStore.fileName(600) + ".files",
                CheckpointStore.fileName(700), CheckpointStore.fileName(700) + ".files"), names);
    }

    private static void damage(Path file, String how) throws IOException {
        byte[] b = Files.readAllBytes(file);
        switch (how) {
            case "truncated" -> Files.write(file, java.util.Arrays.copyOf(b, b.length / 2));
            case "flipped" -> {
                b[b.length / 2] ^= 0x5A;
                Files.write(file, b);
            }
            case "empty" -> Files.write(file, new byte[0]);
            default -> throw new IllegalArgumentException(how);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted().toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
    }
}

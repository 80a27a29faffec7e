package org.mbpo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
    @TempDir
    Path tmp;

    Path randomConfig(String name) throws Exception {
        Path f = tmp.resolve(name + ".yaml");
        Files.writeString(f, "env: Pendulum-v1\nalgo: random\ntrain:\n  steps: 200\n  epoch_length: 100\n"
                + "  eval_episodes: 1\n");
        return f;
    }

    @Test
    void compareRunsEachConfigOverSeedsAndPlotsThem() throws Exception {
        Path a = randomConfig("uniform");
        Path b = randomConfig("uniform2");
        Path out = tmp.resolve("cmp");
        MainTest.Run r = MainTest.mbpo("compare", "--configs", a + "," + b, "--seeds", "2", "--out", out.toString(),
                "--threshold", "-2000");
        assertEquals(0, r.code(), r.err());
        List<String> csv = Files.readAllLines(out.resolve("compare.csv"));
        assertEquals("variant,env_steps,mean_return,std_return,seeds", csv.get(0));
        assertEquals(1 + 2 * 2, csv.size(), "two configs x evaluations at 100 and 200");
        assertTrue(csv.get(1).startsWith("uniform,100,") && csv.get(1).endsWith(",2"), csv.get(1));
        assertTrue(Files.size(out.resolve("compare.png")) > 1000);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("compare.json").toFile());
        assertEquals(100, summary.get("variants").get("uniform").get(0).get("first_step_at_threshold").asInt());
        assertTrue(Files.isRegularFile(out.resolve("uniform2").resolve("seed1").resolve("eval.csv")));
        // a second call keeps the complete runs
        MainTest.Run again = MainTest.mbpo("compare", "--configs", a + "," + b, "--seeds", "2", "--out",
                out.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("uniform seed 0: complete, kept"), again.err());
    }

    /** A campaign stopped in the middle of a run continues it from its checkpoint, to the same results. */
    @Test
    void anInterruptedRunIsResumedAndAForeignOneRefused() throws Exception {
        Path a = randomConfig("uniform");
        Path out = tmp.resolve("cmp");
        String[] args = {"compare", "--configs", a.toString(), "--seeds", "2", "--out", out.toString(),
            "--set", "train.checkpoint_every=1"};
        assertEquals(0, MainTest.mbpo(args).code());
        String before = Files.readString(out.resolve("compare.csv"));
        Path seed1 = out.resolve("uniform").resolve("seed1");
        // As if killed after its checkpoint at step 100: no summary, no later checkpoint.
        Files.delete(seed1.resolve("summary.json"));
        try (var s = Files.list(seed1.resolve("checkpoints"))) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("step-0000000200")).toList()) {
                if (Files.isDirectory(p)) {
                    try (var w = Files.walk(p)) {
                        w.sorted(java.util.Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
                    }
                } else {
                    Files.delete(p);
                }
            }
        }
        MainTest.Run again = MainTest.mbpo(args);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("uniform seed 1: incomplete, resuming"), again.err());
        assertEquals(before, Files.readString(out.resolve("compare.csv")));

        Files.delete(seed1.resolve("summary.json"));
        MainTest.Run other = MainTest.mbpo("compare", "--configs", a.toString(), "--seeds", "2", "--out",
                out.toString(), "--set", "train.checkpoint_every=2");
        assertEquals(2, other.code());
        assertTrue(other.err().contains("holds an incomplete run of another config"), other.err());
    }

    @Test
    void sweepRunsOneValueEachAndRefusesAmbiguousOrEmptySweeps() throws Exception {
        Path a = randomConfig("base");
        Path out = tmp.resolve("sweep");
        MainTest.Run r = MainTest.mbpo("sweep", "-c", a.toString(), "--set", "train.eval_episodes=1,2",
                "--set", "train.epoch_length=50", "--seeds", "1", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> csv = Files.readAllLines(out.resolve("compare.csv"));
        assertEquals(1 + 2 * 4, csv.size(), "two values x evaluations every 50 steps");
        assertTrue(csv.get(1).startsWith("train.eval_episodes=1,50,"), csv.get(1));
        assertTrue(Files.readString(out.resolve("train.eval_episodes=2").resolve("seed0").resolve("config.yaml"))
                .contains("eval_episodes: 2"));
        MainTest.Run none = MainTest.mbpo("sweep", "-c", a.toString(), "--set", "seed=3");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("give one --set KEY=V1,V2,..."), none.err());
        MainTest.Run two = MainTest.mbpo("sweep", "-c", a.toString(), "--set", "seed=1,2", "--set",
                "train.steps=10,20");
        assertEquals(2, two.code());
        assertTrue(two.err().contains("only one --set may have several values"), two.err());
        assertEquals(List.of("0", "[64,64]", "'a,b'"), SweepCommand.splitTopLevel("0,[64,64],'a,b'"));
    }
}

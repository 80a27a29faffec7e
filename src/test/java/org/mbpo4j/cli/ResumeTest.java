package org.mbpo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run interrupted after a checkpoint and resumed with --resume gives the same evaluations and
 * metrics (wall times aside) as the same run without interruption, on the CPU.
 */
class ResumeTest {

    static MainTest.Run mbpo(String... args) {
        return MainTest.mbpo(args);
    }

    static String[] args(String preset, String steps, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "-c", preset, "--steps", steps, "--out", out.toString(), "-q",
                "--seed", "4", "--set", "train.epoch_length=500", "--set", "train.checkpoint_every=1",
                "--set", "train.log_interval=250", "--set", "train.eval_episodes=2"));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    /** metrics.csv without its wall-time columns (steps_per_s, wall_s, phase_*). */
    static List<String> metricsWithoutTimes(Path run) throws Exception {
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        String[] header = lines.get(0).split(",");
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String[] v = line.split(",", -1);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < header.length; i++) {
                String h = header[i];
                if (!h.equals("steps_per_s") && !h.equals("wall_s") && !h.startsWith("phase_")) {
                    b.append(v[i]).append(',');
                }
            }
            out.add(b.toString());
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"pendulum-sac", "pendulum-mbpo"})
    void aResumedRunEqualsTheUninterruptedOne(String preset, @TempDir Path tmp) throws Exception {
        String[] sac = {"--set", "sac.hidden=[32,32]", "--set", "sac.learning_starts=300", "--set", "sac.batch_size=64"};
        String[] more = preset.equals("pendulum-sac") ? sac : MainTest.TINY_MBPO;
        Path whole = tmp.resolve("whole");
        Path parts = tmp.resolve("parts");
        assertEquals(0, mbpo(args(preset, "1500", whole, more)).code());
        assertEquals(0, mbpo(args(preset, "1000", parts, more)).code());
        MainTest.Run resumed = mbpo("train", "--resume", parts.toString(), "--steps", "1500", "-q");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resuming after step 1000"), resumed.out());
        assertEquals(Files.readString(whole.resolve("eval.csv")), Files.readString(parts.resolve("eval.csv")));
        assertEquals(metricsWithoutTimes(whole), metricsWithoutTimes(parts));
        assertTrue(Files.readString(parts.resolve("config.yaml")).contains("steps: 1500"));
    }

    @Test
    void resumeRefusesWhatItCannotDo(@TempDir Path tmp) throws Exception {
        MainTest.Run none = mbpo("train", "--resume", tmp.toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("not a run directory"), none.err());

        Path run = tmp.resolve("r");
        assertEquals(0, mbpo("train", "--steps", "300", "--out", run.toString(), "-q", "--set", "train.eval_episodes=0").code());
        MainTest.Run complete = mbpo("train", "--resume", run.toString());
        assertEquals(2, complete.code());
        assertTrue(complete.err().contains("the run is complete (checkpoint at step 300"), complete.err());
        MainTest.Run mixed = mbpo("train", "--resume", run.toString(), "--seed", "3");
        assertEquals(2, mixed.code());
        assertTrue(mixed.err().contains("cannot be combined"), mixed.err());
    }
}

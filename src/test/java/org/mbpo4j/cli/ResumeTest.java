package org.mbpo4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mbpo4j.io.CsvLog;
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

    /** metrics.csv without its wall-time columns (steps_per_s, wall_s, phase_*, *_ms and *_ms_*). */
    static List<String> metricsWithoutTimes(Path run) throws Exception {
        return csvWithoutTimes(run.resolve("metrics.csv"));
    }

    /** A CSV file's lines without the wall-time columns (steps_per_s, wall_s, seconds, phase_*, *_ms and *_ms_*). */
    static List<String> csvWithoutTimes(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",");
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String[] v = line.split(",", -1);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < header.length; i++) {
                String h = header[i];
                boolean time = h.equals("steps_per_s") || h.equals("wall_s") || h.equals("seconds")
                        || h.startsWith("phase_") || h.endsWith("_ms") || h.contains("_ms_");
                if (!time) {
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

    /**
     * A run whose metrics.csv was written by an older mbpo4j, before the SAC value columns
     * existed, resumes: the old rows keep every cell, the new columns are empty in them and
     * filled from the resumed step on, with the values of the uninterrupted run.
     */
    @Test
    void aRunLoggedBeforeTheValueColumnsResumes(@TempDir Path tmp) throws Exception {
        String[] sac = {"--set", "sac.hidden=[32,32]", "--set", "sac.learning_starts=300", "--set", "sac.batch_size=64"};
        Path whole = tmp.resolve("whole");
        Path parts = tmp.resolve("parts");
        assertEquals(0, mbpo(args("pendulum-sac", "1500", whole, sac)).code());
        assertEquals(0, mbpo(args("pendulum-sac", "1000", parts, sac)).code());
        List<String> added = List.of("q_mean", "q_target_mean", "q_pi_mean");
        CsvLog written = CsvLog.read(parts.resolve("metrics.csv"));
        List<String> oldHeader = new ArrayList<>(written.header());
        oldHeader.removeAll(added);
        CsvLog old = CsvLog.create(tmp.resolve("old.csv"), oldHeader);
        for (List<String> row : written.rows()) {
            List<String> cells = new ArrayList<>();
            for (String h : oldHeader) {
                cells.add(row.get(written.header().indexOf(h)));
            }
            old.append(cells);
        }
        Files.move(tmp.resolve("old.csv"), parts.resolve("metrics.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        MainTest.Run resumed = mbpo("train", "--resume", parts.toString(), "--steps", "1500", "-q");
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(Files.readString(whole.resolve("eval.csv")), Files.readString(parts.resolve("eval.csv")));
        CsvLog w = CsvLog.read(whole.resolve("metrics.csv"));
        CsvLog p = CsvLog.read(parts.resolve("metrics.csv"));
        assertEquals(w.header(), p.header());
        double[] steps = p.column("env_steps");
        int checked = 0;
        for (String h : added) {
            double[] got = p.column(h);
            double[] want = w.column(h);
            for (int r = 0; r < steps.length; r++) {
                if (steps[r] <= 1000) {
                    assertTrue(Double.isNaN(got[r]), h + " row " + r);
                } else {
                    assertEquals(want[r], got[r], h + " row " + r);
                    checked++;
                }
            }
        }
        assertTrue(checked >= 3 && !Double.isNaN(p.column("q_mean")[steps.length - 1]), "resumed rows: " + checked);
        for (String h : List.of("env_steps", "episodes", "episode_return_mean", "critic_loss", "alpha")) {
            assertArrayEquals(w.column(h), p.column(h), h);
        }
    }

    /**
     * A Box2D env cannot save its physics world: its run checkpoints anyway, and a resumed run
     * starts a new episode at the checkpoint (deterministically), says so in summary.json, and
     * goes on to the end.
     */
    @Test
    void aBox2dRunResumesWithANewEpisode(@TempDir Path tmp) throws Exception {
        Path parts = tmp.resolve("parts");
        String[] common = {"--set", "train.epoch_length=150", "--set", "train.eval_episodes=1",
            "--set", "train.max_episode_steps=100", "--set", "sac.hidden=[16,16]", "--set", "sac.learning_starts=100",
            "--set", "sac.batch_size=32", "-q", "--seed", "2"};
        List<String> a = new ArrayList<>(List.of("train", "-c", "lunarlandercontinuous-sac", "--steps", "150", "--out",
                parts.toString()));
        a.addAll(List.of(common));
        assertEquals(0, mbpo(a.toArray(new String[0])).code());
        MainTest.Run resumed = mbpo("train", "--resume", parts.toString(), "--steps", "300", "-q");
        assertEquals(0, resumed.code(), resumed.err());
        String summary = Files.readString(parts.resolve("summary.json"));
        assertTrue(summary.contains("\"resume_note\" : \"LunarLanderContinuous-v3 cannot save its physics mid-episode"),
                summary);
        assertTrue(summary.contains("\"env_steps\" : 300"), summary);
        assertEquals(3, Files.readAllLines(parts.resolve("eval.csv")).size(), "evaluations at 150 and 300");
    }

    /** Overrides that shrink the CEM-MPC preset to a few seconds: 60-step episodes, a tiny model and planner. */
    static final String[] TINY_MPC = {"--set", "train.max_episode_steps=60", "--set", "mpc.init_steps=60",
        "--set", "mpc.retrain_every=40", "--set", "mpc.population=30", "--set", "mpc.elites=3",
        "--set", "mpc.iterations=2", "--set", "mpc.horizon=8", "--set", "mpc.particles=3",
        "--set", "model.members=3", "--set", "model.elites=2", "--set", "model.hidden=16",
        "--set", "model.hidden_layers=2", "--set", "model.weight_decay=[1e-5]", "--set", "model.batch_size=16",
        "--set", "model.max_epochs=5"};

    /** The same for MPC: its planners' streams and previous plans, the model and the real data are all restored. */
    @Test
    void aResumedMpcRunEqualsTheUninterruptedOne(@TempDir Path tmp) throws Exception {
        Path whole = tmp.resolve("whole");
        Path parts = tmp.resolve("parts");
        for (Object[] run : new Object[][] {{whole, "300"}, {parts, "200"}}) {
            List<String> a = new ArrayList<>(List.of("train", "-c", "cartpolecontinuous-cem", "--steps",
                    (String) run[1], "--out", run[0].toString(), "-q", "--seed", "4", "--set", "train.epoch_length=100",
                    "--set", "train.log_interval=50", "--set", "train.eval_episodes=1"));
            a.addAll(List.of(TINY_MPC));
            MainTest.Run r = mbpo(a.toArray(new String[0]));
            assertEquals(0, r.code(), r.err());
        }
        MainTest.Run resumed = mbpo("train", "--resume", parts.toString(), "--steps", "300", "-q");
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("resuming after step 200"), resumed.out());
        assertEquals(Files.readString(whole.resolve("eval.csv")), Files.readString(parts.resolve("eval.csv")));
        assertEquals(metricsWithoutTimes(whole), metricsWithoutTimes(parts));
        for (String f : List.of("mpc-episodes.csv", "model-train.csv")) {
            assertEquals(csvWithoutTimes(whole.resolve(f)), csvWithoutTimes(parts.resolve(f)), f);
        }
        assertTrue(Files.readAllLines(whole.resolve("mpc-episodes.csv")).size() > 4, "several episodes");
        assertTrue(Files.readAllLines(whole.resolve("model-train.csv")).size() >= 6, "trainings at 60, 100, ..., 260");
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
        // -c is refused whatever its value, the default preset's name included.
        for (String preset : List.of(TrainCommand.DEFAULT_PRESET, "pendulum-sac")) {
            MainTest.Run withConfig = mbpo("train", "--resume", run.toString(), "--steps", "400", "-c", preset);
            assertEquals(2, withConfig.code(), preset);
            assertTrue(withConfig.err().contains("--config cannot be combined"), withConfig.err());
        }
        Files.writeString(tmp.resolve("file"), "x");
        MainTest.Run file = mbpo("train", "--resume", tmp.resolve("file").toString());
        assertEquals(2, file.code());
        assertTrue(file.err().contains("is a file, not a run directory"), file.err());
    }

    /** Every check that can refuse a run happens before its directory is made: nothing is left behind. */
    @Test
    void aRefusedRunLeavesNoDirectory(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        String[] walker = {"train", "-c", "pendulum-mbpo", "--set", "env=BipedalWalker-v3", "--out", out.toString(), "-q"};
        for (int attempt = 0; attempt < 2; attempt++) {
            MainTest.Run refused = mbpo(walker);
            assertEquals(2, refused.code(), refused.err());
            assertTrue(refused.err().contains("BipedalWalker-v3"), refused.err());
            assertTrue(!refused.err().contains("not empty"), "the same command is refused for the same reason: "
                    + refused.err());
            assertTrue(!Files.exists(out), "nothing written");
        }
    }
}

package org.mbpo4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mbpo4j.cli.Main;
import org.mbpo4j.io.CsvLog;
import org.mbpo4j.run.config.ConfigLoader;
import org.mbpo4j.run.config.RunConfig;
import org.mbpo4j.train.TrainListener;

/**
 * The library API trains as the command line does: the same seed and options give the same
 * evaluations, in memory (no files at all) or into a run directory; a listener sees every
 * evaluation and can stop the run.
 */
class TrainingTest {
    static final List<String> SETS = List.of("sac.hidden=[32,32]", "sac.learning_starts=200", "sac.batch_size=32",
            "train.epoch_length=200", "train.eval_episodes=2");

    @Test
    void inMemorySacEqualsTheCommandLinesRun(@TempDir Path tmp) {
        List<String> argv = new ArrayList<>(List.of("train", "-c", "pendulum-sac", "--steps", "600", "--seed", "5",
                "--out", tmp.resolve("cli").toString(), "-q"));
        SETS.forEach(s -> argv.addAll(List.of("--set", s)));
        assertEquals(0, Main.run(argv.toArray(new String[0]), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())));
        double[] cli = CsvLog.read(tmp.resolve("cli/eval.csv")).column("mean_return");

        RunConfig cfg = ConfigLoader.load(Path.of("configs/pendulum-sac.yaml"), SETS);
        List<Double> seen = new ArrayList<>();
        Training.Result r = Training.sac("Pendulum-v1").sacOptions(cfg.sac().toOptions()).steps(600).seed(5)
                .epochLength(200).evalEpisodes(2).listener(collecting(seen)).train();
        assertSameEvaluations(cli, seen);
        assertEquals(600, r.envSteps());
        assertEquals(cli[2], r.finalEvalReturn(), 0.0);
        assertEquals("Pendulum-v1", r.policy().envId());
        assertEquals(1, r.policy().act(new float[] {1, 0, 0}).length);
        assertEquals(null, r.summary().get("run_dir"), "held in memory");
    }

    @Test
    void aListenerStopsTheRunAndARunDirectoryIsWritten(@TempDir Path tmp) throws Exception {
        RunConfig cfg = ConfigLoader.load(Path.of("configs/pendulum-sac.yaml"), SETS);
        List<Map<String, Object>> rows = new ArrayList<>();
        Training.Result r = Training.sac("Pendulum-v1").sacOptions(cfg.sac().toOptions()).steps(1000).epochLength(200)
                .evalEpisodes(1).logInterval(100).runDirectory(tmp.resolve("run"))
                .listener(new TrainListener() {
                    @Override
                    public void onLog(long envStep, Map<String, Object> row) {
                        rows.add(row);
                    }

                    @Override
                    public boolean onEvaluation(long envStep, double meanReturn, double stdReturn) {
                        return envStep < 400;
                    }
                }).train();
        assertEquals(400, r.envSteps(), "stopped at the second evaluation");
        assertEquals(400L, r.summary().get("stopped_by_listener"));
        assertEquals(4, rows.size(), "a metrics row every 100 steps");
        assertTrue(rows.get(3).containsKey("critic_loss"), rows.get(3).keySet().toString());
        assertTrue(Files.isRegularFile(tmp.resolve("run/eval.csv")));
        assertTrue(Files.isRegularFile(tmp.resolve("run/checkpoints").resolve("step-0000000400.json")));
    }

    @Test
    void theListenerHearsEveryModelTraining() {
        RunConfig tiny = ConfigLoader.load(Path.of("configs/pendulum-mbpo.yaml"), List.of("mbpo.init_steps=300",
                "mbpo.updates_per_step=1", "mbpo.rollout_batch_size=1000", "sac.hidden=[16,16]", "sac.batch_size=32",
                "model.members=2", "model.elites=1", "model.hidden=16", "model.hidden_layers=1",
                "model.weight_decay=[1e-5]", "model.batch_size=32", "model.max_epochs=3"));
        List<Long> trainedAt = new ArrayList<>();
        List<Map<String, Object>> reports = new ArrayList<>();
        Training.Result r = Training.mbpo("Pendulum-v1").options(tiny).steps(800).evalEpisodes(1)
                .listener(new TrainListener() {
                    @Override
                    public void onModelTraining(long envStep, Map<String, Object> report) {
                        trainedAt.add(envStep);
                        reports.add(report);
                    }
                }).train();
        assertEquals(800, r.envSteps());
        assertEquals(r.summary().get("env_steps"), 800L);
        assertTrue(trainedAt.size() >= 2 && trainedAt.get(0) >= 300, trainedAt.toString());
        assertTrue(reports.get(0).containsKey("epochs") && reports.get(0).containsKey("elite_mse"),
                reports.get(0).keySet().toString());
    }

    /** MPC from Java equals `mbpo train` with the same config: the same evaluations, no actor network. */
    @Test
    void mpcEqualsTheCommandLinesRun(@TempDir Path tmp) {
        List<String> sets = List.of("mpc.population=20", "mpc.elites=4", "mpc.iterations=2", "mpc.horizon=5",
                "mpc.particles=2", "mpc.init_steps=100", "mpc.retrain_every=100", "model.members=2",
                "model.elites=2", "model.hidden=16", "model.hidden_layers=1", "model.weight_decay=[1e-5]",
                "model.batch_size=32", "model.max_epochs=3", "train.epoch_length=100", "train.eval_episodes=1");
        List<String> argv = new ArrayList<>(List.of("train", "-c", "pendulum-cem", "--steps", "300", "--seed", "2",
                "--out", tmp.resolve("cli").toString(), "-q"));
        sets.forEach(s -> argv.addAll(List.of("--set", s)));
        StringWriter err = new StringWriter();
        assertEquals(0, Main.run(argv.toArray(new String[0]), new PrintWriter(new StringWriter()),
                new PrintWriter(err)), err.toString());
        double[] cli = CsvLog.read(tmp.resolve("cli/eval.csv")).column("mean_return");

        RunConfig cfg = ConfigLoader.load(Path.of("configs/pendulum-cem.yaml"), sets);
        List<Double> seen = new ArrayList<>();
        Training.Result r = Training.mpc("Pendulum-v1").options(cfg).steps(300).seed(2).listener(collecting(seen))
                .train();
        assertSameEvaluations(cli, seen);
        assertEquals(null, r.policy(), "MPC has no actor network");
        assertEquals("mpc", r.agent().name());
    }

    /** A listener that keeps every evaluation's mean return. */
    static TrainListener collecting(List<Double> seen) {
        return new TrainListener() {
            @Override
            public boolean onEvaluation(long envStep, double meanReturn, double stdReturn) {
                seen.add(meanReturn);
                return true;
            }
        };
    }

    static void assertSameEvaluations(double[] cli, List<Double> seen) {
        assertEquals(3, cli.length);
        assertEquals(3, seen.size());
        for (int i = 0; i < cli.length; i++) {
            assertEquals(cli[i], seen.get(i), 0.0, "evaluation " + i);
        }
    }
}

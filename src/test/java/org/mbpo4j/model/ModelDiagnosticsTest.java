package org.mbpo4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.random.Rng;

class ModelDiagnosticsTest {
    @TempDir
    Path dir;

    /** One trajectory of the linear system, noise-free, with actions 0.1 t. */
    static Trajectory line(int steps) {
        float[] obs = new float[2 * (steps + 1)];
        float[] act = new float[steps];
        obs[0] = 1;
        obs[1] = -1;
        for (int t = 0; t < steps; t++) {
            act[t] = 0.1f * t;
            obs[2 * t + 2] = (float) (LinearSystem.A[0][0] * obs[2 * t] + LinearSystem.A[0][1] * obs[2 * t + 1]
                    + LinearSystem.B[0] * act[t]);
            obs[2 * t + 3] = (float) (LinearSystem.A[1][0] * obs[2 * t] + LinearSystem.A[1][1] * obs[2 * t + 1]
                    + LinearSystem.B[1] * act[t]);
        }
        return new Trajectory(obs, act, steps, 2, 1);
    }

    @Test
    void horizonErrorCountsStartsAndMatchesAOneStepPrediction() {
        TransitionModel m = LinearSystem.model(3, 2, 1);
        List<Trajectory> tr = List.of(line(12), line(5));
        HorizonError h = HorizonError.measure(m, tr, 6, 4, Kernels.cpu());
        assertEquals(12 + 5, h.count()[0]);
        assertEquals(7, h.count()[5], "starts that reach horizon 6: 7 in the first, none in the second");
        // horizon 1 equals a direct elite-mean prediction from each start
        double se = 0;
        for (Trajectory t : tr) {
            float[] next = new float[2 * t.steps()];
            float[] rew = new float[t.steps()];
            m.sample(t.obs(), t.act(), t.steps(), null, true, null, 64, Kernels.cpu(), next, rew);
            for (int i = 0; i < 2 * t.steps(); i++) {
                double d = next[i] - t.obs()[i + 2];
                se += d * d;
            }
        }
        assertEquals(se / (2 * 17), h.mse()[0], 1e-9);
    }

    @Test
    void writesTheTrainingLogTheHorizonCsvAndThePlot() throws Exception {
        ModelDiagnostics d = new ModelDiagnostics(dir, 3);
        TransitionModel m = LinearSystem.model(3, 2, 2);
        ModelTrainer t = new ModelTrainer(m, ModelTrainer.Options.mbpo().withMaxEpochs(2), Kernels.cpu(), new Rng(3));
        for (int i = 1; i <= 7; i++) {
            TrainReport r = t.train(LinearSystem.sample(400, 0.05, new Rng(i)));
            int index = d.recordTraining(400L * i, r);
            assertEquals(i, index);
            d.recordHorizon(index, 400L * i, HorizonError.measure(m, List.of(line(10)), 4, 64, Kernels.cpu()));
        }
        List<String> train = Files.readAllLines(dir.resolve(ModelDiagnostics.TRAIN_CSV));
        assertEquals(8, train.size());
        assertTrue(train.get(0).startsWith("training,env_steps,samples,rejected,train_rows,holdout_rows,epochs,"),
                train.get(0));
        assertTrue(train.get(0).contains("holdout_mse_2"));
        List<String> horizon = Files.readAllLines(dir.resolve(ModelDiagnostics.HORIZON_CSV));
        assertEquals(1 + 7 * 4, horizon.size());
        assertTrue(horizon.get(1).startsWith("1,400,1,"), horizon.get(1));
        assertTrue(Files.size(dir.resolve(ModelDiagnostics.HORIZON_PNG)) > 1000);
        // a resumed run reopens and appends
        ModelDiagnostics again = new ModelDiagnostics(dir, 3);
        assertEquals(7, again.trainings());
    }
}

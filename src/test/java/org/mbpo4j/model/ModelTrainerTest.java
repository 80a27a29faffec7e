package org.mbpo4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.random.Rng;

class ModelTrainerTest {
    static final double SIGMA = 0.05;

    /**
     * x' = A x + B u + N(0, 0.05^2) from 2,000 samples: the fit reaches the noise floor, and the
     * variance the noise's. Patience 30 and no minimum gain: MBPO's own rule (5 epochs, 1%)
     * stops once the mean's error plateaus, about 35 epochs here, when the variance is still
     * about 1.4 to 2 times too large (measured while writing this test).
     */
    @Test
    void fitsALinearSystemToTheNoiseFloorAndLearnsTheNoiseVariance() {
        TransitionModel m = LinearSystem.model(5, 3, 1, false);
        Transitions data = LinearSystem.sample(2000, SIGMA, new Rng(2));
        ModelTrainer t = new ModelTrainer(m, new ModelTrainer.Options(256, 0.2, 5000, 30, 0.0, 400, null),
                Kernels.cpu(), new Rng(3));
        TrainReport r = t.train(data);
        assertEquals(1600, r.trainRows());
        assertEquals(400, r.holdoutRows());
        Transitions test = LinearSystem.sample(4000, SIGMA, new Rng(4));
        float[] pred = new float[2 * test.n()];
        m.sample(test.obs(), test.act(), test.n(), null, true, null, 1024, Kernels.cpu(), pred, null);
        double se = 0;
        for (int i = 0; i < 2 * test.n(); i++) {
            double d = pred[i] - test.nextObs()[i];
            se += d * d;
        }
        double mse = se / (2 * test.n());
        double noise = SIGMA * SIGMA;
        assertTrue(mse < 1.15 * noise, "state MSE " + mse + " vs noise variance " + noise + "; " + r);
        // the learned variance of the state dims, averaged over test inputs, for the best elite
        double var = meanPredictedVariance(m, test, m.elites()[0], 2);
        assertTrue(var > 0.8 * noise && var < 1.4 * noise, "predicted variance " + var + " vs " + noise + "; " + r);
        assertEquals(0.683, r.within1Sigma(), 0.05, "calibrated within 1 sigma");
        assertEquals(0.954, r.within2Sigma(), 0.03, "calibrated within 2 sigma");
    }

    /** The geometric mean of the predicted variance of the first {@code dims} outputs over the rows of {@code d}. */
    static double meanPredictedVariance(TransitionModel m, Transitions d, int member, int dims) {
        var ws = m.ensemble().workspace(d.n(), true);
        float[] in = new float[d.n() * m.inDim()];
        for (int i = 0; i < d.n(); i++) {
            m.input(d.obs(), d.act(), i, in, i * m.inDim());
        }
        Kernels.cpu().write(in, 0, ws.input());
        float[] out = m.ensemble().forward(ws, Kernels.cpu());
        int w = 2 * m.outDim();
        double s = 0;
        for (int i = 0; i < d.n(); i++) {
            for (int j = 0; j < dims; j++) {
                s += m.ensemble().head().logVar(out[(member * d.n() + i) * w + m.outDim() + j], j);
            }
        }
        return Math.exp(s / (d.n() * dims));
    }

    @Test
    void elitesAreExactlyTheMembersWithTheLowestHoldoutError() {
        TransitionModel m = LinearSystem.model(6, 3, 5);
        TrainReport r = new ModelTrainer(m, ModelTrainer.Options.mbpo().withMaxEpochs(3), Kernels.cpu(), new Rng(6))
                .train(LinearSystem.sample(800, SIGMA, new Rng(7)));
        Integer[] order = {0, 1, 2, 3, 4, 5};
        Arrays.sort(order, (a, b) -> Double.compare(r.holdoutMse()[a], r.holdoutMse()[b]));
        assertArrayEquals(new int[] {order[0], order[1], order[2]}, r.elites());
        assertArrayEquals(r.elites(), m.elites(), "the model samples from the elites chosen");
        assertEquals((r.holdoutMse()[order[0]] + r.holdoutMse()[order[1]] + r.holdoutMse()[order[2]]) / 3,
                r.eliteMse(), 1e-12);
    }

    /** Each member's minibatches over an epoch are a reshuffle of one bootstrap draw, never a new draw. */
    @Test
    void bootstrapIndicesAreDrawnOncePerCall() {
        TransitionModel m = LinearSystem.model(3, 2, 8);
        ModelTrainer t = new ModelTrainer(m, new ModelTrainer.Options(100, 0.2, 5000, 5, 0.01, 3, null),
                Kernels.cpu(), new Rng(9));
        List<List<int[]>> batches = new ArrayList<>();
        t.minibatchObserver = b -> batches.add(Arrays.asList(b));
        t.train(LinearSystem.sample(1000, SIGMA, new Rng(10)));
        int perEpoch = 8; // 800 training rows in batches of 100
        assertEquals(3 * perEpoch, batches.size());
        for (int e = 0; e < 3; e++) {
            int[] drawn = t.lastBootstrap[e].clone();
            Arrays.sort(drawn);
            for (int epoch = 0; epoch < 3; epoch++) {
                int[] seen = new int[800];
                for (int b = 0; b < perEpoch; b++) {
                    System.arraycopy(batches.get(epoch * perEpoch + b).get(e), 0, seen, b * 100, 100);
                }
                Arrays.sort(seen);
                assertArrayEquals(drawn, seen, "member " + e + ", epoch " + epoch);
            }
            // with replacement: some rows repeat, some are missing
            assertTrue(Arrays.stream(drawn).distinct().count() < 700, "a bootstrap resample has duplicates");
        }
        assertNotEquals(Arrays.toString(t.lastBootstrap[0]), Arrays.toString(t.lastBootstrap[1]),
                "members draw their own resamples");
        int[] before = t.lastBootstrap[0].clone();
        t.train(LinearSystem.sample(1000, SIGMA, new Rng(10)));
        assertNotEquals(Arrays.toString(before), Arrays.toString(t.lastBootstrap[0]), "a new call draws anew");
    }

    @Test
    void stopsOnAPlateauAndRestoresEachMembersBestWeights() {
        TransitionModel m = LinearSystem.model(2, 1, 11);
        ModelTrainer t = new ModelTrainer(m, new ModelTrainer.Options(128, 0.25, 5000, 2, 0.01, 500, null),
                Kernels.cpu(), new Rng(12));
        TrainReport r = t.train(LinearSystem.sample(600, SIGMA, new Rng(13)));
        assertEquals("plateau", r.stopReason());
        assertTrue(r.epochs() < 500, "epochs " + r.epochs());
        // the kept weights are the snapshots: their holdout error is each member's best, so a
        // fresh evaluation equals the report's
        TrainReport again = new ModelTrainer(m, new ModelTrainer.Options(128, 0.25, 5000, 2, 0.01, 1, null),
                Kernels.cpu(), new Rng(12)).train(LinearSystem.sample(600, SIGMA, new Rng(13)));
        assertEquals("max_epochs", again.stopReason());
        assertEquals(1, again.epochs());
    }

    @Test
    void aWallClockCapStopsTraining() {
        long[] now = {0};
        TransitionModel m = LinearSystem.model(2, 1, 14);
        ModelTrainer t = new ModelTrainer(m, new ModelTrainer.Options(128, 0.2, 5000, 1000, 0.0, null, 2.5),
                Kernels.cpu(), new Rng(15), () -> now[0] += 1_000_000_000L);
        TrainReport r = t.train(LinearSystem.sample(400, SIGMA, new Rng(16)));
        assertEquals("max_seconds", r.stopReason());
        assertEquals(3, r.epochs(), "the fake clock passes 1 s per reading: 3 s after the third epoch");
    }

    @Test
    void nonFiniteRowsAreRejectedAndCounted() {
        Transitions d = LinearSystem.sample(700, SIGMA, new Rng(17));
        d.obs()[0] = Float.NaN;
        d.nextObs()[7] = Float.POSITIVE_INFINITY;
        d.reward()[10] = Float.NaN;
        d.act()[20] = Float.NEGATIVE_INFINITY;
        TrainReport r = new ModelTrainer(LinearSystem.model(2, 1, 18), ModelTrainer.Options.mbpo().withMaxEpochs(2),
                Kernels.cpu(), new Rng(19)).train(d);
        assertEquals(4, r.rejected());
        assertEquals(696, r.trainRows() + r.holdoutRows());
        assertTrue(Double.isFinite(r.trainNll()));
    }

    @Test
    void tooLittleDataAndWrongDimsAreClearErrors() {
        ModelTrainer t = new ModelTrainer(LinearSystem.model(2, 1, 20), ModelTrainer.Options.mbpo(), Kernels.cpu(),
                new Rng(21));
        String msg = assertThrows(IllegalArgumentException.class,
                () -> t.train(LinearSystem.sample(300, SIGMA, new Rng(22)))).getMessage();
        assertTrue(msg.contains("at least 256 training rows") && msg.contains("got 300 transitions")
                && msg.contains("240 for training"), msg);
        Transitions wide = new Transitions(new float[30], new float[10], new float[10], new float[30], 10, 3, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> t.train(wide)).getMessage()
                .contains("obs 3 and action 1 dims; the model expects 2 and 1"));
    }

    /** A NaN appearing mid-training stops it with the epoch and member named, and leaves finite weights. */
    @Test
    void aNanLossStopsTrainingNamingEpochAndMemberAndRestoresWeights() {
        TransitionModel m = LinearSystem.model(4, 2, 23);
        ModelTrainer t = new ModelTrainer(m, new ModelTrainer.Options(100, 0.2, 5000, 5, 0.01, 10, null),
                Kernels.cpu(), new Rng(24));
        int[] calls = {0};
        t.minibatchObserver = b -> {
            if (++calls[0] == 8 + 3) { // epoch 2, minibatch 3
                int member2 = m.ensemble().net().memberParamCount() * 0; // weights of layer 0 start at 0
                // member 2's first weight of layer 0 sits at offset 2 * in * out
                m.ensemble().net().weights(0).set(2 * 3 * 64 + member2, Float.NaN);
            }
        };
        ModelTrainingException e = assertThrows(ModelTrainingException.class,
                () -> t.train(LinearSystem.sample(1000, SIGMA, new Rng(25))));
        assertTrue(e.getMessage().contains("member 2") && e.getMessage().contains("epoch 2")
                && e.getMessage().contains("minibatch 3 of 8"), e.getMessage());
        for (float p : m.ensemble().net().params().toArray()) {
            assertTrue(Float.isFinite(p), "weights restored to the last good snapshot");
        }
    }
}

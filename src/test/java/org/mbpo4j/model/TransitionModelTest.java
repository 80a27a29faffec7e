package org.mbpo4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.nn.Workspace;
import org.mbpo4j.random.Rng;

class TransitionModelTest {

    @Test
    void targetsAreDeltasExceptAbsoluteDimsThenTheReward() {
        GaussianEnsemble.Spec spec = new GaussianEnsemble.Spec(2, 5, 4, 8, 1, new double[] {0, 0}, false, 1e-3);
        TransitionModel m = new TransitionModel(new GaussianEnsemble(spec, new Rng(0)), 3, 2, true, new int[] {1}, 1);
        float[] obs = {1, 2, 3};
        float[] next = {1.5f, 7, 2};
        float[] y = new float[4];
        m.target(obs, new float[] {-4}, next, 0, y, 0);
        assertArrayEquals(new float[] {0.5f, 7, -1, -4}, y);
        assertArrayEquals(new int[] {1}, m.absoluteDims());
    }

    @Test
    void inputsAreStandardisedWithDoubleStatisticsAndAFloor() {
        Normalizer n = new Normalizer(2);
        float[] data = {1, 5, 3, 5, 5, 5};
        n.fit(data, null, 3);
        assertArrayEquals(new double[] {3, 5}, n.mean(), 0);
        assertEquals(Math.sqrt(8.0 / 3), n.std()[0], 1e-12);
        assertEquals(1.0, n.std()[1], 0, "a constant column is centred, not blown up");
        float[] out = new float[2];
        n.apply(data, 4, out, 0);
        assertEquals(2 / Math.sqrt(8.0 / 3), out[0], 1e-6);
        assertEquals(0, out[1], 0);
    }

    @Test
    void badShapesAreRefusedWithTheNumbers() {
        GaussianEnsemble ens = new GaussianEnsemble(
                new GaussianEnsemble.Spec(3, 4, 3, 8, 1, new double[] {0, 0}, false, 1e-3), new Rng(0));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new TransitionModel(ens, 3, 2, true, new int[0], 2)).getMessage().contains("takes 4 inputs"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new TransitionModel(ens, 3, 1, true, new int[0], 2)).getMessage().contains("predicts 3"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new TransitionModel(ens, 2, 2, true, new int[] {2}, 2)).getMessage().contains("absolute dim 2"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new TransitionModel(ens, 2, 2, true, new int[0], 4)).getMessage().contains("elites"));
        TransitionModel ok = new TransitionModel(ens, 2, 2, true, new int[0], 2);
        assertThrows(IllegalArgumentException.class, () -> ok.setElites(new int[] {1, 1}));
    }

    /** Per-row members and the elite mean, checked against a whole-ensemble forward pass, on both kernel paths. */
    @Test
    void samplingUsesExactlyTheChosenMemberOrTheElitesMean() {
        for (Kernels k : new Kernels[] {Kernels.cpu(), Kernels.nd4j()}) {
            TransitionModel m = LinearSystem.model(4, 2, 3);
            m.normalizer().set(new double[] {0.1, -0.2, 0.3}, new double[] {1.5, 0.5, 2});
            m.setElites(new int[] {3, 1});
            int n = 150; // several ladder pieces with chunk 64: 64 + 32 + ... per member
            Rng rng = new Rng(4);
            float[] obs = new float[2 * n];
            float[] act = new float[n];
            int[] members = new int[n];
            for (int i = 0; i < n; i++) {
                obs[2 * i] = (float) rng.nextGaussian();
                obs[2 * i + 1] = (float) rng.nextGaussian();
                act[i] = (float) rng.uniform(-1, 1);
                members[i] = rng.nextInt(4);
            }
            // reference: every member on every row
            Workspace ws = m.ensemble().workspace(n, true);
            float[] in = new float[n * 3];
            for (int i = 0; i < n; i++) {
                m.input(obs, act, i, in, 3 * i);
            }
            k.write(in, 0, ws.input());
            float[] out = m.ensemble().forward(ws, k).clone();
            float[] next = new float[2 * n];
            float[] rew = new float[n];
            m.sample(obs, act, n, members, true, null, 64, k, next, rew);
            for (int i = 0; i < n; i++) {
                int o = (members[i] * n + i) * 6;
                assertEquals(obs[2 * i] + out[o], next[2 * i], 1e-5, k.name() + " row " + i);
                assertEquals(obs[2 * i + 1] + out[o + 1], next[2 * i + 1], 1e-5);
                assertEquals(out[o + 2], rew[i], 1e-5);
            }
            m.sample(obs, act, n, null, true, null, 64, k, next, rew);
            for (int i = 0; i < n; i++) {
                double mean = (out[(3 * n + i) * 6 + 2] + out[(n + i) * 6 + 2]) / 2.0;
                assertEquals(mean, rew[i], 1e-5, k.name() + " elite mean, row " + i);
            }
        }
    }

    @Test
    void stochasticSamplesHaveThePredictedSpread() {
        TransitionModel m = LinearSystem.model(1, 1, 5);
        int n = 20_000;
        float[] obs = new float[2 * n];
        float[] act = new float[n];
        float[] next = new float[2 * n];
        float[] rew = new float[n];
        int[] members = new int[n];
        m.sample(obs, act, n, members, false, new Rng(6), 1024, Kernels.cpu(), next, rew);
        float[] mean = new float[2 * n];
        float[] meanRew = new float[n];
        m.sample(obs, act, n, members, true, null, 1024, Kernels.cpu(), mean, meanRew);
        // all rows share one input, so one predicted Gaussian: check its variance
        Workspace ws = m.ensemble().workspace(1, true);
        float[] in = new float[3];
        m.input(obs, act, 0, in, 0);
        Kernels.cpu().write(in, 0, ws.input());
        float[] raw = m.ensemble().forward(ws, Kernels.cpu());
        double var = Math.exp(m.ensemble().head().logVar(raw[3 + 2], 2));
        double s = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            double d = rew[i] - meanRew[i];
            s += d;
            s2 += d * d;
        }
        assertEquals(0, s / n, 4 * Math.sqrt(var / n));
        assertEquals(var, s2 / n, 0.05 * var);
    }

    /**
     * The noise of a row depends on the row alone, not on how rows were cut into pieces, which
     * lane ran them, or which kernels computed the means: the CPU kernels (pieces shared over
     * the cores), the single-lane ND4J kernels and another chunk size give the same samples.
     */
    @Test
    void stochasticSamplesDoNotDependOnPiecesLanesOrKernels() {
        TransitionModel m = LinearSystem.model(4, 2, 3);
        m.setElites(new int[] {0, 3});
        int n = 1000;
        Rng rng = new Rng(21);
        float[] obs = new float[2 * n];
        float[] act = new float[n];
        int[] members = new int[n];
        for (int i = 0; i < n; i++) {
            obs[2 * i] = (float) rng.nextGaussian();
            obs[2 * i + 1] = (float) rng.nextGaussian();
            act[i] = (float) rng.uniform(-1, 1);
            members[i] = m.elites()[rng.nextInt(2)];
        }
        for (int[] mem : new int[][] {members, null}) {
            float[] ref = new float[2 * n];
            float[] refRew = new float[n];
            m.sample(obs, act, n, mem, false, new Rng(22), 1024, Kernels.cpu(), ref, refRew);
            Object[][] variants = {{Kernels.cpu(), 64}, {Kernels.nd4j(), 1024}, {Kernels.nd4j(), 96}};
            for (Object[] v : variants) {
                Kernels k = (Kernels) v[0];
                int chunk = (Integer) v[1];
                float[] next = new float[2 * n];
                float[] rew = new float[n];
                m.sample(obs, act, n, mem, false, new Rng(22), chunk, k, next, rew);
                String what = k.name() + " (" + k.lanes() + " lanes), chunk " + chunk
                        + (mem == null ? ", elite mean" : ", per member");
                for (int i = 0; i < 2 * n; i++) {
                    assertEquals(ref[i], next[i], 1e-4, what + ", value " + i);
                }
                for (int i = 0; i < n; i++) {
                    assertEquals(refRew[i], rew[i], 1e-4, what + ", reward " + i);
                }
            }
            float[] other = new float[2 * n];
            m.sample(obs, act, n, mem, false, new Rng(23), 1024, Kernels.cpu(), other, new float[n]);
            int same = 0;
            for (int i = 0; i < 2 * n; i++) {
                same += other[i] == ref[i] ? 1 : 0;
            }
            assertEquals(0, same, "another random stream gives other noise");
        }
    }

    @Test
    void rowsThatRepeatOthersGetTheSameSamplesWithOneNetworkPass() {
        TransitionModel m = LinearSystem.model(4, 2, 3);
        m.setElites(new int[] {0, 3});
        int groups = 300;
        int copies = 4;
        int n = groups * copies;
        Rng rng = new Rng(31);
        float[] obs = new float[2 * n];
        float[] act = new float[n];
        int[] members = new int[n];
        int[] source = new int[n];
        for (int g = 0; g < groups; g++) {
            float o0 = (float) rng.nextGaussian();
            float o1 = (float) rng.nextGaussian();
            float a = (float) rng.uniform(-1, 1);
            int e = m.elites()[rng.nextInt(2)];
            for (int c = 0; c < copies; c++) {
                int r = c * groups + g; // a group's rows are spread out, its first is its source
                obs[2 * r] = o0;
                obs[2 * r + 1] = o1;
                act[r] = a;
                members[r] = e;
                source[r] = g;
            }
        }
        for (boolean deterministic : new boolean[] {false, true}) {
            float[] ref = new float[2 * n];
            float[] refRew = new float[n];
            m.sample(obs, act, n, members, deterministic, new Rng(32), 64, Kernels.cpu(), ref, refRew);
            float[] next = new float[2 * n];
            float[] rew = new float[n];
            m.sample(obs, act, n, members, source, deterministic, new Rng(32), 64, Kernels.cpu(), next, rew);
            for (int i = 0; i < 2 * n; i++) {
                assertEquals(ref[i], next[i], 1e-5, "value " + i + (deterministic ? ", deterministic" : ""));
            }
            for (int i = 0; i < n; i++) {
                assertEquals(refRew[i], rew[i], 1e-5, "reward " + i);
            }
            if (!deterministic) {
                assertTrue(next[2 * groups] != next[0], "repeats get their own noise");
            }
        }
    }

    @Test
    void badRepeatsAreRefused() {
        TransitionModel m = LinearSystem.model(4, 2, 3);
        float[] obs = new float[6];
        float[] act = new float[3];
        float[] next = new float[6];
        float[] rew = new float[3];
        int[] members = {0, 0, 1};
        for (int[] source : new int[][] {{0, 0, 0}, {0, 2, 2}, {0, 3, 2}, {1, 0, 2}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.sample(obs, act, 3,
                    members, source, false, new Rng(1), 64, Kernels.cpu(), next, rew));
            assertTrue(e.getMessage().contains("repeats row"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> m.sample(obs, act, 3, null, new int[] {0, 1, 2}, false,
                new Rng(1), 64, Kernels.cpu(), next, rew));
    }

    /** Refitting the normalisers to new data rescales the network so that it computes the same predictions. */
    @Test
    void refittingTheNormalisersKeepsEveryMembersPredictions() {
        GaussianEnsemble.Spec spec = new GaussianEnsemble.Spec(3, 3, 3, 16, 2, new double[] {1e-5, 1e-5, 1e-5}, true,
                1e-3);
        TransitionModel m = new TransitionModel(new GaussianEnsemble(spec, new Rng(11)), 2, 1, true, new int[0], 2,
                true);
        new ModelTrainer(m, new ModelTrainer.Options(64, 0.2, 5000, 5, 0.01, 3, null), Kernels.cpu(), new Rng(12))
                .train(LinearSystem.sample(400, 0.05, new Rng(13)));
        Transitions probe = LinearSystem.sample(100, 0.05, new Rng(14));
        int[] members = new int[100];
        for (int i = 0; i < 100; i++) {
            members[i] = i % 3;
        }
        float[] before = new float[200];
        float[] beforeRew = new float[100];
        m.sample(probe.obs(), probe.act(), 100, members, false, new Rng(15), 64, Kernels.cpu(), before, beforeRew);
        // new data with other means and scales: inputs x3 + 1, rewards shifted
        Transitions other = LinearSystem.sample(300, 0.05, new Rng(16));
        float[] raw = new float[300 * 3];
        float[] y = new float[300 * 3];
        for (int i = 0; i < 300; i++) {
            raw[3 * i] = 3 * other.obs()[2 * i] + 1;
            raw[3 * i + 1] = 3 * other.obs()[2 * i + 1] - 2;
            raw[3 * i + 2] = other.act()[i] * 0.5f;
            y[3 * i] = 2 * other.nextObs()[2 * i];
            y[3 * i + 1] = other.nextObs()[2 * i + 1] + 5;
            y[3 * i + 2] = other.reward()[i] * 4 - 3;
        }
        double[] oldMean = m.targetNormalizer().mean();
        m.refitNormalizers(raw, y, 300);
        assertTrue(m.targetNormalizer().mean()[2] != oldMean[2], "the statistics did change");
        float[] after = new float[200];
        float[] afterRew = new float[100];
        m.sample(probe.obs(), probe.act(), 100, members, false, new Rng(15), 64, Kernels.cpu(), after, afterRew);
        assertArrayEquals(before, after, 2e-4f);
        assertArrayEquals(beforeRew, afterRew, 2e-4f * 20);
    }
}

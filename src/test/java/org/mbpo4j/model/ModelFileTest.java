package org.mbpo4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mbpo4j.nn.Activation;
import org.mbpo4j.nn.EnsembleMlp;
import org.mbpo4j.nn.Init;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.nn.NetworkFile;
import org.mbpo4j.random.Rng;

class ModelFileTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsWeightsOptimiserNormalisersBoundsAndElitesExactly() throws Exception {
        GaussianEnsemble.Spec spec = new GaussianEnsemble.Spec(4, 3, 3, 16, 2, new double[] {1e-5, 2e-5, 3e-5}, true,
                2e-3);
        TransitionModel m = new TransitionModel(new GaussianEnsemble(spec, new Rng(1)), 2, 1, true, new int[] {1}, 2,
                true);
        new ModelTrainer(m, new ModelTrainer.Options(64, 0.2, 5000, 5, 0.01, 3, null), Kernels.cpu(), new Rng(2))
                .train(LinearSystem.sample(500, 0.05, new Rng(3)));
        Path f = dir.resolve("model.bin");
        ModelFile.save(f, m);
        TransitionModel back = ModelFile.load(f);

        GaussianEnsemble a = m.ensemble();
        GaussianEnsemble b = back.ensemble();
        assertEquals(a.spec().hidden(), b.spec().hidden());
        assertArrayEquals(a.spec().weightDecay(), b.spec().weightDecay());
        assertEquals(a.spec().lr(), b.spec().lr());
        assertArrayEquals(a.net().params().toArray(), b.net().params().toArray());
        assertArrayEquals(a.adam().firstMoments().toArray(), b.adam().firstMoments().toArray());
        assertArrayEquals(a.adam().secondMoments().toArray(), b.adam().secondMoments().toArray());
        assertEquals(a.adam().steps(), b.adam().steps());
        assertArrayEquals(a.head().maxLogVar(), b.head().maxLogVar());
        assertArrayEquals(a.head().minLogVar(), b.head().minLogVar());
        assertArrayEquals(a.maxAdam().state(), b.maxAdam().state());
        assertArrayEquals(a.minAdam().state(), b.minAdam().state());
        assertArrayEquals(m.normalizer().mean(), back.normalizer().mean());
        assertArrayEquals(m.normalizer().std(), back.normalizer().std());
        assertTrue(back.normalizer().fitted());
        assertArrayEquals(m.targetNormalizer().mean(), back.targetNormalizer().mean());
        assertArrayEquals(m.targetNormalizer().std(), back.targetNormalizer().std());
        assertArrayEquals(m.elites(), back.elites());
        assertArrayEquals(new int[] {1}, back.absoluteDims());
        assertTrue(back.normalizesTargets() && back.learnedRewards());

        // identical predictions, stochastic ones included (same seed)
        Transitions d = LinearSystem.sample(50, 0.05, new Rng(4));
        float[][] next = new float[2][100];
        float[][] rew = new float[2][50];
        TransitionModel[] both = {m, back};
        for (int i = 0; i < 2; i++) {
            both[i].sample(d.obs(), d.act(), 50, new int[50], false, new Rng(5), 16, Kernels.cpu(), next[i], rew[i]);
        }
        assertArrayEquals(next[0], next[1]);
        assertArrayEquals(rew[0], rew[1]);
    }

    @Test
    void otherFilesAreRefusedNamingTheFile() throws Exception {
        Path plain = dir.resolve("plain.net");
        EnsembleMlp net = new EnsembleMlp(1, new int[] {3, 4}, Activation.RELU, Activation.IDENTITY,
                Init.UNIFORM_FAN_IN, new Rng(6));
        NetworkFile.save(plain, net, null, Map.of());
        String msg = assertThrows(IllegalArgumentException.class, () -> ModelFile.load(plain)).getMessage();
        assertTrue(msg.startsWith(plain.toString()) && msg.contains("not a dynamics model file"), msg);

        Path model = dir.resolve("m.bin");
        ModelFile.save(model, LinearSystem.model(2, 1, 7));
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 1;
        Files.write(model, bytes);
        msg = assertThrows(IllegalArgumentException.class, () -> ModelFile.load(model)).getMessage();
        assertTrue(msg.startsWith(model.toString()), msg);
    }
}

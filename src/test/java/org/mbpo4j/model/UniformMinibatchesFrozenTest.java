package org.mbpo4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.random.Rng;

/**
 * With {@code prioritized} off (the default) model training is bit for bit that of the code
 * before prioritized minibatches existed: the expectation below was recorded by running this
 * test on that code (commit f0f6794), and every value is compared to 1e-5 relative.
 *
 * <p>Why not exactly: the values were recorded with OpenBLAS's AVX2 ("Haswell") kernels, and
 * other kernels (SkylakeX's, on AVX-512 CPUs: {@code org.mbpo4j.run.OpenBlasCore}) sum the
 * products in another order, which moves them by about 1e-7 relative. A change to the sampling,
 * the losses or the update order moves them by far more.
 */
class UniformMinibatchesFrozenTest {
    /** Train NLL, per-member holdout MSE, elite MSE, then the elites' mean prediction (next states, rewards) for two inputs. */
    static final double[] BEFORE_PER = {
        0x1.0e75eecf8dd1ep2, 0x1.7951f1f580422p1, 0x1.7ae504cd91b51p1, 0x1.7c80d68d99a92p1,
        0x1.7a1b7b6188fbap1, -0x1.707f16p-1, -0x1.d5291ep-1, 0x1.c02b34p-3,
        -0x1.98718ep0, -0x1.380728p-4, -0x1.ccb078p-4,
    };

    /** Relative tolerance: BLAS kernels' summation order, not the algorithm. */
    static final double REL_TOL = 1e-5;

    static double[] fingerprint() {
        TransitionModel m = LinearSystem.model(3, 2, 8);
        ModelTrainer t = new ModelTrainer(m, new ModelTrainer.Options(100, 0.2, 5000, 5, 0.01, 3, null),
                Kernels.cpu(), new Rng(9));
        TrainReport r = t.train(LinearSystem.sample(650, 0.05, new Rng(10)));
        List<Double> out = new ArrayList<>();
        out.add(r.trainNll());
        for (double v : r.holdoutMse()) {
            out.add(v);
        }
        out.add(r.eliteMse());
        Transitions probe = LinearSystem.sample(2, 0.05, new Rng(11));
        float[] pred = new float[2 * 2];
        float[] rew = new float[2];
        m.sample(probe.obs(), probe.act(), 2, null, true, null, 16, Kernels.cpu(), pred, rew);
        for (float v : pred) {
            out.add((double) v);
        }
        for (float v : rew) {
            out.add((double) v);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void uniformTrainingIsUnchanged() {
        double[] got = fingerprint();
        StringBuilder hex = new StringBuilder();
        for (double v : got) {
            hex.append(Double.toHexString(v)).append(", ");
        }
        assertEquals(BEFORE_PER.length, got.length, "recorded values: " + hex);
        for (int i = 0; i < got.length; i++) {
            double tol = REL_TOL * Math.max(Math.abs(BEFORE_PER[i]), 1e-3);
            assertEquals(BEFORE_PER[i], got[i], tol, "value " + i + "; recorded values: " + hex);
        }
    }
}

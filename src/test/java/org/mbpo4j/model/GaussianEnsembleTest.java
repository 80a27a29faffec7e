package org.mbpo4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.nn.Workspace;
import org.mbpo4j.random.Rng;

class GaussianEnsembleTest {

    /** y = (sin 2x, x^2 / 2) plus N(0, 0.1^2) noise, each member its own rows. */
    static void data(Rng rng, int members, int batch, float[] x, float[] y) {
        for (int r = 0; r < members * batch; r++) {
            float v = (float) rng.uniform(-2, 2);
            x[r] = v;
            y[2 * r] = (float) (Math.sin(2 * v) + 0.1 * rng.nextGaussian());
            y[2 * r + 1] = (float) (0.5 * v * v + 0.1 * rng.nextGaussian());
        }
    }

    @Test
    void learnsAFunctionAndItsNoise() {
        GaussianEnsemble.Spec spec = new GaussianEnsemble.Spec(3, 1, 2, 32, 2, new double[] {1e-5, 1e-5, 1e-5}, true, 3e-3);
        GaussianEnsemble model = new GaussianEnsemble(spec, new Rng(1));
        Workspace ws = model.workspace(64, false);
        float[] x = new float[3 * 64];
        float[] y = new float[3 * 64 * 2];
        Rng rng = new Rng(2);
        double first = 0;
        double last = 0;
        for (int step = 0; step < 1500; step++) {
            data(rng, 3, 64, x, y);
            double loss = model.trainStep(ws, x, y, Kernels.cpu());
            if (step < 20) {
                first += loss / 20;
            }
            if (step >= 1480) {
                last += loss / 20;
            }
        }
        assertTrue(last < first - 3, "loss " + first + " -> " + last);
        // The mean of member 0 at x = 1 is close to the truth; its variance to the noise's.
        Workspace p = model.workspace(1, true);
        p.input().set(0, 1f);
        float[] out = model.forward(p, Kernels.cpu());
        assertEquals(Math.sin(2), out[0], 0.15);
        assertEquals(0.5, out[1], 0.15);
        double sigma = Math.exp(0.5 * model.head().logVar(out[2], 0));
        assertTrue(sigma > 0.03 && sigma < 0.4, "predicted noise std " + sigma + " for a true 0.1");
        assertTrue(model.head().maxLogVar()[0] != GaussianHead.MAX_INIT, "learned bounds move");
    }

    @Test
    void fixedBoundsStayFixedAndSharedRowsAreRefusedForTraining() {
        GaussianEnsemble.Spec spec = new GaussianEnsemble.Spec(2, 1, 2, 8, 1, new double[] {0, 0}, false, 1e-3);
        GaussianEnsemble model = new GaussianEnsemble(spec, new Rng(3));
        Workspace ws = model.workspace(16, false);
        float[] x = new float[2 * 16];
        float[] y = new float[2 * 16 * 2];
        data(new Rng(4), 2, 16, x, y);
        for (int i = 0; i < 10; i++) {
            model.trainStep(ws, x, y, Kernels.cpu());
        }
        assertArrayEquals(new float[] {GaussianHead.MAX_INIT, GaussianHead.MAX_INIT}, model.head().maxLogVar());
        assertArrayEquals(new float[] {GaussianHead.MIN_INIT, GaussianHead.MIN_INIT}, model.head().minLogVar());
        assertThrows(IllegalArgumentException.class, () -> model.trainStep(model.workspace(16, true), x, y, Kernels.cpu()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GaussianEnsemble.Spec(7, 14, 12, 200, 4, new double[] {1e-4}, true, 1e-3));
        assertTrue(e.getMessage().contains("one value per layer (5)"), e.getMessage());
    }
}

package org.mbpo4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mbpo4j.random.Rng;

/** The Gaussian head's loss and gradients against an independent double-precision reference. */
class GaussianHeadTest {
    static final int MEMBERS = 3;
    static final int ROWS = 5;
    static final int DIM = 4;

    /** The loss written straight from its definition, in double. */
    static double referenceLoss(double[] out, double[] y, double[] max, double[] min) {
        double loss = 0;
        for (int e = 0; e < MEMBERS; e++) {
            double mse = 0;
            double var = 0;
            for (int r = 0; r < ROWS; r++) {
                for (int j = 0; j < DIM; j++) {
                    int o = (e * ROWS + r) * 2 * DIM;
                    double mu = out[o + j];
                    double lv = max[j] - softplus(max[j] - out[o + DIM + j]);
                    lv = min[j] + softplus(lv - min[j]);
                    double d = mu - y[(e * ROWS + r) * DIM + j];
                    mse += d * d * Math.exp(-lv);
                    var += lv;
                }
            }
            loss += mse / (ROWS * DIM) + var / (ROWS * DIM);
        }
        for (int j = 0; j < DIM; j++) {
            loss += 0.01 * max[j] - 0.01 * min[j];
        }
        return loss;
    }

    static double softplus(double x) {
        return x > 30 ? x : Math.log1p(Math.exp(x));
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    @Test
    void gradientsMatchCentralDifferencesInDouble() {
        Rng rng = new Rng(7);
        GaussianHead head = new GaussianHead(DIM);
        // Bounds moved off their initial values, and raw log-variances on both sides of both bounds.
        for (int j = 0; j < DIM; j++) {
            head.maxLogVar()[j] = (float) rng.uniform(-0.5, 1.0);
            head.minLogVar()[j] = (float) rng.uniform(-10.5, -6);
        }
        float[] out = new float[MEMBERS * ROWS * 2 * DIM];
        float[] y = new float[MEMBERS * ROWS * DIM];
        for (int i = 0; i < out.length; i++) {
            boolean raw = (i / DIM) % 2 == 1;
            out[i] = (float) (raw ? rng.uniform(-13, 3) : rng.nextGaussian());
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) rng.nextGaussian();
        }
        float[] dOut = new float[out.length];
        double loss = head.lossAndGrad(out, y, MEMBERS, ROWS, dOut);

        double[] o = toDouble(out);
        double[] t = toDouble(y);
        double[] mx = toDouble(head.maxLogVar());
        double[] mn = toDouble(head.minLogVar());
        assertEquals(referenceLoss(o, t, mx, mn), loss, 1e-9 * Math.abs(loss));

        double h = 1e-5;
        for (int i = 0; i < o.length; i++) {
            double keep = o[i];
            o[i] = keep + h;
            double up = referenceLoss(o, t, mx, mn);
            o[i] = keep - h;
            double down = referenceLoss(o, t, mx, mn);
            o[i] = keep;
            assertClose((up - down) / (2 * h), dOut[i], "dOut[" + i + "]");
        }
        for (int j = 0; j < DIM; j++) {
            double keep = mx[j];
            mx[j] = keep + h;
            double up = referenceLoss(o, t, mx, mn);
            mx[j] = keep - h;
            double down = referenceLoss(o, t, mx, mn);
            mx[j] = keep;
            assertClose((up - down) / (2 * h), head.maxGrad()[j], "dMax[" + j + "]");
            keep = mn[j];
            mn[j] = keep + h;
            up = referenceLoss(o, t, mx, mn);
            mn[j] = keep - h;
            down = referenceLoss(o, t, mx, mn);
            mn[j] = keep;
            assertClose((up - down) / (2 * h), head.minGrad()[j], "dMin[" + j + "]");
        }
    }

    private static void assertClose(double numeric, float analytic, String what) {
        // The analytic gradient is rounded to float; the difference quotient of a loss of up to
        // ~1e3 (exp(-lv) reaches e^10) carries ~1e-13 / 2h of rounding.
        double tol = 1e-5 * Math.abs(numeric) + 1e-6;
        assertEquals(numeric, analytic, tol, what);
    }

    @Test
    void logVarIsSoftlyBounded() {
        GaussianHead head = new GaussianHead(2);
        assertEquals(0.5 - Math.log(2), head.logVar(0.5, 0), 1e-3); // at the upper bound: max - ln 2, roughly
        // Far above: max, plus the lower softplus's own e^-(max - min) ~ 2.8e-5.
        assertEquals(0.5 + Math.log1p(Math.exp(-10.5)), head.logVar(100, 1), 1e-9);
        assertTrue(head.logVar(-100, 1) >= -10 - 1e-9);
        assertEquals(-3.0, head.logVar(-3, 0), 0.05); // well inside: near the raw value
        // Large inputs do not overflow.
        assertTrue(Double.isFinite(GaussianHead.softplus(1e6)) && GaussianHead.softplus(-1e6) == 0);
    }

    @Test
    void stdIsTheExpOfHalfTheBoundedLogVar() {
        GaussianHead head = new GaussianHead(3);
        head.maxLogVar()[1] = 1.7f; // bounds as training leaves them: per dimension
        head.minLogVar()[1] = -4.2f;
        head.minLogVar()[2] = -30f;
        double[] scale = new double[3];
        double[] spread = new double[3];
        head.stdConstants(scale, spread);
        for (int j = 0; j < 3; j++) {
            for (double raw = -800; raw <= 800; raw += 0.37) {
                double want = Math.exp(0.5 * head.logVar(raw, j));
                assertEquals(want, head.std(raw, j, scale, spread), 1e-12 * want, "dim " + j + ", raw " + raw);
            }
        }
        GaussianHead far = new GaussianHead(1, 400f, -400f, 0.01); // e^(max - min) overflows
        far.stdConstants(scale, spread);
        assertEquals(Math.exp(0.5 * far.logVar(3.0, 0)), far.std(3.0, 0, scale, spread), 1e-12);
    }

    @Test
    void arrayAdamTakesPyTorchsFirstStep() {
        // Adam's first step moves every parameter by lr against the sign of its gradient.
        ArrayAdam adam = new ArrayAdam(3, 1e-3);
        float[] p = {1f, 2f, 3f};
        adam.step(p, new float[] {0.5f, -2f, 1e-3f});
        assertEquals(1f - 1e-3f, p[0], 1e-6);
        assertEquals(2f + 1e-3f, p[1], 1e-6);
        assertEquals(3f - 1e-3f, p[2], 1e-5);
        assertEquals(1, adam.steps());
    }
}

package org.mbpo4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mbpo4j.model.GaussianHeadTest.DIM;
import static org.mbpo4j.model.GaussianHeadTest.MEMBERS;
import static org.mbpo4j.model.GaussianHeadTest.ROWS;
import static org.mbpo4j.model.GaussianHeadTest.softplus;
import static org.mbpo4j.model.GaussianHeadTest.toDouble;

import org.junit.jupiter.api.Test;
import org.mbpo4j.random.Rng;

/** The head's importance-weighted loss (prioritized minibatches): gradients, row errors, and weights of 1. */
class WeightedHeadTest {

    /** {@code sum_e mean_{rows, dims} w ((mu - y)^2 exp(-lv) + lv)} plus the bound penalty, in double. */
    static double weightedLoss(double[] out, double[] y, double[] w, double[] max, double[] min) {
        double loss = 0;
        for (int e = 0; e < MEMBERS; e++) {
            for (int r = 0; r < ROWS; r++) {
                int row = e * ROWS + r;
                for (int j = 0; j < DIM; j++) {
                    int o = row * 2 * DIM;
                    double lv = max[j] - softplus(max[j] - out[o + DIM + j]);
                    lv = min[j] + softplus(lv - min[j]);
                    double d = out[o + j] - y[row * DIM + j];
                    loss += w[row] * (d * d * Math.exp(-lv) + lv) / (ROWS * DIM);
                }
            }
        }
        for (int j = 0; j < DIM; j++) {
            loss += 0.01 * max[j] - 0.01 * min[j];
        }
        return loss;
    }

    record Case(GaussianHead head, float[] out, float[] y, float[] w) {
    }

    static Case newCase(long seed) {
        Rng rng = new Rng(seed);
        GaussianHead head = new GaussianHead(DIM);
        for (int j = 0; j < DIM; j++) {
            head.maxLogVar()[j] = (float) rng.uniform(-0.5, 1.0);
            head.minLogVar()[j] = (float) rng.uniform(-10.5, -6);
        }
        float[] out = new float[MEMBERS * ROWS * 2 * DIM];
        float[] y = new float[MEMBERS * ROWS * DIM];
        float[] w = new float[MEMBERS * ROWS];
        for (int i = 0; i < out.length; i++) {
            boolean raw = (i / DIM) % 2 == 1;
            out[i] = (float) (raw ? rng.uniform(-4, 1) : rng.nextGaussian());
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rng.uniform(0.05, 1);
        }
        return new Case(head, out, y, w);
    }

    @Test
    void weightedGradientsMatchCentralDifferences() {
        Case c = newCase(3);
        float[] dOut = new float[c.out().length];
        float[] rowMse = new float[MEMBERS * ROWS];
        double loss = c.head().lossAndGrad(c.out(), c.y(), MEMBERS, ROWS, c.w(), rowMse, dOut);
        double[] o = toDouble(c.out());
        double[] t = toDouble(c.y());
        double[] w = toDouble(c.w());
        double[] mx = toDouble(c.head().maxLogVar());
        double[] mn = toDouble(c.head().minLogVar());
        assertEquals(weightedLoss(o, t, w, mx, mn), loss, 1e-9 * Math.abs(loss));
        double h = 1e-5;
        for (int i = 0; i < o.length; i++) {
            double keep = o[i];
            o[i] = keep + h;
            double up = weightedLoss(o, t, w, mx, mn);
            o[i] = keep - h;
            double down = weightedLoss(o, t, w, mx, mn);
            o[i] = keep;
            assertEquals((up - down) / (2 * h), dOut[i], 1e-5 * Math.abs(up - down) / (2 * h) + 1e-6, "dOut[" + i + "]");
        }
        for (int j = 0; j < DIM; j++) {
            double keep = mx[j];
            mx[j] = keep + h;
            double up = weightedLoss(o, t, w, mx, mn);
            mx[j] = keep - h;
            double down = weightedLoss(o, t, w, mx, mn);
            mx[j] = keep;
            double num = (up - down) / (2 * h);
            assertEquals(num, c.head().maxGrad()[j], 1e-5 * Math.abs(num) + 1e-6, "dMax[" + j + "]");
            keep = mn[j];
            mn[j] = keep + h;
            up = weightedLoss(o, t, w, mx, mn);
            mn[j] = keep - h;
            down = weightedLoss(o, t, w, mx, mn);
            mn[j] = keep;
            num = (up - down) / (2 * h);
            assertEquals(num, c.head().minGrad()[j], 1e-5 * Math.abs(num) + 1e-6, "dMin[" + j + "]");
        }
        // each row's mean squared error of the mean, by hand
        for (int row = 0; row < MEMBERS * ROWS; row++) {
            double se = 0;
            for (int j = 0; j < DIM; j++) {
                double d = o[row * 2 * DIM + j] - t[row * DIM + j];
                se += d * d;
            }
            assertEquals(se / DIM, rowMse[row], 1e-6 * (1 + se), "row " + row);
        }
    }

    @Test
    void memberLossStaysTheUnweightedNll() {
        Case c = newCase(4);
        float[] dOut = new float[c.out().length];
        c.head().lossAndGrad(c.out(), c.y(), MEMBERS, ROWS, dOut);
        double[] unweighted = new double[MEMBERS];
        for (int e = 0; e < MEMBERS; e++) {
            unweighted[e] = c.head().memberLoss(e);
        }
        c.head().lossAndGrad(c.out(), c.y(), MEMBERS, ROWS, c.w(), null, dOut);
        for (int e = 0; e < MEMBERS; e++) {
            assertEquals(unweighted[e], c.head().memberLoss(e), "member " + e);
        }
    }

    @Test
    void weightsOfOneGiveTheUnweightedResultBitForBit() {
        Case c = newCase(5);
        float[] d1 = new float[c.out().length];
        float[] d2 = new float[c.out().length];
        double l1 = c.head().lossAndGrad(c.out(), c.y(), MEMBERS, ROWS, d1);
        float[] max1 = c.head().maxGrad().clone();
        float[] min1 = c.head().minGrad().clone();
        float[] ones = new float[MEMBERS * ROWS];
        java.util.Arrays.fill(ones, 1f);
        double l2 = c.head().lossAndGrad(c.out(), c.y(), MEMBERS, ROWS, ones, new float[MEMBERS * ROWS], d2);
        assertEquals(l1, l2);
        assertArrayEquals(d1, d2);
        assertArrayEquals(max1, c.head().maxGrad());
        assertArrayEquals(min1, c.head().minGrad());
    }
}

package org.mbpo4j.sac;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mbpo4j.random.Rng;

class TanhGaussianTest {

    /** log N(u; mean, std) - log(1 - tanh(u)^2): the density of a = tanh(u) by change of variables. */
    static double analyticLogDensity(double mean, double std, double u) {
        double z = (u - mean) / std;
        double a = Math.tanh(u);
        return -0.5 * z * z - Math.log(std) - 0.5 * Math.log(2 * Math.PI) - Math.log(1 - a * a);
    }

    @Test
    void logProbIsTheTanhGaussianDensity() {
        Rng rng = new Rng(1);
        int rows = 50;
        int act = 3;
        float[] out = new float[rows * 2 * act];
        float[] eps = new float[rows * act];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) rng.uniform(-1.5, 1.0);
        }
        for (int i = 0; i < eps.length; i++) {
            eps[i] = (float) rng.nextGaussian();
        }
        float[] std = new float[rows * act];
        float[] action = new float[rows * act];
        float[] logp = new float[rows];
        TanhGaussian.sample(out, eps, rows, act, -20, 2, false, std, action, logp);
        for (int r = 0; r < rows; r++) {
            double want = 0;
            for (int j = 0; j < act; j++) {
                double mean = out[r * 2 * act + j];
                double s = Math.exp(out[r * 2 * act + act + j]);
                double u = mean + s * eps[r * act + j];
                want += analyticLogDensity(mean, s, u);
                assertEquals(Math.tanh(u), action[r * act + j], 1e-6);
            }
            assertEquals(want, logp[r], 1e-4 * Math.max(1, Math.abs(want)), "row " + r);
        }
    }

    @Test
    void theDensityIntegratesToOne() {
        // 1-D: integrate exp(log p(a)) over a in (-1, 1) through u = atanh(a).
        double mean = 0.4;
        double std = 0.7;
        double sum = 0;
        int n = 200_000;
        for (int i = 1; i < n; i++) {
            double a = -1 + 2.0 * i / n;
            double u = 0.5 * Math.log((1 + a) / (1 - a));
            sum += Math.exp(analyticLogDensity(mean, std, u)) * (2.0 / n);
        }
        assertEquals(1.0, sum, 1e-3);
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        Rng rng = new Rng(2);
        int rows = 4;
        int act = 2;
        float[] out = new float[rows * 2 * act];
        float[] eps = new float[rows * act];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) rng.uniform(-1, 1);
        }
        out[act] = 3.5f; // a log-std above the clamp: no gradient there
        for (int i = 0; i < eps.length; i++) {
            eps[i] = (float) rng.nextGaussian();
        }
        float[] c = new float[rows * act];
        float[] d = new float[rows];
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) rng.uniform(-1, 1);
        }
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) rng.uniform(-1, 1);
        }
        float[] std = new float[rows * act];
        float[] action = new float[rows * act];
        float[] logp = new float[rows];
        TanhGaussian.sample(out, eps, rows, act, -5, 2, false, std, action, logp);
        float[] dOut = new float[out.length];
        TanhGaussian.backward(out, eps, std, action, c, d, rows, act, -5, 2, dOut);
        for (int i = 0; i < out.length; i++) {
            double h = 1e-3;
            double up = loss(out, i, h, eps, c, d, rows, act);
            double down = loss(out, i, -h, eps, c, d, rows, act);
            assertEquals((up - down) / (2 * h), dOut[i], 2e-3, "d/dout[" + i + "]");
        }
        assertEquals(0f, dOut[act], "clamped log-std has zero gradient");
    }

    /** L = sum c a + sum d logp, in double, with out[i] shifted by h. */
    static double loss(float[] out, int i, double h, float[] eps, float[] c, float[] d, int rows, int act) {
        double l = 0;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < act; j++) {
                double mean = out[r * 2 * act + j] + (i == r * 2 * act + j ? h : 0);
                double raw = out[r * 2 * act + act + j] + (i == r * 2 * act + act + j ? h : 0);
                double logStd = Math.min(Math.max(raw, -5), 2);
                double s = Math.exp(logStd);
                double u = mean + s * eps[r * act + j];
                l += c[r * act + j] * Math.tanh(u);
                l += d[r] * analyticLogDensity(mean, s, u);
            }
        }
        return l;
    }
}

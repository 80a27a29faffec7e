package org.mbpo4j.env.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.mbpo4j.random.Rng;

/** The random linear system behind HopperSized-v0 is fixed by its seed and stable. */
class LinearSystemTest {
    private static final LinearSystem HOPPER = HopperSized.SYSTEM;

    @Test
    void theLargestSingularValueOfAIsBelowOne() {
        // power iteration on A^T A: its largest eigenvalue is |A|_2^2, which bounds the spectral radius
        double[] a = HOPPER.a();
        int n = HOPPER.stateDim();
        double[] v = new double[n];
        Arrays.fill(v, 1.0);
        double lambda = 0;
        for (int it = 0; it < 2000; it++) {
            double[] w = mulT(a, mul(a, v, n), n);
            lambda = norm(w) / norm(v);
            double s = norm(w);
            for (int i = 0; i < n; i++) {
                v[i] = w[i] / s;
            }
        }
        double sigmaMax = Math.sqrt(lambda);
        assertTrue(sigmaMax <= HopperSized.MAX_GAIN + 1e-9, "|A|_2 = " + sigmaMax);
        assertTrue(sigmaMax >= HopperSized.MIN_GAIN - 1e-9, "|A|_2 = " + sigmaMax);
    }

    @Test
    void aIsAnOrthogonalMatrixTimesGainsInTheirRange() {
        // A = Q D: A^T A = D^2 is diagonal with entries in [0.95^2, 0.98^2]
        double[] a = HOPPER.a();
        int n = HOPPER.stateDim();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int k = 0; k < n; k++) {
                    dot += a[k * n + i] * a[k * n + j];
                }
                if (i == j) {
                    assertTrue(dot >= 0.95 * 0.95 - 1e-12 && dot <= 0.98 * 0.98 + 1e-12, "gain^2 " + i + " = " + dot);
                } else {
                    assertEquals(0.0, dot, 1e-12, "columns " + i + ", " + j);
                }
            }
        }
    }

    @Test
    void freeResponseDecaysAtTheGainRates() {
        // every eigenvalue has modulus in [0.95, 0.98], so |A^t x| lies in [0.95^t, 0.98^t] |x|
        Rng rng = new Rng(4);
        int n = HOPPER.stateDim();
        double[] zero = new double[HOPPER.inputDim()];
        for (int trial = 0; trial < 5; trial++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = rng.nextGaussian();
            }
            double x0 = norm(x);
            for (int t = 1; t <= 300; t++) {
                x = HOPPER.apply(x, zero);
                double r = norm(x) / x0;
                assertTrue(r <= Math.pow(0.98, t) * (1 + 1e-9) && r >= Math.pow(0.95, t) * (1 - 1e-9),
                        "|A^" + t + " x| / |x| = " + r);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameSystemAndAnotherSeedAnother() {
        LinearSystem again = LinearSystem.random(HopperSized.SYSTEM_SEED, 11, 3, 0.95, 0.98, 0.1);
        assertArrayEquals(HOPPER.a(), again.a());
        assertArrayEquals(HOPPER.b(), again.b());
        LinearSystem other = LinearSystem.random(HopperSized.SYSTEM_SEED + 1, 11, 3, 0.95, 0.98, 0.1);
        assertFalse(Arrays.equals(HOPPER.a(), other.a()));
        assertFalse(Arrays.equals(HOPPER.b(), other.b()));
        // B's entries are N(0, 0.1^2): 33 of them
        double ss = Arrays.stream(HOPPER.b()).map(v -> v * v).sum();
        assertTrue(Math.sqrt(ss / 33) > 0.05 && Math.sqrt(ss / 33) < 0.2, "rms of B " + Math.sqrt(ss / 33));
    }

    @Test
    void badSizesAndGainsAreRefusedByValue() {
        IllegalArgumentException sizes = assertThrows(IllegalArgumentException.class,
                () -> LinearSystem.random(1, 0, 3, 0.9, 0.95, 0.1));
        assertTrue(sizes.getMessage().contains("n=0"), sizes.getMessage());
        IllegalArgumentException gains = assertThrows(IllegalArgumentException.class,
                () -> LinearSystem.random(1, 2, 1, 0.99, 0.9, 0.1));
        assertTrue(gains.getMessage().contains("minGain=0.99"), gains.getMessage());
    }

    private static double[] mul(double[] a, double[] v, int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                w[i] += a[i * n + j] * v[j];
            }
        }
        return w;
    }

    private static double[] mulT(double[] a, double[] v, int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                w[j] += a[i * n + j] * v[i];
            }
        }
        return w;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}

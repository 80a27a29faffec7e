package org.mbpo4j.env.synthetic;

import org.mbpo4j.random.Rng;

/**
 * A fixed linear system {@code x' = A x + B u}, with {@code A = Q D}: Q a random orthogonal
 * matrix (Gram-Schmidt of a Gaussian matrix) and D a diagonal of gains drawn uniformly from
 * {@code [minGain, maxGain]}. The singular values of A are those gains, so every eigenvalue
 * has modulus in {@code [minGain, maxGain]}: with {@code maxGain < 1} the system is stable and
 * even contracts in one step ({@code |A x| <= maxGain |x|}). B has independent
 * {@code N(0, bScale^2)} entries. Matrices are row-major.
 */
final class LinearSystem {
    private final int n;
    private final int m;
    private final double[] a;
    private final double[] b;

    private LinearSystem(int n, int m, double[] a, double[] b) {
        this.n = n;
        this.m = m;
        this.a = a;
        this.b = b;
    }

    /** The system drawn from {@code seed}; the same arguments always give the same matrices. */
    static LinearSystem random(long seed, int n, int m, double minGain, double maxGain, double bScale) {
        if (n < 1 || m < 1) {
            throw new IllegalArgumentException("state and input sizes must be >= 1, got n=" + n + ", m=" + m);
        }
        if (!(0 < minGain && minGain <= maxGain)) {
            throw new IllegalArgumentException("gains must satisfy 0 < minGain <= maxGain, got minGain=" + minGain
                    + ", maxGain=" + maxGain);
        }
        Rng rng = new Rng(seed);
        double[] q = orthogonal(rng.child("Q"), n);
        Rng gains = rng.child("gains");
        double[] a = new double[n * n];
        for (int j = 0; j < n; j++) {
            double d = gains.uniform(minGain, maxGain);
            for (int i = 0; i < n; i++) {
                a[i * n + j] = q[i * n + j] * d;
            }
        }
        Rng rb = rng.child("B");
        double[] b = new double[n * m];
        for (int i = 0; i < b.length; i++) {
            b[i] = bScale * rb.nextGaussian();
        }
        return new LinearSystem(n, m, a, b);
    }

    /** A random orthogonal n x n matrix: modified Gram-Schmidt on the columns of a Gaussian matrix. */
    private static double[] orthogonal(Rng rng, int n) {
        double[] q = new double[n * n];
        for (int i = 0; i < q.length; i++) {
            q[i] = rng.nextGaussian();
        }
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += q[i * n + j] * q[i * n + k];
                }
                for (int i = 0; i < n; i++) {
                    q[i * n + j] -= dot * q[i * n + k];
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += q[i * n + j] * q[i * n + j];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                q[i * n + j] /= norm;
            }
        }
        return q;
    }

    /** State size n. */
    int stateDim() {
        return n;
    }

    /** Input size m. */
    int inputDim() {
        return m;
    }

    /** A copy of A (n x n, row-major). */
    double[] a() {
        return a.clone();
    }

    /** A copy of B (n x m, row-major). */
    double[] b() {
        return b.clone();
    }

    /** {@code A x + B u} as a new array. */
    double[] apply(double[] x, double[] u) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += a[i * n + j] * x[j];
            }
            for (int j = 0; j < m; j++) {
                s += b[i * m + j] * u[j];
            }
            out[i] = s;
        }
        return out;
    }
}

package org.mbpo4j.model;

/**
 * Adam over a small {@code float[]} held in Java (the log-variance bounds of a
 * {@link GaussianHead}), with PyTorch's update: bias-corrected moments and epsilon added to the
 * corrected square root, {@code t} counting from 1. Same betas and epsilon as
 * {@link org.mbpo4j.nn.Adam}'s defaults.
 */
final class ArrayAdam {
    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double[] m;
    private final double[] v;
    private long t;

    ArrayAdam(int n, double lr) {
        this(n, lr, 0.9, 0.999, 1e-8);
    }

    ArrayAdam(int n, double lr, double beta1, double beta2, double eps) {
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.m = new double[n];
        this.v = new double[n];
    }

    /** One step of {@code p} along {@code g} (same length as this optimiser). */
    void step(float[] p, float[] g) {
        if (p.length != m.length || g.length != m.length) {
            throw new IllegalArgumentException("expected " + m.length + " parameters and gradients, got "
                    + p.length + " and " + g.length);
        }
        t++;
        double bc1 = 1.0 - Math.pow(beta1, t);
        double bc2 = Math.sqrt(1.0 - Math.pow(beta2, t));
        for (int i = 0; i < p.length; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * (double) g[i] * g[i];
            p[i] = (float) (p[i] - lr / bc1 * m[i] / (Math.sqrt(v[i]) / bc2 + eps));
        }
    }

    long steps() {
        return t;
    }

    /** The moments and step count, for saving: {@code [m..., v..., t]}. */
    double[] state() {
        double[] s = new double[2 * m.length + 1];
        System.arraycopy(m, 0, s, 0, m.length);
        System.arraycopy(v, 0, s, m.length, v.length);
        s[2 * m.length] = t;
        return s;
    }

    /** Restores what {@link #state()} returned. */
    void restore(double[] s) {
        if (s.length != 2 * m.length + 1) {
            throw new IllegalArgumentException("expected " + (2 * m.length + 1) + " optimiser values, got " + s.length);
        }
        System.arraycopy(s, 0, m, 0, m.length);
        System.arraycopy(s, m.length, v, 0, v.length);
        t = (long) s[2 * m.length];
    }
}

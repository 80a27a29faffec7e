package org.mbpo4j.baselines.tabular;

/**
 * Adam (Kingma &amp; Ba 2015) for gradient <i>ascent</i> on a table of logits: bias-corrected
 * moments, {@code beta1 = 0.9}, {@code beta2 = 0.999}, {@code eps = 1e-8}. Its per-entry
 * scaling makes the step size independent of the reward scale and lets rarely visited states
 * learn as fast as frequent ones.
 */
public final class AdamAscent {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final double lr;
    private final double[][] m;
    private final double[][] v;
    private long t;

    /** An optimiser for a {@code rows x cols} table with step size {@code lr}. */
    public AdamAscent(int rows, int cols, double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate (--lr) must be > 0 and finite, got " + lr);
        }
        this.lr = lr;
        this.m = new double[rows][cols];
        this.v = new double[rows][cols];
    }

    /** The step to add to the parameters for gradient {@code g} (to be maximised). */
    public double[][] step(double[][] g) {
        t++;
        double c1 = 1 - Math.pow(BETA1, t);
        double c2 = 1 - Math.pow(BETA2, t);
        double[][] delta = new double[m.length][m[0].length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = BETA1 * m[i][j] + (1 - BETA1) * g[i][j];
                v[i][j] = BETA2 * v[i][j] + (1 - BETA2) * g[i][j] * g[i][j];
                if (m[i][j] != 0) {
                    delta[i][j] = lr * (m[i][j] / c1) / (Math.sqrt(v[i][j] / c2) + EPS);
                }
            }
        }
        return delta;
    }
}

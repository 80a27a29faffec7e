package org.mbpo4j.model;

import java.util.Arrays;

/**
 * Standardises model inputs per column, {@code (x - mean) / std}, with statistics computed in
 * double precision from the training data (as mbrl-lib does). A column whose standard
 * deviation is below {@link #STD_FLOOR} (a constant input, such as an unused action) gets
 * std 1, so it is only centred and never blown up.
 *
 * <p>Before {@link #fit} it is the identity (mean 0, std 1).
 */
public final class Normalizer {
    /** Standard deviations below this are replaced by 1 (mbrl-lib's and the original's 1e-12). */
    public static final double STD_FLOOR = 1e-12;

    private final int dim;
    private final double[] mean;
    private final double[] std;
    private final float[] meanF;
    private final float[] invStdF;
    private boolean fitted;

    public Normalizer(int dim) {
        if (dim < 1) {
            throw new IllegalArgumentException("normaliser dimension must be >= 1, got " + dim);
        }
        this.dim = dim;
        this.mean = new double[dim];
        this.std = new double[dim];
        Arrays.fill(std, 1.0);
        this.meanF = new float[dim];
        this.invStdF = new float[dim];
        Arrays.fill(invStdF, 1f);
    }

    public int dim() {
        return dim;
    }

    /**
     * Sets mean and (population) standard deviation from {@code rows} rows of {@code data}
     * (row-major, {@code dim} columns), using the rows listed in {@code index} (all rows
     * {@code 0..n-1} when null). Two passes, in double.
     */
    public void fit(float[] data, int[] index, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("cannot fit a normaliser to " + n + " rows");
        }
        double[] m = new double[dim];
        for (int i = 0; i < n; i++) {
            int o = (index == null ? i : index[i]) * dim;
            for (int j = 0; j < dim; j++) {
                m[j] += data[o + j];
            }
        }
        for (int j = 0; j < dim; j++) {
            m[j] /= n;
        }
        double[] v = new double[dim];
        for (int i = 0; i < n; i++) {
            int o = (index == null ? i : index[i]) * dim;
            for (int j = 0; j < dim; j++) {
                double d = data[o + j] - m[j];
                v[j] += d * d;
            }
        }
        double[] s = new double[dim];
        for (int j = 0; j < dim; j++) {
            s[j] = Math.sqrt(v[j] / n);
        }
        set(m, s);
        fitted = true;
    }

    /** Whether {@link #fit} has run (or a loaded model said so): the statistics come from data. */
    public boolean fitted() {
        return fitted;
    }

    void markFitted(boolean value) {
        fitted = value;
    }

    /** Sets the statistics directly (a loaded model); a std below the floor becomes 1. */
    public void set(double[] newMean, double[] newStd) {
        if (newMean.length != dim || newStd.length != dim) {
            throw new IllegalArgumentException("expected " + dim + " means and stds, got " + newMean.length + " and "
                    + newStd.length);
        }
        for (int j = 0; j < dim; j++) {
            if (!Double.isFinite(newMean[j]) || !Double.isFinite(newStd[j]) || newStd[j] < 0) {
                throw new IllegalArgumentException("normaliser column " + j + ": mean " + newMean[j] + ", std "
                        + newStd[j] + " (need finite values and std >= 0)");
            }
            mean[j] = newMean[j];
            std[j] = newStd[j] < STD_FLOOR ? 1.0 : newStd[j];
            meanF[j] = (float) mean[j];
            invStdF[j] = (float) (1.0 / std[j]);
        }
    }

    /** The column means (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** The column standard deviations after the floor (a copy). */
    public double[] std() {
        return std.clone();
    }

    /** Standardises {@code dim} values of {@code src} at {@code srcOff} into {@code dst} at {@code dstOff}. */
    public void apply(float[] src, int srcOff, float[] dst, int dstOff) {
        for (int j = 0; j < dim; j++) {
            dst[dstOff + j] = (src[srcOff + j] - meanF[j]) * invStdF[j];
        }
    }

    /** Standardises a row whose first {@code a} columns are in {@code x} and the rest in {@code y}. */
    void applySplit(float[] x, int xOff, int a, float[] y, int yOff, float[] dst, int dstOff) {
        for (int j = 0; j < a; j++) {
            dst[dstOff + j] = (x[xOff + j] - meanF[j]) * invStdF[j];
        }
        for (int j = a; j < dim; j++) {
            dst[dstOff + j] = (y[yOff + j - a] - meanF[j]) * invStdF[j];
        }
    }
}

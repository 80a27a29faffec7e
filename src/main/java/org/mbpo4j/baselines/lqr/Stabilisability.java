package org.mbpo4j.baselines.lqr;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether some linear gain K makes A + B K stable (spectral radius below 1), by the Kalman
 * decomposition: an orthonormal basis of the controllable subspace span[B, AB, ...,
 * A^(n-1) B] is built by Gram-Schmidt (twice, with a relative rank tolerance); the pair is
 * stabilisable exactly when A restricted to the orthogonal complement (the uncontrollable
 * modes, which no input moves) has all its eigenvalues inside the unit circle. This avoids
 * testing rank [A - lambda I, B] at numerically computed eigenvalues, which is fragile for
 * repeated eigenvalues such as the double integrator's.
 */
public final class Stabilisability {
    private static final double RANK_TOL = 1e-10;

    private Stabilisability() {
    }

    /**
     * The eigenvalues {re[], im[]} of the uncontrollable part of (A, B); empty arrays when the
     * pair is controllable.
     */
    public static double[][] uncontrollableEigenvalues(double[][] a, double[][] b) {
        int n = a.length;
        double scale = Math.max(1, Math.max(Mat.norm(a), Mat.norm(b)));
        List<double[]> basis = new ArrayList<>();
        List<double[]> frontier = new ArrayList<>();
        for (int j = 0; j < Mat.cols(b); j++) {
            double[] col = new double[n];
            for (int i = 0; i < n; i++) {
                col[i] = b[i][j];
            }
            addIfIndependent(basis, frontier, col, scale);
        }
        while (!frontier.isEmpty() && basis.size() < n) {
            List<double[]> next = new ArrayList<>();
            for (double[] v : frontier) {
                addIfIndependent(basis, next, Mat.mul(a, v), scale);
            }
            frontier = next;
        }
        if (basis.size() == n) {
            return new double[][] {new double[0], new double[0]};
        }
        // complete to an orthonormal basis of R^n with unit vectors
        List<double[]> complement = new ArrayList<>();
        List<double[]> all = new ArrayList<>(basis);
        for (int i = 0; i < n && all.size() < n; i++) {
            double[] e = new double[n];
            e[i] = 1;
            List<double[]> sink = new ArrayList<>();
            if (addIfIndependent(all, sink, e, 1)) {
                complement.add(all.get(all.size() - 1));
            }
        }
        int k = complement.size();
        double[][] auu = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                auu[i][j] = dot(complement.get(i), Mat.mul(a, complement.get(j)));
            }
        }
        return Mat.eigenvalues(auu);
    }

    /**
     * Null when (A, B) is stabilisable, else a message naming the uncontrollable eigenvalues
     * on or outside the unit circle.
     */
    public static String problem(double[][] a, double[][] b) {
        double[][] ev = uncontrollableEigenvalues(a, b);
        StringBuilder bad = new StringBuilder();
        for (int i = 0; i < ev[0].length; i++) {
            if (Math.hypot(ev[0][i], ev[1][i]) >= 1 - 1e-9) {
                bad.append(bad.length() == 0 ? "" : ", ").append(complexText(ev[0][i], ev[1][i]));
            }
        }
        if (bad.length() == 0) {
            return null;
        }
        return "(A, B) is not stabilisable: A has uncontrollable modes (which no input moves) with eigenvalues ["
                + bad + "] on or outside the unit circle, so no stabilising gain exists and no linear policy has"
                + " a finite average cost";
    }

    static String complexText(double re, double im) {
        double r = Math.abs(re) < 1e-12 ? 0 : re;
        if (Math.abs(im) < 1e-12) {
            return String.format("%.6g", r);
        }
        return String.format("%.6g%s%.6gi", r, im < 0 ? "-" : "+", Math.abs(im));
    }

    private static boolean addIfIndependent(List<double[]> basis, List<double[]> added, double[] v, double scale) {
        double original = Math.sqrt(dot(v, v));
        if (original == 0) {
            return false;
        }
        double[] w = v.clone();
        for (int pass = 0; pass < 2; pass++) {
            for (double[] q : basis) {
                double d = dot(q, w);
                for (int i = 0; i < w.length; i++) {
                    w[i] -= d * q[i];
                }
            }
        }
        double norm = Math.sqrt(dot(w, w));
        if (norm <= RANK_TOL * Math.max(original, scale)) {
            return false;
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= norm;
        }
        basis.add(w);
        added.add(w);
        return true;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}

package org.mbpo4j.baselines.lqr;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Whether some linear gain K makes A + B K stable (spectral radius below 1), by the Kalman
 * decomposition computed with orthogonal transformations (the staircase form):
 * <ol>
 *   <li>A is balanced ({@code Balancing#forMatrix}: a diagonal similarity by powers of two,
 *       which changes neither the eigenvalues nor which of them are controllable) and B's
 *       columns are brought to unit length (input units do not matter either);</li>
 *   <li>an orthonormal basis of the controllable subspace span[B, AB, ..., A^(n-1) B] is built
 *       block by block: the range of B, then, repeatedly, the part of A times the newest
 *       block that the basis does not already span. Each rank is an SVD rank (EJML) with a
 *       tolerance relative to the block it comes from: {@value #RANK_TOL} times ||B|| for B,
 *       {@value #RANK_TOL} times ||A|| for a product with A (a unit vector times A is at most
 *       ||A|| long, so a remainder below that fraction of it is rounding);</li>
 *   <li>the pair is stabilisable exactly when A restricted to the orthogonal complement (the
 *       uncontrollable modes, which no input moves) has all its eigenvalues inside the unit
 *       circle.</li>
 * </ol>
 * This avoids testing rank [A - lambda I, B] at numerically computed eigenvalues, which is
 * fragile for repeated eigenvalues such as the double integrator's; and because each
 * tolerance is relative to its own block, an input that feeds a state whose eigenvalue is
 * 1e10 is not mistaken for rounding.
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
        Balancing bal = Balancing.forMatrix(a);
        double[][] ab = bal.similar(a);
        double[][] bb = bal.inputs(b);
        List<double[]> inputs = new ArrayList<>();
        for (int j = 0; j < Mat.cols(bb); j++) {
            double[] col = new double[n];
            for (int i = 0; i < n; i++) {
                col[i] = bb[i][j];
            }
            double norm = Math.sqrt(dot(col, col));
            if (norm > 0) {
                for (int i = 0; i < n; i++) {
                    col[i] /= norm;
                }
                inputs.add(col);
            }
        }
        List<double[]> basis = new ArrayList<>();
        List<double[]> newest = extend(basis, inputs, RANK_TOL * frobenius(inputs));
        double normA = Mat.norm(ab);
        while (!newest.isEmpty() && basis.size() < n) {
            List<double[]> images = new ArrayList<>();
            for (double[] v : newest) {
                images.add(Mat.mul(ab, v));
            }
            newest = extend(basis, images, RANK_TOL * normA);
        }
        int r = basis.size();
        if (r == n) {
            return new double[][] {new double[0], new double[0]};
        }
        double[][] complement = complement(basis, n);
        int k = complement.length;
        double[][] auu = new double[k][k];
        for (int j = 0; j < k; j++) {
            double[] av = Mat.mul(ab, complement[j]);
            for (int i = 0; i < k; i++) {
                auu[i][j] = dot(complement[i], av);
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

    /**
     * Adds to the orthonormal {@code basis} the directions of span(vectors) that it lacks: the
     * vectors' components orthogonal to the basis (projected out twice), whose left singular
     * vectors with singular value above {@code tol} are new. Returns the vectors added.
     */
    private static List<double[]> extend(List<double[]> basis, List<double[]> vectors, double tol) {
        List<double[]> added = new ArrayList<>();
        if (vectors.isEmpty()) {
            return added;
        }
        int n = vectors.get(0).length;
        int k = vectors.size();
        DMatrixRMaj rest = new DMatrixRMaj(n, k);
        for (int j = 0; j < k; j++) {
            double[] w = orthogonalised(basis, vectors.get(j));
            for (int i = 0; i < n; i++) {
                rest.set(i, j, w[i]);
            }
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, k, true, false, true);
        if (!svd.decompose(rest)) {
            throw new ArithmeticException("the SVD for the controllable subspace did not converge");
        }
        double[] sigma = svd.getSingularValues();
        DMatrixRMaj u = svd.getU(null, false);
        for (int c = 0; c < svd.numberOfSingularValues(); c++) {
            if (sigma[c] > tol && basis.size() < n) {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = u.get(i, c);
                }
                // the singular vectors are orthogonal to the basis up to rounding: make it exact
                v = orthogonalised(basis, v);
                double norm = Math.sqrt(dot(v, v));
                if (norm > 0.5) {
                    for (int i = 0; i < n; i++) {
                        v[i] /= norm;
                    }
                    basis.add(v);
                    added.add(v);
                }
            }
        }
        return added;
    }

    /** v minus its projection on the orthonormal basis, twice (classical Gram-Schmidt, reorthogonalised). */
    private static double[] orthogonalised(List<double[]> basis, double[] v) {
        double[] w = v.clone();
        for (int pass = 0; pass < 2; pass++) {
            for (double[] q : basis) {
                double d = dot(q, w);
                for (int i = 0; i < w.length; i++) {
                    w[i] -= d * q[i];
                }
            }
        }
        return w;
    }

    /** An orthonormal basis of the orthogonal complement of span(basis), from a full QR (EJML). */
    private static double[][] complement(List<double[]> basis, int n) {
        int r = basis.size();
        if (r == 0) {
            return Mat.identity(n);
        }
        DMatrixRMaj v = new DMatrixRMaj(n, r);
        for (int j = 0; j < r; j++) {
            for (int i = 0; i < n; i++) {
                v.set(i, j, basis.get(j)[i]);
            }
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, r);
        if (!qr.decompose(v)) {
            throw new ArithmeticException("the QR decomposition for the uncontrollable subspace failed");
        }
        DMatrixRMaj q = qr.getQ(null, false);
        double[][] out = new double[n - r][n];
        for (int j = r; j < n; j++) {
            for (int i = 0; i < n; i++) {
                out[j - r][i] = q.get(i, j);
            }
        }
        return out;
    }

    private static double frobenius(List<double[]> vectors) {
        double s = 0;
        for (double[] v : vectors) {
            s += dot(v, v);
        }
        return Math.sqrt(s);
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}

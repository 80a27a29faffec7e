package org.mbpo4j.baselines.lqr;

import java.util.Arrays;

/**
 * Eigenvalues of small dense matrices: cyclic Jacobi rotations for symmetric ones, and for
 * general (nonsymmetric) ones a Householder reduction to Hessenberg form followed by the
 * shifted complex QR iteration (Givens rotations, Wilkinson shifts, deflation at negligible
 * subdiagonal entries).
 */
public final class Eigen {
    private static final double EPS = 0x1.0p-52;
    private static final int MAX_SWEEPS = 100;

    private Eigen() {
    }

    /**
     * The eigenvalues of a symmetric matrix, ascending (only the upper triangle is read
     * after symmetrising).
     */
    public static double[] symmetricEigenvalues(double[][] s) {
        double[][] a = Mat.symmetrise(s);
        int n = a.length;
        double total = Mat.norm(a);
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (Math.sqrt(off) <= EPS * total || off == 0) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] != 0) {
                        rotate(a, p, q);
                    }
                }
            }
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = a[i][i];
        }
        Arrays.sort(d);
        return d;
    }

    /** One Jacobi rotation zeroing a[p][q] of the symmetric matrix a (in place). */
    private static void rotate(double[][] a, int p, int q) {
        double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int n = a.length;
        for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
    }

    /**
     * The eigenvalues of a square real matrix as {@code {re[], im[]}} (in no particular
     * order; complex ones come in conjugate pairs up to rounding).
     *
     * @throws ArithmeticException if the QR iteration does not converge (not seen in practice)
     */
    public static double[][] eigenvalues(double[][] m) {
        int n = m.length;
        if (Mat.cols(m) != n) {
            throw new IllegalArgumentException("eigenvalues need a square matrix, got " + n + "x" + Mat.cols(m));
        }
        double[][] hr = hessenberg(m);
        double[][] hi = new double[n][n];
        double[] re = new double[n];
        double[] im = new double[n];
        int hend = n - 1;
        int iter = 0;
        int total = 0;
        while (hend >= 0) {
            int l = hend;
            while (l > 0) {
                double sub = Math.hypot(hr[l][l - 1], hi[l][l - 1]);
                double diag = Math.hypot(hr[l - 1][l - 1], hi[l - 1][l - 1]) + Math.hypot(hr[l][l], hi[l][l]);
                if (sub <= EPS * diag || sub < Double.MIN_NORMAL) {
                    hr[l][l - 1] = 0;
                    hi[l][l - 1] = 0;
                    break;
                }
                l--;
            }
            if (l == hend) {
                re[hend] = hr[hend][hend];
                im[hend] = hi[hend][hend];
                hend--;
                iter = 0;
                continue;
            }
            if (++total > 100 * n) {
                throw new ArithmeticException("the QR iteration for the eigenvalues did not converge");
            }
            iter++;
            double[] mu = (iter % 11 == 10) ? exceptionalShift(hr, hi, hend) : wilkinsonShift(hr, hi, hend);
            qrStep(hr, hi, l, hend, mu[0], mu[1]);
        }
        return new double[][] {re, im};
    }

    /** The largest modulus of an eigenvalue. */
    public static double spectralRadius(double[][] m) {
        double[][] ev = eigenvalues(m);
        double r = 0;
        for (int i = 0; i < ev[0].length; i++) {
            r = Math.max(r, Math.hypot(ev[0][i], ev[1][i]));
        }
        return r;
    }

    /** Upper Hessenberg form of m by Householder reflections (same eigenvalues). */
    static double[][] hessenberg(double[][] m) {
        double[][] h = Mat.copy(m);
        int n = h.length;
        for (int k = 0; k < n - 2; k++) {
            double alpha = 0;
            for (int i = k + 1; i < n; i++) {
                alpha += h[i][k] * h[i][k];
            }
            alpha = Math.sqrt(alpha);
            if (alpha == 0) {
                continue;
            }
            if (h[k + 1][k] > 0) {
                alpha = -alpha;
            }
            double[] v = new double[n];
            v[k + 1] = h[k + 1][k] - alpha;
            for (int i = k + 2; i < n; i++) {
                v[i] = h[i][k];
            }
            double vv = 0;
            for (int i = k + 1; i < n; i++) {
                vv += v[i] * v[i];
            }
            if (vv == 0) {
                continue;
            }
            // h <- (I - 2 v v'/vv) h (I - 2 v v'/vv)
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int i = k + 1; i < n; i++) {
                    s += v[i] * h[i][j];
                }
                s = 2 * s / vv;
                for (int i = k + 1; i < n; i++) {
                    h[i][j] -= s * v[i];
                }
            }
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = k + 1; j < n; j++) {
                    s += h[i][j] * v[j];
                }
                s = 2 * s / vv;
                for (int j = k + 1; j < n; j++) {
                    h[i][j] -= s * v[j];
                }
            }
            for (int i = k + 2; i < n; i++) {
                h[i][k] = 0;
            }
        }
        return h;
    }

    /** The eigenvalue of the trailing 2x2 block of the active part closer to its last entry. */
    private static double[] wilkinsonShift(double[][] hr, double[][] hi, int e) {
        double ar = hr[e - 1][e - 1];
        double ai = hi[e - 1][e - 1];
        double br = hr[e - 1][e];
        double bi = hi[e - 1][e];
        double cr = hr[e][e - 1];
        double ci = hi[e][e - 1];
        double dr = hr[e][e];
        double di = hi[e][e];
        // eigenvalues: (a+d)/2 +- sqrt(((a-d)/2)^2 + b c)
        double hr2 = (ar - dr) / 2;
        double hi2 = (ai - di) / 2;
        double discR = hr2 * hr2 - hi2 * hi2 + (br * cr - bi * ci);
        double discI = 2 * hr2 * hi2 + (br * ci + bi * cr);
        double[] sq = csqrt(discR, discI);
        double mr = (ar + dr) / 2;
        double mi = (ai + di) / 2;
        double l1r = mr + sq[0];
        double l1i = mi + sq[1];
        double l2r = mr - sq[0];
        double l2i = mi - sq[1];
        return Math.hypot(l1r - dr, l1i - di) <= Math.hypot(l2r - dr, l2i - di)
                ? new double[] {l1r, l1i} : new double[] {l2r, l2i};
    }

    /** An ad hoc shift that breaks the rare cycles of the Wilkinson shift. */
    private static double[] exceptionalShift(double[][] hr, double[][] hi, int e) {
        double s = Math.hypot(hr[e][e - 1], hi[e][e - 1]);
        return new double[] {hr[e][e] + 0.75 * s, hi[e][e] + 0.4375 * s};
    }

    private static double[] csqrt(double re, double im) {
        double r = Math.hypot(re, im);
        double a = Math.sqrt((r + Math.abs(re)) / 2);
        if (a == 0) {
            return new double[] {0, 0};
        }
        double b = im / (2 * a);
        return re >= 0 ? new double[] {a, b} : new double[] {Math.abs(b), im >= 0 ? a : -a};
    }

    /** One shifted QR step H - mu I = Q R, H <- R Q + mu I on rows and columns l..e. */
    private static void qrStep(double[][] hr, double[][] hi, int l, int e, double mur, double mui) {
        for (int i = l; i <= e; i++) {
            hr[i][i] -= mur;
            hi[i][i] -= mui;
        }
        int k = e - l;
        double[] cs = new double[k];
        double[] sr = new double[k];
        double[] si = new double[k];
        for (int j = l; j < e; j++) {
            double ar = hr[j][j];
            double ai = hi[j][j];
            double br = hr[j + 1][j];
            double bi = hi[j + 1][j];
            double absA = Math.hypot(ar, ai);
            double norm = Math.hypot(absA, Math.hypot(br, bi));
            double c;
            double sRe;
            double sIm;
            if (norm == 0) {
                c = 1;
                sRe = 0;
                sIm = 0;
            } else if (absA == 0) {
                c = 0;
                sRe = 1;
                sIm = 0;
            } else {
                c = absA / norm;
                // s = (a/|a|) conj(b) / norm
                double ur = ar / absA;
                double ui = ai / absA;
                sRe = (ur * br + ui * bi) / norm;
                sIm = (ui * br - ur * bi) / norm;
            }
            cs[j - l] = c;
            sr[j - l] = sRe;
            si[j - l] = sIm;
            for (int col = j; col <= e; col++) {
                double xr = hr[j][col];
                double xi = hi[j][col];
                double yr = hr[j + 1][col];
                double yi = hi[j + 1][col];
                // x' = c x + s y ; y' = -conj(s) x + c y
                hr[j][col] = c * xr + sRe * yr - sIm * yi;
                hi[j][col] = c * xi + sRe * yi + sIm * yr;
                hr[j + 1][col] = -(sRe * xr + sIm * xi) + c * yr;
                hi[j + 1][col] = -(sRe * xi - sIm * xr) + c * yi;
            }
        }
        for (int j = l; j < e; j++) {
            double c = cs[j - l];
            double sRe = sr[j - l];
            double sIm = si[j - l];
            int last = Math.min(j + 2, e);
            for (int row = l; row <= last; row++) {
                double xr = hr[row][j];
                double xi = hi[row][j];
                double yr = hr[row][j + 1];
                double yi = hi[row][j + 1];
                // x' = x c + y conj(s) ; y' = -x s + y c
                hr[row][j] = c * xr + yr * sRe + yi * sIm;
                hi[row][j] = c * xi + yi * sRe - yr * sIm;
                hr[row][j + 1] = -(xr * sRe - xi * sIm) + c * yr;
                hi[row][j + 1] = -(xr * sIm + xi * sRe) + c * yi;
            }
        }
        for (int i = l; i <= e; i++) {
            hr[i][i] += mur;
            hi[i][i] += mui;
        }
    }
}

package org.mbpo4j.baselines.lqr;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Dense matrices of {@link BigDecimal} rounded to a chosen number of significant digits, for
 * the two computations of this package that double precision cannot do and EJML (double only)
 * cannot either: the Riccati equation of a system whose eigenvalues span many orders of
 * magnitude ({@link Riccati}'s fallback), and the stability of a closed loop whose eigenvalues
 * are too ill-conditioned for any double-precision eigenvalue solver
 * ({@link #closedLoop}). A double converts exactly; products and sums round to the context.
 */
final class Extended {
    private final MathContext mc;

    /** Arithmetic rounded to {@code digits} significant decimal digits. */
    Extended(int digits) {
        this.mc = new MathContext(digits, RoundingMode.HALF_EVEN);
    }

    /** The number of significant digits. */
    int digits() {
        return mc.getPrecision();
    }

    /** The exact value of a double matrix. */
    static BigDecimal[][] of(double[][] a) {
        BigDecimal[][] r = new BigDecimal[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = new BigDecimal[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                r[i][j] = new BigDecimal(a[i][j]);
            }
        }
        return r;
    }

    /** Each entry rounded to the nearest double. */
    static double[][] toDouble(BigDecimal[][] a) {
        double[][] r = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                r[i][j] = a[i][j].doubleValue();
            }
        }
        return r;
    }

    BigDecimal[][] identity(int n) {
        BigDecimal[][] r = zeros(n, n);
        for (int i = 0; i < n; i++) {
            r[i][i] = BigDecimal.ONE;
        }
        return r;
    }

    static BigDecimal[][] zeros(int rows, int cols) {
        BigDecimal[][] r = new BigDecimal[rows][cols];
        for (BigDecimal[] row : r) {
            java.util.Arrays.fill(row, BigDecimal.ZERO);
        }
        return r;
    }

    BigDecimal[][] mul(BigDecimal[][] a, BigDecimal[][] b) {
        int n = a.length;
        int k = b.length;
        int m = b.length == 0 ? 0 : b[0].length;
        BigDecimal[][] r = new BigDecimal[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                BigDecimal s = BigDecimal.ZERO;
                for (int p = 0; p < k; p++) {
                    if (a[i][p].signum() != 0 && b[p][j].signum() != 0) {
                        s = s.add(a[i][p].multiply(b[p][j], mc), mc);
                    }
                }
                r[i][j] = s;
            }
        }
        return r;
    }

    BigDecimal[][] mul(BigDecimal[][] a, BigDecimal[][] b, BigDecimal[][] c) {
        return mul(mul(a, b), c);
    }

    BigDecimal[][] add(BigDecimal[][] a, BigDecimal[][] b) {
        BigDecimal[][] r = new BigDecimal[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = new BigDecimal[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                r[i][j] = a[i][j].add(b[i][j], mc);
            }
        }
        return r;
    }

    BigDecimal[][] sub(BigDecimal[][] a, BigDecimal[][] b) {
        BigDecimal[][] r = new BigDecimal[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = new BigDecimal[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                r[i][j] = a[i][j].subtract(b[i][j], mc);
            }
        }
        return r;
    }

    static BigDecimal[][] t(BigDecimal[][] a) {
        int m = a.length == 0 ? 0 : a[0].length;
        BigDecimal[][] r = new BigDecimal[m][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < m; j++) {
                r[j][i] = a[i][j];
            }
        }
        return r;
    }

    /** (a + a') / 2. */
    BigDecimal[][] symmetrise(BigDecimal[][] a) {
        BigDecimal half = new BigDecimal("0.5");
        BigDecimal[][] r = new BigDecimal[a.length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                r[i][j] = a[i][j].add(a[j][i], mc).multiply(half, mc);
            }
        }
        return r;
    }

    /**
     * The inverse, by Gauss-Jordan elimination with partial pivoting.
     *
     * @throws ArithmeticException if a pivot is exactly zero
     */
    BigDecimal[][] inverse(BigDecimal[][] a) {
        int n = a.length;
        BigDecimal[][] w = new BigDecimal[n][];
        BigDecimal[][] x = identity(n);
        for (int i = 0; i < n; i++) {
            w[i] = a[i].clone();
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (w[r][c].abs().compareTo(w[p][c].abs()) > 0) {
                    p = r;
                }
            }
            if (w[p][c].signum() == 0) {
                throw new ArithmeticException("singular matrix in extended precision (column " + c + ")");
            }
            BigDecimal[] tmp = w[p];
            w[p] = w[c];
            w[c] = tmp;
            tmp = x[p];
            x[p] = x[c];
            x[c] = tmp;
            BigDecimal pivot = w[c][c];
            for (int j = 0; j < n; j++) {
                w[c][j] = w[c][j].divide(pivot, mc);
                x[c][j] = x[c][j].divide(pivot, mc);
            }
            for (int r = 0; r < n; r++) {
                BigDecimal f = w[r][c];
                if (r != c && f.signum() != 0) {
                    for (int j = 0; j < n; j++) {
                        w[r][j] = w[r][j].subtract(f.multiply(w[c][j], mc), mc);
                        x[r][j] = x[r][j].subtract(f.multiply(x[c][j], mc), mc);
                    }
                }
            }
        }
        return x;
    }

    /** log10 of the Frobenius norm (-Infinity for a zero matrix); any magnitude, no overflow. */
    double log10Norm(BigDecimal[][] a) {
        BigDecimal s = BigDecimal.ZERO;
        for (BigDecimal[] row : a) {
            for (BigDecimal v : row) {
                s = s.add(v.multiply(v, mc), mc);
            }
        }
        return log10(s) / 2;
    }

    /** log10 |x| (-Infinity for 0). */
    static double log10(BigDecimal x) {
        if (x.signum() == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        BigDecimal ax = x.abs();
        long exponent = (long) ax.precision() - ax.scale() - 1;
        BigDecimal mantissa = ax.movePointLeft((int) exponent);
        return exponent + Math.log10(mantissa.doubleValue());
    }

    /**
     * The stability of a closed loop and bounds on its spectral radius, from its powers.
     *
     * @param stable whether the spectral radius is certified below 1
     * @param lower a lower bound on the spectral radius, {@code (|trace X_j| / n)^(1/2^j)}
     * @param upper an upper bound on it, {@code ||X_j||_F^(1/2^j)}
     * @param estimate the ratio {@code (||X_j|| / ||X_j-1||)^(1/2^(j-1))}, which tends to it
     */
    record LoopCheck(boolean stable, double lower, double upper, double estimate) {
        /**
         * {@code rho} when it lies within the bounds (to 1e-9), else the estimate: a
         * double-precision eigenvalue of a nearly defective loop may be far off.
         */
        double checked(double rho) {
            return rho >= lower * (1 - 1e-9) && rho <= upper * (1 + 1e-9) ? rho : estimate;
        }
    }

    /**
     * Whether the closed loop {@code A + B K} is stable, decided in extended precision where the
     * double-precision eigenvalues cannot be trusted: a nearly defective matrix of large norm
     * (such as the optimal loop of a system with an eigenvalue of 1e10, whose two eigenvalues
     * 0.27 and 0 a backward-stable solver can return as about +-116) moves its eigenvalues by
     * about sqrt(1e-16) ||A + B K|| under rounding. The matrix is formed exactly from the
     * doubles given and squared repeatedly, {@code X_j = (A + B K)^(2^j)}, with
     * 50 + 2 log10 ||A + B K|| significant digits (room for the cancellation in the products of
     * a large, nearly nilpotent matrix): {@code rho <= ||X_j||^(1/2^j)} certifies stability as
     * soon as {@code ||X_j|| < 1}, and {@code rho >= (|trace X_j| / n)^(1/2^j)} certifies
     * instability as soon as {@code |trace X_j| >= n}. A loop that neither certifies by
     * j = 62, or whose powers grow past 10^100000, is not stable for any practical purpose and
     * counts as unstable. A stable loop is squared on to j = 10 to tighten the bounds.
     */
    static LoopCheck closedLoop(double[][] a, double[][] b, double[][] k) {
        int n = a.length;
        // A + B K exactly, as the doubles given define it
        BigDecimal[][] p = of(a);
        BigDecimal[][] bd = of(b);
        BigDecimal[][] kd = of(k);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int u = 0; u < kd.length; u++) {
                    p[i][j] = p[i][j].add(bd[i][u].multiply(kd[u][j]));
                }
            }
        }
        double norm = Math.pow(10, new Extended(20).log10Norm(p));
        int digits = 50 + 2 * (int) Math.ceil(Math.log10(Math.max(1, Math.min(norm, 1e300))));
        Extended x = new Extended(digits);
        double power = 1;
        double logNorm = x.log10Norm(p);
        Boolean stable = null;
        double estimate = Double.NaN;
        for (int j = 0; j < 62; j++) {
            if (stable == null) {
                if (logNorm < 0) {
                    stable = true;
                } else if (log10(trace(p, x)) >= Math.log10(n) || logNorm > 100_000) {
                    stable = false;
                    break;
                }
            }
            if (Boolean.TRUE.equals(stable) && (j >= 10 || logNorm == Double.NEGATIVE_INFINITY)) {
                break;
            }
            BigDecimal[][] next = x.mul(p, p);
            double nextLog = x.log10Norm(next);
            estimate = nextLog == Double.NEGATIVE_INFINITY ? 0 : Math.pow(10, (nextLog - logNorm) / power);
            p = next;
            logNorm = nextLog;
            power *= 2;
        }
        double upper = logNorm == Double.NEGATIVE_INFINITY ? 0 : Math.pow(10, logNorm / power);
        double lower = Math.pow(10, (log10(trace(p, x)) - Math.log10(n)) / power);
        return new LoopCheck(Boolean.TRUE.equals(stable), lower, upper, Double.isNaN(estimate) ? upper : estimate);
    }

    private static BigDecimal trace(BigDecimal[][] a, Extended x) {
        BigDecimal s = BigDecimal.ZERO;
        for (int i = 0; i < a.length; i++) {
            s = s.add(a[i][i], x.mc);
        }
        return s;
    }
}

package org.mbpo4j.baselines.lqr;

import java.math.BigDecimal;

/**
 * The discrete algebraic Riccati equation
 * {@code P = Q + A'PA - A'PB (R + B'PB)^-1 B'PA}: its stabilising solution P*, the optimal gain
 * {@code K* = -(R + B'PB)^-1 B'PA} (u = K x) and the optimal average cost
 * {@code noiseStd^2 trace(P)}.
 *
 * <p>The method, in three steps:
 * <ol>
 *   <li><b>Balancing.</b> The state is rescaled by powers of two ({@code Balancing#forRiccati},
 *       exact in floating point), so that the units of the states do not matter; P and K are
 *       scaled back at the end.</li>
 *   <li><b>Doubling in double precision.</b> The structure-preserving doubling algorithm (SDA;
 *       Chu, Fan, Lin and Wang 2004), which converges quadratically to the stabilising solution
 *       even when the optimal closed loop is slow (spectral radius near 1, where plain Riccati
 *       iteration needs thousands of steps):
 *       <pre>
 *   A0 = A, G0 = B R^-1 B', H0 = Q,  W = I + G H
 *   A &lt;- A W^-1 A,  G &lt;- G + A W^-1 G A',  H &lt;- H + A' H W^-1 A   (H -&gt; P)
 *       </pre>
 *       with EJML's LU for the solves, polished with Newton (Hewer) steps
 *       {@code P <- Lyapunov(A+BK, Q+K'RK)} while they reduce the residual. This answer is kept
 *       when its {@link #residual} is at most {@value #ACCEPT} and its closed loop is certified
 *       stable ({@code Extended#closedLoop}).</li>
 *   <li><b>Doubling in extended precision</b>, otherwise. An open-loop eigenvalue of size a
 *       makes the doubling's intermediate matrices reach about a^4 beside entries of size 1
 *       (about 4 log10 a decimal digits lost: the double-precision answer for
 *       A = [[1e5, 1e5], [0, 1]] is 1% off and its gain unstable), and no diagonal scaling
 *       changes an eigenvalue. The same iteration in {@link BigDecimal} arithmetic, with the
 *       digits lost measured from the condition of W and the precision raised until at least
 *       34 digits survive, gives P and K correctly rounded to double. For
 *       A = [[1e10, 1e10], [0, 1]] nothing less will do: the optimal loop there is stable only
 *       because K2 - K1 is -1 to within 1e-10 while K is about 1e10, so a gain one unit in the
 *       last place away from the correctly rounded one has a closed-loop eigenvalue of modulus
 *       about 140.</li>
 * </ol>
 * Either way the final gain's closed loop must be certified stable, else there is no
 * stabilising solution (modes on the unit circle that Q does not see) and
 * {@link InvalidSystemException} says so. The residual reported ({@link LqrSolution#residual})
 * is {@link #residual}'s measure on the balanced equation: the same up to rounding for a
 * well-scaled system, and finite for one whose entries span hundreds of orders of magnitude,
 * where the terms of the given equation overflow.
 */
public final class Riccati {
    private static final int MAX_ITERATIONS = 200;
    /** Largest {@link #residual} at which the double-precision solution is kept. */
    static final double ACCEPT = 1e-12;
    /** Decimal digits that must survive the extended-precision doubling (twice a double's 17). */
    private static final int DIGITS_KEPT = 34;
    /** Most decimal digits the extended-precision doubling may use. */
    private static final int MAX_DIGITS = 2000;

    private Riccati() {
    }

    /**
     * The optimal solution of {@code sys}.
     *
     * @throws InvalidSystemException if no stabilising solution exists (a case the
     *     stabilisability check lets through: modes on the unit circle that Q does not see), or
     *     none can be found; the message names the source and the reason
     */
    public static LqrSolution solve(LqrSystem sys) {
        double[][] a = sys.a();
        double[][] b = sys.b();
        double[][] g;
        try {
            g = Mat.symmetrise(Mat.mul(b, Mat.solve(sys.r(), Mat.t(b))));
        } catch (ArithmeticException e) {
            throw unsolved(sys, "R cannot be inverted in double precision (" + e.getMessage() + ")");
        }
        Balancing bal = Balancing.forRiccati(a, g, sys.q());
        double[][][] scaled = {bal.similar(a), bal.inputs(b), bal.form(sys.q()), sys.r()};
        Candidate c = doublePrecision(scaled);
        Extended.LoopCheck loop = null;
        if (c != null && residual(scaled, c.p) <= ACCEPT) {
            loop = Extended.closedLoop(scaled[0], scaled[1], c.k);
        }
        if (loop == null || !loop.stable()) {
            c = extendedPrecision(sys, scaled);
            loop = Extended.closedLoop(scaled[0], scaled[1], c.k);
        }
        double residual = residual(scaled, c.p);
        c = c.back(bal);
        double[][] l = PolicyCost.closedLoop(sys, c.k);
        double rho;
        try {
            rho = Mat.spectralRadius(l);
        } catch (ArithmeticException e) {
            rho = Double.NaN;
        }
        if (!loop.stable()) {
            throw noSolution(sys, "the Riccati solution leaves the closed loop A + B K with spectral radius "
                    + (rho >= 1 ? rho : loop.estimate()) + " (modes on the unit circle that Q does not penalise;"
                    + " make Q positive definite)");
        }
        // the double-precision eigenvalues of a nearly defective loop can be far off; the
        // extended-precision powers bound the spectral radius
        rho = loop.checked(rho);
        double costStar = sys.noiseStd() * sys.noiseStd() * Mat.trace(c.p);
        return new LqrSolution(c.p, c.k, costStar, rho, residual, c.iterations);
    }

    /** The greedy gain {@code -(R + B'PB)^-1 B'PA} for a value matrix P. */
    public static double[][] gain(LqrSystem sys, double[][] p) {
        return gain(sys.a(), sys.b(), sys.r(), p);
    }

    private static double[][] gain(double[][] a, double[][] b, double[][] r, double[][] p) {
        double[][] btp = Mat.mul(Mat.t(b), p);
        return Mat.scale(-1, Mat.solve(Mat.add(r, Mat.mul(btp, b)), Mat.mul(btp, a)));
    }

    /**
     * The relative residual of the Riccati equation at P: the Frobenius norm of
     * {@code Q + A'PA - A'PB (R+B'PB)^-1 B'PA - P} divided by the sum of the norms of its four
     * terms (a normwise backward error: about 1e-16 for P correctly rounded to double). Dividing
     * by ||P|| alone gives the same within a small factor for a well-scaled system, but is no
     * measure of accuracy for a badly scaled one: for A = [[1e10, 1e10], [0, 1]] the exact P
     * rounded to double has ||residual|| / ||P|| = 1.8e4 (2e-6 for 1e5), because A'PA is 1e20
     * times larger than P. +Infinity when R + B'PB cannot be inverted.
     */
    public static double residual(LqrSystem sys, double[][] p) {
        return residual(sys.a(), sys.b(), sys.q(), sys.r(), p);
    }

    private static double residual(double[][][] sys, double[][] p) {
        return residual(sys[0], sys[1], sys[2], sys[3], p);
    }

    private static double residual(double[][] a, double[][] b, double[][] q, double[][] r, double[][] p) {
        double[][] atp = Mat.mul(Mat.t(a), p);
        double[][] atpa = Mat.mul(atp, a);
        double[][] atpb = Mat.mul(atp, b);
        double[][] corr;
        try {
            corr = Mat.mul(atpb, Mat.solve(Mat.add(r, Mat.mul(Mat.t(b), p, b)), Mat.t(atpb)));
        } catch (ArithmeticException e) {
            return Double.POSITIVE_INFINITY;
        }
        double res = Mat.norm(Mat.sub(Mat.sub(Mat.add(q, atpa), corr), p));
        double terms = Mat.norm(q) + Mat.norm(atpa) + Mat.norm(corr) + Mat.norm(p);
        return terms == 0 ? res : res / terms;
    }

    /** A solution in some coordinates: P, K and the doubling iterations used. */
    private record Candidate(double[][] p, double[][] k, int iterations) {
        Candidate back(Balancing bal) {
            return new Candidate(bal.formBack(p), bal.gainBack(k), iterations);
        }
    }

    /** Doubling and Newton polish in double precision on {a, b, q, r}; null where it breaks down. */
    private static Candidate doublePrecision(double[][][] sys) {
        double[][] a = sys[0];
        double[][] b = sys[1];
        double[][] q = sys[2];
        double[][] r = sys[3];
        int n = a.length;
        try {
            double[][] g = Mat.symmetrise(Mat.mul(b, Mat.solve(r, Mat.t(b))));
            double[][] h = Mat.copy(q);
            double[][] ak = Mat.copy(a);
            double[][] id = Mat.identity(n);
            int it = 0;
            boolean converged = false;
            while (it < MAX_ITERATIONS && !converged) {
                it++;
                double[][] w = Mat.add(id, Mat.mul(g, h));
                double[][] winvA = Mat.solve(w, ak);
                double[][] winvG = Mat.solve(w, g);
                double[][] hNext = Mat.symmetrise(Mat.add(h, Mat.mul(Mat.t(ak), h, winvA)));
                double[][] gNext = Mat.symmetrise(Mat.add(g, Mat.mul(ak, winvG, Mat.t(ak))));
                double[][] aNext = Mat.mul(ak, winvA);
                if (!Mat.isFinite(hNext) || !Mat.isFinite(gNext) || !Mat.isFinite(aNext)) {
                    return null;
                }
                converged = Mat.norm(Mat.sub(hNext, h)) <= 1e-15 * Math.max(Mat.norm(hNext), Double.MIN_NORMAL)
                        || Mat.maxAbs(aNext) < 1e-200;
                h = hNext;
                g = gNext;
                ak = aNext;
            }
            if (!converged) {
                return null;
            }
            double[][] p = h;
            double[][] k = gain(a, b, r, p);
            double res = residual(a, b, q, r, p);
            for (int polish = 0; polish < 3; polish++) {
                double[][] l = Mat.add(a, Mat.mul(b, k));
                if (!(Mat.spectralRadius(l) < 1)) {
                    break;
                }
                double[][] next;
                try {
                    next = Lyapunov.solve(l, Mat.add(q, Mat.mul(Mat.t(k), r, k)));
                } catch (ArithmeticException e) {
                    break;
                }
                double r2 = residual(a, b, q, r, next);
                if (!(r2 < res)) {
                    break;
                }
                p = next;
                res = r2;
                k = gain(a, b, r, p);
            }
            return Mat.isFinite(p) && Mat.isFinite(k) ? new Candidate(p, k, it) : null;
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /**
     * The same doubling in {@link BigDecimal} arithmetic on {a, b, q, r}, with the precision
     * raised until at least {@value #DIGITS_KEPT} digits survive the conditioning of W; P and
     * K rounded to double at the end.
     */
    private static Candidate extendedPrecision(LqrSystem source, double[][][] sys) {
        try {
            return extendedDoubling(source, sys);
        } catch (ArithmeticException e) {
            throw unsolved(source, e.getMessage());
        }
    }

    private static Candidate extendedDoubling(LqrSystem source, double[][][] sys) {
        int n = sys[0].length;
        int digits = 50;
        while (true) {
            Extended x = new Extended(digits);
            BigDecimal[][] a = Extended.of(sys[0]);
            BigDecimal[][] b = Extended.of(sys[1]);
            BigDecimal[][] q = Extended.of(sys[2]);
            BigDecimal[][] r = Extended.of(sys[3]);
            BigDecimal[][] g = x.symmetrise(x.mul(b, x.inverse(r), Extended.t(b)));
            BigDecimal[][] h = q;
            BigDecimal[][] ak = a;
            BigDecimal[][] id = x.identity(n);
            double lost = 0;
            int it = 0;
            boolean converged = false;
            while (it < MAX_ITERATIONS && !converged) {
                it++;
                BigDecimal[][] w = x.add(id, x.mul(g, h));
                BigDecimal[][] winv = x.inverse(w);
                lost = Math.max(lost, x.log10Norm(w) + x.log10Norm(winv));
                BigDecimal[][] winvA = x.mul(winv, ak);
                BigDecimal[][] hNext = x.symmetrise(x.add(h, x.mul(Extended.t(ak), h, winvA)));
                BigDecimal[][] gNext = x.symmetrise(x.add(g, x.mul(ak, x.mul(winv, g), Extended.t(ak))));
                BigDecimal[][] aNext = x.mul(ak, winvA);
                double change = x.log10Norm(x.sub(hNext, h));
                converged = change == Double.NEGATIVE_INFINITY
                        || change - x.log10Norm(hNext) <= -(digits - lost - 5);
                h = hNext;
                g = gNext;
                ak = aNext;
            }
            if (converged && digits - lost >= DIGITS_KEPT) {
                BigDecimal[][] btp = x.mul(Extended.t(b), h);
                BigDecimal[][] k = x.mul(x.inverse(x.add(r, x.mul(btp, b))), x.mul(btp, a));
                double[][] kd = Extended.toDouble(k);
                for (double[] row : kd) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] = -row[j];
                    }
                }
                double[][] p = Extended.toDouble(h);
                if (!Mat.isFinite(p) || !Mat.isFinite(kd)) {
                    throw unsolved(source, "its solution is too large for double precision");
                }
                return new Candidate(p, kd, it);
            }
            if (!converged && digits - lost >= DIGITS_KEPT) {
                throw unsolved(source, "the doubling iteration did not converge in " + MAX_ITERATIONS + " steps");
            }
            int more = (int) Math.ceil(lost) + DIGITS_KEPT + 16;
            if (more <= digits || more > MAX_DIGITS) {
                throw unsolved(source, "it is too ill-conditioned to solve even with " + digits
                        + " significant digits (about " + Math.round(lost) + " are lost)");
            }
            digits = more;
        }
    }

    private static InvalidSystemException unsolved(LqrSystem sys, String why) {
        return new InvalidSystemException(sys.source() + ": the Riccati equation could not be solved: " + why);
    }

    private static InvalidSystemException noSolution(LqrSystem sys, String why) {
        return new InvalidSystemException(sys.source() + ": the Riccati equation has no stabilising solution: " + why);
    }
}

package org.mbpo4j.baselines.lqr;

/**
 * The discrete algebraic Riccati equation
 * {@code P = Q + A'PA - A'PB (R + B'PB)^-1 B'PA} by the structure-preserving doubling algorithm
 * (SDA; Chu, Fan, Lin and Wang 2004), which converges quadratically to the stabilising solution
 * even when the optimal closed loop is slow (spectral radius near 1, where plain Riccati
 * iteration needs thousands of steps):
 * <pre>
 *   A0 = A, G0 = B R^-1 B', H0 = Q,  W = I + G H
 *   A <- A W^-1 A,  G <- G + A W^-1 G A',  H <- H + A' H W^-1 A   (H -> P)
 * </pre>
 * The result is polished with Newton (Hewer) steps {@code P <- Lyapunov(A+BK, Q+K'RK)} while
 * they reduce the residual. The optimal gain is {@code K* = -(R + B'PB)^-1 B'PA} (u = K x) and
 * the optimal average cost {@code noiseStd^2 trace(P)}.
 */
public final class Riccati {
    private static final int MAX_ITERATIONS = 200;

    private Riccati() {
    }

    /**
     * The optimal solution of {@code sys}.
     *
     * @throws InvalidSystemException if no stabilising solution exists (a case the
     *     stabilisability check lets through: modes on the unit circle that Q does not see)
     */
    public static LqrSolution solve(LqrSystem sys) {
        int n = sys.n();
        double[][] a = sys.a();
        double[][] b = sys.b();
        double[][] g = Mat.mul(b, Mat.solve(sys.r(), Mat.t(b)));
        double[][] h = Mat.copy(sys.q());
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
                throw noSolution(sys, "the doubling iteration diverged");
            }
            converged = Mat.norm(Mat.sub(hNext, h)) <= 1e-15 * Math.max(Mat.norm(hNext), Double.MIN_NORMAL)
                    || Mat.maxAbs(aNext) < 1e-200;
            h = hNext;
            g = gNext;
            ak = aNext;
        }
        if (!converged) {
            throw noSolution(sys, "the doubling iteration did not converge in " + MAX_ITERATIONS + " steps");
        }
        double[][] p = h;
        double[][] k = gain(sys, p);
        double residual = residual(sys, p);
        for (int polish = 0; polish < 3; polish++) {
            PolicyCost pc = PolicyCost.of(sys, k);
            if (!pc.stable()) {
                break;
            }
            double r2 = residual(sys, pc.p());
            if (!(r2 < residual)) {
                break;
            }
            p = pc.p();
            residual = r2;
            k = gain(sys, p);
        }
        double rho = Mat.spectralRadius(PolicyCost.closedLoop(sys, k));
        if (!(rho < 1)) {
            throw noSolution(sys, "the Riccati solution leaves the closed loop A + B K with spectral radius " + rho
                    + " (modes on the unit circle that Q does not penalise; make Q positive definite)");
        }
        double costStar = sys.noiseStd() * sys.noiseStd() * Mat.trace(p);
        return new LqrSolution(p, k, costStar, rho, residual, it);
    }

    /** The greedy gain {@code -(R + B'PB)^-1 B'PA} for a value matrix P. */
    public static double[][] gain(LqrSystem sys, double[][] p) {
        double[][] btp = Mat.mul(Mat.t(sys.b()), p);
        return Mat.scale(-1, Mat.solve(Mat.add(sys.r(), Mat.mul(btp, sys.b())), Mat.mul(btp, sys.a())));
    }

    /**
     * The relative residual ||Q + A'PA - A'PB (R+B'PB)^-1 B'PA - P||_F / ||P||_F.
     */
    public static double residual(LqrSystem sys, double[][] p) {
        double[][] a = sys.a();
        double[][] b = sys.b();
        double[][] atpb = Mat.mul(Mat.t(a), p, b);
        double[][] rhs = Mat.add(sys.q(), Mat.mul(Mat.t(a), p, a));
        double[][] corr = Mat.mul(atpb, Mat.solve(Mat.add(sys.r(), Mat.mul(Mat.t(b), p, b)), Mat.t(atpb)));
        return Mat.norm(Mat.sub(Mat.sub(rhs, corr), p)) / Math.max(Mat.norm(p), Double.MIN_NORMAL);
    }

    private static InvalidSystemException noSolution(LqrSystem sys, String why) {
        return new InvalidSystemException(sys.source() + ": the Riccati equation has no stabilising solution: " + why);
    }
}

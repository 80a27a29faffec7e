package org.mbpo4j.baselines.lqr;

/**
 * The exact infinite-horizon average cost per step of the linear policy {@code u = K x} (plus
 * optional Gaussian exploration {@code sigma * N(0, I)}) on a system, from the discrete
 * Lyapunov equation {@code P_K = Q + K'RK + (A+BK)' P_K (A+BK)}:
 * <pre>
 *   cost(K)          = noiseStd^2 trace(P_K)
 *   cost(K, sigma)   = noiseStd^2 trace(P_K) + sigma^2 trace(R + B' P_K B)
 * </pre>
 * A gain with closed-loop spectral radius at or above 1 is unstable: its cost is
 * {@code +Infinity} and {@link #stable()} is false (never NaN). The gradient of the average
 * cost (Fazel et al. 2018) is {@code 2 E_K S_K} with {@code E_K = (R + B'P_K B) K + B'P_K A} and
 * the stationary state covariance {@code S_K = (A+BK) S_K (A+BK)' + W}.
 *
 * @param k the gain
 * @param stable whether A + B K is stable
 * @param spectralRadius closed-loop spectral radius
 * @param p P_K (null when unstable)
 * @param cost average cost per step of the deterministic gain (+Infinity when unstable)
 */
public record PolicyCost(double[][] k, boolean stable, double spectralRadius, double[][] p, double cost) {

    /** The exact cost of {@code u = K x} on {@code sys}. */
    public static PolicyCost of(LqrSystem sys, double[][] k) {
        checkGain(sys, k);
        double[][] l = closedLoop(sys, k);
        double rho = Mat.spectralRadius(l);
        if (!(rho < 1)) {
            return new PolicyCost(Mat.copy(k), false, rho, null, Double.POSITIVE_INFINITY);
        }
        double[][] m = Mat.add(sys.q(), Mat.mul(Mat.t(k), sys.r(), k));
        double[][] p;
        try {
            p = Lyapunov.solve(l, m);
        } catch (ArithmeticException e) {
            return new PolicyCost(Mat.copy(k), false, rho, null, Double.POSITIVE_INFINITY);
        }
        double cost = sys.noiseStd() * sys.noiseStd() * Mat.trace(p);
        if (!Double.isFinite(cost)) {
            return new PolicyCost(Mat.copy(k), false, rho, null, Double.POSITIVE_INFINITY);
        }
        return new PolicyCost(Mat.copy(k), true, rho, p, cost);
    }

    /** A + B K. */
    public static double[][] closedLoop(LqrSystem sys, double[][] k) {
        return Mat.add(sys.a(), Mat.mul(sys.b(), k));
    }

    /** The average cost of the Gaussian policy {@code u ~ N(K x, sigma^2 I)}. */
    public double gaussianCost(LqrSystem sys, double sigma) {
        if (!stable) {
            return Double.POSITIVE_INFINITY;
        }
        return cost + sigma * sigma * Mat.trace(curvature(sys));
    }

    /** {@code R + B' P_K B}, the curvature of the Q-function in u. */
    public double[][] curvature(LqrSystem sys) {
        requireStable();
        return Mat.add(sys.r(), Mat.mul(Mat.t(sys.b()), p, sys.b()));
    }

    /** {@code E_K = (R + B'P_K B) K + B'P_K A}: half the natural gradient; zero exactly at K*. */
    public double[][] naturalGradientHalf(LqrSystem sys) {
        requireStable();
        return Mat.add(Mat.mul(curvature(sys), k), Mat.mul(Mat.t(sys.b()), p, sys.a()));
    }

    /**
     * The gradient of the average cost of the Gaussian policy with exploration sigma in K:
     * {@code 2 E_K S_K}, S_K the stationary state covariance under noise
     * {@code noiseStd^2 I + sigma^2 B B'}.
     */
    public double[][] gradient(LqrSystem sys, double sigma) {
        requireStable();
        double[][] w = Mat.add(Mat.scale(sys.noiseStd() * sys.noiseStd(), Mat.identity(sys.n())),
                Mat.scale(sigma * sigma, Mat.mul(sys.b(), Mat.t(sys.b()))));
        double[][] s = Lyapunov.covariance(closedLoop(sys, k), w);
        return Mat.scale(2, Mat.mul(naturalGradientHalf(sys), s));
    }

    private void requireStable() {
        if (!stable) {
            throw new IllegalStateException("the gain " + Mat.format(k) + " is unstable (spectral radius "
                    + spectralRadius + "): its cost is infinite and has no gradient");
        }
    }

    static void checkGain(LqrSystem sys, double[][] k) {
        if (k.length != sys.m() || Mat.cols(k) != sys.n()) {
            throw new IllegalArgumentException("K must be " + sys.m() + "x" + sys.n() + " (inputs x states), got "
                    + k.length + "x" + Mat.cols(k));
        }
    }
}

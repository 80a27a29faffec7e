package org.mbpo4j.baselines.lqr;

/**
 * The optimal solution of an LQR system ({@link Riccati#solve}).
 *
 * @param p the stabilising solution P* of the Riccati equation
 * @param k the optimal gain K* (u = K x)
 * @param costStar the optimal average cost per step, noiseStd^2 trace(P*)
 * @param spectralRadius the spectral radius of A + B K*
 * @param residual the relative Riccati residual of P*: relative to the size of the
 *     equation's terms, in balanced coordinates ({@link Riccati#residual})
 * @param iterations doubling iterations used (in double precision, or in extended precision
 *     where double precision did not suffice)
 */
public record LqrSolution(double[][] p, double[][] k, double costStar, double spectralRadius, double residual,
                          int iterations) {

    /** ||K - K*||_F / ||K*||_F (||K - K*||_F when K* is zero). */
    public double relativeError(double[][] gain) {
        double norm = Mat.norm(k);
        double diff = Mat.norm(Mat.sub(gain, k));
        return norm == 0 ? diff : diff / norm;
    }

    /** cost / costStar - 1 (+Infinity for an infinite cost; 0 when both are 0). */
    public double costGap(double cost) {
        if (Double.isInfinite(cost)) {
            return Double.POSITIVE_INFINITY;
        }
        if (costStar == 0) {
            return cost == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return cost / costStar - 1;
    }
}

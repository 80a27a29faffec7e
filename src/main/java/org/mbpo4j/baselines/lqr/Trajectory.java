package org.mbpo4j.baselines.lqr;

/**
 * One episode: states {@code x[0..T]}, actions {@code u[0..T-1]}, per-step costs
 * {@code c[0..T-1]} (c_t = x_t'Qx_t + u_t'Ru_t), and the Gaussian linear policy that chose the
 * actions (needed for importance weights when the data is reused under another gain).
 *
 * @param real whether it came from the real system (else from a learned model)
 */
public record Trajectory(double[][] x, double[][] u, double[] c, GaussianLinearPolicy behaviour, boolean real) {

    /** Number of steps T. */
    public int length() {
        return u.length;
    }
}

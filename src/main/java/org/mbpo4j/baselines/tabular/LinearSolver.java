package org.mbpo4j.baselines.tabular;

/** Dense Gaussian elimination with partial pivoting, for the exact policy evaluations. */
final class LinearSolver {
    private LinearSolver() {
    }

    /**
     * Solves {@code m x = b}; {@code m} and {@code b} are overwritten.
     *
     * @throws IllegalArgumentException if {@code m} is singular (a zero or non-finite pivot;
     *     callers remove the structurally singular part before, so tiny pivots are kept as
     *     legitimate, e.g. a policy that leaves a loop with probability 1e-12)
     */
    static double[] solve(double[][] m, double[] b) {
        int n = b.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            if (m[pivot][col] == 0 || !Double.isFinite(m[pivot][col])) {
                throw new IllegalArgumentException("singular linear system at column " + col);
            }
            double[] tr = m[pivot];
            m[pivot] = m[col];
            m[col] = tr;
            double tb = b[pivot];
            b[pivot] = b[col];
            b[col] = tb;
            double[] prow = m[col];
            double d = prow[col];
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / d;
                if (f == 0) {
                    continue;
                }
                double[] row = m[r];
                for (int c = col; c < n; c++) {
                    row[c] -= f * prow[c];
                }
                b[r] -= f * b[col];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double acc = b[r];
            for (int c = r + 1; c < n; c++) {
                acc -= m[r][c] * x[c];
            }
            x[r] = acc / m[r][r];
        }
        return x;
    }
}

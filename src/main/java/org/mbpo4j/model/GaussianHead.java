package org.mbpo4j.model;

import java.util.Arrays;
import org.mbpo4j.nn.Lanes;

/**
 * The output head of a Gaussian dynamics ensemble (Chua et al. 2018, as in MBPO): each member's
 * network output row holds {@code dim} means followed by {@code dim} raw log-variances, and the
 * log-variance is soft-bounded between learned per-dimension bounds:
 * <pre>
 *   lv = max - softplus(max - raw)
 *   lv = min + softplus(lv - min)
 * </pre>
 * Training loss, summed over members {@code e}:
 * <pre>
 *   L = sum_e [ mean_{rows, dims} (mu - y)^2 exp(-lv) + mean_{rows, dims} lv ]
 *       + boundPenalty * (sum(max) - sum(min))
 * </pre>
 * Plain Java over {@code float[]}: the caller moves the network's output in and the output
 * gradient out with {@code Kernels.read/write}, as the SAC heads do. Arithmetic per element is
 * in double. The bounds ({@link #maxLogVar()}, {@link #minLogVar()}) are trainable; their
 * gradients are written by {@link #lossAndGrad} into {@link #maxGrad()} and {@link #minGrad()}.
 *
 * <p>{@link GaussianEnsemble} combines it with the network, weight decay and the optimisers.
 */
public final class GaussianHead {
    /** MBPO's initial upper bound of the log-variance. */
    public static final float MAX_INIT = 0.5f;
    /** MBPO's initial lower bound of the log-variance. */
    public static final float MIN_INIT = -10f;
    /** MBPO's weight of {@code sum(max) - sum(min)} in the loss. */
    public static final double BOUND_PENALTY = 0.01;

    private final int dim;
    private final float[] max;
    private final float[] min;
    private final float[] dMax;
    private final float[] dMin;
    private final double[] accMax;
    private final double[] accMin;
    private final double boundPenalty;
    private double[] memberLoss = new double[0];
    private double[] weightedLoss = new double[0];
    private double[][] accMaxOf = new double[0][];
    private double[][] accMinOf = new double[0][];

    /** A head for {@code dim} output dimensions with MBPO's initial bounds and penalty. */
    public GaussianHead(int dim) {
        this(dim, MAX_INIT, MIN_INIT, BOUND_PENALTY);
    }

    public GaussianHead(int dim, float maxInit, float minInit, double boundPenalty) {
        if (dim < 1) {
            throw new IllegalArgumentException("output dimension must be >= 1, got " + dim);
        }
        if (!(minInit < maxInit)) {
            throw new IllegalArgumentException("the lower log-variance bound must be below the upper, got min "
                    + minInit + ", max " + maxInit);
        }
        this.dim = dim;
        this.max = new float[dim];
        this.min = new float[dim];
        Arrays.fill(max, maxInit);
        Arrays.fill(min, minInit);
        this.dMax = new float[dim];
        this.dMin = new float[dim];
        this.accMax = new double[dim];
        this.accMin = new double[dim];
        this.boundPenalty = boundPenalty;
    }

    /** Output dimensions (the network's output width is twice this). */
    public int dim() {
        return dim;
    }

    /** The upper bounds, one per dimension (live, trainable). */
    public float[] maxLogVar() {
        return max;
    }

    /** The lower bounds, one per dimension (live, trainable). */
    public float[] minLogVar() {
        return min;
    }

    /** dLoss/dmax from the last {@link #lossAndGrad}. */
    public float[] maxGrad() {
        return dMax;
    }

    /** dLoss/dmin from the last {@link #lossAndGrad}. */
    public float[] minGrad() {
        return dMin;
    }

    /** The bounded log-variance of dimension {@code j} for a raw network output. */
    public double logVar(double raw, int j) {
        double mx = max[j];
        double mn = min[j];
        double lv = mx - softplus(mx - raw);
        return mn + softplus(lv - mn);
    }

    /**
     * The loss of a batch and its gradients.
     *
     * @param out    network outputs {@code [members, rows, 2 dim]} (means, then raw log-variances)
     * @param target targets {@code [members, rows, dim]}
     * @param dOut   receives dLoss/dOut, layout of {@code out} (overwritten)
     * @return the loss (without any weight decay)
     */
    public double lossAndGrad(float[] out, float[] target, int members, int rows, float[] dOut) {
        return lossAndGrad(out, target, members, rows, null, null, dOut);
    }

    /**
     * As {@link #lossAndGrad(float[], float[], int, int, float[])}, with each row's NLL term
     * weighted: {@code sum_e mean_{rows, dims} w_row ((mu - y)^2 exp(-lv) + lv)} plus the bound
     * penalty, and optionally each row's squared error reported (for prioritized minibatches).
     *
     * @param weights  per-row weights {@code [members, rows]}, or null for all 1 (then the
     *                 arithmetic is exactly the unweighted method's)
     * @param rowMse   receives each row's {@code mean_dims (mu - y)^2} {@code [members, rows]},
     *                 or null
     * @return the weighted loss; {@link #memberLoss} stays the unweighted NLL
     */
    public double lossAndGrad(float[] out, float[] target, int members, int rows, float[] weights, float[] rowMse,
                              float[] dOut) {
        int w = 2 * dim;
        int n = members * rows;
        if (out.length < n * w || dOut.length < n * w || target.length < n * dim || weights != null
                && weights.length < n || rowMse != null && rowMse.length < n) {
            throw new IllegalArgumentException("buffers too small for " + members + " members x " + rows + " rows");
        }
        double invN = 1.0 / ((double) rows * dim);
        if (memberLoss.length != members) {
            memberLoss = new double[members];
            weightedLoss = new double[members];
            accMaxOf = new double[members][dim];
            accMinOf = new double[members][dim];
        }
        // members are independent: shared out over the cores, each summing into its own
        // accumulators, which are then added in member order (the same bits on any core count)
        Lanes.forEachPiece(members, Lanes.count(),
                (lane, e) -> memberLossAndGrad(e, out, target, rows, weights, rowMse, dOut, invN));
        Arrays.fill(accMax, 0);
        Arrays.fill(accMin, 0);
        double loss = 0;
        for (int e = 0; e < members; e++) {
            loss += weightedLoss[e];
            for (int j = 0; j < dim; j++) {
                accMax[j] += accMaxOf[e][j];
                accMin[j] += accMinOf[e][j];
            }
        }
        for (int j = 0; j < dim; j++) {
            loss += boundPenalty * ((double) max[j] - min[j]);
            dMax[j] = (float) (accMax[j] + boundPenalty);
            dMin[j] = (float) (accMin[j] - boundPenalty);
        }
        return loss;
    }

    /** Member {@code e}'s rows of {@link #lossAndGrad}: its NLL terms, its gradients and its bound-gradient sums. */
    private void memberLossAndGrad(int e, float[] out, float[] target, int rows, float[] weights, float[] rowMse,
                                   float[] dOut, double invN) {
        int w = 2 * dim;
        double[] accMaxE = accMaxOf[e];
        double[] accMinE = accMinOf[e];
        Arrays.fill(accMaxE, 0);
        Arrays.fill(accMinE, 0);
        double nll = 0;
        double weighted = 0;
        for (int r = e * rows; r < (e + 1) * rows; r++) {
            double rowLoss = 0;
            double rowSq = 0;
            // the gradient's per-element scale: invN, times the row's weight if any (x 1 is exact)
            double g = weights == null ? invN : invN * weights[r];
            int o = r * w;
            int t = r * dim;
            for (int j = 0; j < dim; j++) {
                double mx = max[j];
                double mn = min[j];
                double raw = out[o + dim + j];
                // lv1 = mx - softplus(mx - raw); d lv1/d raw = sigmoid(mx - raw) = s1
                double a = mx - raw;
                double ea = Math.exp(-Math.abs(a));
                double lv1 = mx - (Math.max(a, 0) + Math.log(1.0 + ea));
                double s1 = a >= 0 ? 1.0 / (1.0 + ea) : ea / (1.0 + ea);
                // lv = mn + softplus(lv1 - mn); d lv/d lv1 = sigmoid(lv1 - mn) = s2
                double b = lv1 - mn;
                double eb = Math.exp(-Math.abs(b));
                double lv = mn + Math.max(b, 0) + Math.log(1.0 + eb);
                double s2 = b >= 0 ? 1.0 / (1.0 + eb) : eb / (1.0 + eb);

                double diff = (double) out[o + j] - target[t + j];
                double invVar = Math.exp(-lv);
                double sq = diff * diff * invVar;
                rowSq += diff * diff;
                rowLoss += (sq + lv) * invN;
                double dLv = (1.0 - sq) * g;
                dOut[o + j] = (float) (2.0 * diff * invVar * g);
                dOut[o + dim + j] = (float) (dLv * s2 * s1);
                accMaxE[j] += dLv * s2 * (1.0 - s1);
                accMinE[j] += dLv * (1.0 - s2);
            }
            nll += rowLoss;
            weighted += weights == null ? rowLoss : rowLoss * weights[r];
            if (rowMse != null) {
                rowMse[r] = (float) (rowSq / dim);
            }
        }
        memberLoss[e] = nll;
        weightedLoss[e] = weighted;
    }

    /**
     * Member {@code e}'s Gaussian NLL term in the last {@link #lossAndGrad} (without the bound
     * penalty): the quantity to check when the total is not finite.
     */
    public double memberLoss(int e) {
        return memberLoss[e];
    }

    /**
     * The per-dimension constants of {@link #std}: {@code scale[j] = exp(min_j / 2)},
     * {@code spread[j] = exp(max_j - min_j)}. The bounds train, so take them afresh after
     * training.
     */
    public void stdConstants(double[] scale, double[] spread) {
        for (int j = 0; j < dim; j++) {
            scale[j] = Math.exp(0.5 * min[j]);
            spread[j] = Math.exp((double) max[j] - min[j]);
        }
    }

    /**
     * The predicted standard deviation {@code exp(logVar(raw, j) / 2)} with one {@code exp} and
     * one {@code sqrt} instead of {@link #logVar}'s two softplus and an exp: since
     * {@code exp(softplus(x)) = 1 + e^x}, {@code exp(lv) = e^min (1 + e^(max - min) / (1 + e^(max - raw)))}.
     * Far below the bounds {@code e^(max - raw)} overflows to infinity and the result is
     * {@code e^(min/2)}, as it should be. {@code scale} and {@code spread} come from
     * {@link #stdConstants}.
     */
    public double std(double raw, int j, double[] scale, double[] spread) {
        if (Double.isInfinite(spread[j])) { // bounds more than 709 apart: the plain way
            return Math.exp(0.5 * logVar(raw, j));
        }
        return scale[j] * Math.sqrt(1.0 + spread[j] / (1.0 + Math.exp(max[j] - raw)));
    }

    /** log(1 + e^x), without overflow. */
    static double softplus(double x) {
        return Math.max(x, 0) + Math.log(1.0 + Math.exp(-Math.abs(x)));
    }
}

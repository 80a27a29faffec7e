package org.mbpo4j.baselines.tabular;

import java.util.List;

/**
 * Per-decision importance weights (Precup, Sutton &amp; Singh 2000) for episodes gathered under
 * older policies. For an episode with actions taken with behaviour probabilities
 * {@code mu_k = mu(a_k|s_k)}, the weight of decision {@code t} under the current policy
 * {@code pi} is the product of the ratios up to and including it:
 *
 * <pre>  w_t = prod_{k &lt;= t} pi(a_k|s_k) / mu_k </pre>
 *
 * (a reward {@code r_t} depends only on the decisions up to {@code t}, so it is weighted by
 * {@code w_t}, not by the whole episode's ratio). Two variance controls:
 * <ul>
 *   <li><b>truncation</b> {@code c}: {@code w_t <- min(w_t, c)} (the running product itself is
 *       not truncated); {@code c = +infinity} leaves the weights unbiased;</li>
 *   <li><b>normalisation</b> (per-decision weighted importance sampling): the weights at step
 *       {@code t} are divided by their mean over the batch's episodes at that step, an
 *       episode that ended earlier counting with its last weight. Biased, but consistent and of
 *       much lower variance.</li>
 * </ul>
 * On-policy data ({@code pi = mu}) gets weights exactly 1 either way.
 *
 * @param truncation the cap {@code c} on each weight, {@code > 0}; infinity for none
 * @param normalise whether to normalise the weights per step across the batch
 */
public record ImportanceWeights(double truncation, boolean normalise) {
    /** Unbiased, untruncated, unnormalised weights. */
    public static final ImportanceWeights PLAIN = new ImportanceWeights(Double.POSITIVE_INFINITY, false);

    /** Checks the truncation. */
    public ImportanceWeights {
        if (!(truncation > 0)) {
            throw new IllegalArgumentException("IS truncation (--is-truncation) must be > 0 (or inf for none), got "
                    + truncation);
        }
    }

    /** The (truncated) per-decision weights {@code w_0 .. w_{T-1}} of one episode under {@code policy}. */
    public double[] of(Episode e, SoftmaxPolicy policy) {
        double[] w = new double[e.length()];
        double product = 1;
        for (int t = 0; t < w.length; t++) {
            product *= policy.prob(e.state(t), e.action(t)) / e.behaviour(t);
            w[t] = Math.min(product, truncation);
        }
        return w;
    }

    /** The weights of every episode of a batch, normalised per step if {@link #normalise}. */
    public double[][] of(List<Episode> batch, SoftmaxPolicy policy) {
        double[][] w = new double[batch.size()][];
        int longest = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = of(batch.get(i), policy);
            longest = Math.max(longest, w[i].length);
        }
        if (!normalise || w.length == 0) {
            return w;
        }
        for (int t = 0; t < longest; t++) {
            double sum = 0;
            for (double[] wi : w) {
                sum += wi.length == 0 ? 1 : wi[Math.min(t, wi.length - 1)];
            }
            double mean = sum / w.length;
            if (mean > 0) {
                for (double[] wi : w) {
                    if (t < wi.length) {
                        wi[t] /= mean;
                    }
                }
            }
        }
        return w;
    }
}

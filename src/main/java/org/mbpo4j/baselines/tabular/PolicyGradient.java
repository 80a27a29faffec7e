package org.mbpo4j.baselines.tabular;

import java.util.List;

/**
 * The off-policy policy-gradient estimate of a batch of episodes for a {@link SoftmaxPolicy}:
 * the per-decision importance-sampled REINFORCE estimator with a state-value baseline,
 *
 * <pre>
 *   g = 1/N sum_episodes sum_t grad log pi(a_t|s_t) * ( sum_{k >= t} gamma^k w_k r_k  -  gamma^t w_t b(s_t) )
 * </pre>
 *
 * with {@code w_k} the per-decision weights of {@link ImportanceWeights} (all 1 for on-policy
 * data) and {@code grad log pi(a|s) = e_a - pi(.|s)} in row {@code s}. Without truncation or
 * normalisation this is an unbiased estimate of the gradient of
 * {@code E[sum_t gamma^t r_t]} from the episodes' start states (for real episodes the MDP's
 * start distribution; for fake ones the real states they branch from). The baseline
 * {@code b(s)} is the mean discounted return-to-go observed from {@code s} in the <i>other</i>
 * episodes of the batch (leave one episode out, so it does not depend on the episode it is
 * subtracted from and adds no bias); it is 0 where no other episode visited {@code s}.
 */
public final class PolicyGradient {
    private PolicyGradient() {
    }

    /** What one estimate used: the gradient and some statistics of the importance weights. */
    public record Estimate(double[][] gradient, int episodes, long steps, double meanWeight, double maxWeight) {
    }

    /** The estimate from {@code batch} (an empty batch gives a zero gradient). */
    public static Estimate estimate(List<Episode> batch, SoftmaxPolicy policy, double gamma,
                                    ImportanceWeights weighting) {
        int states = policy.states();
        int actions = policy.actions();
        double[][] g = new double[states][actions];
        if (batch.isEmpty()) {
            return new Estimate(g, 0, 0, Double.NaN, Double.NaN);
        }
        double[][] w = weighting.of(batch, policy);
        double[][] baseline = leaveOneOutBaseline(batch, gamma, states);
        long steps = 0;
        double weightSum = 0;
        double weightMax = 0;
        for (int i = 0; i < batch.size(); i++) {
            Episode e = batch.get(i);
            int n = e.length();
            // suffix[t] = sum_{k >= t} gamma^k w_k r_k
            double[] suffix = new double[n + 1];
            double[] discount = new double[n];
            double d = 1;
            for (int t = 0; t < n; t++) {
                discount[t] = d;
                d *= gamma;
            }
            for (int t = n - 1; t >= 0; t--) {
                suffix[t] = suffix[t + 1] + discount[t] * w[i][t] * e.reward(t);
            }
            for (int t = 0; t < n; t++) {
                int s = e.state(t);
                double signal = suffix[t] - discount[t] * w[i][t] * baseline[i][t];
                if (signal != 0) {
                    for (int a = 0; a < actions; a++) {
                        g[s][a] -= signal * policy.prob(s, a);
                    }
                    g[s][e.action(t)] += signal;
                }
                weightSum += w[i][t];
                weightMax = Math.max(weightMax, w[i][t]);
            }
            steps += n;
        }
        for (double[] row : g) {
            for (int a = 0; a < actions; a++) {
                row[a] /= batch.size();
            }
        }
        return new Estimate(g, batch.size(), steps, steps == 0 ? Double.NaN : weightSum / steps, weightMax);
    }

    /**
     * The baseline of every step of every episode: the mean discounted return-to-go from the
     * step's state over the other episodes of the batch (0 where none visited it).
     */
    static double[][] leaveOneOutBaseline(List<Episode> batch, double gamma, int states) {
        double[][] toGo = new double[batch.size()][];
        double[] sum = new double[states];
        long[] count = new long[states];
        for (int i = 0; i < batch.size(); i++) {
            Episode e = batch.get(i);
            toGo[i] = new double[e.length()];
            double ret = 0;
            for (int t = e.length() - 1; t >= 0; t--) {
                ret = e.reward(t) + gamma * ret;
                toGo[i][t] = ret;
                sum[e.state(t)] += ret;
                count[e.state(t)]++;
            }
        }
        double[] ownSum = new double[states];
        long[] ownCount = new long[states];
        double[][] b = new double[batch.size()][];
        for (int i = 0; i < batch.size(); i++) {
            Episode e = batch.get(i);
            for (int t = 0; t < e.length(); t++) {
                ownSum[e.state(t)] += toGo[i][t];
                ownCount[e.state(t)]++;
            }
            b[i] = new double[e.length()];
            for (int t = 0; t < e.length(); t++) {
                int s = e.state(t);
                long others = count[s] - ownCount[s];
                b[i][t] = others == 0 ? 0 : (sum[s] - ownSum[s]) / others;
            }
            for (int t = 0; t < e.length(); t++) {
                ownSum[e.state(t)] = 0;
                ownCount[e.state(t)] = 0;
            }
        }
        return b;
    }
}

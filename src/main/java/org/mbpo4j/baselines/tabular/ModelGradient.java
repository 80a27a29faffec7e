package org.mbpo4j.baselines.tabular;

/**
 * The <i>expected</i> policy gradient of fake episodes: what the {@link PolicyGradient}
 * estimate of a batch of {@link Rollouts#fake fake episodes} averages to as the batch grows,
 * computed exactly from the {@link CountsModel} by dynamic programming instead of by sampling.
 *
 * <p>Fake episodes start from {@code rho}, the model's visited-state distribution
 * ({@link CountsModel#sampleVisitedState}), last at most {@code H} steps, end on entering a
 * state the model knows to be terminal or on reaching a pair without data (worth 0 from
 * there). With {@code Q_k}, {@code V_k} the model's values of the policy with {@code k} steps
 * left, and {@code d_t} the probability of being in {@code s} at step {@code t} of such an
 * episode,
 *
 * <pre>
 *   g[s][a] = sum_{t &lt; H} gamma^t d_t(s) pi(a|s) (Q_{H-t}(s, a) - V_{H-t}(s))
 * </pre>
 *
 * the expectation of the REINFORCE estimate (a baseline does not change it). Why use it: the
 * model is a table, so "infinitely many fake episodes" cost {@code O(H S A k)} per update
 * ({@code k} distinct successors per pair), and a noise-free gradient lets Adam's normalised
 * steps grow the logits steadily (a sampled gradient fades into its noise as the policy gets
 * nearly deterministic, and rarely samples the action that would leave a poor local choice),
 * which is what the small gaps of the targets need.
 */
public final class ModelGradient {
    private ModelGradient() {
    }

    /** The expected gradient of {@code horizon}-step fake episodes under {@code policy} in {@code model}. */
    public static double[][] expected(CountsModel model, SoftmaxPolicy policy, double gamma, int horizon) {
        return of(model, policy, gamma, horizon, false, false);
    }

    /**
     * The natural policy gradient in the model: for a softmax table, the Fisher-preconditioned
     * gradient is the advantage itself, {@code g[s][a] = Q_H(s, a) - V_H(s)} in every state the
     * fake episodes can reach ({@code sum_t d_t(s) > 0}), 0 elsewhere. Unlike the vanilla
     * gradient it does not vanish where the policy is nearly deterministic in a poor action
     * (no factor {@code pi(a|s)}), so a choice made on an early, wrong model is undone as soon
     * as the model is corrected, and the probabilities of worse actions decrease geometrically.
     */
    public static double[][] natural(CountsModel model, SoftmaxPolicy policy, double gamma, int horizon) {
        return natural(model, policy, gamma, horizon, false);
    }

    /**
     * {@link #natural(CountsModel, SoftmaxPolicy, double, int)}, with the advantage of the
     * values iterated to convergence when {@code untilConverged} (discounted MDPs without a
     * horizon, whose values are infinite-horizon ones) instead of {@code horizon}-step values.
     */
    public static double[][] natural(CountsModel model, SoftmaxPolicy policy, double gamma, int horizon,
                                     boolean untilConverged) {
        return of(model, policy, gamma, horizon, true, untilConverged);
    }

    private static double[][] of(CountsModel model, SoftmaxPolicy policy, double gamma, int horizon,
                                 boolean natural, boolean untilConverged) {
        int states = policy.states();
        int actions = policy.actions();
        int[][][] next = new int[states][actions][];
        double[][][] prob = new double[states][actions][];
        double[][][] reward = new double[states][actions][];
        for (int s = 0; s < states; s++) {
            for (int a = 0; a < actions; a++) {
                int[] n = model.isTerminal(s) ? new int[0] : model.successors(s, a);
                next[s][a] = n;
                prob[s][a] = new double[n.length];
                reward[s][a] = new double[n.length];
                for (int i = 0; i < n.length; i++) {
                    prob[s][a][i] = model.p(s, a, n[i]);
                    reward[s][a][i] = model.reward(s, a, n[i]);
                }
            }
        }
        // advantage[k][s][a] = Q_k(s, a) - V_k(s), k = 1..horizon steps to go
        double[][][] advantage = new double[horizon + 1][][];
        double[] v = new double[states];
        for (int k = 1; k <= horizon; k++) {
            advantage[k] = new double[states][actions];
            v = sweep(model, policy, gamma, next, prob, reward, v, advantage[k]);
        }
        double[][] naturalAdvantage = advantage[horizon];
        if (natural && untilConverged) {
            // Discounted, unbounded episodes: the advantage of the infinite-horizon values, not of
            // H-step ones. Near-ties (the slippery lake at gamma 0.99, where 0.99^H is about 1e-3)
            // can flip between the two and leave the policy 1% below the model's optimum.
            double[][] adv = new double[states][actions];
            for (int k = 0; k < MAX_SWEEPS; k++) {
                double[] vk = sweep(model, policy, gamma, next, prob, reward, v, adv);
                double change = 0;
                double scale = 1;
                for (int s = 0; s < states; s++) {
                    change = Math.max(change, Math.abs(vk[s] - v[s]));
                    scale = Math.max(scale, Math.abs(vk[s]));
                }
                v = vk;
                if (change <= 1e-13 * scale) {
                    break;
                }
            }
            naturalAdvantage = adv;
        }
        double[][] g = new double[states][actions];
        double[] d = model.visitedStateDistribution();
        double discount = 1;
        for (int t = 0; t < horizon; t++) {
            double[][] adv = advantage[horizon - t];
            double[] d2 = new double[states];
            boolean any = false;
            for (int s = 0; s < states; s++) {
                if (d[s] == 0 || model.isTerminal(s)) {
                    continue;
                }
                any = true;
                for (int a = 0; a < actions; a++) {
                    double pa = policy.prob(s, a);
                    if (natural) {
                        g[s][a] = naturalAdvantage[s][a];
                    } else {
                        g[s][a] += discount * d[s] * pa * adv[s][a];
                    }
                    int[] n = next[s][a];
                    for (int i = 0; i < n.length; i++) {
                        d2[n[i]] += d[s] * pa * prob[s][a][i];
                    }
                }
            }
            if (!any) {
                break;
            }
            d = d2;
            discount *= gamma;
        }
        return g;
    }

    /** Bellman-expectation sweeps at most, when iterating the values to convergence. */
    private static final int MAX_SWEEPS = 1_000_000;

    /**
     * One sweep of the policy's Bellman expectation on the model: fills {@code adv[s][a]} with
     * {@code Q(s, a) - V(s)} from the values {@code v} one step later, and returns the new values.
     */
    private static double[] sweep(CountsModel model, SoftmaxPolicy policy, double gamma, int[][][] next,
                                  double[][][] prob, double[][][] reward, double[] v, double[][] adv) {
        int states = policy.states();
        int actions = policy.actions();
        double[] vk = new double[states];
        for (int s = 0; s < states; s++) {
            double mean = 0;
            for (int a = 0; a < actions; a++) {
                double q = 0;
                int[] n = next[s][a];
                for (int i = 0; i < n.length; i++) {
                    q += prob[s][a][i] * (reward[s][a][i] + (model.isTerminal(n[i]) ? 0 : gamma * v[n[i]]));
                }
                adv[s][a] = q;
                mean += policy.prob(s, a) * q;
            }
            vk[s] = mean;
            for (int a = 0; a < actions; a++) {
                adv[s][a] -= mean;
            }
        }
        return vk;
    }
}

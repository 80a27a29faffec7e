package org.mbpo4j.baselines.tabular;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a {@link TabularAgent} run.
 *
 * @param mdp the MDP's name
 * @param gamma its discount
 * @param mode where the batches came from
 * @param realRatio the weight of real data in each batch
 * @param vStarStart the optimal start value
 * @param vPiStart the exact start value of the final stochastic policy
 * @param gap {@code vStarStart - vPiStart}
 * @param policyOptimal whether the final policy's most probable actions are optimal
 * @param realTransitions real transitions collected
 * @param fakeTransitions model transitions generated
 * @param iterations policy-gradient updates
 * @param modelOptimumGap the gap, in the true MDP, of the optimal policy of the final learned
 *     model ({@link CountsModel#toMdp}): the best that fake data alone could reach; NaN when
 *     the model cannot be solved (with {@code gamma = 1}, before a terminal state was seen)
 * @param curve the evaluations, from iteration 0
 * @param policy the final policy's probabilities {@code [S][A]}
 */
public record AgentResult(String mdp, double gamma, Mode mode, double realRatio, double vStarStart, double vPiStart,
                          double gap, boolean policyOptimal, long realTransitions, long fakeTransitions,
                          int iterations, double modelOptimumGap, List<CurvePoint> curve, double[][] policy) {
    /** The most probable action of the final policy in each state (lowest id on ties). */
    public int[] greedyPolicy() {
        int[] g = new int[policy.length];
        for (int s = 0; s < policy.length; s++) {
            for (int a = 1; a < policy[s].length; a++) {
                if (policy[s][a] > policy[s][g[s]]) {
                    g[s] = a;
                }
            }
        }
        return g;
    }

    /**
     * The summary fields, in the order of the command line's JSON line: {@code mdp, gamma,
     * v_star_start, v_pi_start, gap, policy_optimal, real_transitions, iterations}, then
     * {@code mode, real_ratio, fake_transitions, model_optimum_gap}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mdp", mdp);
        m.put("gamma", gamma);
        m.put("v_star_start", vStarStart);
        m.put("v_pi_start", vPiStart);
        m.put("gap", gap);
        m.put("policy_optimal", policyOptimal);
        m.put("real_transitions", realTransitions);
        m.put("iterations", iterations);
        m.put("mode", mode.id());
        m.put("real_ratio", realRatio);
        m.put("fake_transitions", fakeTransitions);
        m.put("model_optimum_gap", modelOptimumGap);
        return m;
    }
}

package org.mbpo4j.baselines.tabular;

/**
 * One evaluation of a {@link TabularAgent}'s policy, computed exactly under the true MDP.
 *
 * @param iteration policy-gradient updates so far (0: the initial uniform policy)
 * @param realTransitions real transitions collected so far
 * @param fakeTransitions model transitions generated so far
 * @param vPiStart the exact start value of the current (stochastic) policy
 * @param gap {@code V*(start) - vPiStart}
 * @param greedyOptimal whether the policy's most probable actions form an optimal policy from
 *     the start distribution (see {@link TabularAgent#isOptimal})
 */
public record CurvePoint(int iteration, long realTransitions, long fakeTransitions, double vPiStart, double gap,
                         boolean greedyOptimal) {
}

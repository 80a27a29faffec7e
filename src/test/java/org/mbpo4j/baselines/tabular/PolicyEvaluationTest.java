package org.mbpo4j.baselines.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PolicyEvaluationTest {
    static TabularMdp twoState() {
        return MdpJson.read(Path.of("src/test/resources/baselines/tabular/two-state.json"));
    }

    @Test
    void handSolvedTwoStateMdp() {
        // pi(.|0) = (1/2, 1/2), pi(.|1) = (1, 0), gamma 1/2:
        //   V0 = 1/2 (1 + V0/2) + 1/2 (V1/2),  V1 = 2 + 1/2 (V0/2 + V1/2)  =>  V = (1.75, 3.25)
        double[] v = PolicyEvaluation.evaluate(twoState(), new double[][] {{0.5, 0.5}, {1, 0}});
        assertArrayEquals(new double[] {1.75, 3.25}, v, 1e-14);
        // the optimal deterministic policy (0, 0): V0 = 1 + V0/2 = 2, V1 = 2 + (2 + V1)/4 = 10/3
        assertArrayEquals(new double[] {2, 10.0 / 3}, PolicyEvaluation.evaluate(twoState(), new int[] {0, 0}), 1e-14);
        assertArrayEquals(new double[] {2, 10.0 / 3}, ValueIteration.solve(twoState()).v(), 1e-12);
    }

    @Test
    void agreesWithMonteCarloReturns() {
        TabularMdp mdp = BuiltinMdps.get("nchain5", 0.8);
        double[][] logits = {{0.8, 0}, {0.3, 0}, {-0.5, 0}, {1, 0}, {0, 0.2}};
        SoftmaxPolicy policy = SoftmaxPolicy.ofLogits(logits);
        double exact = mdp.startValue(PolicyEvaluation.evaluate(mdp, policy.table()));
        SplittableRandom rng = new SplittableRandom(7);
        int n = 20_000;
        int steps = 120; // 0.8^120 * (max reward 10) / (1 - 0.8) < 1e-9
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            Episode e = Rollouts.real(mdp, policy, steps, rng);
            double g = 0;
            for (int t = e.length() - 1; t >= 0; t--) {
                g = e.reward(t) + mdp.gamma() * g;
            }
            sum += g;
            sumSq += g * g;
        }
        double mean = sum / n;
        double se = Math.sqrt((sumSq / n - mean * mean) / n);
        assertTrue(Math.abs(mean - exact) < 4 * se, "Monte Carlo " + mean + " +- " + se + " vs exact " + exact);
        assertTrue(se < 0.05, "standard error " + se);
    }

    @Test
    void finiteHorizonValueOfAStationaryPolicy() {
        TabularMdp m = MdpJson.read(Path.of("configs/mdps/last-minute-horizon.json"));
        // always move: 0 + 3 + 3; always stay: 1 + 1 + 1; half-half from state 0 by hand:
        // V_2 = (1/2, 3), V_1(0) = 1/2 (1 + 1/2) + 1/2 (0 + 3) = 9/4, V_1(1) = 6,
        // V_0(0) = 1/2 (1 + 9/4) + 1/2 (0 + 6) = 37/8
        assertEquals(6, PolicyEvaluation.evaluate(m, new int[] {1, 0})[0], 0);
        assertEquals(3, PolicyEvaluation.evaluate(m, new int[] {0, 0})[0], 0);
        assertEquals(37.0 / 8, PolicyEvaluation.evaluate(m, new double[][] {{0.5, 0.5}, {1, 0}})[0], 1e-15);
    }

    @Test
    void undiscountedClosedLoopsAreWorthZeroOnlyWithoutReward() {
        TabularMdp detour = MdpJson.read(Path.of("configs/mdps/detour-gamma1.json"));
        // waiting forever in state 0 is worth 0; walking from 1 and 2 is worth 9 and 10
        assertArrayEquals(new double[] {0, 9, 10, 0, 0}, PolicyEvaluation.evaluate(detour, new int[] {0, 1, 1, 0, 0}),
                1e-12);
        TabularMdp paying = TabularMdp.builder().name("paying").states(2).actions(1).gamma(1.0)
                .transitions(new double[][][] {{{1, 0}}, {{0, 0}}}).rewards(new double[][] {{0.5}, {0}})
                .startAt(0).terminal(1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PolicyEvaluation.evaluate(paying, new int[] {0, 0}));
        assertTrue(e.getMessage().contains("from state 0 the policy never reaches a terminal state, yet it collects"
                + " reward 0.5"), e.getMessage());
    }

    @Test
    void badPoliciesAreRejected() {
        TabularMdp m = twoState();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PolicyEvaluation.evaluate(m,
                new double[][] {{0.5, 0.6}, {1, 0}})).getMessage().contains("policy[0] sums to 1.1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PolicyEvaluation.evaluate(m,
                new int[] {0, 2})).getMessage().contains("policy[1] is 2"));
    }
}

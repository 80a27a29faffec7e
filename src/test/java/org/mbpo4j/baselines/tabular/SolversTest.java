package org.mbpo4j.baselines.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Value and policy iteration against reference values. The 6-decimal figures are those of the
 * issue's reference table (docs: specs/baselines.md); the 1e-9 checks use values computed
 * independently with numpy (value iteration to a change below 1e-15, then an exact linear
 * solve of the greedy policy).
 */
class SolversTest {
    private static final double TIGHT = 1e-9;

    @ParameterizedTest(name = "{0} gamma {1}")
    @CsvSource({
        // mdp, gamma, spec table (6 decimals), numpy reference
        "frozenlake4x4-slippery, 0.90, 0.068891, 0.06889090488900337",
        "frozenlake4x4-slippery, 0.95, 0.180472, 0.18047157839720157",
        "frozenlake4x4-slippery, 0.99, 0.542026, 0.5420259320004709",
        "nchain5,                0.90, 25.499085, 25.4990848",
        "nchain5,                0.95, 61.379482, 61.37948159999998",
        "nchain5,                0.99, 354.768101, 354.76810055680056",
    })
    void startValuesMatchTheReferences(String name, double gamma, double table, double precise) {
        TabularMdp mdp = BuiltinMdps.get(name, gamma);
        Solution vi = ValueIteration.solve(mdp);
        Solution pi = PolicyIteration.solve(mdp);
        assertEquals(table, vi.startValue(mdp), 5e-7, "value iteration vs the 6-decimal table");
        assertEquals(precise, vi.startValue(mdp), TIGHT, "value iteration");
        assertEquals(precise, pi.startValue(mdp), TIGHT, "policy iteration");
    }

    @ParameterizedTest(name = "{0} gamma {1}")
    @CsvSource({
        "frozenlake4x4,          0.90, 0.5904900000000002",
        "frozenlake4x4,          0.99, 0.9509900498999999",
        "frozenlake8x8,          0.90, 0.25418658283290013",
        "frozenlake8x8-slippery, 0.90, 0.006411114261567695",
        "frozenlake8x8-slippery, 0.99, 0.41464036179998476",
        "riverswim6,             0.90, 1.3044777420900446",
        "riverswim6,             0.95, 4.669300160672075",
        "riverswim6,             0.99, 37.854701140082184",
    })
    void otherBuiltinsMatchNumpy(String name, double gamma, double precise) {
        TabularMdp mdp = BuiltinMdps.get(name, gamma);
        assertEquals(precise, ValueIteration.solve(mdp).startValue(mdp), TIGHT);
        assertEquals(precise, PolicyIteration.solve(mdp).startValue(mdp), TIGHT);
    }

    @Test
    void valueIterationEqualsPolicyIterationEverywhere() {
        for (String name : BuiltinMdps.names()) {
            for (double gamma : new double[] {0.5, 0.9, 0.95, 0.99}) {
                TabularMdp mdp = BuiltinMdps.get(name, gamma);
                Solution vi = ValueIteration.solve(mdp);
                Solution pi = PolicyIteration.solve(mdp);
                String where = name + " gamma " + gamma;
                assertArrayEquals(pi.v(), vi.v(), TIGHT * Math.max(1, max(pi.v())), where);
                assertArrayEquals(pi.policy(), vi.policy(), where);
                // V* satisfies the Bellman optimality equation, and pi* is greedy for it.
                double[][] q = Bellman.q(mdp, vi.v());
                assertArrayEquals(vi.v(), Bellman.max(q), TIGHT * Math.max(1, max(vi.v())), where);
                assertArrayEquals(vi.v(), PolicyEvaluation.evaluate(mdp, vi.policy()),
                        TIGHT * Math.max(1, max(vi.v())), where);
            }
        }
    }

    @Test
    void knownOptimalPolicies() {
        assertArrayEquals(new int[] {0, 0, 0, 0, 0}, ValueIteration.solve(BuiltinMdps.get("nchain5", 0.9)).policy());
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1},
                ValueIteration.solve(BuiltinMdps.get("riverswim6", 0.95)).policy());
        // Gymnasium's slippery 4x4 at gamma 0.9 (left/up along the walls, terminal states 0).
        assertArrayEquals(new int[] {0, 3, 0, 3, 0, 0, 0, 0, 3, 1, 0, 0, 0, 2, 1, 0},
                ValueIteration.solve(BuiltinMdps.get("frozenlake4x4-slippery", 0.9)).policy());
        // Non-slippery 4x4: V* is gamma^(steps - 1) along a shortest path of 6 steps.
        TabularMdp lake = BuiltinMdps.get("frozenlake4x4", 0.9);
        assertEquals(Math.pow(0.9, 5), ValueIteration.solve(lake).startValue(lake), 1e-15);
    }

    @Test
    void undiscountedWithTerminalStates() {
        // 14/17: the probability of ever reaching G on the slippery 4x4 lake.
        TabularMdp lake = BuiltinMdps.get("frozenlake4x4-slippery", 1.0);
        assertEquals(14.0 / 17, ValueIteration.solve(lake).startValue(lake), TIGHT);
        assertEquals(14.0 / 17, PolicyIteration.solve(lake).startValue(lake), TIGHT);
        assertTrue(TabularAgent.isOptimal(lake, PolicyEvaluation.asStochastic(lake,
                ValueIteration.solve(lake).policy()), 14.0 / 17));
    }

    @Test
    void aZeroRewardLoopThatTiesWithTheWayOutIsNotChosen() {
        // Waiting (action 0) has the same value as walking with gamma 1, but never arrives.
        TabularMdp detour = MdpJson.read(java.nio.file.Path.of("configs/mdps/detour-gamma1.json"));
        for (Solution s : new Solution[] {ValueIteration.solve(detour), PolicyIteration.solve(detour)}) {
            assertArrayEquals(new double[] {8, 9, 10, 0, 0}, s.v(), 1e-12);
            assertArrayEquals(new int[] {1, 1, 1, 0, 0}, s.policy());
            assertArrayEquals(s.v(), PolicyEvaluation.evaluate(detour, s.policy()), 1e-12);
        }
    }

    @Test
    void aHorizonMakesThePolicyTimeDependent() {
        TabularMdp m = MdpJson.read(java.nio.file.Path.of("configs/mdps/last-minute-horizon.json"));
        Solution s = ValueIteration.solve(m);
        assertArrayEquals(new double[] {6, 9}, s.v(), 1e-12); // move now: 0 + 3 + 3; stay: 1 + 1 + 1
        assertArrayEquals(new int[] {1, 0}, s.policy());
        assertEquals(3, s.policyByTime().length);
        assertEquals(1, s.policyByTime()[1][0]); // 0 + 3 beats 1 + 1
        assertEquals(0, s.policyByTime()[2][0]); // last step: 1 beats 0
        Solution p = PolicyIteration.solve(m);
        assertArrayEquals(s.v(), p.v(), 0);
        // horizon 1: staying wins at t = 0 too
        Solution one = ValueIteration.solve(m.toBuilder().horizon(1).build());
        assertArrayEquals(new double[] {1, 3}, one.v(), 0);
        assertArrayEquals(new int[] {0, 0}, one.policy());
        assertNull(ValueIteration.solve(BuiltinMdps.get("nchain5", 0.9)).policyByTime());
    }

    @Test
    void unboundedUndiscountedValuesAreReported() {
        // gamma 1, a terminal state that is reachable, but a self-loop paying 1 forever.
        TabularMdp m = TabularMdp.builder().name("loop").states(2).actions(2).gamma(1.0)
                .transitions(new double[][][] {{{1, 0}, {0, 1}}, {{0, 0}, {0, 0}}})
                .rewards(new double[][] {{1, 0}, {0, 0}}).startAt(0).terminal(1).build();
        IllegalArgumentException vi = assertThrows(IllegalArgumentException.class, () -> ValueIteration.solve(m));
        assertTrue(vi.getMessage().contains("did not converge") && vi.getMessage().contains("loop"), vi.getMessage());
        IllegalArgumentException pi = assertThrows(IllegalArgumentException.class, () -> PolicyIteration.solve(m));
        assertTrue(pi.getMessage().contains("from state 0 the policy never reaches a terminal state"),
                pi.getMessage());
    }

    private static double max(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}

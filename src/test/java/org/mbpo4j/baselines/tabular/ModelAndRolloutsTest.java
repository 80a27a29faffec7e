package org.mbpo4j.baselines.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The counts model and the real and fake rollouts. */
class ModelAndRolloutsTest {
    @Test
    void countsGiveMaximumLikelihoodEstimates() {
        CountsModel m = new CountsModel(3, 2);
        m.add(0, 1, 2.0, 1, false);
        m.add(0, 1, 4.0, 1, false);
        m.add(0, 1, -1.0, 2, true);
        m.add(1, 0, 0.0, 0, false);
        assertEquals(3, m.count(0, 1));
        assertEquals(2.0 / 3, m.p(0, 1, 1), 1e-15);
        assertEquals(1.0 / 3, m.p(0, 1, 2), 1e-15);
        assertEquals(3.0, m.reward(0, 1, 1), 1e-15); // mean of 2 and 4
        assertEquals(-1.0, m.reward(0, 1, 2), 1e-15);
        assertTrue(m.isTerminal(2));
        assertFalse(m.isTerminal(1));
        assertFalse(m.hasData(0, 0));
        assertEquals(0, m.p(0, 0, 1));
        assertEquals(4, m.transitions());
        // next states in proportion to their counts; start states in proportion to visits (3:1)
        SplittableRandom rng = new SplittableRandom(5);
        int ones = 0;
        int zeros = 0;
        for (int i = 0; i < 30_000; i++) {
            ones += m.sampleNext(0, 1, rng) == 1 ? 1 : 0;
            zeros += m.sampleVisitedState(rng) == 0 ? 1 : 0;
        }
        assertEquals(2.0 / 3, ones / 30_000.0, 0.01);
        assertEquals(3.0 / 4, zeros / 30_000.0, 0.01);
        assertEquals(-1, new CountsModel(2, 2).sampleVisitedState(rng));
    }

    @Test
    void theModelConvergesToTheTrueMdp() {
        TabularMdp mdp = BuiltinMdps.get("nchain5", 0.9);
        CountsModel m = new CountsModel(5, 2);
        SoftmaxPolicy uniform = new SoftmaxPolicy(5, 2);
        SplittableRandom rng = new SplittableRandom(9);
        for (int i = 0; i < 300; i++) {
            m.add(Rollouts.real(mdp, uniform, 66, rng));
        }
        for (int s = 0; s < 5; s++) {
            for (int a = 0; a < 2; a++) {
                double n = m.count(s, a);
                for (int s2 = 0; s2 < 5; s2++) {
                    double p = mdp.p(s, a, s2);
                    assertEquals(p, m.p(s, a, s2), 4 * Math.sqrt(p * (1 - p) / n) + 1e-12,
                            "P(" + s2 + "|" + s + "," + a + ") from " + n + " samples");
                    if (m.p(s, a, s2) > 0) {
                        assertEquals(mdp.reward(s, a, s2), m.reward(s, a, s2), 1e-12);
                    }
                }
            }
        }
        TabularMdp estimate = m.toMdp(mdp);
        assertEquals("nchain5-model", estimate.name());
        assertEquals(mdp.gamma(), estimate.gamma());
        // the estimated MDP's optimal policy is the true one
        assertEquals(java.util.Arrays.toString(ValueIteration.solve(mdp).policy()),
                java.util.Arrays.toString(ValueIteration.solve(estimate).policy()));
    }

    @Test
    void realEpisodesEndAtTerminalStatesOrTheStepLimit() {
        TabularMdp lake = BuiltinMdps.get("frozenlake4x4", 0.9);
        SoftmaxPolicy uniform = new SoftmaxPolicy(16, 4);
        SplittableRandom rng = new SplittableRandom(1);
        int terminated = 0;
        for (int i = 0; i < 200; i++) {
            Episode e = Rollouts.real(lake, uniform, 20, rng);
            assertEquals(0, e.state(0));
            assertTrue(e.length() <= 20);
            for (int t = 0; t < e.length(); t++) {
                assertEquals(0.25, e.behaviour(t));
                assertTrue(lake.p(e.state(t), e.action(t), e.state(t + 1)) > 0);
                assertFalse(lake.isTerminal(e.state(t)));
                assertEquals(lake.reward(e.state(t), e.action(t), e.state(t + 1)), e.reward(t));
            }
            if (e.terminated()) {
                terminated++;
                assertTrue(lake.isTerminal(e.state(e.length())));
            } else {
                assertEquals(20, e.length());
            }
            assertTrue(e.real());
        }
        assertTrue(terminated > 150, terminated + " of 200 random walks fell into a hole or arrived");
    }

    @Test
    void fakeEpisodesStopWhereTheModelHasNoData() {
        CountsModel m = new CountsModel(3, 2);
        m.add(0, 0, 1.0, 1, false);
        m.add(1, 0, 2.0, 2, true);
        SoftmaxPolicy always0 = SoftmaxPolicy.ofLogits(new double[][] {{50, 0}, {50, 0}, {50, 0}});
        Episode e = Rollouts.fake(m, always0, 0, 10, new SplittableRandom(0));
        assertEquals(2, e.length());
        assertTrue(e.terminated());
        assertFalse(e.real());
        assertEquals(3.0, e.reward(0) + e.reward(1));
        SoftmaxPolicy always1 = SoftmaxPolicy.ofLogits(new double[][] {{0, 50}, {0, 50}, {0, 50}});
        Episode none = Rollouts.fake(m, always1, 0, 10, new SplittableRandom(0));
        assertEquals(0, none.length());
        assertFalse(none.terminated());
        m.add(0, 1, 0.0, 0, false);
        assertEquals(4, Rollouts.fake(m, always1, 0, 4, new SplittableRandom(0)).length()); // step limit
    }
}

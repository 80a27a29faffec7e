package org.mbpo4j.baselines.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The agent learns the exact optimum from real data, from a good model, and from both. */
class TabularAgentTest {
    @Test
    void realModeFindsTheOptimumOfNChainWithTheDefaults() {
        TabularMdp mdp = BuiltinMdps.get("nchain5", 0.9);
        AgentResult r = new TabularAgent(mdp, new AgentOptions().mode(Mode.REAL), 0).run();
        assertTrue(r.policyOptimal(), "gap " + r.gap());
        assertTrue(r.gap() > 0 && r.gap() < 0.5, "gap " + r.gap());
        assertEquals(25.4990848, r.vStarStart(), 1e-9);
        assertEquals(r.vStarStart() - r.vPiStart(), r.gap(), 1e-12);
        assertEquals(AgentOptions.DEFAULT_ITERATIONS, r.iterations());
        assertEquals(AgentOptions.DEFAULT_ITERATIONS + 1, r.curve().size());
        assertEquals(0, r.fakeTransitions());
        // 10 initial + 10 per iteration episodes of 66 steps (no terminal states)
        assertEquals((10 + 10L * AgentOptions.DEFAULT_ITERATIONS) * 66, r.realTransitions());
        CurvePoint first = r.curve().get(0);
        assertEquals(0, first.iteration());
        assertFalse(first.greedyOptimal(), "the uniform policy has no preference");
        assertTrue(first.gap() > 10, "uniform policy gap " + first.gap());
    }

    @Test
    void realAndMixedModesFindTheOptimumOfTheDeterministicLake() {
        TabularMdp mdp = BuiltinMdps.get("frozenlake4x4", 0.9);
        for (Mode mode : new Mode[] {Mode.REAL, Mode.MIXED}) {
            AgentResult r = new TabularAgent(mdp, new AgentOptions().mode(mode).iterations(100), 1).run();
            assertTrue(r.policyOptimal(), mode + " gap " + r.gap());
            assertTrue(r.gap() < 0.05, mode + " gap " + r.gap());
        }
    }

    @Test
    void fakeAndMixedModesReachTheTargetGapOnNChainAtGamma095() {
        // The target, fast: greedy policy optimal and gap <= 1e-3 (V*(0) = 61.379482).
        TabularMdp mdp = BuiltinMdps.get("nchain5", 0.95);
        for (Mode mode : new Mode[] {Mode.FAKE, Mode.MIXED}) {
            for (long seed = 0; seed < 2; seed++) {
                AgentOptions o = new AgentOptions().mode(mode).stopGap(1e-4);
                AgentResult r = new TabularAgent(mdp, o, seed).run();
                assertEquals(61.3794816, r.vStarStart(), 1e-6);
                assertTrue(r.policyOptimal(), mode + " seed " + seed + " gap " + r.gap());
                assertTrue(r.gap() <= 1e-4, mode + " seed " + seed + " gap " + r.gap());
                assertTrue(r.iterations() < AgentOptions.DEFAULT_ITERATIONS, mode + " stopped early: " + r.iterations());
                // every mode collects 10 real episodes of 135 steps per iteration (gamma^135 <= 1e-3)
                assertEquals((10 + 10L * r.iterations()) * 135, r.realTransitions());
                assertEquals(0.0, r.modelOptimumGap(), 1e-9);
            }
        }
    }

    /**
     * The slippery lake at gamma 0.99, fake mode, seed 0: an early, wrong model once drove a
     * logit so far down (Adam, then unbounded natural steps) that the corrected model could not
     * pull it back, and the run ended 1% below V*. Natural steps without Adam and logits kept
     * within {@link SoftmaxPolicy#LOGIT_RANGE} of the best fix it.
     */
    @Test
    void fakeModeRecoversFromAnEarlyWrongModelOnTheSlipperyLake() {
        TabularMdp mdp = BuiltinMdps.get("frozenlake4x4-slippery", 0.99);
        AgentResult r = new TabularAgent(mdp, new AgentOptions().mode(Mode.FAKE).stopGap(1e-4), 0).run();
        assertEquals(0.5420259, r.vStarStart(), 1e-6);
        assertTrue(r.policyOptimal(), "gap " + r.gap());
        assertTrue(r.gap() <= 1e-4, "gap " + r.gap());
    }

    @Test
    void logitsStayWithinTheirRangeOfTheBest() {
        SoftmaxPolicy p = new SoftmaxPolicy(1, 3);
        p.add(new double[][] {{1000, -1000, 0}});
        double[] l = p.logits()[0];
        assertEquals(1000, l[0]);
        assertEquals(1000 - SoftmaxPolicy.LOGIT_RANGE, l[1]);
        assertEquals(1000 - SoftmaxPolicy.LOGIT_RANGE, l[2]);
        p.add(new double[][] {{0, 2 * SoftmaxPolicy.LOGIT_RANGE, 0}});
        assertTrue(p.prob(0, 1) > 0.999, "a clamped action comes back in one large step");
    }

    @Test
    void fakeModeKeepsCollectingRealDataForTheModelOnly() {
        TabularMdp mdp = BuiltinMdps.get("frozenlake4x4-slippery", 0.99);
        AgentResult r = new TabularAgent(mdp, new AgentOptions().mode(Mode.FAKE).iterations(40), 1).run();
        for (int i = 1; i < r.curve().size(); i++) {
            assertTrue(r.curve().get(i).realTransitions() > r.curve().get(i - 1).realTransitions(), "iteration " + i);
        }
        assertEquals(0, r.fakeTransitions(), "the natural fake gradient samples no episodes");
        AgentResult sampled = new TabularAgent(mdp, new AgentOptions().mode(Mode.FAKE).iterations(3)
                .fakeGradient(FakeGradient.SAMPLED).fakeEpisodes(5).modelUpdates(2), 1).run();
        assertTrue(sampled.fakeTransitions() > 0);
    }

    @Test
    void fakeModeWithoutExplorationIsLimitedByItsModel() {
        // Without exploration the model never learns the pairs the policy stopped trying, and
        // the policy follows the model's optimum, which is not the true one.
        TabularMdp mdp = BuiltinMdps.get("frozenlake4x4-slippery", 0.99);
        AgentResult r = new TabularAgent(mdp, new AgentOptions().mode(Mode.FAKE).exploration(0).iterations(150), 0)
                .run();
        assertFalse(r.policyOptimal(), "gap " + r.gap());
        assertTrue(r.modelOptimumGap() > 1e-3, "model optimum gap " + r.modelOptimumGap());
    }

    @Test
    void mixedWithRealRatioOneIsRealModeExactly() {
        TabularMdp mdp = BuiltinMdps.get("riverswim6", 0.9);
        AgentResult real = new TabularAgent(mdp, new AgentOptions().mode(Mode.REAL).iterations(20), 4).run();
        AgentResult mixed = new TabularAgent(mdp, new AgentOptions().mode(Mode.MIXED).realRatio(1).iterations(20), 4)
                .run();
        assertEquals(real.curve(), mixed.curve());
        assertArrayEquals(real.policy()[2], mixed.policy()[2], 0);
        AgentResult half = new TabularAgent(mdp, new AgentOptions().mode(Mode.MIXED).iterations(20), 4).run();
        assertNotEquals(real.vPiStart(), half.vPiStart());
        assertEquals(real.realTransitions(), half.realTransitions(), "the same real data in both");
    }

    @Test
    void sameSeedSameRunOtherSeedOtherRun() {
        TabularMdp mdp = BuiltinMdps.get("frozenlake4x4-slippery", 0.95);
        AgentOptions o = new AgentOptions().iterations(15);
        AgentResult a = new TabularAgent(mdp, o, 8).run();
        AgentResult b = new TabularAgent(mdp, o, 8).run();
        AgentResult c = new TabularAgent(mdp, o, 9).run();
        assertEquals(a.curve(), b.curve());
        assertNotEquals(a.curve(), c.curve());
    }

    @Test
    void worksWithHorizonsAndUndiscountedTerminalStates() {
        for (String file : new String[] {"configs/mdps/last-minute-horizon.json", "configs/mdps/detour-gamma1.json"}) {
            TabularMdp mdp = MdpJson.read(java.nio.file.Path.of(file));
            AgentResult r = new TabularAgent(mdp, new AgentOptions().mode(Mode.REAL).iterations(150), 0).run();
            assertTrue(r.policyOptimal(), file + " gap " + r.gap());
        }
    }

    @Test
    void evaluationsCanBeSparse() {
        TabularMdp mdp = BuiltinMdps.get("nchain5", 0.9);
        AgentResult r = new TabularAgent(mdp, new AgentOptions().iterations(25).evalEvery(10), 0).run();
        assertEquals(4, r.curve().size()); // 0, 10, 20 and the last, 25
        assertEquals(25, r.curve().get(3).iteration());
    }

    @Test
    void badOptionsNameTheirCommandLineFlag() {
        TabularMdp mdp = BuiltinMdps.get("nchain5", 0.9);
        assertEquals("real ratio (--real-ratio) must be in [0, 1], got 1.5", assertThrows(
                IllegalArgumentException.class, () -> new TabularAgent(mdp, new AgentOptions().realRatio(1.5), 0))
                .getMessage());
        assertEquals("iterations (--iterations) must be in [1, 10000000], got 0", assertThrows(
                IllegalArgumentException.class, () -> new AgentOptions().iterations(0).check()).getMessage());
        assertEquals("learning rate (--lr) must be > 0 and finite, got -1.0", assertThrows(
                IllegalArgumentException.class, () -> new AgentOptions().learningRate(-1).check()).getMessage());
    }

    @Test
    void automaticEpisodeLengths() {
        AgentOptions o = new AgentOptions();
        assertEquals(66, o.maxEpisodeSteps(BuiltinMdps.get("nchain5", 0.9)));
        assertEquals(688, o.maxEpisodeSteps(BuiltinMdps.get("nchain5", 0.99)));
        assertEquals(1000, o.maxEpisodeSteps(BuiltinMdps.get("frozenlake4x4", 1.0)));
        assertEquals(3, o.maxEpisodeSteps(MdpJson.read(java.nio.file.Path.of("configs/mdps/last-minute-horizon.json"))));
        assertEquals(7, o.maxEpisodeSteps(7).maxEpisodeSteps(BuiltinMdps.get("nchain5", 0.9)));
        assertEquals(7, o.fakeHorizon(BuiltinMdps.get("nchain5", 0.9)));
        assertEquals(5, o.fakeHorizon(5).fakeHorizon(BuiltinMdps.get("nchain5", 0.9)));
    }
}

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
    void fakeModeWithAGoodModelImprovesToTheOptimum() {
        TabularMdp mdp = BuiltinMdps.get("nchain5", 0.9);
        AgentOptions o = new AgentOptions().mode(Mode.FAKE).initialEpisodes(200).iterations(200);
        AgentResult r = new TabularAgent(mdp, o, 3).run();
        assertEquals(200 * 66, r.realTransitions(), "fake mode collects only the initial episodes");
        assertEquals(0.0, r.modelOptimumGap(), 1e-9, "the model's optimum is the true one");
        assertTrue(r.fakeTransitions() > 0);
        assertTrue(r.policyOptimal(), "gap " + r.gap());
        assertTrue(r.gap() < 0.1 * r.curve().get(0).gap(), "gap " + r.gap() + " from " + r.curve().get(0).gap());
        for (CurvePoint p : r.curve()) {
            assertEquals(200 * 66, p.realTransitions());
        }
    }

    @Test
    void fakeModeIsLimitedByItsModel() {
        // Ten random walks on the lake rarely find the goal: a model that never saw the reward
        // cannot teach anything, while the real data keep coming in real mode.
        TabularMdp mdp = BuiltinMdps.get("frozenlake4x4", 0.9);
        AgentResult fake = new TabularAgent(mdp, new AgentOptions().mode(Mode.FAKE).iterations(50), 1).run();
        assertFalse(fake.policyOptimal());
        assertTrue(fake.modelOptimumGap() > 0.5, "model optimum gap " + fake.modelOptimumGap());
        assertTrue(fake.gap() > 0.5, "gap " + fake.gap());
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

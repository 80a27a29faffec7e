package org.mbpo4j.baselines.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in MDPs' dynamics, checked entry by entry against their definitions. */
class BuiltinMdpsTest {
    private static final int LEFT = 0;
    private static final int DOWN = 1;
    private static final int RIGHT = 2;
    private static final int UP = 3;

    @Test
    void namesAreListedAndMatchedLoosely() {
        assertEquals(List.of("frozenlake4x4", "frozenlake4x4-slippery", "frozenlake8x8", "frozenlake8x8-slippery",
                "nchain5", "riverswim6"), BuiltinMdps.names());
        assertEquals("nchain5", BuiltinMdps.get("NChain-5", 0.9).name());
        assertEquals("frozenlake4x4-slippery", BuiltinMdps.get("FrozenLake_4x4_Slippery", 0.9).name());
        assertEquals(0.95, BuiltinMdps.get("riverswim6", 0.95).gamma());
        InvalidMdpException e = assertThrows(InvalidMdpException.class, () -> BuiltinMdps.get("chain", 0.9));
        assertEquals("unknown MDP 'chain'; built-ins: frozenlake4x4, frozenlake4x4-slippery, frozenlake8x8,"
                + " frozenlake8x8-slippery, nchain5, riverswim6", e.getMessage());
    }

    @Test
    void frozenLakeSlippery() {
        TabularMdp m = BuiltinMdps.get("frozenlake4x4-slippery", 0.9);
        assertEquals(16, m.states());
        assertEquals(4, m.actions());
        assertArrayEquals(new int[] {5, 7, 11, 12, 15}, m.terminalStates()); // holes and the goal
        assertEquals(1, m.start(0));
        // from the start corner, "left" slips up (wall: stays), left (wall: stays) or down
        assertEquals(2.0 / 3, m.p(0, LEFT, 0), 1e-15);
        assertEquals(1.0 / 3, m.p(0, LEFT, 4), 1e-15);
        // "right" from 14: up to 10, right into the goal (reward 1), down (wall: stays)
        assertEquals(1.0 / 3, m.p(14, RIGHT, 10), 1e-15);
        assertEquals(1.0 / 3, m.p(14, RIGHT, 15), 1e-15);
        assertEquals(1.0 / 3, m.p(14, RIGHT, 14), 1e-15);
        assertEquals(1, m.reward(14, RIGHT, 15));
        assertEquals(0, m.reward(14, RIGHT, 10));
        assertEquals(1.0 / 3, m.expectedReward(14, RIGHT), 1e-15);
        // "up" and "down" from 14 slip right into the goal as well; "left" cannot reach it
        assertEquals(1.0 / 3, m.expectedReward(14, UP), 1e-15);
        assertEquals(1.0 / 3, m.expectedReward(14, DOWN), 1e-15);
        assertEquals(0, m.expectedReward(14, LEFT));
        // terminal states pay nothing
        assertEquals(0, m.expectedReward(15, LEFT));
    }

    @Test
    void frozenLakeDeterministic() {
        TabularMdp m = BuiltinMdps.get("frozenlake4x4", 0.9);
        assertEquals(1, m.p(0, RIGHT, 1));
        assertEquals(1, m.p(0, UP, 0)); // wall
        assertEquals(1, m.p(1, DOWN, 5)); // into a hole
        assertEquals(1, m.p(14, RIGHT, 15));
        assertEquals(1, m.expectedReward(14, RIGHT));
        TabularMdp big = BuiltinMdps.get("frozenlake8x8", 0.9);
        assertEquals(64, big.states());
        assertArrayEquals(new int[] {19, 29, 35, 41, 42, 46, 49, 52, 54, 59, 63}, big.terminalStates());
    }

    @Test
    void nChain() {
        TabularMdp m = BuiltinMdps.get("nchain5", 0.9);
        assertEquals(5, m.states());
        assertEquals(2, m.actions());
        assertFalse(m.hasTerminalStates());
        for (int s = 0; s < 4; s++) {
            assertEquals(0.8, m.p(s, NChain.FORWARD, s + 1), 1e-15); // forward as chosen
            assertEquals(0.2, m.p(s, NChain.FORWARD, 0), 1e-15, "forward slips back");
            assertEquals(0.8, m.p(s, NChain.BACKWARD, 0), 1e-15);
            assertEquals(0.2, m.p(s, NChain.BACKWARD, s + 1), 1e-15); // backward slips forward
            assertEquals(0, m.reward(s, NChain.FORWARD, s + 1));
            assertEquals(2, m.reward(s, NChain.BACKWARD, 0));
        }
        assertEquals(0.8, m.p(4, NChain.FORWARD, 4), 1e-15);
        assertEquals(10, m.reward(4, NChain.FORWARD, 4));
        assertEquals(0.8 * 10 + 0.2 * 2, m.expectedReward(4, NChain.FORWARD), 1e-12);
        assertEquals(0.8 * 2 + 0.2 * 10, m.expectedReward(4, NChain.BACKWARD), 1e-12);
    }

    @Test
    void riverSwim() {
        TabularMdp m = BuiltinMdps.get("riverswim6", 0.9);
        assertEquals(6, m.states());
        for (int s = 0; s < 6; s++) {
            assertEquals(1, m.p(s, RiverSwim.LEFT, Math.max(0, s - 1)));
        }
        for (int s = 1; s < 5; s++) {
            assertEquals(0.35, m.p(s, RiverSwim.RIGHT, s + 1));
            assertEquals(0.6, m.p(s, RiverSwim.RIGHT, s));
            assertEquals(0.05, m.p(s, RiverSwim.RIGHT, s - 1));
            assertEquals(0, m.expectedReward(s, RiverSwim.RIGHT));
        }
        assertEquals(0.6, m.p(0, RiverSwim.RIGHT, 1));
        assertEquals(0.4, m.p(0, RiverSwim.RIGHT, 0));
        assertEquals(0.6, m.p(5, RiverSwim.RIGHT, 5));
        assertEquals(0.4, m.p(5, RiverSwim.RIGHT, 4));
        assertEquals(0.005, m.expectedReward(0, RiverSwim.LEFT));
        assertEquals(1, m.expectedReward(5, RiverSwim.RIGHT));
        assertEquals(0, m.expectedReward(5, RiverSwim.LEFT));
        assertTrue(m.toString().contains("riverswim6 (6 states, 2 actions, gamma 0.9"), m.toString());
    }

    @Test
    void malformedMapsAreRejected() {
        assertTrue(assertThrows(InvalidMdpException.class, () -> FrozenLake.of("x", List.of("SFF", "FG"), false,
                0.9)).getMessage().contains("FrozenLake map row 1 has 2 cells, expected 3"));
        assertTrue(assertThrows(InvalidMdpException.class, () -> FrozenLake.of("x", List.of("SF", "FX"), false,
                0.9)).getMessage().contains("cell (1, 1) is 'X'"));
        assertTrue(assertThrows(InvalidMdpException.class, () -> FrozenLake.of("x", List.of("FF", "FG"), false,
                0.9)).getMessage().contains("no S"));
    }
}

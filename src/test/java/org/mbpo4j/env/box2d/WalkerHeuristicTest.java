package org.mbpo4j.env.box2d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WalkerHeuristicTest {

    @Test
    void theFirstActionOfAnEpisodeIsZeros() {
        WalkerHeuristic h = new WalkerHeuristic();
        float[] s = new float[24];
        s[4] = 0.5f;
        assertArrayEquals(new float[4], h.act(s, true));
        assertTrue(h.act(s, true)[0] != 0f);
        h.startEpisode();
        assertArrayEquals(new float[4], h.act(s, true));
    }

    @Test
    void stayOnOneLegComputesGymnasiumsTargets() {
        WalkerHeuristic h = new WalkerHeuristic();
        h.act(new float[24], true);
        float[] s = new float[24];
        s[0] = 0.1f;   // hull angle
        s[1] = 0.02f;  // angular velocity
        s[3] = 0.01f;  // vertical speed
        s[4] = 0.3f;   // moving hip
        s[5] = 0.1f;
        s[6] = 0.2f;   // moving knee
        s[7] = -0.1f;
        s[9] = 0.5f;   // supporting hip, ahead: stays in phase 1
        s[11] = 0.05f; // supporting knee
        s[12] = 0.2f;
        float[] a = h.act(s, true);
        assertEquals(1, h.phase());
        double level = 0.9 * s[0] + 1.5 * s[1];
        double hip0 = 0.9 * (1.1 - s[4]) - 0.25 * s[5] + level;
        double knee0 = 4.0 * (-0.6 - s[6]) - 0.25 * s[7] - 15.0 * s[3];
        double hip1 = level; // no target for the supporting hip
        double knee1 = 4.0 * (0.1 - s[11]) - 0.25 * s[12] - 15.0 * s[3]; // knee angle capped at 0.1
        double[] want = {hip0, knee0, hip1, knee1};
        for (int j = 0; j < 4; j++) {
            assertEquals((float) Math.max(-1, Math.min(1, 0.5 * want[j])), a[j], 1e-6, "action " + j);
        }
    }

    @Test
    void phasesCascadeWithinOneCallAndLegsSwapAfterPushOff() {
        WalkerHeuristic h = new WalkerHeuristic();
        h.act(new float[24], true);
        float[] s = new float[24];
        s[9] = 0.05f;   // supporting leg behind -> put the other down
        s[8] = 1f;      // moving leg touches -> push off, in the same call
        s[6] = 0.04f;
        h.act(s, true);
        assertEquals(3, h.phase());
        s[2] = 0.4f;    // faster than 1.2 * 0.29 -> back to phase 1 with the legs swapped
        h.act(s, true);
        assertEquals(1, h.phase());
        // leg 1 now moves: its hip target is 1.1
        float[] t = new float[24];
        t[4] = 0.5f;    // new supporting hip (leg 0) ahead
        float[] a = h.act(t, true);
        assertEquals((float) (0.5 * 0.9 * 1.1), a[2], 1e-6);
    }

    @Test
    void aWrongSizedObservationIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WalkerHeuristic().act(new float[8], true));
        assertTrue(e.getMessage().contains("8"), e.getMessage());
    }

    @Test
    void theRegistryHandsOutTheHeuristic() {
        assertTrue(Box2dEnvs.heuristic(BipedalWalker.ID).orElseThrow() instanceof WalkerHeuristic);
    }
}

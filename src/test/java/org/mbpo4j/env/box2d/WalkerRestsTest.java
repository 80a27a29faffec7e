package org.mbpo4j.env.box2d;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.mbpo4j.agent.Evaluation;
import org.mbpo4j.agent.RandomAgent;
import org.mbpo4j.env.Env;
import org.mbpo4j.env.Envs;
import org.mbpo4j.random.Rng;
import org.junit.jupiter.api.Test;

/**
 * The walker under random actions comes to rest on its legs as Gymnasium's does: the real env's
 * episodes last 472-674 steps on average (26-39 of 100 reach the 1,600-step limit). This is
 * {@code mbpo eval --env BipedalWalker-v3 --policy random --episodes 20 --seed 1000}; before the
 * Box2D 2.3 fixes its 20 episodes averaged 262 steps with 2 at the limit.
 */
class WalkerRestsTest {

    @Test
    @SuppressWarnings("unchecked")
    void randomActionsLeaveTheWalkerStandingAsOftenAsInGymnasium() {
        Env<float[]> env = (Env<float[]>) Envs.make(BipedalWalker.ID);
        long seed = 1000;
        Evaluation ev = Evaluation.run(env, new RandomAgent<>(env.actionSpace(), new Rng(seed).child("policy")), 20,
                seed, true);
        double meanLength = Arrays.stream(ev.lengths()).average().orElseThrow();
        long atLimit = Arrays.stream(ev.lengths()).filter(l -> l >= 1600).count();
        String what = "mean length " + meanLength + ", " + atLimit + " of 20 at the limit";
        assertTrue(meanLength >= 450, what);
        assertTrue(atLimit >= 5, what);
        double meanReturn = Arrays.stream(ev.returns()).average().orElseThrow();
        // Gymnasium: -98.9 (std 12.8) over seeds 0-99.
        assertTrue(meanReturn > -110 && meanReturn < -90, "mean return " + meanReturn);
    }
}

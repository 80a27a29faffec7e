package org.mbpo4j.agent;

import org.mbpo4j.policy.Policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mbpo4j.env.Env;
import org.mbpo4j.env.Envs;

/** {@link Evaluation#run}: what it keeps per episode, and that it keeps it only as episodes are played. */
class EvaluationTest {

    /** Pushes left whatever it sees; stops the evaluation (by throwing) after {@code limit} actions. */
    private static Policy<float[]> constant(int limit) {
        return new Policy<>() {
            private int acts;

            @Override
            public String name() {
                return "constant";
            }

            @Override
            public float[] act(float[] obs, boolean deterministic) {
                if (++acts > limit) {
                    throw new IllegalStateException("stopped after " + limit + " actions");
                }
                return new float[] {-1f};
            }
        };
    }

    @Test
    void aHugeRequestAllocatesNothingUpFront() {
        // Integer.MAX_VALUE episodes sized up front is a 16 GB array (an OutOfMemoryError before
        // the first step); played one by one, the policy's own stop comes first.
        try (Env<float[]> env = Envs.makeContinuous("Pendulum-v1")) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Evaluation.run(env, constant(1000), Integer.MAX_VALUE, 0, true));
            assertEquals("stopped after 1000 actions", e.getMessage());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void moreEpisodesThanTheFirstArraysHoldAreAllKept() {
        // Episodes of 3 steps: 2500 of them pass the first arrays' 1024 twice.
        try (Env<float[]> env = (Env<float[]>) Envs.make("Pendulum-v1", 3)) {
            Evaluation ev = Evaluation.run(env, constant(Integer.MAX_VALUE), 2500, 0, true);
            assertEquals(2500, ev.episodes());
            assertEquals(2500, ev.returns().length);
            assertEquals(2500, ev.lengths().length);
            assertEquals(2500, ev.truncated());
            assertEquals(3.0, ev.meanLength());
            for (int i = 0; i < 2500; i++) {
                assertEquals(3, ev.lengths()[i], "episode " + i);
                assertTrue(ev.returns()[i] < 0, "episode " + i + ": Pendulum's rewards are negative");
            }
            assertEquals(2500, ev.finalInfos().size());
        }
    }
}

package org.mbpo4j.env.box2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The replay of Gymnasium's recorded LunarLanderContinuous trajectories (src/test/resources/box2dref). */
class LanderReplayTest {
    static final Path REF = Path.of("src/test/resources/box2dref");

    @Test
    void followsGymnasiumOnRandomActions() {
        Box2dReplay.Report r = Box2dReplay.run(LunarLander.CONTINUOUS_ID, REF.resolve("random_actions"));
        assertEquals(3, r.cases().size());
        assertEquals(180, r.steps());
        assertTrue(r.pass(), () -> String.join("\n", r.lines()));
        // Free flight with engines: jbox2d follows pybox2d to float32 rounding over all 60 steps.
        for (Box2dReplay.CaseResult c : r.cases()) {
            assertTrue(c.maxObsErr() < 1e-4, () -> String.join("\n", r.lines()));
        }
    }

    @Test
    void followsGymnasiumOnZeroActions() {
        Box2dReplay.Report r = Box2dReplay.run(LunarLander.CONTINUOUS_ID, REF.resolve("zero_actions"));
        assertTrue(r.pass(), () -> String.join("\n", r.lines()));
        // Seed 0 lands on one leg at step 50 and crashes at step 52, as recorded.
        Box2dReplay.CaseResult crash = r.cases().get(0);
        assertEquals(52, crash.steps());
        assertEquals(null, crash.flagMismatch());
        assertTrue(crash.maxObsErr() < 1e-4, () -> String.join("\n", r.lines()));
    }
}

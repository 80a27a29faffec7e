package org.mbpo4j.env.box2d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LanderReplayTest {
    static final Path REF = Path.of("src/test/resources/box2dref");

    @Test
    void followsGymnasiumOnRandomActions() {
        LanderReplay.Report r = LanderReplay.run(LunarLander.CONTINUOUS_ID, REF.resolve("random_actions"));
        System.out.println(r.toJsonMap());
        r.lines().forEach(System.out::println);
        assertEquals(3, r.cases().size());
        assertTrue(r.pass(), () -> String.join("\n", r.lines()));
    }

    @Test
    void followsGymnasiumOnZeroActions() {
        LanderReplay.Report r = LanderReplay.run(LunarLander.CONTINUOUS_ID, REF.resolve("zero_actions"));
        System.out.println(r.toJsonMap());
        r.lines().forEach(System.out::println);
        assertTrue(r.pass(), () -> String.join("\n", r.lines()));
    }
}

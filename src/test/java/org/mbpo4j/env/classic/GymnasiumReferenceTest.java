package org.mbpo4j.env.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mbpo4j.env.ReferenceReplay;

/**
 * The fidelity acceptance test: every case of Gymnasium's recorded set A, replayed one step at
 * a time and open loop, for all six classic ids. Another recorded set in the same format can be
 * checked with {@code -Dmbpo4j.gymref=/path/to/setB}.
 */
class GymnasiumReferenceTest {

    static Path referenceDir() throws URISyntaxException {
        String override = System.getProperty("mbpo4j.gymref");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return Path.of(GymnasiumReferenceTest.class.getResource("/gymref/setA").toURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Pendulum-v1", "MountainCarContinuous-v0", "CartPole-v1", "Acrobot-v1",
        "MountainCar-v0", "CartPoleContinuous-v1"})
    void replaysGymnasiumTrajectories(String id) throws Exception {
        ReferenceReplay.Report r = ReferenceReplay.run(id, referenceDir());
        assertTrue(r.pass(), () -> id + " strays from Gymnasium: " + r.toJsonMap() + "\n  " + String.join("\n  ", r.problems()));
        assertEquals(5, r.cases(), "set A has 5 cases per env");
        assertTrue(r.steps() > 0);
    }
}

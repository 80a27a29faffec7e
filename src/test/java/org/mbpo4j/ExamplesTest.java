package org.mbpo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mbpo4j.examples.ActWithAShippedPolicy;

/** The library examples under {@code examples/} compile with the tests and do what they say. */
class ExamplesTest {

    @Test
    void aShippedPolicySwingsUpThePendulum() {
        double ret = ActWithAShippedPolicy.play(Path.of("models/pendulum-v1-mbpo.policy"), 0);
        // A random policy scores about -1,200 here; the shipped one about -150 (models/README.md).
        assertTrue(ret > -400, "return " + ret);
        assertEquals(ret, ActWithAShippedPolicy.play(Path.of("models/pendulum-v1-mbpo.policy"), 0));
    }
}

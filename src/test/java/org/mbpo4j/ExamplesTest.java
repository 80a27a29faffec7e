package org.mbpo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.mbpo4j.api.Training;
import org.mbpo4j.examples.ActWithAShippedPolicy;
import org.mbpo4j.examples.StopAtTargetReturn;

/** The library examples under {@code examples/} compile with the tests and do what they say. */
class ExamplesTest {

    @Test
    void aShippedPolicySwingsUpThePendulum() {
        double ret = ActWithAShippedPolicy.play(Path.of("models/pendulum-v1-mbpo.policy"), 0);
        // A random policy scores about -1,200 here; the shipped one about -150 (models/README.md).
        assertTrue(ret > -400, "return " + ret);
        assertEquals(ret, ActWithAShippedPolicy.play(Path.of("models/pendulum-v1-mbpo.policy"), 0));
    }

    @Test
    void trainingStopsAtTheTargetReturn() {
        // Any return reaches -infinity: the first evaluation stops the run.
        Training.Result stopped = StopAtTargetReturn.train(Double.NEGATIVE_INFINITY, 1000);
        assertEquals(250, stopped.envSteps());
        assertEquals(250L, stopped.summary().get("stopped_by_listener"));
        // No return reaches +infinity: the run goes to its budget.
        Training.Result full = StopAtTargetReturn.train(Double.POSITIVE_INFINITY, 500);
        assertEquals(500, full.envSteps());
        assertEquals(null, full.summary().get("stopped_by_listener"));
        assertEquals(1, full.policy().act(new float[] {1, 0, 0}).length);
    }
}

package org.mbpo4j.baselines.lqr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The stabilisability test on badly scaled and on truly unstabilisable pairs. */
class StabilisabilityTest {

    @Test
    void anInputFeedingAHugeEigenvalueMakesItControllable() {
        // the input drives x2, which feeds x1 (eigenvalue a): B's norm 1 is tiny beside ||A||,
        // which the old test (one tolerance relative to max(||A||, ||B||)) took for rounding
        for (double a : new double[] {1e5, 1e10, 1e100}) {
            double[][] am = {{a, a}, {0, 1}};
            double[][] b = {{0}, {1}};
            assertEquals(0, Stabilisability.uncontrollableEigenvalues(am, b)[0].length, "a = " + a);
            assertNull(Stabilisability.problem(am, b));
        }
    }

    @Test
    void unstabilisableSystemsAreStillRefused() {
        InvalidSystemException e = assertThrows(InvalidSystemException.class, () -> new LqrSystem("t", "test.yaml",
                new double[][] {{2, 0}, {0, 0.5}}, new double[][] {{0}, {1}}, Mat.identity(2), new double[][] {{1}},
                1, 1, 10));
        assertEquals("test.yaml: (A, B) is not stabilisable: A has uncontrollable modes (which no input moves) with"
                + " eigenvalues [2.00000] on or outside the unit circle, so no stabilising gain exists and no linear"
                + " policy has a finite average cost", e.getMessage());
        // an uncontrollable Jordan block at 1, whose computed eigenvalues are 1 +- 1e-8
        String jordan = Stabilisability.problem(new double[][] {{1, 1, 0}, {0, 1, 0}, {0, 0, 0.5}},
                new double[][] {{0}, {0}, {1}});
        assertTrue(jordan != null && jordan.contains("[1.00000, 1.00000]"), jordan);
        // a huge eigenvalue that the input cannot reach
        String huge = Stabilisability.problem(new double[][] {{1e10, 0}, {0, 1}}, new double[][] {{0}, {1}});
        assertTrue(huge != null && huge.contains("[1.00000e+10]"), huge);
        // an uncontrollable mode inside the unit circle is fine, whatever the other's size
        assertNull(Stabilisability.problem(new double[][] {{0.5, 0}, {0, 1e10}}, new double[][] {{0}, {1}}));
    }
}

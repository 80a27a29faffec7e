package org.mbpo4j.baselines.lqr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each mode on the double integrator, with short budgets. */
class LqrLearnerTest {
    static final LqrSystem DI = LqrSystems.builtIn("double-integrator");
    static final LqrSolution OPT = Riccati.solve(DI);

    static LearnerOptions iterations(int n) {
        LearnerOptions d = LearnerOptions.defaults();
        return new LearnerOptions(n, d.episodesPerIteration(), d.batch(), d.realRatio(), d.sigma(), d.step(), d.trust(),
                d.window(), d.clip(), d.estimator(), null);
    }

    @Test
    void exactModelIsNearOptimalFromAFewHundredTransitions() {
        List<CurvePoint> c = new LqrLearner(DI, OPT, iterations(3)).run(Mode.EXACT_MODEL, 0, null);
        CurvePoint last = c.get(3);
        assertEquals(300, last.realTransitions());
        assertTrue(last.costGap() < 0.01, "cost gap " + last.costGap());
        assertTrue(last.relErr() < 0.1, "rel_err " + last.relErr());
        assertTrue(c.get(0).costGap() > 0.4, "the start is clearly suboptimal: " + c.get(0).costGap());
    }

    @Test
    void exactModelOnANoiselessSystemFindsKStarExactly() {
        LqrSystem quiet = new LqrSystem("q", "q", DI.a(), DI.b(), DI.q(), DI.r(), 0, 1, 20);
        LqrSolution opt = Riccati.solve(quiet);
        List<CurvePoint> c = new LqrLearner(quiet, opt, iterations(8)).run(Mode.EXACT_MODEL, 1, null);
        assertTrue(c.get(8).relErr() < 1e-8, "rel_err " + c.get(8).relErr());
    }

    @Test
    void realPolicyGradientDecreasesTheCostAndStaysStable() {
        List<CurvePoint> c = new LqrLearner(DI, OPT, iterations(15)).run(Mode.REAL, 2, null);
        for (CurvePoint p : c) {
            assertTrue(p.stable(), "unstable at iteration " + p.iteration());
        }
        assertTrue(c.get(15).costGap() < 0.05, "cost gap " + c.get(15).costGap());
        assertTrue(c.get(15).relErr() < 0.15, "rel_err " + c.get(15).relErr());
        assertEquals(1500, c.get(15).realTransitions());
    }

    @Test
    void fakeAndMixedDataLearnToo() {
        for (Mode m : List.of(Mode.FAKE, Mode.MIXED)) {
            List<CurvePoint> c = new LqrLearner(DI, OPT, iterations(10)).run(m, 3, null);
            assertTrue(c.get(10).costGap() < 0.05, m + " cost gap " + c.get(10).costGap());
        }
    }

    @Test
    void theSameSeedGivesTheSameGains() {
        double[][] a = new LqrLearner(DI, OPT, iterations(4)).run(Mode.MIXED, 7, null).get(4).k();
        double[][] b = new LqrLearner(DI, OPT, iterations(4)).run(Mode.MIXED, 7, null).get(4).k();
        assertArrayEquals(a[0], b[0]);
    }
}

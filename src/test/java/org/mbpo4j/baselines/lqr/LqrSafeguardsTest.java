package org.mbpo4j.baselines.lqr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The learner's safeguards on the laplacian (R = 1000 I: open-loop unstable, closed loops with
 * spectral radius 0.97 to 0.99, a narrow stabilising set around the small K*).
 */
class LqrSafeguardsTest {
    static final LqrSystem LAP = LqrSystems.builtIn("laplacian");
    static final LqrSolution OPT = Riccati.solve(LAP);
    static final double[][] K0 = LqrLearner.defaultK0(LAP);

    /** A faulty estimator: always proposes the gain 0.1 I (closed-loop spectral radius 1.12). */
    static final GradientEstimator DESTABILISING = (data, target) ->
            new GradientEstimator.PolicyStep(Mat.sub(Mat.scale(0.1, Mat.identity(3)), target.k()), 0, 1);

    static LearnerOptions options(int iterations, double trust) {
        LearnerOptions d = LearnerOptions.defaults();
        return new LearnerOptions(iterations, d.episodesPerIteration(), d.batch(), d.realRatio(), d.sigma(),
                d.step(), trust, d.window(), d.clip(), d.estimator(), null);
    }

    /** The model fitted to the exact laplacian with a tiny uncertainty. */
    static LeastSquaresModel.Estimate exactModel() {
        return new LeastSquaresModel.Estimate(LAP.a(), LAP.b(), 1, 1_000_000, Mat.scale(1e-8, Mat.identity(6)));
    }

    static double radius(double[][] k) {
        return Mat.spectralRadius(PolicyCost.closedLoop(LAP, k));
    }

    @Test
    void aStepWhoseRealEpisodesDivergeIsReverted() {
        List<CurvePoint> c = new LqrLearner(LAP, OPT, options(2, 100)).run(Mode.REAL, 0, null, DESTABILISING);
        // iteration 1 runs K0 and proposes 0.1 I; iteration 2 runs 0.1 I, whose states blow up
        // (late energy about 2000 times K0's), and goes back to K0
        assertEquals(0, c.get(1).reverts());
        assertEquals(1, c.get(2).reverts());
        for (CurvePoint p : c) {
            assertArrayEquals(K0[1], p.k()[1], "iteration " + p.iteration());
            assertTrue(p.stable());
        }
    }

    @Test
    void aRevertHalvesTheStepAndAcceptedStepsGrowItBack() {
        Safeguards s = new Safeguards(K0);
        double[][] candidate = Mat.scale(1.1, K0);
        assertSame(K0, s.judge(K0, null, new double[] {5.0, 5.2}));
        assertSame(K0, s.judge(K0, candidate, new double[] {9.0, 9.5})); // over ten times the energy
        assertEquals(1, s.reverts());
        assertEquals(0.5, s.scale(), 1e-15);
        assertSame(candidate, s.judge(K0, candidate, new double[] {5.1, 5.0}));
        assertEquals(Math.sqrt(0.5), s.scale(), 1e-15);
        assertEquals(1, s.reverts());
    }

    @Test
    void theModelHalvesAStepUntilItsGainIsRobustlyStable() {
        Safeguards s = new Safeguards(K0);
        LeastSquaresModel.Estimate model = exactModel();
        double[][] delta = Mat.sub(Mat.scale(0.1, Mat.identity(3)), K0);
        double[][] safe = s.modelCheckedStep(K0, delta, model);
        assertNotNull(safe);
        double[][] k = Mat.add(K0, safe);
        double se = model.radiusStdError(k);
        assertTrue(se > 0 && se < 1e-3, "standard error " + se);
        assertTrue(radius(k) + 3 * se < 1 || radius(k) + 3 * se <= radius(K0) + 3 * model.radiusStdError(K0),
                "radius " + radius(k));
        // K0 has radius 0.989 and 0.1 I - K0 adds about 0.145 per unit: four halvings at least
        assertTrue(s.modelRejections() >= 4, "halvings " + s.modelRejections());
        assertEquals(Mat.norm(delta) / Math.pow(2, s.modelRejections()), Mat.norm(safe), 1e-12);
        // a step towards K* is left alone
        double[][] better = Mat.scale(0.5, Mat.sub(OPT.k(), K0));
        assertArrayEquals(better[0], s.modelCheckedStep(K0, better, model)[0]);
    }

    @Test
    void anAcceptedGainTheRefittedModelFindsUnstableIsAbandoned() {
        Safeguards s = new Safeguards(K0);
        double[][] k1 = Mat.scale(1.2, K0);
        double[][] k2 = Mat.add(K0, Mat.scale(0.03, Mat.identity(3))); // spectral radius 1.019
        s.judge(K0, null, new double[] {5.0, 5.1});
        assertSame(k1, s.judge(K0, k1, new double[] {5.0, 5.1}));
        assertSame(k2, s.judge(k1, k2, new double[] {5.1, 5.2})); // too mild for the episodes to tell
        assertTrue(radius(k2) > 1);
        double[][] back = s.recheck(k2, exactModel());
        assertArrayEquals(k1[0], back[0]);
        assertArrayEquals(k1[2], back[2]);
        assertEquals(1, s.modelReverts());
        assertEquals(0.5, s.scale(), 1e-15);
        assertSame(k1, s.recheck(k1, exactModel()));
        assertEquals(1, s.modelReverts());
    }

    @Test
    void theModelModesNeverTakeAStepTheModelFindsUnstable() {
        for (Mode m : List.of(Mode.FAKE, Mode.MIXED)) {
            List<CurvePoint> c = new LqrLearner(LAP, OPT, options(6, 100)).run(m, 1, null, DESTABILISING);
            assertTrue(c.get(6).modelRejections() >= 6, m + ": model rejections " + c.get(6).modelRejections());
            for (CurvePoint p : c) {
                assertTrue(p.stable(), m + ": unstable at iteration " + p.iteration());
            }
        }
    }

    @Test
    void theSampledModesStayStableAndImproveOnTheLaplacian() {
        for (Mode m : List.of(Mode.REAL, Mode.FAKE, Mode.MIXED)) {
            for (long seed = 0; seed < 2; seed++) {
                List<CurvePoint> c = new LqrLearner(LAP, OPT, options(20, 0.2)).run(m, seed, null);
                for (CurvePoint p : c) {
                    assertTrue(p.stable(), m + " seed " + seed + ": unstable at iteration " + p.iteration()
                            + ", K = " + Mat.format(p.k()));
                }
                double start = c.get(0).costGap(); // 0.269
                double end = c.get(20).costGap();
                assertTrue(end < 0.5 * start, m + " seed " + seed + ": cost gap " + end + " vs " + start + " at K0");
            }
        }
    }
}

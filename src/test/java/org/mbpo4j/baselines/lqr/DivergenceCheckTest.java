package org.mbpo4j.baselines.lqr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mbpo4j.random.Rng;

/** The model-free divergence check on episodes of the laplacian. */
class DivergenceCheckTest {
    static final LqrSystem LAP = LqrSystems.builtIn("laplacian");

    private static double[] energies(double[][] k, int episodes, Rng rng) {
        GaussianLinearPolicy policy = new GaussianLinearPolicy(k, LearnerOptions.defaults().sigma());
        double[] y = new double[episodes];
        for (int e = 0; e < episodes; e++) {
            y[e] = DivergenceCheck.lateLogEnergy(Rollouts.real(LAP, policy, rng));
        }
        return y;
    }

    @Test
    void theStudentQuantileMatchesTheTables() {
        // t_{0.99, df} from the tables
        assertEquals(3.747, DivergenceCheck.tQuantile(4), 0.005);
        assertEquals(2.764, DivergenceCheck.tQuantile(10), 0.002);
        assertEquals(2.457, DivergenceCheck.tQuantile(30), 0.002);
    }

    @Test
    void theLateEnergyIsTheLogMeanSquaredNormOfTheSecondHalf() {
        double[][] x = {{1, 0}, {0, 0}, {3, 4}, {0, 1}, {2, 0}};
        Trajectory tr = new Trajectory(x, new double[4][1], new double[4], new GaussianLinearPolicy(
                new double[][] {{0, 0}}, 1), true);
        assertEquals(Math.log((25 + 1 + 4) / 3.0), DivergenceCheck.lateLogEnergy(tr), 1e-12);
        x[4][0] = Double.NaN;
        assertEquals(Double.POSITIVE_INFINITY, DivergenceCheck.lateLogEnergy(tr));
    }

    @Test
    void aBetterGainIsRarelyRevertedAndAClearlyUnstableOneIsCaught() {
        double[][] k0 = LqrLearner.defaultK0(LAP);
        double[][] kStar = Riccati.solve(LAP).k();
        double[][] unstable = Mat.add(k0, Mat.scale(0.1, Mat.identity(3))); // spectral radius 1.089
        Rng rng = new Rng(11);
        int falseReverts = 0;
        int caught = 0;
        int trials = 40;
        for (int trial = 0; trial < trials; trial++) {
            DivergenceCheck check = new DivergenceCheck();
            for (int g = 0; g < 6; g++) { // six accepted gains of two episodes each: df = 6
                check.accept(new double[][] {{g}}, energies(k0, 2, rng));
            }
            assertEquals(6, check.spread()[1]);
            if (check.check(energies(kStar, 2, rng)).diverged()) {
                falseReverts++;
            }
            if (check.check(energies(unstable, 2, rng)).diverged()) {
                caught++;
            }
        }
        // level 1% (and K* has lower energies than K0): more than 3 of 40 has probability < 0.1%
        assertTrue(falseReverts <= 3, "false reverts " + falseReverts);
        // the expected late energy of K0 + 0.1 I is 220 times that of K0 (a 200-trial run caught all)
        assertTrue(caught >= trials - 2, "caught " + caught + " of " + trials);
    }

    @Test
    void withoutEnoughReferenceOnlyATenfoldRiseCounts() {
        DivergenceCheck check = new DivergenceCheck();
        check.accept(new double[][] {{0}}, new double[] {1.0, 1.2});
        assertEquals(null, check.spread());
        assertFalse(check.check(new double[] {3.0, 3.3}).diverged());
        DivergenceCheck.Verdict v = check.check(new double[] {3.5, 3.6});
        assertTrue(v.diverged(), "difference " + v.difference());
        assertEquals(Math.log(10), v.threshold(), 1e-12);
        assertTrue(check.check(new double[] {1.0, Double.POSITIVE_INFINITY}).diverged());
    }
}

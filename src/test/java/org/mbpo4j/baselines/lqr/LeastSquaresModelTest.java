package org.mbpo4j.baselines.lqr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mbpo4j.random.Rng;

class LeastSquaresModelTest {

    @Test
    void recoversTheLaplacianFromNoisyTransitions() {
        LqrSystem sys = LqrSystems.builtIn("laplacian");
        LeastSquaresModel model = new LeastSquaresModel(3, 3);
        assertFalse(model.ready());
        Rng rng = new Rng(3);
        GaussianLinearPolicy policy = new GaussianLinearPolicy(LqrLearner.defaultK0(sys), 1.0);
        for (int e = 0; e < 400; e++) {
            model.add(Rollouts.real(sys, policy, rng));
        }
        LeastSquaresModel.Estimate est = model.estimate();
        assertEquals(20_000, est.transitions());
        // 20,000 transitions, unit noise, states of std >= 1 and inputs of std 1: the standard
        // error of each coefficient is below 1/sqrt(20000) = 0.007; 0.03 is over four of them.
        assertTrue(Mat.maxAbs(Mat.sub(est.a(), sys.a())) < 0.03, Mat.format(est.a()));
        assertTrue(Mat.maxAbs(Mat.sub(est.b(), sys.b())) < 0.03, Mat.format(est.b()));
        assertEquals(1.0, est.noiseStd(), 0.02);
    }

    @Test
    void noiselessDataGiveTheExactSystem() {
        LqrSystem di = LqrSystems.builtIn("double-integrator");
        LqrSystem quiet = new LqrSystem("q", "q", di.a(), di.b(), di.q(), di.r(), 0, 1, 5);
        LeastSquaresModel model = new LeastSquaresModel(2, 1);
        Rng rng = new Rng(1);
        model.add(Rollouts.real(quiet, new GaussianLinearPolicy(new double[][] {{-0.3, -1}}, 1), rng));
        LeastSquaresModel.Estimate est = model.estimate();
        assertTrue(Mat.maxAbs(Mat.sub(est.a(), di.a())) < 1e-10);
        assertTrue(Mat.maxAbs(Mat.sub(est.b(), di.b())) < 1e-10);
        assertEquals(0, est.noiseStd(), 1e-6);
    }

    @Test
    void tooFewTransitionsAreReported() {
        LeastSquaresModel model = new LeastSquaresModel(2, 1);
        model.add(new double[] {1, 0}, new double[] {0}, new double[] {1, 0});
        IllegalStateException e = assertThrows(IllegalStateException.class, model::estimate);
        assertTrue(e.getMessage().contains("needs more than 3 transitions"), e.getMessage());
    }
}

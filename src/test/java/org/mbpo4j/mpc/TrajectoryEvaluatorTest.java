package org.mbpo4j.mpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.mbpo4j.env.classic.CartPole;
import org.mbpo4j.model.GaussianEnsemble;
import org.mbpo4j.model.ModelEnv;
import org.mbpo4j.model.Propagation;
import org.mbpo4j.model.TransitionModel;
import org.mbpo4j.nn.Block;
import org.mbpo4j.nn.EnsembleMlp;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.random.Rng;

/**
 * The evaluator on hand-made models of the cart-pole: every weight zero except where stated, so
 * member {@code e} moves the cart by a known {@code DX[e]} per step (and, with learned rewards,
 * predicts the reward {@code silu(action)}). The cart-pole's own rules end an episode when
 * {@code |x| > 2.4}: from {@code x = 0} member 0 ends at step 5, member 1 at step 3, member 2
 * never within the horizon of 6.
 */
class TrajectoryEvaluatorTest {
    private static final float[] DX = {0.5f, 1.0f, 0.25f};
    private static final int[] STEPS = {5, 3, 6};
    private static final int H = 6;
    private static final float[] START = {0, 0, 0, 0};

    /** A one-hidden-layer model whose members move x by {@code dx[e]}; rewards learned as silu(action) or not. */
    private static TransitionModel model(float[] dx, boolean learnedRewards) {
        int out = 4 + (learnedRewards ? 1 : 0);
        GaussianEnsemble.Spec spec = new GaussianEnsemble.Spec(dx.length, 5, out, 1, 1, new double[] {0, 0}, false,
                1e-3);
        GaussianEnsemble ens = new GaussianEnsemble(spec, new Rng(0));
        EnsembleMlp net = ens.net();
        for (int l = 0; l < net.layers(); l++) {
            net.weights(l).fill(0);
            net.biases(l).fill(0);
        }
        Block w0 = net.weights(0);
        Block w1 = net.weights(1);
        Block b1 = net.biases(1);
        for (int e = 0; e < dx.length; e++) {
            b1.set(e * 2 * out, dx[e]);               // mean of the x delta
            if (learnedRewards) {
                w0.set(e * 5 + 4, 1f);               // hidden = silu(action)
                w1.set(e * 2 * out + 4, 1f);         // reward mean = hidden
            }
        }
        return new TransitionModel(ens, 4, 1, learnedRewards, new int[0], dx.length);
    }

    private static TrajectoryEvaluator evaluator(TransitionModel m, int particles, int population) {
        ModelEnv env = new ModelEnv(m, CartPole.RULES, Propagation.FIXED_MEMBER, true, 64, Kernels.cpu(), new Rng(1));
        return new TrajectoryEvaluator(env, particles, population);
    }

    private static float[] actions(int population) {
        float[] a = new float[population * H];
        for (int c = 0; c < population; c++) {
            for (int t = 0; t < H; t++) {
                a[c * H + t] = (float) (0.3 * (c + 1) * ((t % 3) - 1) + 0.1 * t);
            }
        }
        return a;
    }

    /** Rule rewards (1 per step) stop at each particle's termination; particle p keeps elite p mod 3. */
    @Test
    void terminationStopsTheRewardAndEachParticleKeepsItsMember() {
        TransitionModel m = model(DX, false);
        TrajectoryEvaluator ev = evaluator(m, 4, 3);
        double[] r = new double[3];
        ev.evaluate(START, actions(3), 3, H, r);
        // particles 0..3 use members 0, 1, 2, 0: (5 + 3 + 6 + 5) / 4
        assertArrayEquals(new double[] {4.75, 4.75, 4.75}, r, 1e-12);
        assertEquals(3 * (5 + 3 + 6 + 5), ev.rowSteps(), "finished particles are not stepped again");
        m.setElites(new int[] {2, 0, 1});
        ev.evaluate(START, actions(3), 3, H, r);
        assertEquals(2, ev.memberOfParticle(0));
        assertEquals(2, ev.memberOfParticle(3));
        // members 2, 0, 1, 2: (6 + 5 + 3 + 6) / 4
        assertArrayEquals(new double[] {5, 5, 5}, r, 1e-12);
    }

    /** Learned rewards come from the model, per candidate's own actions, up to each particle's termination. */
    @Test
    void learnedRewardsFollowEachCandidatesActions() {
        TransitionModel m = model(DX, true);
        int pop = 4;
        TrajectoryEvaluator ev = evaluator(m, 5, pop);
        float[] a = actions(pop);
        double[] r = new double[pop];
        ev.evaluate(START, a, pop, H, r);
        int[] memberOf = {0, 1, 2, 0, 1};
        for (int c = 0; c < pop; c++) {
            double sum = 0;
            for (int member : memberOf) {
                for (int t = 0; t < STEPS[member]; t++) {
                    double u = a[c * H + t];
                    sum += u / (1 + Math.exp(-u));
                }
            }
            assertEquals(sum / 5, r[c], 1e-5, "candidate " + c);
        }
    }

    /** A member that predicts NaN ends its particles at once, without reward. */
    @Test
    void aNonFinitePredictionEndsTheParticleWithoutReward() {
        TransitionModel m = model(new float[] {0.5f, 1.0f, Float.NaN}, false);
        TrajectoryEvaluator ev = evaluator(m, 4, 2);
        double[] r = new double[2];
        ev.evaluate(START, actions(2), 2, H, r);
        assertArrayEquals(new double[] {(5 + 3 + 0 + 5) / 4.0, (5 + 3 + 0 + 5) / 4.0}, r, 1e-12);
    }

    /** With sampled (not mean) predictions, the same stream gives the same returns. */
    @Test
    void sampledRolloutsAreReproducible() {
        TransitionModel m = model(DX, false);
        double[] a = new double[3];
        double[] b = new double[3];
        for (double[] r : new double[][] {a, b}) {
            ModelEnv env = new ModelEnv(m, CartPole.RULES, Propagation.FIXED_MEMBER, false, 64, Kernels.cpu(),
                    new Rng(7));
            new TrajectoryEvaluator(env, 6, 3).evaluate(START, actions(3), 3, H, r);
        }
        assertArrayEquals(a, b);
    }

    @Test
    void badShapesAreRefused() {
        TrajectoryEvaluator ev = evaluator(model(DX, false), 2, 3);
        double[] r = new double[4];
        assertThrows(IllegalArgumentException.class, () -> ev.evaluate(START, actions(4), 4, H, r));
        assertThrows(IllegalArgumentException.class, () -> ev.evaluate(new float[3], actions(3), 3, H, r));
        assertThrows(IllegalArgumentException.class, () -> ev.evaluate(START, actions(2), 3, H, r));
    }
}

package org.mbpo4j.sac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mbpo4j.sac.SacUpdateTest.ACT;
import static org.mbpo4j.sac.SacUpdateTest.B;
import static org.mbpo4j.sac.SacUpdateTest.GAMMA;
import static org.mbpo4j.sac.SacUpdateTest.LR;
import static org.mbpo4j.sac.SacUpdateTest.OBS;
import static org.mbpo4j.sac.SacUpdateTest.TARGET_ENTROPY;
import static org.mbpo4j.sac.SacUpdateTest.TAU;
import static org.mbpo4j.sac.SacUpdateTest.assertClose;
import static org.mbpo4j.sac.SacUpdateTest.concat;
import static org.mbpo4j.sac.SacUpdateTest.doubles;
import static org.mbpo4j.sac.SacUpdateTest.gradient;
import static org.mbpo4j.sac.SacUpdateTest.rows;
import static org.mbpo4j.sac.SacUpdateTest.sample;

import org.junit.jupiter.api.Test;
import org.mbpo4j.buffer.Batch;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.nn.ReferenceMlp;
import org.mbpo4j.random.Rng;

/**
 * The importance-weighted critic update of prioritized replay against a double-precision
 * reference (gradient by central differences of {@code 0.5 sum_i mean(w (Q_i - y)^2)}, TD
 * errors, unweighted actor), and all-ones weights against the uniform path, bit for bit.
 */
class PrioritizedUpdateTest {
    static final float[] W = {1f, 0.5f, 0.25f, 0.8f, 0.1f};

    record Setup(Actor actor, TwinCritic critic, SacLearner learner, Batch batch) {
    }

    static Setup setup(long seed, Kernels k) {
        Rng rng = new Rng(seed);
        int[] hidden = {8, 8};
        Actor actor = new Actor(OBS, ACT, hidden, LR, -20, 2, rng.child("a"));
        TwinCritic critic = new TwinCritic(OBS, ACT, hidden, LR, rng.child("c"));
        for (int i = 0; i < critic.target.params().length(); i++) {
            critic.target.params().set(i, critic.target.params().get(i) + (float) rng.uniform(-0.05, 0.05));
        }
        SacLearner learner = new SacLearner(actor, critic, B, GAMMA, TAU, TARGET_ENTROPY, 0.3, true, LR, k,
                rng.child("u"));
        Batch b = Batch.allocate(B, OBS, ACT);
        for (int i = 0; i < b.obs().length; i++) {
            b.obs()[i] = (float) rng.uniform(-1, 1);
            b.nextObs()[i] = (float) rng.uniform(-1, 1);
        }
        for (int i = 0; i < b.action().length; i++) {
            b.action()[i] = (float) rng.uniform(-0.9, 0.9);
        }
        for (int r = 0; r < B; r++) {
            b.reward()[r] = (float) rng.uniform(-1, 1);
        }
        b.done()[1] = 1f;
        return new Setup(actor, critic, learner, b);
    }

    @Test
    void weightedCriticGradientMatchesCentralDifferencesAndTheActorStaysUnweighted() {
        Setup s = setup(11, Kernels.cpu());
        SacLearner learner = s.learner();
        Batch b = s.batch();
        double[] actor0 = doubles(s.actor().net);
        double[] critic0 = doubles(s.critic().q);
        SacUpdateTest.Net actorRef = new SacUpdateTest.Net(new ReferenceMlp(s.actor().net), 1);
        SacUpdateTest.Net criticRef = new SacUpdateTest.Net(new ReferenceMlp(s.critic().q), 2);

        learner.update(b, W.clone());

        double[] y = new double[B];
        for (int r = 0; r < B; r++) {
            y[r] = learner.y[r];
        }
        double[][] s0 = rows(b.obs(), OBS);
        double[][] sa = concat(s0, rows(b.action(), ACT));
        double[][] q0 = criticRef.out(critic0, sa);
        double weighted = 0;
        for (int r = 0; r < B; r++) {
            for (int i = 0; i < 2; i++) {
                weighted += 0.5 * W[r] * (q0[r][i] - y[r]) * (q0[r][i] - y[r]) / B;
            }
            assertEquals(Math.abs(0.5 * (q0[r][0] + q0[r][1]) - y[r]), learner.tdError[r], 1e-5,
                    "TD error of row " + r + ": |mean_i Q_i - y| before the step");
        }
        assertEquals(weighted, learner.criticLoss, 1e-6 * (1 + weighted), "weighted critic loss");

        double[] gq = gradient(p -> {
            double[][] q = criticRef.out(p, sa);
            double l = 0;
            for (int r = 0; r < B; r++) {
                for (int i = 0; i < 2; i++) {
                    l += 0.5 * W[r] * (q[r][i] - y[r]) * (q[r][i] - y[r]) / B;
                }
            }
            return l;
        }, critic0.clone());
        assertClose(gq, s.critic().q.grads().toArray(), 1e-3, "weighted critic gradient");

        double[] critic1 = new double[critic0.length];
        for (int i = 0; i < critic0.length; i++) {
            critic1[i] = critic0[i] - LR * gq[i] / (Math.abs(gq[i]) + 1e-8);
        }
        double alpha = 0.3;
        double[] ga = gradient(p -> {
            double[][] out = actorRef.out(p, s0);
            double[][] act = new double[B][ACT];
            double[] lp = new double[B];
            for (int r = 0; r < B; r++) {
                lp[r] = sample(out[r], learner.pi.eps, r, act[r])[0];
            }
            double[][] q = criticRef.out(critic1, concat(s0, act));
            double l = 0;
            for (int r = 0; r < B; r++) {
                l += (alpha * lp[r] - Math.min(q[r][0], q[r][1])) / B; // no weights: the actor is unweighted
            }
            return l;
        }, actor0.clone());
        assertClose(ga, s.actor().net.grads().toArray(), 2e-3, "actor gradient");
    }

    /** Weights of exactly 1 take the weighted branch yet reproduce the uniform update bit for bit. */
    @Test
    void unitWeightsReproduceTheUniformUpdateBitForBit() {
        for (Kernels k : new Kernels[] {Kernels.cpu(), Kernels.nd4j()}) {
            Setup uniform = setup(5, k);
            Setup weighted = setup(5, k);
            float[] ones = {1f, 1f, 1f, 1f, 1f};
            for (int u = 0; u < 3; u++) {
                uniform.learner().update(uniform.batch());
                weighted.learner().update(weighted.batch(), ones);
                assertEquals(uniform.learner().criticLoss, weighted.learner().criticLoss);
                assertEquals(uniform.learner().actorLoss, weighted.learner().actorLoss);
                assertEquals(uniform.learner().logAlpha, weighted.learner().logAlpha);
            }
            assertArrayEquals(uniform.critic().q.params().toArray(), weighted.critic().q.params().toArray());
            assertArrayEquals(uniform.critic().target.params().toArray(), weighted.critic().target.params().toArray());
            assertArrayEquals(uniform.actor().net.params().toArray(), weighted.actor().net.params().toArray());
        }
    }
}

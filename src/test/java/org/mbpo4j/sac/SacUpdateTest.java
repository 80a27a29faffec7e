package org.mbpo4j.sac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mbpo4j.buffer.Batch;
import org.mbpo4j.nn.EnsembleMlp;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.nn.ReferenceMlp;
import org.mbpo4j.random.Rng;

/**
 * One SAC update on fixed data against an independent double-precision reference: the critic
 * targets worked out by hand (terminated rows cut, truncated rows bootstrapped), the critic and
 * actor gradients against central differences of the losses, the new temperature and targets.
 */
class SacUpdateTest {
    static final int OBS = 2;
    static final int ACT = 2;
    static final int B = 5;
    static final double GAMMA = 0.9;
    static final double TAU = 0.1;
    static final double TARGET_ENTROPY = -2;
    static final double LR = 1e-3;

    /** The reference: a double MLP over flat parameters. */
    record Net(ReferenceMlp ref, int members) {
        double[][] out(double[] params, double[][] x) {
            double[][][] in = new double[members][][];
            for (int e = 0; e < members; e++) {
                in[e] = x;
            }
            double[][][] y = ref.forward(params, in);
            double[][] flat = new double[x.length][members * y[0][0].length];
            for (int r = 0; r < x.length; r++) {
                for (int e = 0; e < members; e++) {
                    System.arraycopy(y[e][r], 0, flat[r], e * y[0][0].length, y[0][0].length);
                }
            }
            return flat;
        }
    }

    /** a = tanh(mean + std eps) and log p(a), in double, from an actor output row. */
    static double[] sample(double[] out, float[] eps, int r, double[] action) {
        double lp = 0;
        for (int j = 0; j < ACT; j++) {
            double mean = out[j];
            double logStd = Math.min(Math.max(out[ACT + j], -20), 2);
            double s = Math.exp(logStd);
            double e = eps[r * ACT + j];
            double u = mean + s * e;
            action[j] = Math.tanh(u);
            lp += TanhGaussianTest.analyticLogDensity(mean, s, u);
        }
        return new double[] {lp};
    }

    static double[][] rows(float[] flat, int width) {
        double[][] x = new double[flat.length / width][width];
        for (int r = 0; r < x.length; r++) {
            for (int i = 0; i < width; i++) {
                x[r][i] = flat[r * width + i];
            }
        }
        return x;
    }

    static double[][] concat(double[][] obs, double[][] act) {
        double[][] x = new double[obs.length][OBS + ACT];
        for (int r = 0; r < obs.length; r++) {
            System.arraycopy(obs[r], 0, x[r], 0, OBS);
            System.arraycopy(act[r], 0, x[r], OBS, ACT);
        }
        return x;
    }

    static double[] doubles(EnsembleMlp net) {
        float[] f = net.params().toArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    interface Loss {
        double at(double[] params);
    }

    static double[] gradient(Loss loss, double[] p) {
        double[] g = new double[p.length];
        double h = 1e-6;
        for (int i = 0; i < p.length; i++) {
            double keep = p[i];
            p[i] = keep + h;
            double up = loss.at(p);
            p[i] = keep - h;
            double down = loss.at(p);
            p[i] = keep;
            g[i] = (up - down) / (2 * h);
        }
        return g;
    }

    static void assertClose(double[] want, float[] got, double tol, String what) {
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], tol * (1 + Math.abs(want[i])), what + " [" + i + "]");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "nd4j"})
    void oneUpdateMatchesADoublePrecisionReference(String kernels) {
        Kernels k = kernels.equals("cpu") ? Kernels.cpu() : Kernels.nd4j();
        Rng rng = new Rng(11);
        int[] hidden = {8, 8};
        Actor actor = new Actor(OBS, ACT, hidden, LR, -20, 2, rng.child("a"));
        TwinCritic critic = new TwinCritic(OBS, ACT, hidden, LR, rng.child("c"));
        // perturb the targets so that they differ from the critics
        for (int i = 0; i < critic.target.params().length(); i++) {
            critic.target.params().set(i, critic.target.params().get(i) + (float) rng.uniform(-0.05, 0.05));
        }
        double logAlpha0 = Math.log(0.3);
        SacLearner learner = new SacLearner(actor, critic, B, GAMMA, TAU, TARGET_ENTROPY, 0.3, true, LR, k, rng.child("u"));

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
        b.done()[1] = 1f;            // terminated: no bootstrap
        b.truncated()[3] = true;     // truncated: bootstrapped like any other row

        double[] actor0 = doubles(actor.net);
        double[] critic0 = doubles(critic.q);
        double[] target0 = doubles(critic.target);
        Net actorRef = new Net(new ReferenceMlp(actor.net), 1);
        Net criticRef = new Net(new ReferenceMlp(critic.q), 2);

        learner.update(b);

        double alpha = Math.exp(logAlpha0);
        double[][] s = rows(b.obs(), OBS);
        double[][] s2 = rows(b.nextObs(), OBS);
        double[][] a = rows(b.action(), ACT);

        // Targets by hand: y = r + gamma (1 - terminated) (min Qtarg(s', a') - alpha logp').
        double[][] outNext = actorRef.out(actor0, s2);
        double[][] aNext = new double[B][ACT];
        double[] logpNext = new double[B];
        for (int r = 0; r < B; r++) {
            logpNext[r] = sample(outNext[r], learner.next.eps, r, aNext[r])[0];
        }
        double[][] qt = criticRef.out(target0, concat(s2, aNext));
        double[] y = new double[B];
        for (int r = 0; r < B; r++) {
            double soft = Math.min(qt[r][0], qt[r][1]) - alpha * logpNext[r];
            y[r] = b.reward()[r] + GAMMA * (1 - b.done()[r]) * soft;
            assertEquals(y[r], learner.y[r], 1e-4, "target y[" + r + "]");
        }
        assertEquals(b.reward()[1], learner.y[1], 1e-6, "a terminated row's target is its reward");

        // Temperature: logAlpha -= Adam step of -(mean logp + H), first step = lr * sign.
        double[][] outPi = actorRef.out(actor0, s);
        double meanLogp = 0;
        for (int r = 0; r < B; r++) {
            meanLogp += sample(outPi[r], learner.pi.eps, r, new double[ACT])[0] / B;
        }
        double gradLogAlpha = -(meanLogp + TARGET_ENTROPY);
        assertEquals(logAlpha0 - LR * Math.signum(gradLogAlpha), learner.logAlpha, 1e-6, "log alpha after one step");

        // Critic gradient of 0.5 * sum_i mean((Q_i(s, a) - y)^2) at the old parameters.
        double[][] sa = concat(s, a);
        double[] gq = gradient(p -> {
            double[][] q = criticRef.out(p, sa);
            double l = 0;
            for (int r = 0; r < B; r++) {
                for (int i = 0; i < 2; i++) {
                    l += 0.5 * (q[r][i] - y[r]) * (q[r][i] - y[r]) / B;
                }
            }
            return l;
        }, critic0.clone());
        assertClose(gq, critic.q.grads().toArray(), 1e-3, "critic gradient");
        double[] critic1 = new double[critic0.length];
        for (int i = 0; i < critic0.length; i++) {
            critic1[i] = critic0[i] - LR * gq[i] / (Math.abs(gq[i]) + 1e-8);
        }
        assertClose(critic1, critic.q.params().toArray(), 1e-5, "critic after Adam");

        // Actor gradient of mean(alpha logp - min_i Q_i(s, a~pi)) through the UPDATED critics.
        double[] ga = gradient(p -> {
            double[][] out = actorRef.out(p, s);
            double[][] act = new double[B][ACT];
            double[] lp = new double[B];
            for (int r = 0; r < B; r++) {
                lp[r] = sample(out[r], learner.pi.eps, r, act[r])[0];
            }
            double[][] q = criticRef.out(critic1, concat(s, act));
            double l = 0;
            for (int r = 0; r < B; r++) {
                l += (alpha * lp[r] - Math.min(q[r][0], q[r][1])) / B;
            }
            return l;
        }, actor0.clone());
        assertClose(ga, actor.net.grads().toArray(), 2e-3, "actor gradient");

        // The logged value estimates: Q_i(s, a) before the critic step, the targets, and
        // min_i Q_i(s, a~pi(s)) through the updated critics.
        double[][] q0 = criticRef.out(critic0, sa);
        double[][] actPi = new double[B][ACT];
        for (int r = 0; r < B; r++) {
            sample(outPi[r], learner.pi.eps, r, actPi[r]);
        }
        double[][] qPi = criticRef.out(critic1, concat(s, actPi));
        double qMean = 0;
        double yMean = 0;
        double qPiMean = 0;
        for (int r = 0; r < B; r++) {
            qMean += (q0[r][0] + q0[r][1]) / (2 * B);
            yMean += y[r] / B;
            qPiMean += Math.min(qPi[r][0], qPi[r][1]) / B;
        }
        assertEquals(qMean, learner.qMean, 1e-5, "q_mean");
        assertEquals(yMean, learner.qTargetMean, 1e-5, "q_target_mean");
        assertEquals(qPiMean, learner.qPiMean, 1e-4, "q_pi_mean");

        // Targets: (1 - tau) old target + tau new critic.
        double[] target1 = new double[target0.length];
        for (int i = 0; i < target0.length; i++) {
            target1[i] = (1 - TAU) * target0[i] + TAU * critic1[i];
        }
        assertClose(target1, critic.target.params().toArray(), 1e-5, "targets after Polyak");
        assertTrue(learner.criticLoss > 0);
    }
}

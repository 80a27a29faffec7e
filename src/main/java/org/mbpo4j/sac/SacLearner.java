package org.mbpo4j.sac;

import org.mbpo4j.buffer.Batch;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.nn.Lanes;
import org.mbpo4j.random.Rng;

/**
 * One SAC update on one batch, written top-down in the order Stable-Baselines3 takes its steps:
 * temperature, critics, actor, targets. Losses:
 * <pre>
 *   alpha:  L = -log_alpha * mean(logp(a~pi(s)) + target_entropy)
 *   critic: y = r + gamma (1 - terminated) (min_i Qtarg_i(s', a') - alpha logp(a'|s')),  a' ~ pi(s')
 *           L = 0.5 * sum_i mean((Q_i(s, a) - y)^2)
 *   actor:  L = mean(alpha logp(a~pi(s)) - min_i Q_i(s, a))   (reparameterised, through the updated critics)
 * </pre>
 * Truncated transitions are bootstrapped; only {@code terminated} cuts the target.
 *
 * <p>With prioritized replay ({@link #update(Batch, float[])}) the critic loss weights each row
 * by its importance-sampling weight, {@code L = 0.5 * sum_i mean(w (Q_i(s, a) - y)^2)}, so each
 * row's output gradient is scaled by {@code w}, and the row's TD error
 * {@code |mean_i Q_i(s, a) - y|} (before the critic step, the twin critics averaged) is left in
 * {@link #tdError} for the new priority. The temperature and actor losses stay unweighted, as in
 * common PER-SAC implementations: the weights correct the bias of the critic's regression
 * targets' distribution, while the actor only needs states from the replay, for which the
 * prioritized draw is an acceptable (and usually preferred) proposal.
 */
final class SacLearner {
    final Actor actor;
    final TwinCritic critic;
    private final Kernels k;
    private Rng rng;
    private final double gamma;
    private final double tau;
    private final double targetEntropy;
    private final boolean learnAlpha;
    final ScalarAdam alphaOptimizer;
    double logAlpha;

    private final int batch;
    final Actor.Pass pi;        // a ~ pi(s): for the temperature and actor losses
    final Actor.Pass next;      // a' ~ pi(s'): for the critic target
    private final TwinCritic.Pass q;    // Q_i(s, a) of the batch's actions
    private final TwinCritic.Pass qTarget;  // Qtarg_i(s', a')
    private final TwinCritic.Pass qPi;  // Q_i(s, a~pi(s))
    final float[] y;            // the critic targets of the last update
    final float[] tdError;      // |mean_i Q_i - y| per row of the last weighted update
    private final float[] dAction;
    private final float[] dLogp;

    double criticLoss = Double.NaN;
    double actorLoss = Double.NaN;
    double entropy = Double.NaN;
    /** Value estimates of the last update: mean Q_i(s, a) over the batch and both critics, before the critic step. */
    double qMean = Double.NaN;
    /** Mean critic target y of the last update. */
    double qTargetMean = Double.NaN;
    /** Mean min_i Q_i(s, a~pi(s)) of the last update: what the actor climbs. */
    double qPiMean = Double.NaN;

    SacLearner(Actor actor, TwinCritic critic, int batch, double gamma, double tau, double targetEntropy,
               double initAlpha, boolean learnAlpha, double alphaLr, Kernels k, Rng rng) {
        this.actor = actor;
        this.critic = critic;
        this.batch = batch;
        this.gamma = gamma;
        this.tau = tau;
        this.targetEntropy = targetEntropy;
        this.learnAlpha = learnAlpha;
        this.alphaOptimizer = new ScalarAdam(alphaLr);
        this.logAlpha = Math.log(initAlpha);
        this.k = k;
        this.rng = rng;
        pi = actor.new Pass(batch);
        next = actor.new Pass(batch);
        q = critic.new Pass(critic.q, batch);
        qTarget = critic.new Pass(critic.target, batch);
        qPi = critic.new Pass(critic.q, batch);
        y = new float[batch];
        tdError = new float[batch];
        dAction = new float[batch * actor.actDim];
        dLogp = new float[batch];
    }

    double alpha() {
        return Math.exp(logAlpha);
    }

    /** The state of the noise stream of the updates (for checkpoints). */
    long[] rngState() {
        return rng.state();
    }

    void restoreRng(long[] state) {
        rng = Rng.fromState(state);
    }

    /** One update with every row weighted equally (uniform replay). */
    void update(Batch b) {
        update(b, null);
    }

    /**
     * One update; {@code weights} (one per row, or null for all 1) weight the critic loss, and
     * then {@link #tdError} receives the rows' TD errors. Null takes the uniform path, whose
     * arithmetic is that of {@link #update(Batch)} before prioritized replay existed.
     */
    void update(Batch b, float[] weights) {
        if (b.batchSize() != batch) {
            throw new IllegalArgumentException("batch of " + b.batchSize() + " rows, learner built for " + batch);
        }
        if (weights != null && weights.length < batch) {
            throw new IllegalArgumentException(weights.length + " importance weights for a batch of " + batch);
        }
        // 1. Sample the current policy at s (temperature and actor losses) and at s' (target),
        //    the noise in that order; meanwhile, on a second lane if there is one, the critics'
        //    Q_i(s, a) of the batch's actions for step 4 (nothing before step 4 changes them).
        pi.drawNoise(rng, false);
        next.drawNoise(rng, false);
        Lanes.both(k.lanes(), () -> {
            pi.squash(b.obs(), false, k);
            next.squash(b.nextObs(), false, k);
        }, () -> q.evaluate(critic.q, b.obs(), b.action(), k));
        double alpha = alpha(); // this update's losses use alpha from before its own step

        // 2. Temperature.
        double meanLogp = mean(pi.logp, batch);
        entropy = -meanLogp;
        if (learnAlpha) {
            logAlpha = alphaOptimizer.step(logAlpha, -(meanLogp + targetEntropy));
        }

        // 3. Critic target: y = r + gamma (1 - terminated) (min Qtarg(s', a') - alpha logp').
        qTarget.evaluate(critic.target, b.nextObs(), next.action, k);
        float[] reward = b.reward();
        float[] done = b.done();
        for (int r = 0; r < batch; r++) {
            double soft = qTarget.min(r) - alpha * next.logp[r];
            y[r] = (float) (reward[r] + gamma * (1 - done[r]) * soft);
        }
        qTargetMean = mean(y, batch);
        qMean = mean(q.values, 2 * batch);

        // 4. Critic regression: 0.5 * sum_i mean((Q_i - y)^2), one Adam step (Q_i from step 1).
        double loss = 0;
        if (weights == null) {
            for (int i = 0; i < 2; i++) {
                for (int r = 0; r < batch; r++) {
                    double err = q.values[i * batch + r] - y[r];
                    loss += 0.5 * err * err / batch;
                    q.dValues[i * batch + r] = (float) (err / batch);
                }
            }
        } else {
            // the same sums in the same order, each row times w: with all w = 1, bit for bit the above
            for (int i = 0; i < 2; i++) {
                for (int r = 0; r < batch; r++) {
                    double w = weights[r];
                    double err = q.values[i * batch + r] - y[r];
                    loss += 0.5 * w * err * err / batch;
                    q.dValues[i * batch + r] = (float) (w * err / batch);
                }
            }
            for (int r = 0; r < batch; r++) {
                tdError[r] = (float) Math.abs(0.5 * ((double) q.values[r] + q.values[batch + r]) - y[r]);
            }
        }
        criticLoss = loss;
        k.write(q.dValues, 0, q.ws.outputGrad());
        critic.q.backward(q.ws, k, false, false);
        critic.adam.step(k);

        // 5. Actor: mean(alpha logp - min_i Q_i(s, a~pi)) through the updated critics.
        qPi.evaluate(critic.q, b.obs(), pi.action, k);
        double aLoss = 0;
        double piSum = 0;
        for (int r = 0; r < batch; r++) {
            boolean first = qPi.values[r] <= qPi.values[batch + r];
            qPi.dValues[r] = first ? 1f : 0f;
            qPi.dValues[batch + r] = first ? 0f : 1f;
            float minQ = qPi.min(r);
            aLoss += (alpha * pi.logp[r] - minQ) / batch;
            piSum += minQ;
            dLogp[r] = (float) (alpha / batch);
        }
        actorLoss = aLoss;
        qPiMean = piSum / batch;
        k.write(qPi.dValues, 0, qPi.ws.outputGrad());
        critic.q.backwardToInput(qPi.ws, k);
        k.read(qPi.ws.inputGrad(), qPi.dInput, 0);
        int w = actor.obsDim + actor.actDim;
        for (int r = 0; r < batch; r++) {
            for (int j = 0; j < actor.actDim; j++) {
                float dq = qPi.dInput[r * w + actor.obsDim + j] + qPi.dInput[(batch + r) * w + actor.obsDim + j];
                dAction[r * actor.actDim + j] = -dq / batch;
            }
        }
        pi.backward(dAction, dLogp, k);
        actor.adam.step(k);

        // 6. Targets follow the critics.
        k.polyak(critic.target.params(), critic.q.params(), tau);
    }

    private static double mean(float[] v, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += v[i];
        }
        return sum / n;
    }

    /** Adam on one scalar, as PyTorch does it. */
    static final class ScalarAdam {
        private final double lr;
        private double m;
        private double v;
        private long t;

        ScalarAdam(double lr) {
            this.lr = lr;
        }

        double step(double param, double grad) {
            t++;
            m = 0.9 * m + 0.1 * grad;
            v = 0.999 * v + 0.001 * grad * grad;
            double mHat = m / (1 - Math.pow(0.9, t));
            double vHat = v / (1 - Math.pow(0.999, t));
            return param - lr * mHat / (Math.sqrt(vHat) + 1e-8);
        }

        double[] state() {
            return new double[] {m, v, t};
        }

        void restore(double[] s) {
            m = s[0];
            v = s[1];
            t = (long) s[2];
        }
    }
}

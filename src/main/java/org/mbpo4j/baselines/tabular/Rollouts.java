package org.mbpo4j.baselines.tabular;

import java.util.SplittableRandom;

/**
 * Episodes under a {@link SoftmaxPolicy}: real ones in the true {@link TabularMdp}, fake ones
 * in a learned {@link CountsModel}. Each step records the probability the policy gave the
 * action taken, for later importance weighting.
 */
public final class Rollouts {
    private Rollouts() {
    }

    /**
     * A real episode: the first state is drawn from the start distribution; it ends on entering
     * a terminal state or after {@code maxSteps} steps. (An episode that starts in a terminal
     * state has no steps.)
     */
    public static Episode real(TabularMdp mdp, SoftmaxPolicy policy, int maxSteps, SplittableRandom rng) {
        int s = draw(mdp.start(), rng);
        Episode.Recorder rec = Episode.start(s, true);
        if (mdp.isTerminal(s)) {
            return rec.finish(true);
        }
        while (rec.length() < maxSteps) {
            int a = policy.sample(s, rng);
            int[] next = mdp.successors(s, a);
            double[] prob = mdp.successorProbs(s, a);
            int k = pick(prob, rng);
            int s2 = next[k];
            rec.step(a, policy.prob(s, a), mdp.successorRewards(s, a)[k], s2);
            s = s2;
            if (mdp.isTerminal(s)) {
                return rec.finish(true);
            }
        }
        return rec.finish(false);
    }

    /**
     * A fake episode in the learned model from state {@code from}: it ends on entering a state
     * the model knows to be terminal, after {@code maxSteps} steps, or on reaching a pair
     * {@code (s, a)} the model has no data for (that step is not taken).
     */
    public static Episode fake(CountsModel model, SoftmaxPolicy policy, int from, int maxSteps, SplittableRandom rng) {
        Episode.Recorder rec = Episode.start(from, false);
        int s = from;
        if (model.isTerminal(s)) {
            return rec.finish(true);
        }
        while (rec.length() < maxSteps) {
            int a = policy.sample(s, rng);
            if (!model.hasData(s, a)) {
                return rec.finish(false);
            }
            int s2 = model.sampleNext(s, a, rng);
            rec.step(a, policy.prob(s, a), model.reward(s, a, s2), s2);
            s = s2;
            if (model.isTerminal(s)) {
                return rec.finish(true);
            }
        }
        return rec.finish(false);
    }

    /** Draws an index from a probability vector (the last positive entry takes any rounding remainder). */
    static int draw(double[] p, SplittableRandom rng) {
        double u = rng.nextDouble();
        double c = 0;
        int last = -1;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                c += p[i];
                last = i;
                if (u < c) {
                    return i;
                }
            }
        }
        return last;
    }

    private static int pick(double[] prob, SplittableRandom rng) {
        double u = rng.nextDouble();
        double c = 0;
        for (int k = 0; k < prob.length - 1; k++) {
            c += prob[k];
            if (u < c) {
                return k;
            }
        }
        return prob.length - 1;
    }
}

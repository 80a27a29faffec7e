package org.mbpo4j.baselines.lqr;

import java.util.Locale;

/**
 * Settings of {@link LqrLearner}.
 *
 * @param iterations policy updates
 * @param episodesPerIteration real episodes collected per iteration, in every mode (so that all
 *     modes spend real data at the same rate; the model modes use it to refit the model)
 * @param batch trajectories per policy-gradient update: the model rollouts of fake (and of
 *     mixed's model share); with {@code nac} and {@code naive} also the most recent real ones
 *     ({@code lstdq} uses all real data)
 * @param realRatio share of real trajectories in a mixed batch, in [0, 1]
 * @param sigma exploration standard deviation of the Gaussian policy (default 3: for
 *     {@code lstdq} the exploration excites the states against the process noise)
 * @param step step size: the Gauss-Newton step of the actor-critics and of exact-model, or the
 *     plain gradient step of the naive estimator
 * @param trust cap on ||delta K||_F relative to ||K||_F per policy-gradient update
 * @param window the advantage window H of {@link NaturalActorCritic} ({@code nac} only)
 * @param clip truncation of importance weights ({@code nac} only)
 * @param estimator the policy-gradient estimator of the sampled modes
 * @param k0 the initial gain, or null for the optimal gain of the system with R ten times
 *     larger (a stabilising but clearly suboptimal controller: policy gradient needs a
 *     stabilising start)
 */
public record LearnerOptions(int iterations, int episodesPerIteration, int batch, double realRatio, double sigma,
                             double step, double trust, int window, double clip, Estimator estimator,
                             double[][] k0) {
    /** The command line's defaults. */
    public static LearnerOptions defaults() {
        return new LearnerOptions(100, 2, 60, 0.5, 3.0, 0.5, 0.2, 1, 10, Estimator.LSTDQ, null);
    }

    /** The policy-gradient estimators. */
    public enum Estimator {
        /** {@link LstdqActorCritic}: joint LSTD-Q critic, no importance weights (the default). */
        LSTDQ,
        /** {@link NaturalActorCritic}: LSTD(0) critic, then a weighted regression of advantages. */
        NAC,
        /** {@link NaiveGradientEstimator}: trajectory-weighted REINFORCE, kept for comparison. */
        NAIVE;

        /** The command-line name: lstdq, nac, naive. */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The estimator with this command-line name, else null. */
        public static Estimator parse(String s) {
            for (Estimator e : values()) {
                if (e.cliName().equals(s)) {
                    return e;
                }
            }
            return null;
        }
    }

    public LearnerOptions {
        check(iterations >= 0 && iterations <= 1_000_000, "iterations must be in [0, 1000000]", iterations);
        check(episodesPerIteration >= 1 && episodesPerIteration <= 100_000,
                "episodes per iteration must be in [1, 100000]", episodesPerIteration);
        check(batch >= 1 && batch <= 100_000, "batch must be in [1, 100000]", batch);
        check(realRatio >= 0 && realRatio <= 1, "real ratio must be in [0, 1]", realRatio);
        check(sigma > 0 && Double.isFinite(sigma), "sigma must be a finite number > 0", sigma);
        check(step > 0 && Double.isFinite(step), "step must be a finite number > 0", step);
        check(trust > 0 && Double.isFinite(trust), "trust must be a finite number > 0", trust);
        check(window >= 1, "window must be at least 1", window);
        check(clip >= 1 && !Double.isNaN(clip), "clip must be at least 1", clip);
        if (estimator == null) {
            throw new IllegalArgumentException("estimator must be one of lstdq, nac, naive, got null");
        }
        k0 = k0 == null ? null : Mat.copy(k0);
    }

    /** These options with another initial gain. */
    public LearnerOptions withK0(double[][] k) {
        return new LearnerOptions(iterations, episodesPerIteration, batch, realRatio, sigma, step, trust, window,
                clip, estimator, k);
    }

    private static void check(boolean ok, String what, Object value) {
        if (!ok) {
            throw new IllegalArgumentException(what + ", got " + value);
        }
    }
}

package org.mbpo4j.sac;

import java.util.List;

/**
 * The options of a {@link SacAgent}: the soft actor-critic of Haarnoja et al. (2018), with the
 * learned temperature of the follow-up paper. {@link #defaults()} are the SAC paper's and MBPO's;
 * change what you need with {@link #toBuilder()}:
 * <pre>
 *   SacOptions o = SacOptions.defaults().toBuilder().hidden(64, 64).batchSize(128).build();
 * </pre>
 * The record checks what the algorithm needs (positive sizes, rates in range, a batch no larger
 * than the buffer) and throws {@link IllegalArgumentException} naming the field. The YAML
 * section {@code sac:} maps its keys onto these fields
 * with the same names in snake_case ({@code batchSize} is {@code batch_size}).
 *
 * @param hidden widths of the hidden layers of the actor and of each critic (default [256, 256])
 * @param actorLr Adam learning rate of the actor, &gt; 0 (default 3e-4)
 * @param criticLr Adam learning rate of the critics, &gt; 0 (default 3e-4)
 * @param alphaLr Adam learning rate of the log temperature, &gt; 0 (default 3e-4)
 * @param gamma discount factor, in [0, 1] (default 0.99)
 * @param tau Polyak rate of the target critics, in (0, 1]; 1 copies them (default 0.005)
 * @param batchSize transitions per update, at most {@code bufferSize} (default 256)
 * @param bufferSize replay buffer capacity in transitions (default 1,000,000)
 * @param learningStarts env steps of uniformly random actions before the first update (default 1,000)
 * @param updatesPerStep updates after every env step once learning has started (default 1)
 * @param targetEntropy the entropy the temperature is tuned towards; null: -|A| (default null)
 * @param initAlpha initial temperature, &gt; 0 (default 1)
 * @param learnAlpha whether the temperature is learned (default true)
 * @param logStdMin lower clamp of the actor's log standard deviation (default -20)
 * @param logStdMax upper clamp, above {@code logStdMin} (default 2)
 * @param prioritization prioritized replay of the real buffer (default {@link Prioritization#off()})
 */
public record SacOptions(List<Integer> hidden, double actorLr, double criticLr, double alphaLr, double gamma,
        double tau, int batchSize, int bufferSize, long learningStarts, int updatesPerStep, Double targetEntropy,
        double initAlpha, boolean learnAlpha, double logStdMin, double logStdMax, Prioritization prioritization) {

    /**
     * Proportional prioritized experience replay (Schaul et al. 2016) for the critic: a real
     * transition is replayed with probability proportional to {@code (|TD error| + eps)^alpha},
     * the critic loss is weighted by {@code (N P(i))^-beta} normalised by its maximum, and beta
     * rises linearly to 1 over {@code betaSteps} updates (null: constant).
     *
     * @param enabled whether replay is prioritized (default false: uniform, bit for bit)
     * @param alpha priority exponent, in [0, 1] (default 0.6)
     * @param beta initial importance-sampling exponent, in [0, 1] (default 0.4)
     * @param betaSteps updates over which beta rises to 1, &gt;= 1, or null (default null)
     * @param eps added to |TD error|, &gt; 0 (default 1e-6)
     */
    public record Prioritization(boolean enabled, double alpha, double beta, Integer betaSteps, double eps) {
        /** Checks every field. */
        public Prioritization {
            require(alpha >= 0 && alpha <= 1, "prioritization.alpha", "in [0, 1]", alpha);
            require(beta >= 0 && beta <= 1, "prioritization.beta", "in [0, 1]", beta);
            require(betaSteps == null || betaSteps >= 1, "prioritization.betaSteps", ">= 1 or null", betaSteps);
            require(eps > 0 && Double.isFinite(eps), "prioritization.eps", "finite and > 0", eps);
        }

        /** Uniform replay, with the paper's settings ready: alpha 0.6, beta 0.4, no annealing, eps 1e-6. */
        public static Prioritization off() {
            return new Prioritization(false, 0.6, 0.4, null, 1e-6);
        }

        /** These settings switched on. */
        public Prioritization on() {
            return new Prioritization(true, alpha, beta, betaSteps, eps);
        }

        /** The beta annealing length in updates, 0 for a constant beta. */
        public long betaStepsOrZero() {
            return betaSteps == null ? 0 : betaSteps;
        }
    }

    /** Checks every field; a violation is an {@link IllegalArgumentException} naming it. */
    public SacOptions {
        require(hidden != null && !hidden.isEmpty() && hidden.stream().allMatch(h -> h != null && h >= 1),
                "hidden", "one or more widths >= 1", hidden);
        hidden = List.copyOf(hidden);
        require(actorLr > 0 && Double.isFinite(actorLr), "actorLr", "finite and > 0", actorLr);
        require(criticLr > 0 && Double.isFinite(criticLr), "criticLr", "finite and > 0", criticLr);
        require(alphaLr > 0 && Double.isFinite(alphaLr), "alphaLr", "finite and > 0", alphaLr);
        require(gamma >= 0 && gamma <= 1, "gamma", "in [0, 1]", gamma);
        require(tau > 0 && tau <= 1, "tau", "in (0, 1]", tau);
        require(batchSize >= 1, "batchSize", ">= 1", batchSize);
        require(bufferSize >= 1, "bufferSize", ">= 1", bufferSize);
        require(batchSize <= bufferSize, "batchSize", "<= bufferSize (" + bufferSize + ")", batchSize);
        require(learningStarts >= 0, "learningStarts", ">= 0", learningStarts);
        require(updatesPerStep >= 1, "updatesPerStep", ">= 1", updatesPerStep);
        require(targetEntropy == null || Double.isFinite(targetEntropy), "targetEntropy", "finite or null",
                targetEntropy);
        require(initAlpha > 0 && Double.isFinite(initAlpha), "initAlpha", "finite and > 0", initAlpha);
        require(Double.isFinite(logStdMin) && Double.isFinite(logStdMax) && logStdMin < logStdMax, "logStdMin",
                "finite and below logStdMax (" + logStdMax + ")", logStdMin);
        require(prioritization != null, "prioritization", "not null (Prioritization.off() for uniform replay)",
                null);
    }

    /**
     * The defaults of SAC and MBPO: hidden [256, 256], learning rates 3e-4, gamma 0.99, tau 0.005,
     * batches of 256 from a buffer of 1,000,000, 1,000 random steps first, 1 update per step, the
     * target entropy -|A|, a learned temperature starting at 1, log standard deviations clamped to
     * [-20, 2], uniform replay.
     */
    public static SacOptions defaults() {
        return new SacOptions(List.of(256, 256), 3e-4, 3e-4, 3e-4, 0.99, 0.005, 256, 1_000_000, 1000, 1, null,
                1.0, true, -20, 2, Prioritization.off());
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** These options with another exploration phase and update rate (MBPO schedules SAC's updates itself). */
    public SacOptions withSchedule(long learningStarts, int updatesPerStep) {
        return toBuilder().learningStarts(learningStarts).updatesPerStep(updatesPerStep).build();
    }

    /** The target entropy for an action space of {@code actionDim} dimensions: the set value, else -|A|. */
    public double targetEntropyFor(int actionDim) {
        if (actionDim < 1) {
            throw new IllegalArgumentException("action dimension must be >= 1, got " + actionDim);
        }
        return targetEntropy != null ? targetEntropy : -actionDim;
    }

    static void require(boolean ok, String field, String allowed, Object got) {
        if (!ok) {
            throw new IllegalArgumentException("SAC option " + field + " must be " + allowed + ", got " + got);
        }
    }

    /** Builds {@link SacOptions}; starts from {@link #defaults()} and checks on {@link #build()}. */
    public static final class Builder {
        private List<Integer> hidden;
        private double actorLr;
        private double criticLr;
        private double alphaLr;
        private double gamma;
        private double tau;
        private int batchSize;
        private int bufferSize;
        private long learningStarts;
        private int updatesPerStep;
        private Double targetEntropy;
        private double initAlpha;
        private boolean learnAlpha;
        private double logStdMin;
        private double logStdMax;
        private Prioritization prioritization;

        /** A builder holding the defaults. */
        public Builder() {
            this(defaults());
        }

        private Builder(SacOptions o) {
            hidden = o.hidden;
            actorLr = o.actorLr;
            criticLr = o.criticLr;
            alphaLr = o.alphaLr;
            gamma = o.gamma;
            tau = o.tau;
            batchSize = o.batchSize;
            bufferSize = o.bufferSize;
            learningStarts = o.learningStarts;
            updatesPerStep = o.updatesPerStep;
            targetEntropy = o.targetEntropy;
            initAlpha = o.initAlpha;
            learnAlpha = o.learnAlpha;
            logStdMin = o.logStdMin;
            logStdMax = o.logStdMax;
            prioritization = o.prioritization;
        }

        /** Hidden layer widths of the actor and each critic. */
        public Builder hidden(int... widths) {
            this.hidden = java.util.Arrays.stream(widths).boxed().toList();
            return this;
        }

        /** Hidden layer widths of the actor and each critic. */
        public Builder hidden(List<Integer> widths) {
            this.hidden = widths;
            return this;
        }

        /** Adam learning rate of the actor. */
        public Builder actorLr(double v) {
            this.actorLr = v;
            return this;
        }

        /** Adam learning rate of the critics. */
        public Builder criticLr(double v) {
            this.criticLr = v;
            return this;
        }

        /** Adam learning rate of the log temperature. */
        public Builder alphaLr(double v) {
            this.alphaLr = v;
            return this;
        }

        /** One learning rate for the actor, the critics and the temperature. */
        public Builder lr(double v) {
            return actorLr(v).criticLr(v).alphaLr(v);
        }

        /** Discount factor. */
        public Builder gamma(double v) {
            this.gamma = v;
            return this;
        }

        /** Polyak rate of the target critics. */
        public Builder tau(double v) {
            this.tau = v;
            return this;
        }

        /** Transitions per update. */
        public Builder batchSize(int v) {
            this.batchSize = v;
            return this;
        }

        /** Replay buffer capacity. */
        public Builder bufferSize(int v) {
            this.bufferSize = v;
            return this;
        }

        /** Random env steps before the first update. */
        public Builder learningStarts(long v) {
            this.learningStarts = v;
            return this;
        }

        /** Updates per env step. */
        public Builder updatesPerStep(int v) {
            this.updatesPerStep = v;
            return this;
        }

        /** The entropy the temperature is tuned towards; null for -|A|. */
        public Builder targetEntropy(Double v) {
            this.targetEntropy = v;
            return this;
        }

        /** The initial temperature. */
        public Builder initAlpha(double v) {
            this.initAlpha = v;
            return this;
        }

        /** Whether the temperature is learned. */
        public Builder learnAlpha(boolean v) {
            this.learnAlpha = v;
            return this;
        }

        /** Clamps of the actor's log standard deviation. */
        public Builder logStdRange(double min, double max) {
            this.logStdMin = min;
            this.logStdMax = max;
            return this;
        }

        /** Prioritized replay settings. */
        public Builder prioritization(Prioritization p) {
            this.prioritization = p;
            return this;
        }

        /** The options, checked. */
        public SacOptions build() {
            return new SacOptions(hidden, actorLr, criticLr, alphaLr, gamma, tau, batchSize, bufferSize,
                    learningStarts, updatesPerStep, targetEntropy, initAlpha, learnAlpha, logStdMin, logStdMax,
                    prioritization);
        }
    }
}

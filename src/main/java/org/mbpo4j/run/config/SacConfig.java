package org.mbpo4j.run.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mbpo4j.sac.SacOptions;

/**
 * The {@code sac:} section: the soft actor-critic agent (Haarnoja et al. 2018, with the learned
 * temperature of the 2018 follow-up), used alone ({@code algo: sac}) and as MBPO's policy
 * optimiser. The defaults are those of the SAC paper and of MBPO's SAC: two hidden layers of
 * 256 units, Adam at 3e-4, discount 0.99, Polyak rate 0.005, batches of 256, a replay buffer of
 * one million transitions and a temperature tuned towards an entropy of -|A|.
 *
 * @param hidden widths of the hidden layers of the actor and of each critic, 1 to 8 layers of
 *     1 to 4096 units ({@code hidden}, default [256, 256])
 * @param actorLr Adam learning rate of the actor, in (0, 1] ({@code actor_lr}, default 3e-4)
 * @param criticLr Adam learning rate of the critics, in (0, 1] ({@code critic_lr}, default 3e-4)
 * @param alphaLr Adam learning rate of the log temperature, in (0, 1] ({@code alpha_lr}, default 3e-4)
 * @param gamma discount factor, in [0, 1] ({@code gamma}, default 0.99)
 * @param tau Polyak rate of the target critics, in (0, 1]; 1 copies them outright
 *     ({@code tau}, default 0.005)
 * @param batchSize transitions per gradient step, in [1, 65536] and at most {@code bufferSize}
 *     ({@code batch_size}, default 256)
 * @param bufferSize replay buffer capacity in transitions, in [1, 1e8] ({@code buffer_size},
 *     default 1000000)
 * @param learningStarts environment steps of uniformly random actions before the first update,
 *     in [0, 1e9] ({@code learning_starts}, default 1000)
 * @param updatesPerStep gradient steps per environment step once learning has started, in
 *     [1, 1000] ({@code updates_per_step}, default 1)
 * @param targetEntropy entropy the temperature is tuned towards, a finite number; null means
 *     automatic, -|A| for an action space of dimension |A| (YAML {@code target_entropy: auto} or
 *     {@code null}, the default)
 * @param initAlpha initial temperature, in (0, 1e6] ({@code init_alpha}, default 1.0)
 * @param learnAlpha whether the temperature is learned; when false it stays at
 *     {@code initAlpha} ({@code learn_alpha}, default true)
 * @param logStdMin lower clamp of the actor's log standard deviation, finite and below
 *     {@code logStdMax} ({@code log_std_min}, default -20)
 * @param logStdMax upper clamp of the actor's log standard deviation, finite ({@code log_std_max},
 *     default 2)
 * @param prioritization prioritized replay of the real buffer, off by default: the keys
 *     {@code prioritized_replay}, {@code per_alpha}, {@code per_beta}, {@code per_beta_steps} and
 *     {@code per_eps} (see {@link Prioritization}); never null
 */
public record SacConfig(List<Integer> hidden, double actorLr, double criticLr, double alphaLr, double gamma,
        double tau, int batchSize, int bufferSize, long learningStarts, int updatesPerStep, Double targetEntropy,
        double initAlpha, boolean learnAlpha, double logStdMin, double logStdMax, Prioritization prioritization) {
    /** The YAML word for an automatic {@link #targetEntropy()}. */
    public static final String AUTO = "auto";

    private static final IntListKey HIDDEN = new IntListKey("hidden", 1, 8, 1, 4096);
    private static final RealKey ACTOR_LR = RealKey.above("actor_lr", 0, 1);
    private static final RealKey CRITIC_LR = RealKey.above("critic_lr", 0, 1);
    private static final RealKey ALPHA_LR = RealKey.above("alpha_lr", 0, 1);
    private static final RealKey GAMMA = RealKey.closed("gamma", 0, 1);
    private static final RealKey TAU = RealKey.above("tau", 0, 1);
    private static final IntegerKey BATCH_SIZE = new IntegerKey("batch_size", 1, 65_536);
    private static final IntegerKey BUFFER_SIZE = new IntegerKey("buffer_size", 1, 100_000_000);
    private static final IntegerKey LEARNING_STARTS = new IntegerKey("learning_starts", 0, 1_000_000_000L);
    private static final IntegerKey UPDATES_PER_STEP = new IntegerKey("updates_per_step", 1, 1000);
    private static final String TARGET_ENTROPY = "target_entropy";
    private static final RealKey INIT_ALPHA = RealKey.above("init_alpha", 0, 1e6);
    private static final String LEARN_ALPHA = "learn_alpha";
    private static final RealKey LOG_STD_MIN = RealKey.finite("log_std_min");
    private static final RealKey LOG_STD_MAX = RealKey.finite("log_std_max");
    private static final String PRIORITIZED_REPLAY = "prioritized_replay";
    private static final RealKey PER_ALPHA = RealKey.closed("per_alpha", 0, 1);
    private static final RealKey PER_BETA = RealKey.closed("per_beta", 0, 1);
    private static final IntegerKey PER_BETA_STEPS = new IntegerKey("per_beta_steps", 1, 1_000_000_000);
    private static final RealKey PER_EPS = RealKey.above("per_eps", 0, 1);

    /**
     * Proportional prioritized experience replay (Schaul et al. 2016) for SAC's critic: each
     * real transition is replayed with probability proportional to
     * {@code (|TD error| + eps)^alpha}, the critic loss is weighted by the importance-sampling
     * weights {@code (N P(i))^-beta}, normalised by their maximum, and beta rises linearly to 1
     * over {@code betaSteps} updates. See {@code org.mbpo4j.buffer.PrioritizedReplay}.
     *
     * @param enabled whether replay is prioritized; false keeps uniform replay, bit for bit as
     *     without these keys ({@code prioritized_replay}, default false)
     * @param alpha priority exponent, in [0, 1]; 0 is uniform ({@code per_alpha}, default 0.6)
     * @param beta initial importance-sampling exponent, in [0, 1]; 1 corrects fully
     *     ({@code per_beta}, default 0.4)
     * @param betaSteps updates over which beta rises linearly to 1, in [1, 1e9], or null to keep
     *     it constant ({@code per_beta_steps}, default null)
     * @param eps added to |TD error| so that every transition stays drawable, in (0, 1]
     *     ({@code per_eps}, default 1e-6)
     */
    public record Prioritization(boolean enabled, double alpha, double beta, Integer betaSteps, double eps) {
        /** Validates every field; a violation is a {@link ConfigException} naming the YAML key. */
        public Prioritization {
            PER_ALPHA.check(alpha);
            PER_BETA.check(beta);
            PER_BETA_STEPS.checkNullableInt(betaSteps);
            PER_EPS.check(eps);
        }

        /** Uniform replay (prioritization off) with the paper's settings ready: alpha 0.6, beta 0.4, no annealing, eps 1e-6. */
        public static Prioritization off() {
            return of(org.mbpo4j.sac.SacOptions.Prioritization.off());
        }

        /** The algorithm's settings as this section's record (checked against the YAML keys' ranges). */
        public static Prioritization of(org.mbpo4j.sac.SacOptions.Prioritization p) {
            return new Prioritization(p.enabled(), p.alpha(), p.beta(), p.betaSteps(), p.eps());
        }

        /** These settings as the algorithm's record. */
        public org.mbpo4j.sac.SacOptions.Prioritization toOptions() {
            return new org.mbpo4j.sac.SacOptions.Prioritization(enabled, alpha, beta, betaSteps, eps);
        }

        /** These settings switched on. */
        public Prioritization on() {
            return new Prioritization(true, alpha, beta, betaSteps, eps);
        }

        /** The beta annealing length in updates, 0 for a constant beta. */
        public long betaStepsOrZero() {
            return betaSteps == null ? 0 : betaSteps;
        }

        static Prioritization from(ConfigNode node) {
            Prioritization d = off();
            return new Prioritization(
                    node.getBool(PRIORITIZED_REPLAY, d.enabled),
                    PER_ALPHA.read(node, d.alpha),
                    PER_BETA.read(node, d.beta),
                    PER_BETA_STEPS.readNullableInt(node, d.betaSteps),
                    PER_EPS.read(node, d.eps));
        }

        void putInto(Map<String, Object> m) {
            m.put(PRIORITIZED_REPLAY, enabled);
            m.put(PER_ALPHA.key(), alpha);
            m.put(PER_BETA.key(), beta);
            m.put(PER_BETA_STEPS.key(), betaSteps);
            m.put(PER_EPS.key(), eps);
        }
    }

    /**
     * The configuration without prioritized replay ({@link Prioritization#off()}): the
     * constructor of the fields that predate it.
     */
    public SacConfig(List<Integer> hidden, double actorLr, double criticLr, double alphaLr, double gamma, double tau,
            int batchSize, int bufferSize, long learningStarts, int updatesPerStep, Double targetEntropy,
            double initAlpha, boolean learnAlpha, double logStdMin, double logStdMax) {
        this(hidden, actorLr, criticLr, alphaLr, gamma, tau, batchSize, bufferSize, learningStarts, updatesPerStep,
                targetEntropy, initAlpha, learnAlpha, logStdMin, logStdMax, Prioritization.off());
    }

    /**
     * Validates every field; a violation is a {@link ConfigException} naming the YAML key
     * ({@code batch_size} when it exceeds {@code buffer_size}; both keys, and no one key path,
     * when {@code log_std_min} is not below {@code log_std_max}).
     */
    public SacConfig {
        hidden = HIDDEN.check(hidden);
        ACTOR_LR.check(actorLr);
        CRITIC_LR.check(criticLr);
        ALPHA_LR.check(alphaLr);
        GAMMA.check(gamma);
        TAU.check(tau);
        BATCH_SIZE.checkInt(batchSize);
        BUFFER_SIZE.checkInt(bufferSize);
        if (batchSize > bufferSize) {
            // Every batch would repeat transitions, even with the buffer full.
            throw new ConfigException(BATCH_SIZE.key(), "must be <= " + BUFFER_SIZE.key() + " (" + bufferSize
                    + "): a batch is drawn from the replay buffer, got " + batchSize).involving(BUFFER_SIZE.key());
        }
        LEARNING_STARTS.check(learningStarts);
        UPDATES_PER_STEP.checkInt(updatesPerStep);
        if (targetEntropy != null && !Double.isFinite(targetEntropy)) {
            throw new ConfigException(TARGET_ENTROPY, "must be a finite number, " + AUTO + " or null, got "
                    + ConfigText.describe(targetEntropy));
        }
        INIT_ALPHA.check(initAlpha);
        LOG_STD_MIN.check(logStdMin);
        LOG_STD_MAX.check(logStdMax);
        if (!(logStdMin < logStdMax)) {
            throw new ConfigException(null, LOG_STD_MIN.key() + " must be less than " + LOG_STD_MAX.key() + ", got "
                    + LOG_STD_MIN.key() + " " + logStdMin + " and " + LOG_STD_MAX.key() + " " + logStdMax);
        }
        if (prioritization == null) {
            throw new ConfigException(PRIORITIZED_REPLAY, "settings must not be null; use Prioritization.off()");
        }
    }

    /**
     * The defaults of SAC and MBPO: hidden [256, 256], learning rates 3e-4, gamma 0.99, tau 0.005,
     * batches of 256, a buffer of 1000000, 1000 random steps first, 1 update per step, automatic
     * target entropy, temperature 1.0 and learned, log standard deviation clamped to [-20, 2],
     * uniform replay.
     */
    public static SacConfig defaults() {
        return of(SacOptions.defaults());
    }

    /** The algorithm's options as this section (checked against the YAML keys' ranges). */
    public static SacConfig of(SacOptions o) {
        return new SacConfig(o.hidden(), o.actorLr(), o.criticLr(), o.alphaLr(), o.gamma(), o.tau(), o.batchSize(),
                o.bufferSize(), o.learningStarts(), o.updatesPerStep(), o.targetEntropy(), o.initAlpha(),
                o.learnAlpha(), o.logStdMin(), o.logStdMax(), Prioritization.of(o.prioritization()));
    }

    /** This section as the options {@link org.mbpo4j.sac.SacAgent} takes. */
    public SacOptions toOptions() {
        return new SacOptions(hidden, actorLr, criticLr, alphaLr, gamma, tau, batchSize, bufferSize, learningStarts,
                updatesPerStep, targetEntropy, initAlpha, learnAlpha, logStdMin, logStdMax, prioritization.toOptions());
    }

    /** This configuration with other prioritized-replay settings. */
    public SacConfig withPrioritization(Prioritization p) {
        return new SacConfig(hidden, actorLr, criticLr, alphaLr, gamma, tau, batchSize, bufferSize, learningStarts,
                updatesPerStep, targetEntropy, initAlpha, learnAlpha, logStdMin, logStdMax, p);
    }

    /**
     * This configuration with another exploration phase and update rate, everything else
     * (prioritized replay included) kept: what MBPO, which schedules SAC's updates itself, needs.
     */
    public SacConfig withSchedule(long learningStarts, int updatesPerStep) {
        return new SacConfig(hidden, actorLr, criticLr, alphaLr, gamma, tau, batchSize, bufferSize, learningStarts,
                updatesPerStep, targetEntropy, initAlpha, learnAlpha, logStdMin, logStdMax, prioritization);
    }

    /** Reads the section; absent keys take their defaults. Unknown keys are left to {@link ConfigNode#finish()}. */
    public static SacConfig from(ConfigNode node) {
        SacConfig d = defaults();
        return new SacConfig(
                HIDDEN.read(node, d.hidden),
                ACTOR_LR.read(node, d.actorLr),
                CRITIC_LR.read(node, d.criticLr),
                ALPHA_LR.read(node, d.alphaLr),
                GAMMA.read(node, d.gamma),
                TAU.read(node, d.tau),
                BATCH_SIZE.readInt(node, d.batchSize),
                BUFFER_SIZE.readInt(node, d.bufferSize),
                LEARNING_STARTS.read(node, d.learningStarts),
                UPDATES_PER_STEP.readInt(node, d.updatesPerStep),
                node.getNullableDouble(TARGET_ENTROPY, d.targetEntropy, Double.NEGATIVE_INFINITY,
                        Double.POSITIVE_INFINITY, AUTO),
                INIT_ALPHA.read(node, d.initAlpha),
                node.getBool(LEARN_ALPHA, d.learnAlpha),
                LOG_STD_MIN.read(node, d.logStdMin),
                LOG_STD_MAX.read(node, d.logStdMax),
                Prioritization.from(node));
    }

    /** The target entropy to tune towards for an action space of {@code actionDim} dimensions: the set value, else -|A|. */
    public double targetEntropyFor(int actionDim) {
        if (actionDim < 1) {
            throw new IllegalArgumentException("action dimension must be >= 1, got " + actionDim);
        }
        return targetEntropy != null ? targetEntropy : -actionDim;
    }

    /** Every key with its value, snake_case, in schema order; an automatic target entropy is written as null. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(HIDDEN.key(), hidden);
        m.put(ACTOR_LR.key(), actorLr);
        m.put(CRITIC_LR.key(), criticLr);
        m.put(ALPHA_LR.key(), alphaLr);
        m.put(GAMMA.key(), gamma);
        m.put(TAU.key(), tau);
        m.put(BATCH_SIZE.key(), batchSize);
        m.put(BUFFER_SIZE.key(), bufferSize);
        m.put(LEARNING_STARTS.key(), learningStarts);
        m.put(UPDATES_PER_STEP.key(), updatesPerStep);
        m.put(TARGET_ENTROPY, targetEntropy);
        m.put(INIT_ALPHA.key(), initAlpha);
        m.put(LEARN_ALPHA, learnAlpha);
        m.put(LOG_STD_MIN.key(), logStdMin);
        m.put(LOG_STD_MAX.key(), logStdMax);
        prioritization.putInto(m);
        return m;
    }
}

package org.mbpo4j.baselines.tabular;

/**
 * The settings of a {@link TabularAgent} run, with defaults that reach the optimum of
 * {@code nchain5} and {@code frozenlake4x4} within the default number of iterations. Setters
 * return {@code this}; {@link #check()} validates everything with messages naming the
 * command-line option.
 */
public final class AgentOptions {
    /** Default {@link #iterations}. */
    public static final int DEFAULT_ITERATIONS = 300;
    /** Default {@link #modelUpdates}. */
    public static final int DEFAULT_MODEL_UPDATES = 20;
    /** Default {@link #exploration} when model data are used (real ratio below 1); 0 otherwise. */
    public static final double DEFAULT_EXPLORATION = 0.1;
    /** Cap on the automatic episode length (see {@link #maxEpisodeSteps(TabularMdp)}). */
    public static final int AUTO_STEP_CAP = 10_000;
    /**
     * The longest real or fake episode that can be asked for ({@link #maxEpisodeSteps},
     * {@link #fakeHorizon}): as long as an MDP's horizon may be. The model's gradients keep a
     * states x actions table per step of the fake horizon.
     */
    public static final int MAX_STEPS = TabularMdp.MAX_HORIZON;

    private Mode mode = Mode.MIXED;
    private double realRatio = 0.5;
    private int iterations = DEFAULT_ITERATIONS;
    private int episodes = 10;
    private int initialEpisodes = 10;
    private int fakeEpisodes = 50;
    private int fakeHorizon;
    private int maxEpisodeSteps;
    private int replayIterations = 8;
    private double learningRate = 0.05;
    private ImportanceWeights weighting = new ImportanceWeights(10, true);
    private int evalEvery = 1;
    private int modelUpdates = DEFAULT_MODEL_UPDATES;
    private double exploration = Double.NaN;
    private double stopGap;
    private FakeGradient fakeGradient = FakeGradient.NATURAL;

    /** How the fake part of each update is obtained (default natural). */
    public FakeGradient fakeGradient() {
        return fakeGradient;
    }

    /** Sets how the fake part of each update is obtained (see {@link FakeGradient}). */
    public AgentOptions fakeGradient(FakeGradient kind) {
        this.fakeGradient = kind;
        return this;
    }

    /** Policy updates per iteration when model data are used (see {@link #modelUpdates}). */
    public int modelUpdates() {
        return modelUpdates;
    }

    /**
     * Sets the policy-gradient updates per iteration in fake and mixed mode (real ratio below 1),
     * each on freshly generated model episodes, >= 1. With real ratio 1 (real mode) there is no
     * model data and an iteration is one update.
     */
    public AgentOptions modelUpdates(int n) {
        this.modelUpdates = n;
        return this;
    }

    /**
     * The exploration {@code epsilon} of real data collection (see {@link #exploration(double)}):
     * as set, else {@value #DEFAULT_EXPLORATION} when model data are used (real ratio below 1),
     * so that the model learns every pair the policy might need, and 0 in real mode (on-policy
     * data, importance weights only for the replay).
     */
    public double exploration() {
        if (!Double.isNaN(exploration)) {
            return exploration;
        }
        return effectiveRealRatio() < 1 ? DEFAULT_EXPLORATION : 0;
    }

    /**
     * Sets the exploration of the real episodes collected each iteration, in [0, 1]: they follow
     * {@code (1 - epsilon) pi + epsilon uniform}, and the importance weights of the real batches
     * divide by that behaviour policy.
     */
    public AgentOptions exploration(double epsilon) {
        this.exploration = epsilon;
        return this;
    }

    /** The early-stopping gap; 0 (default) for none. */
    public double stopGap() {
        return stopGap;
    }

    /**
     * Stops the run at the first evaluation whose greedy policy is optimal and whose exact gap
     * is at most {@code gap} ({@code >= 0}; 0: never stop early).
     */
    public AgentOptions stopGap(double gap) {
        this.stopGap = gap;
        return this;
    }

    /** The mode (default mixed). */
    public Mode mode() {
        return mode;
    }

    /** Sets the mode. */
    public AgentOptions mode(Mode m) {
        this.mode = m;
        return this;
    }

    /** The real ratio given for mixed mode (default 0.5). */
    public double realRatio() {
        return realRatio;
    }

    /** Sets the real ratio used in mixed mode, in [0, 1]. */
    public AgentOptions realRatio(double r) {
        this.realRatio = r;
        return this;
    }

    /** The weight of real data in each batch: 1 in real mode, 0 in fake mode, {@link #realRatio} in mixed. */
    public double effectiveRealRatio() {
        return switch (mode) {
            case REAL -> 1.0;
            case FAKE -> 0.0;
            case MIXED -> realRatio;
        };
    }

    /** Policy-gradient iterations (default {@value #DEFAULT_ITERATIONS}). */
    public int iterations() {
        return iterations;
    }

    /** Sets the number of iterations, >= 1. */
    public AgentOptions iterations(int n) {
        this.iterations = n;
        return this;
    }

    /** Real episodes collected per iteration, in every mode (default 10). */
    public int episodes() {
        return episodes;
    }

    /** Sets the real episodes per iteration, >= 1. */
    public AgentOptions episodes(int n) {
        this.episodes = n;
        return this;
    }

    /** Real episodes collected with the initial (uniform) policy before the first update (default 10). */
    public int initialEpisodes() {
        return initialEpisodes;
    }

    /** Sets the initial real episodes, >= 1. */
    public AgentOptions initialEpisodes(int n) {
        this.initialEpisodes = n;
        return this;
    }

    /** Fake (model) episodes sampled per update with the sampled fake gradient (default 50). */
    public int fakeEpisodes() {
        return fakeEpisodes;
    }

    /** Sets the fake episodes per iteration, >= 1. */
    public AgentOptions fakeEpisodes(int n) {
        this.fakeEpisodes = n;
        return this;
    }

    /** The longest fake episode; 0 (default) for the real episodes' limit. */
    public int fakeHorizon() {
        return fakeHorizon;
    }

    /** Sets the longest fake episode, in [0, {@value #MAX_STEPS}] (0: as real episodes). */
    public AgentOptions fakeHorizon(int n) {
        this.fakeHorizon = n;
        return this;
    }

    /** The step limit of real episodes as set; 0 (default) for automatic. */
    public int maxEpisodeSteps() {
        return maxEpisodeSteps;
    }

    /** Sets the step limit of real episodes, in [0, {@value #MAX_STEPS}] (0: automatic). */
    public AgentOptions maxEpisodeSteps(int n) {
        this.maxEpisodeSteps = n;
        return this;
    }

    /**
     * The step limit of real episodes for {@code mdp}: as set, else the horizon if the MDP has
     * one, else for {@code gamma < 1} the first {@code T} with {@code gamma^T <= 1e-3} (so the
     * cut-off part of a return is worth at most 0.1% of it; 66 steps at 0.9, 688 at 0.99),
     * capped at {@value #AUTO_STEP_CAP}, and 1000 for {@code gamma = 1}.
     */
    public int maxEpisodeSteps(TabularMdp mdp) {
        if (maxEpisodeSteps > 0) {
            return maxEpisodeSteps;
        }
        if (mdp.hasHorizon()) {
            return mdp.horizon();
        }
        if (mdp.gamma() >= 1) {
            return 1000;
        }
        double t = Math.ceil(Math.log(1e-3) / Math.log(mdp.gamma()));
        return (int) Math.max(1, Math.min(AUTO_STEP_CAP, t));
    }

    /** The longest fake episode for {@code mdp}. */
    public int fakeHorizon(TabularMdp mdp) {
        return fakeHorizon > 0 ? fakeHorizon : maxEpisodeSteps(mdp);
    }

    /** Iterations whose real episodes stay in the replay (default 8; 1 means on-policy data only). */
    public int replayIterations() {
        return replayIterations;
    }

    /** Sets the replay length in iterations, >= 1. */
    public AgentOptions replayIterations(int n) {
        this.replayIterations = n;
        return this;
    }

    /** Adam's step size on the logits (default 0.05). */
    public double learningRate() {
        return learningRate;
    }

    /** Sets Adam's step size, > 0. */
    public AgentOptions learningRate(double lr) {
        this.learningRate = lr;
        return this;
    }

    /** The importance weighting (default: truncated at 10, normalised per step). */
    public ImportanceWeights weighting() {
        return weighting;
    }

    /** Sets the importance weighting. */
    public AgentOptions weighting(ImportanceWeights w) {
        this.weighting = w;
        return this;
    }

    /** Exact evaluations every this many iterations (default 1; the last iteration is always evaluated). */
    public int evalEvery() {
        return evalEvery;
    }

    /** Sets the evaluation interval, >= 1. */
    public AgentOptions evalEvery(int n) {
        this.evalEvery = n;
        return this;
    }

    /**
     * Checks every setting.
     *
     * @throws IllegalArgumentException naming the option and its value
     */
    public AgentOptions check() {
        if (mode == null) {
            throw new IllegalArgumentException("mode (--mode) must be real, fake or mixed");
        }
        if (!(realRatio >= 0 && realRatio <= 1)) {
            throw new IllegalArgumentException("real ratio (--real-ratio) must be in [0, 1], got " + realRatio);
        }
        positive("iterations (--iterations)", iterations, 10_000_000);
        positive("episodes per iteration (--episodes)", episodes, 1_000_000);
        positive("initial episodes (--initial-episodes)", initialEpisodes, 1_000_000);
        positive("fake episodes per iteration (--fake-episodes)", fakeEpisodes, 10_000_000);
        positive("replay length (--replay-iterations)", replayIterations, 1_000_000);
        positive("evaluation interval (--eval-every)", evalEvery, Integer.MAX_VALUE);
        if (fakeHorizon < 0 || fakeHorizon > MAX_STEPS) {
            throw new IllegalArgumentException("fake horizon (--fake-horizon) must be in [0, " + MAX_STEPS
                    + "] (0: as real episodes), got " + fakeHorizon);
        }
        if (maxEpisodeSteps < 0 || maxEpisodeSteps > MAX_STEPS) {
            throw new IllegalArgumentException("episode step limit (--max-episode-steps) must be in [0, " + MAX_STEPS
                    + "] (0: automatic), got " + maxEpisodeSteps);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate (--lr) must be > 0 and finite, got " + learningRate);
        }
        positive("model updates per iteration (--model-updates)", modelUpdates, 1_000_000);
        if (!Double.isNaN(exploration) && !(exploration >= 0 && exploration <= 1)) {
            throw new IllegalArgumentException("exploration (--explore) must be in [0, 1], got " + exploration);
        }
        if (!(stopGap >= 0) || Double.isInfinite(stopGap)) {
            throw new IllegalArgumentException("early-stopping gap (--stop-gap) must be >= 0 and finite (0: none), got "
                    + stopGap);
        }
        if (fakeGradient == null) {
            throw new IllegalArgumentException("fake gradient (--fake-gradient) must be natural, expected or sampled");
        }
        if (weighting == null) {
            throw new IllegalArgumentException("importance weighting must be set");
        }
        return this;
    }

    private static void positive(String what, int n, int max) {
        if (n < 1 || n > max) {
            throw new IllegalArgumentException(what + " must be in [1, " + max + "], got " + n);
        }
    }
}

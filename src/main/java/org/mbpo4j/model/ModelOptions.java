package org.mbpo4j.model;

import java.util.HashSet;
import java.util.List;

/**
 * The options of MBPO's dynamics model: a probabilistic ensemble of Gaussian networks predicting
 * the change of the observation (and the reward), how it is trained ({@link ModelTrainer}) and
 * how rollouts sample it. {@link #defaults()} are the MBPO code's; change what you need with
 * {@link #toBuilder()}:
 * <pre>
 *   ModelOptions m = ModelOptions.defaults().toBuilder().members(5).elites(3).hidden(64, 2).build();
 * </pre>
 * The record checks what the model needs and throws {@link IllegalArgumentException} naming the
 * field. The YAML section {@code model:} maps its
 * keys onto these fields with the same names in snake_case.
 *
 * @param members ensemble members (default 7)
 * @param elites members with the lowest holdout error that predictions come from, at most
 *     {@code members} (default 5)
 * @param hidden width of each hidden layer (default 200)
 * @param hiddenLayers number of hidden layers (default 4)
 * @param weightDecay L2 coefficients, one for every layer or {@code hiddenLayers + 1} with the
 *     output layer last (default [2.5e-5, 5e-5, 7.5e-5, 7.5e-5, 1e-4])
 * @param learnLogvarBounds whether the log-variance bounds are trained (the original) or fixed
 *     (mbrl-lib) (default true)
 * @param lr Adam learning rate (default 1e-3)
 * @param batchSize rows per gradient step and member (default 256)
 * @param holdoutRatio share of the stored transitions held out, in (0, 1) (default 0.2)
 * @param maxHoldout the largest holdout in transitions (default 5,000)
 * @param patience epochs without improvement tolerated before training stops (default 5)
 * @param minImprovement relative holdout gain that counts as an improvement, in [0, 1) (default 0.01)
 * @param maxEpochs the most epochs per training, or null (default null)
 * @param maxSeconds the most seconds per training, or null (default null)
 * @param learnedRewards whether the model predicts the reward (default true)
 * @param normalizeTargets whether targets are standardised (default true; false is the original)
 * @param absoluteDims observation dimensions predicted as values instead of changes (default none)
 * @param propagation how a row's prediction is picked from the elites (default random elite)
 * @param deterministic whether rollouts take the predicted mean instead of sampling (default false)
 * @param rolloutChunk rows per forward pass in rollouts (default 4,096)
 * @param trainEvery env steps between model trainings (default 250)
 * @param diagnosticsEvery model trainings between horizon-error diagnostics, 0 for none (default 1)
 * @param diagnosticHorizon the longest horizon of those diagnostics (default 20)
 * @param prioritized whether minibatch rows are drawn by their last error (default false)
 */
public record ModelOptions(int members, int elites, int hidden, int hiddenLayers, List<Double> weightDecay,
        boolean learnLogvarBounds, double lr, int batchSize, double holdoutRatio, int maxHoldout, int patience,
        double minImprovement, Integer maxEpochs, Double maxSeconds, boolean learnedRewards,
        boolean normalizeTargets, List<Integer> absoluteDims, Propagation propagation, boolean deterministic,
        int rolloutChunk, int trainEvery, int diagnosticsEvery, int diagnosticHorizon, boolean prioritized) {

    /** Checks every field; a violation is an {@link IllegalArgumentException} naming it. */
    public ModelOptions {
        require(members >= 1, "members", ">= 1", members);
        require(elites >= 1 && elites <= members, "elites", "in [1, members (" + members + ")]", elites);
        require(hidden >= 1, "hidden", ">= 1", hidden);
        require(hiddenLayers >= 1, "hiddenLayers", ">= 1", hiddenLayers);
        require(weightDecay != null && (weightDecay.size() == 1 || weightDecay.size() == hiddenLayers + 1)
                        && weightDecay.stream().allMatch(w -> w != null && w >= 0 && Double.isFinite(w)),
                "weightDecay", "1 or hiddenLayers + 1 (" + (hiddenLayers + 1) + ") finite values >= 0", weightDecay);
        weightDecay = List.copyOf(weightDecay);
        require(lr > 0 && Double.isFinite(lr), "lr", "finite and > 0", lr);
        require(batchSize >= 1, "batchSize", ">= 1", batchSize);
        require(holdoutRatio > 0 && holdoutRatio < 1, "holdoutRatio", "in (0, 1)", holdoutRatio);
        require(maxHoldout >= 1, "maxHoldout", ">= 1", maxHoldout);
        require(patience >= 0, "patience", ">= 0", patience);
        require(minImprovement >= 0 && minImprovement < 1, "minImprovement", "in [0, 1)", minImprovement);
        require(maxEpochs == null || maxEpochs >= 1, "maxEpochs", ">= 1 or null", maxEpochs);
        require(maxSeconds == null || maxSeconds > 0, "maxSeconds", "> 0 or null", maxSeconds);
        require(absoluteDims != null && absoluteDims.stream().allMatch(d -> d != null && d >= 0)
                && new HashSet<>(absoluteDims).size() == absoluteDims.size(), "absoluteDims",
                "distinct indices >= 0", absoluteDims);
        absoluteDims = List.copyOf(absoluteDims);
        require(propagation != null, "propagation", "one of " + List.of(Propagation.values()), null);
        require(rolloutChunk >= 1, "rolloutChunk", ">= 1", rolloutChunk);
        require(trainEvery >= 1, "trainEvery", ">= 1", trainEvery);
        require(diagnosticsEvery >= 0, "diagnosticsEvery", ">= 0", diagnosticsEvery);
        require(diagnosticHorizon >= 1, "diagnosticHorizon", ">= 1", diagnosticHorizon);
    }

    /**
     * MBPO's: 7 members, 5 elites, 4 hidden layers of 200, weight decay [2.5e-5, 5e-5, 7.5e-5,
     * 7.5e-5, 1e-4], learned log-variance bounds, lr 1e-3, batches of 256, a holdout of 20% (at
     * most 5,000), patience 5 at a 1% gain, no caps, learned rewards, standardised targets, no
     * absolute dimensions, a random elite per row, sampled predictions, chunks of 4,096 rows,
     * training every 250 env steps, diagnostics after every training up to horizon 20, uniform
     * minibatches.
     */
    public static ModelOptions defaults() {
        return new ModelOptions(7, 5, 200, 4, List.of(2.5e-5, 5e-5, 7.5e-5, 7.5e-5, 1e-4), true, 1e-3, 256, 0.2,
                5000, 5, 0.01, null, null, true, true, List.of(), Propagation.RANDOM_ELITE, false, 4096, 250, 1, 20,
                false);
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** One weight-decay coefficient per layer ({@code hiddenLayers + 1}, output layer last); a fresh array. */
    public double[] weightDecayPerLayer() {
        double[] perLayer = new double[hiddenLayers + 1];
        for (int l = 0; l < perLayer.length; l++) {
            perLayer[l] = weightDecay.get(weightDecay.size() == 1 ? 0 : l);
        }
        return perLayer;
    }

    /** What {@link ModelTrainer} takes of these options. */
    public ModelTrainer.Options trainerOptions() {
        return new ModelTrainer.Options(batchSize, holdoutRatio, maxHoldout, patience, minImprovement, maxEpochs,
                maxSeconds, prioritized);
    }

    private static void require(boolean ok, String field, String allowed, Object got) {
        if (!ok) {
            throw new IllegalArgumentException("model option " + field + " must be " + allowed + ", got " + got);
        }
    }

    /** Builds {@link ModelOptions}; starts from {@link #defaults()} and checks on {@link #build()}. */
    public static final class Builder {
        private int members;
        private int elites;
        private int hidden;
        private int hiddenLayers;
        private List<Double> weightDecay;
        private boolean learnLogvarBounds;
        private double lr;
        private int batchSize;
        private double holdoutRatio;
        private int maxHoldout;
        private int patience;
        private double minImprovement;
        private Integer maxEpochs;
        private Double maxSeconds;
        private boolean learnedRewards;
        private boolean normalizeTargets;
        private List<Integer> absoluteDims;
        private Propagation propagation;
        private boolean deterministic;
        private int rolloutChunk;
        private int trainEvery;
        private int diagnosticsEvery;
        private int diagnosticHorizon;
        private boolean prioritized;

        /** A builder holding the defaults. */
        public Builder() {
            this(defaults());
        }

        private Builder(ModelOptions o) {
            members = o.members;
            elites = o.elites;
            hidden = o.hidden;
            hiddenLayers = o.hiddenLayers;
            weightDecay = o.weightDecay;
            learnLogvarBounds = o.learnLogvarBounds;
            lr = o.lr;
            batchSize = o.batchSize;
            holdoutRatio = o.holdoutRatio;
            maxHoldout = o.maxHoldout;
            patience = o.patience;
            minImprovement = o.minImprovement;
            maxEpochs = o.maxEpochs;
            maxSeconds = o.maxSeconds;
            learnedRewards = o.learnedRewards;
            normalizeTargets = o.normalizeTargets;
            absoluteDims = o.absoluteDims;
            propagation = o.propagation;
            deterministic = o.deterministic;
            rolloutChunk = o.rolloutChunk;
            trainEvery = o.trainEvery;
            diagnosticsEvery = o.diagnosticsEvery;
            diagnosticHorizon = o.diagnosticHorizon;
            prioritized = o.prioritized;
        }

        /** Ensemble members and elites. */
        public Builder members(int members) {
            this.members = members;
            return this;
        }

        /** Members predictions are drawn from. */
        public Builder elites(int elites) {
            this.elites = elites;
            return this;
        }

        /**
         * Width and number of hidden layers; a weight decay given before for another depth is
         * replaced by one coefficient, the defaults' first, for every layer.
         */
        public Builder hidden(int width, int layers) {
            this.hidden = width;
            if (layers != hiddenLayers && weightDecay.size() != 1) {
                weightDecay = List.of(weightDecay.get(0));
            }
            this.hiddenLayers = layers;
            return this;
        }

        /** L2 coefficients: one for every layer, or one per layer with the output layer last. */
        public Builder weightDecay(List<Double> perLayer) {
            this.weightDecay = perLayer;
            return this;
        }

        /** Whether the log-variance bounds are trained. */
        public Builder learnLogvarBounds(boolean v) {
            this.learnLogvarBounds = v;
            return this;
        }

        /** Adam learning rate. */
        public Builder lr(double v) {
            this.lr = v;
            return this;
        }

        /** Rows per gradient step and member. */
        public Builder batchSize(int v) {
            this.batchSize = v;
            return this;
        }

        /** Holdout share and its cap in rows. */
        public Builder holdout(double ratio, int maxRows) {
            this.holdoutRatio = ratio;
            this.maxHoldout = maxRows;
            return this;
        }

        /** Early stopping: epochs without a relative gain of {@code minImprovement} tolerated. */
        public Builder earlyStopping(int patience, double minImprovement) {
            this.patience = patience;
            this.minImprovement = minImprovement;
            return this;
        }

        /** The most epochs per training, or null. */
        public Builder maxEpochs(Integer v) {
            this.maxEpochs = v;
            return this;
        }

        /** The most seconds per training, or null. */
        public Builder maxSeconds(Double v) {
            this.maxSeconds = v;
            return this;
        }

        /** Whether the model predicts the reward too. */
        public Builder learnedRewards(boolean v) {
            this.learnedRewards = v;
            return this;
        }

        /** Whether targets are standardised. */
        public Builder normalizeTargets(boolean v) {
            this.normalizeTargets = v;
            return this;
        }

        /** Observation dimensions predicted as values, not changes. */
        public Builder absoluteDims(List<Integer> dims) {
            this.absoluteDims = dims;
            return this;
        }

        /** How a row's prediction is picked from the elites. */
        public Builder propagation(Propagation p) {
            this.propagation = p;
            return this;
        }

        /** Whether rollouts take the predicted mean. */
        public Builder deterministic(boolean v) {
            this.deterministic = v;
            return this;
        }

        /** Rows per forward pass in rollouts. */
        public Builder rolloutChunk(int v) {
            this.rolloutChunk = v;
            return this;
        }

        /** Env steps between model trainings. */
        public Builder trainEvery(int v) {
            this.trainEvery = v;
            return this;
        }

        /** Horizon-error diagnostics: every {@code every} trainings (0: never), up to {@code horizon} steps. */
        public Builder diagnostics(int every, int horizon) {
            this.diagnosticsEvery = every;
            this.diagnosticHorizon = horizon;
            return this;
        }

        /** Whether minibatch rows are drawn by their last error. */
        public Builder prioritized(boolean v) {
            this.prioritized = v;
            return this;
        }

        /** The options, checked. */
        public ModelOptions build() {
            return new ModelOptions(members, elites, hidden, hiddenLayers, weightDecay, learnLogvarBounds, lr,
                    batchSize, holdoutRatio, maxHoldout, patience, minImprovement, maxEpochs, maxSeconds,
                    learnedRewards, normalizeTargets, absoluteDims, propagation, deterministic, rolloutChunk,
                    trainEvery, diagnosticsEvery, diagnosticHorizon, prioritized);
        }
    }
}

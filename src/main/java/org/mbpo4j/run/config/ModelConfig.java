package org.mbpo4j.run.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mbpo4j.model.ModelOptions;
import org.mbpo4j.model.Propagation;

/**
 * The {@code model:} section: MBPO's dynamics model (Janner et al. 2019), a probabilistic
 * ensemble of Gaussian networks that predicts the change of the observation (and the reward)
 * from an observation and an action, how it is trained, and how rollouts sample it. The defaults
 * are those of the MBPO code: 7 members of which the 5 with the lowest holdout error are the
 * elites, 4 hidden layers of 200 units, per-layer weight decay from 2.5e-5 to 1e-4, learned
 * log-variance bounds, Adam at 1e-3 on batches of 256, a holdout of 20% (at most 5000
 * transitions), early stopping after 5 epochs without a 1% improvement, and training every 250
 * environment steps.
 *
 * @param members ensemble members, in [1, 100] ({@code members}, default 7)
 * @param elites members with the lowest holdout error that predictions are drawn from, in
 *     [1, {@code members}] ({@code elites}, default 5)
 * @param hidden width of each hidden layer, in [1, 4096] ({@code hidden}, default 200)
 * @param hiddenLayers number of hidden layers, in [1, 16] ({@code hidden_layers}, default 4)
 * @param weightDecay L2 coefficients, each a finite number in [0, 1]: either one for every layer
 *     or {@code hiddenLayers + 1}, one per layer with the output layer last; an unmodifiable list
 *     ({@code weight_decay}, default [2.5e-5, 5e-5, 7.5e-5, 7.5e-5, 1e-4], which fits 4 hidden
 *     layers, so a YAML file that changes {@code hidden_layers} must give it too); see
 *     {@link #weightDecayPerLayer()}
 * @param learnLogvarBounds whether the bounds of the predicted log-variance are trained, as in
 *     the original MBPO, or kept fixed, as in mbrl-lib ({@code learn_logvar_bounds}, default true)
 * @param lr Adam learning rate, in (0, 1] ({@code lr}, default 1e-3)
 * @param batchSize transitions per gradient step and member, in [1, 65536] ({@code batch_size},
 *     default 256)
 * @param holdoutRatio fraction of the stored transitions held out to rank members and stop
 *     training, in (0, 0.9] ({@code holdout_ratio}, default 0.2)
 * @param maxHoldout the largest holdout in transitions, in [1, 1e7] ({@code max_holdout},
 *     default 5000)
 * @param patience training stops when no member has improved its holdout MSE by more than
 *     {@code minImprovement} (relative) for more than this many consecutive epochs, in [0, 1000]
 *     ({@code patience}, default 5)
 * @param minImprovement relative decrease of a member's holdout MSE that counts as an
 *     improvement, in [0, 1) ({@code min_improvement}, default 0.01)
 * @param maxEpochs the most epochs per training, in [1, 1e6], or null for no cap
 *     ({@code max_epochs}, default null)
 * @param maxSeconds the most wall-clock seconds per training, in (0, 1e7], or null for no cap
 *     ({@code max_seconds}, default null)
 * @param learnedRewards whether the model predicts the reward too; when false rollouts use the
 *     environment's own reward function ({@code learned_rewards}, default true)
 * @param normalizeTargets whether the ensemble learns standardised targets (mean and standard
 *     deviation of the training targets per dimension, like the inputs) and scales its
 *     predictions back; the original MBPO does not, but on Pendulum-v1 one training on 5,000
 *     random steps reaches a 160 times lower holdout error with it ({@code normalize_targets},
 *     default true; false reproduces the original)
 * @param absoluteDims observation dimensions predicted as absolute values instead of as changes,
 *     0 to 1000 distinct indices in [0, 10000]; the model checks them against the environment's
 *     observation size; an unmodifiable list ({@code absolute_dims}, default [])
 * @param propagation how a prediction is picked from the elites per row: {@code random_elite},
 *     {@code fixed_member} or {@code elite_mean} ({@code propagation}, default
 *     {@code random_elite})
 * @param deterministic whether rollouts use the predicted mean instead of sampling the Gaussian
 *     ({@code deterministic}, default false)
 * @param rolloutChunk rows per forward pass in model rollouts, in [1, 1e6] ({@code rollout_chunk},
 *     default 4096)
 * @param trainEvery environment steps between model trainings (MBPO's {@code model_train_freq}),
 *     in [1, 1e7] ({@code train_every}, default 250)
 * @param diagnosticsEvery model trainings between horizon-error diagnostics, in [0, 1e6]; 0
 *     disables them ({@code diagnostics_every}, default 1)
 * @param diagnosticHorizon longest open-loop prediction horizon in the diagnostics, in [1, 1000]
 *     ({@code diagnostic_horizon}, default 20)
 * @param prioritized whether each member's minibatch rows are drawn in proportion to its last
 *     error on them, with importance-sampling weights on the loss, instead of walking its
 *     bootstrap sample in shuffled order (see {@code org.mbpo4j.model.PrioritizedRows};
 *     {@code prioritized}, default false)
 */
public record ModelConfig(int members, int elites, int hidden, int hiddenLayers, List<Double> weightDecay,
        boolean learnLogvarBounds, double lr, int batchSize, double holdoutRatio, int maxHoldout, int patience,
        double minImprovement, Integer maxEpochs, Double maxSeconds, boolean learnedRewards,
        boolean normalizeTargets, List<Integer> absoluteDims, Propagation propagation, boolean deterministic, int rolloutChunk,
        int trainEvery, int diagnosticsEvery, int diagnosticHorizon, boolean prioritized) {
    private static final int MAX_HIDDEN_LAYERS = 16;

    private static final IntegerKey MEMBERS = new IntegerKey("members", 1, 100);
    private static final IntegerKey ELITES = new IntegerKey("elites", 1, 100);
    private static final IntegerKey HIDDEN = new IntegerKey("hidden", 1, 4096);
    private static final IntegerKey HIDDEN_LAYERS = new IntegerKey("hidden_layers", 1, MAX_HIDDEN_LAYERS);
    private static final RealListKey WEIGHT_DECAY = new RealListKey("weight_decay", 1, MAX_HIDDEN_LAYERS + 1, 0, 1);
    private static final String LEARN_LOGVAR_BOUNDS = "learn_logvar_bounds";
    private static final RealKey LR = RealKey.above("lr", 0, 1);
    private static final IntegerKey BATCH_SIZE = new IntegerKey("batch_size", 1, 65_536);
    private static final RealKey HOLDOUT_RATIO = RealKey.above("holdout_ratio", 0, 0.9);
    private static final IntegerKey MAX_HOLDOUT = new IntegerKey("max_holdout", 1, 10_000_000);
    private static final IntegerKey PATIENCE = new IntegerKey("patience", 0, 1000);
    private static final RealKey MIN_IMPROVEMENT = RealKey.below("min_improvement", 0, 1);
    private static final IntegerKey MAX_EPOCHS = new IntegerKey("max_epochs", 1, 1_000_000);
    private static final RealKey MAX_SECONDS = RealKey.above("max_seconds", 0, 1e7);
    private static final String LEARNED_REWARDS = "learned_rewards";
    private static final String NORMALIZE_TARGETS = "normalize_targets";
    private static final IntListKey ABSOLUTE_DIMS = IntListKey.distinct("absolute_dims", 0, 1000, 0, 10_000);
    private static final String PROPAGATION = "propagation";
    private static final String DETERMINISTIC = "deterministic";
    private static final IntegerKey ROLLOUT_CHUNK = new IntegerKey("rollout_chunk", 1, 1_000_000);
    private static final IntegerKey TRAIN_EVERY = new IntegerKey("train_every", 1, 10_000_000);
    private static final IntegerKey DIAGNOSTICS_EVERY = new IntegerKey("diagnostics_every", 0, 1_000_000);
    private static final IntegerKey DIAGNOSTIC_HORIZON = new IntegerKey("diagnostic_horizon", 1, 1000);
    private static final String PRIORITIZED = "prioritized";

    /**
     * Validates every field; a violation is a {@link ConfigException} naming the YAML key
     * ({@code elites} when it exceeds {@code members}, {@code weight_decay} when its length fits
     * neither every layer nor each one).
     */
    public ModelConfig {
        MEMBERS.checkInt(members);
        ELITES.checkInt(elites);
        if (elites > members) {
            throw new ConfigException(ELITES.key(), "must be <= " + MEMBERS.key() + " (" + members + "), got "
                    + elites).involving(MEMBERS.key());
        }
        HIDDEN.checkInt(hidden);
        HIDDEN_LAYERS.checkInt(hiddenLayers);
        weightDecay = WEIGHT_DECAY.check(weightDecay);
        if (weightDecay.size() != 1 && weightDecay.size() != hiddenLayers + 1) {
            throw new ConfigException(WEIGHT_DECAY.key(), "must have 1 entry (one coefficient for every layer) or "
                    + HIDDEN_LAYERS.key() + " + 1 = " + (hiddenLayers + 1) + " entries (one per layer, output layer"
                    + " last), got " + ConfigText.listLength(weightDecay.size())).involving(HIDDEN_LAYERS.key());
        }
        LR.check(lr);
        BATCH_SIZE.checkInt(batchSize);
        HOLDOUT_RATIO.check(holdoutRatio);
        MAX_HOLDOUT.checkInt(maxHoldout);
        PATIENCE.checkInt(patience);
        MIN_IMPROVEMENT.check(minImprovement);
        MAX_EPOCHS.checkNullableInt(maxEpochs);
        MAX_SECONDS.checkNullable(maxSeconds);
        absoluteDims = ABSOLUTE_DIMS.check(absoluteDims);
        if (propagation == null) {
            throw new ConfigException(PROPAGATION, "must be one of: " + ConfigNode.enumNames(Propagation.class)
                    + ", got null");
        }
        ROLLOUT_CHUNK.checkInt(rolloutChunk);
        TRAIN_EVERY.checkInt(trainEvery);
        DIAGNOSTICS_EVERY.checkInt(diagnosticsEvery);
        DIAGNOSTIC_HORIZON.checkInt(diagnosticHorizon);
    }

    /** The configuration with uniform minibatches: the constructor of the fields that predate {@code prioritized}. */
    public ModelConfig(int members, int elites, int hidden, int hiddenLayers, List<Double> weightDecay,
            boolean learnLogvarBounds, double lr, int batchSize, double holdoutRatio, int maxHoldout, int patience,
            double minImprovement, Integer maxEpochs, Double maxSeconds, boolean learnedRewards,
            boolean normalizeTargets, List<Integer> absoluteDims, Propagation propagation, boolean deterministic,
            int rolloutChunk, int trainEvery, int diagnosticsEvery, int diagnosticHorizon) {
        this(members, elites, hidden, hiddenLayers, weightDecay, learnLogvarBounds, lr, batchSize, holdoutRatio,
                maxHoldout, patience, minImprovement, maxEpochs, maxSeconds, learnedRewards, normalizeTargets,
                absoluteDims, propagation, deterministic, rolloutChunk, trainEvery, diagnosticsEvery,
                diagnosticHorizon, false);
    }

    /** This configuration with prioritized minibatches switched on or off. */
    public ModelConfig withPrioritized(boolean on) {
        return new ModelConfig(members, elites, hidden, hiddenLayers, weightDecay, learnLogvarBounds, lr, batchSize,
                holdoutRatio, maxHoldout, patience, minImprovement, maxEpochs, maxSeconds, learnedRewards,
                normalizeTargets, absoluteDims, propagation, deterministic, rolloutChunk, trainEvery,
                diagnosticsEvery, diagnosticHorizon, on);
    }

    /**
     * MBPO's defaults: 7 members, 5 elites, 4 hidden layers of 200, weight decay [2.5e-5, 5e-5,
     * 7.5e-5, 7.5e-5, 1e-4], learned log-variance bounds, lr 1e-3, batches of 256, holdout 0.2 of
     * at most 5000, patience 5 at a 1% improvement, no epoch or time cap, learned rewards, no
     * absolute dimensions, a random elite per row, sampled predictions, chunks of 4096 rows,
     * training every 250 steps, diagnostics after every training up to a horizon of 20, uniform
     * minibatches.
     */
    public static ModelConfig defaults() {
        return of(ModelOptions.defaults());
    }

    /** The model's options as this section (checked against the YAML keys' ranges). */
    public static ModelConfig of(ModelOptions o) {
        return new ModelConfig(o.members(), o.elites(), o.hidden(), o.hiddenLayers(), o.weightDecay(),
                o.learnLogvarBounds(), o.lr(), o.batchSize(), o.holdoutRatio(), o.maxHoldout(), o.patience(),
                o.minImprovement(), o.maxEpochs(), o.maxSeconds(), o.learnedRewards(), o.normalizeTargets(),
                o.absoluteDims(), o.propagation(), o.deterministic(), o.rolloutChunk(), o.trainEvery(),
                o.diagnosticsEvery(), o.diagnosticHorizon(), o.prioritized());
    }

    /** This section as the options the model, MBPO and MPC take. */
    public ModelOptions toOptions() {
        return new ModelOptions(members, elites, hidden, hiddenLayers, weightDecay, learnLogvarBounds, lr, batchSize,
                holdoutRatio, maxHoldout, patience, minImprovement, maxEpochs, maxSeconds, learnedRewards,
                normalizeTargets, absoluteDims, propagation, deterministic, rolloutChunk, trainEvery,
                diagnosticsEvery, diagnosticHorizon, prioritized);
    }

    /**
     * Checks the section against an environment's observation size: every {@code absolute_dims}
     * entry must be one of its dimensions.
     */
    public void requireFits(int obsDim) {
        for (int d : absoluteDims) {
            if (d >= obsDim) {
                throw new ConfigException("model.absolute_dims", "lists " + d + ", but observations have " + obsDim
                        + " dims (allowed 0.." + (obsDim - 1) + ")");
            }
        }
    }

    /**
     * Reads the section; absent keys take their defaults, except that {@code weight_decay} must be
     * given when {@code hidden_layers} is not 4. Unknown keys are left to {@link ConfigNode#finish()}.
     */
    public static ModelConfig from(ConfigNode node) {
        ModelConfig d = defaults();
        int members = MEMBERS.readInt(node, d.members);
        int elites = ELITES.readInt(node, d.elites);
        int hidden = HIDDEN.readInt(node, d.hidden);
        int hiddenLayers = HIDDEN_LAYERS.readInt(node, d.hiddenLayers);
        if (hiddenLayers != d.hiddenLayers && !node.has(WEIGHT_DECAY.key())) {
            throw new ConfigException(WEIGHT_DECAY.key(), "must be given when " + HIDDEN_LAYERS.key() + " is not "
                    + d.hiddenLayers + " (it is " + hiddenLayers + "): MBPO's five defaults fit " + d.hiddenLayers
                    + " hidden layers, so give " + HIDDEN_LAYERS.key() + " + 1 = " + (hiddenLayers + 1)
                    + " values (output layer last) or one value for all layers").involving(HIDDEN_LAYERS.key());
        }
        return new ModelConfig(
                members,
                elites,
                hidden,
                hiddenLayers,
                WEIGHT_DECAY.read(node, d.weightDecay),
                node.getBool(LEARN_LOGVAR_BOUNDS, d.learnLogvarBounds),
                LR.read(node, d.lr),
                BATCH_SIZE.readInt(node, d.batchSize),
                HOLDOUT_RATIO.read(node, d.holdoutRatio),
                MAX_HOLDOUT.readInt(node, d.maxHoldout),
                PATIENCE.readInt(node, d.patience),
                MIN_IMPROVEMENT.read(node, d.minImprovement),
                MAX_EPOCHS.readNullableInt(node, d.maxEpochs),
                MAX_SECONDS.readNullable(node, d.maxSeconds),
                node.getBool(LEARNED_REWARDS, d.learnedRewards),
                node.getBool(NORMALIZE_TARGETS, d.normalizeTargets),
                ABSOLUTE_DIMS.read(node, d.absoluteDims),
                node.getEnum(PROPAGATION, Propagation.class, d.propagation),
                node.getBool(DETERMINISTIC, d.deterministic),
                ROLLOUT_CHUNK.readInt(node, d.rolloutChunk),
                TRAIN_EVERY.readInt(node, d.trainEvery),
                DIAGNOSTICS_EVERY.readInt(node, d.diagnosticsEvery),
                DIAGNOSTIC_HORIZON.readInt(node, d.diagnosticHorizon),
                node.getBool(PRIORITIZED, d.prioritized));
    }

    /**
     * One weight-decay coefficient per layer, {@code hiddenLayers + 1} of them with the output
     * layer last: {@link #weightDecay()} itself, or its single value repeated. A fresh array.
     */
    public double[] weightDecayPerLayer() {
        double[] perLayer = new double[hiddenLayers + 1];
        for (int l = 0; l < perLayer.length; l++) {
            perLayer[l] = weightDecay.get(weightDecay.size() == 1 ? 0 : l);
        }
        return perLayer;
    }

    /** Every key with its value, snake_case, in schema order; no cap is written as null. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(MEMBERS.key(), members);
        m.put(ELITES.key(), elites);
        m.put(HIDDEN.key(), hidden);
        m.put(HIDDEN_LAYERS.key(), hiddenLayers);
        m.put(WEIGHT_DECAY.key(), weightDecay);
        m.put(LEARN_LOGVAR_BOUNDS, learnLogvarBounds);
        m.put(LR.key(), lr);
        m.put(BATCH_SIZE.key(), batchSize);
        m.put(HOLDOUT_RATIO.key(), holdoutRatio);
        m.put(MAX_HOLDOUT.key(), maxHoldout);
        m.put(PATIENCE.key(), patience);
        m.put(MIN_IMPROVEMENT.key(), minImprovement);
        m.put(MAX_EPOCHS.key(), maxEpochs);
        m.put(MAX_SECONDS.key(), maxSeconds);
        m.put(LEARNED_REWARDS, learnedRewards);
        m.put(NORMALIZE_TARGETS, normalizeTargets);
        m.put(ABSOLUTE_DIMS.key(), absoluteDims);
        m.put(PROPAGATION, ConfigNode.enumName(propagation));
        m.put(DETERMINISTIC, deterministic);
        m.put(ROLLOUT_CHUNK.key(), rolloutChunk);
        m.put(TRAIN_EVERY.key(), trainEvery);
        m.put(DIAGNOSTICS_EVERY.key(), diagnosticsEvery);
        m.put(DIAGNOSTIC_HORIZON.key(), diagnosticHorizon);
        m.put(PRIORITIZED, prioritized);
        return m;
    }
}

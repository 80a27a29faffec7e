package org.mbpo4j.run.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mbpo4j.mbpo.MbpoOptions;
import org.mbpo4j.mbpo.MbpoOptions.Mixing;

/**
 * The {@code mbpo:} section: MBPO's schedule around its SAC learner ({@code sac:}) and dynamics
 * model ({@code model:}, trained every {@code model.train_every} env steps). Defaults are the
 * original code's for Hopper (Janner et al. 2019).
 *
 * @param initSteps env steps of uniformly random actions before the first model training and
 *     policy update, in [0, 1e9] ({@code init_steps}, default 5000); under MBPO this replaces
 *     {@code sac.learning_starts}
 * @param updatesPerStep SAC updates per env step after the exploration (G), in [1, 1000]
 *     ({@code updates_per_step}, default 20); replaces {@code sac.updates_per_step}
 * @param rolloutBatchSize start states branched from the real buffer at every model training,
 *     in [1, 1e7] ({@code rollout_batch_size}, default 100000)
 * @param rolloutSchedule {@code [epoch_start, epoch_end, k_min, k_max]}: the rollout length k
 *     grows linearly from k_min at epoch_start to k_max at epoch_end, rounded down and clipped;
 *     epochs count env steps over {@code train.epoch_length}; 0 &lt;= epoch_start &lt;= epoch_end,
 *     1 &lt;= k_min, k_max &lt;= 1000 ({@code rollout_schedule}, default [20, 150, 1, 15])
 * @param retainEpochs epochs of model rollouts the model buffer keeps, in [1, 1000]
 *     ({@code retain_epochs}, default 1)
 * @param realRatio share of real data in SAC's batches, in [0, 1] ({@code real_ratio}, default
 *     0.05); 1 is SAC on real data only (no model is trained)
 * @param mixing how batches mix: {@code fraction} (every batch holds round(real_ratio * batch)
 *     real rows, the original) or {@code coin} (each whole batch is real with probability
 *     real_ratio, mbrl-lib) ({@code mixing}, default fraction)
 */
public record MbpoConfig(long initSteps, int updatesPerStep, int rolloutBatchSize, List<Integer> rolloutSchedule,
        int retainEpochs, double realRatio, Mixing mixing) {

    private static final IntegerKey INIT_STEPS = new IntegerKey("init_steps", 0, 1_000_000_000L);
    private static final IntegerKey UPDATES_PER_STEP = new IntegerKey("updates_per_step", 1, 1000);
    private static final IntegerKey ROLLOUT_BATCH_SIZE = new IntegerKey("rollout_batch_size", 1, 10_000_000);
    private static final IntListKey ROLLOUT_SCHEDULE = new IntListKey("rollout_schedule", 4, 4, 0, 1_000_000);
    private static final IntegerKey RETAIN_EPOCHS = new IntegerKey("retain_epochs", 1, 1000);
    private static final RealKey REAL_RATIO = RealKey.closed("real_ratio", 0, 1);
    private static final String MIXING = "mixing";

    /** Validates every field; a violation is a {@link ConfigException} naming the YAML key. */
    public MbpoConfig {
        INIT_STEPS.check(initSteps);
        UPDATES_PER_STEP.checkInt(updatesPerStep);
        ROLLOUT_BATCH_SIZE.checkInt(rolloutBatchSize);
        rolloutSchedule = ROLLOUT_SCHEDULE.check(rolloutSchedule);
        int e0 = rolloutSchedule.get(0);
        int e1 = rolloutSchedule.get(1);
        int kMin = rolloutSchedule.get(2);
        int kMax = rolloutSchedule.get(3);
        if (e0 > e1 || kMin < 1 || kMax < 1 || kMin > 1000 || kMax > 1000) {
            throw new ConfigException(ROLLOUT_SCHEDULE.key(), "must be [epoch_start, epoch_end, k_min, k_max] with"
                    + " epoch_start <= epoch_end and k_min, k_max in [1, 1000], got " + rolloutSchedule);
        }
        RETAIN_EPOCHS.checkInt(retainEpochs);
        REAL_RATIO.check(realRatio);
        if (mixing == null) {
            throw new ConfigException(MIXING, "must be one of: fraction, coin, got null");
        }
    }

    /** The original code's Hopper settings: 5000 random steps, G = 20, 100k rollouts, k 1 -> 15 over epochs 20-150, 5% real data per batch. */
    public static MbpoConfig defaults() {
        return of(MbpoOptions.defaults());
    }

    /** MBPO's options as this section (checked against the YAML keys' ranges). */
    public static MbpoConfig of(MbpoOptions o) {
        return new MbpoConfig(o.initSteps(), o.updatesPerStep(), o.rolloutBatchSize(), o.rolloutSchedule(),
                o.retainEpochs(), o.realRatio(), o.mixing());
    }

    /** This section as the options {@link org.mbpo4j.mbpo.MbpoAgent} takes. */
    public MbpoOptions toOptions() {
        return new MbpoOptions(initSteps, updatesPerStep, rolloutBatchSize, rolloutSchedule, retainEpochs, realRatio,
                mixing);
    }

    /** Reads the section; absent keys take their defaults. Unknown keys are left to {@link ConfigNode#finish()}. */
    public static MbpoConfig from(ConfigNode node) {
        MbpoConfig d = defaults();
        return new MbpoConfig(
                INIT_STEPS.read(node, d.initSteps),
                UPDATES_PER_STEP.readInt(node, d.updatesPerStep),
                ROLLOUT_BATCH_SIZE.readInt(node, d.rolloutBatchSize),
                ROLLOUT_SCHEDULE.read(node, d.rolloutSchedule),
                RETAIN_EPOCHS.readInt(node, d.retainEpochs),
                REAL_RATIO.read(node, d.realRatio),
                node.getEnum(MIXING, Mixing.class, d.mixing));
    }

    /** Every key with its value, snake_case, in schema order. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(INIT_STEPS.key(), initSteps);
        m.put(UPDATES_PER_STEP.key(), updatesPerStep);
        m.put(ROLLOUT_BATCH_SIZE.key(), rolloutBatchSize);
        m.put(ROLLOUT_SCHEDULE.key(), rolloutSchedule);
        m.put(RETAIN_EPOCHS.key(), retainEpochs);
        m.put(REAL_RATIO.key(), realRatio);
        m.put(MIXING, ConfigNode.enumName(mixing));
        return m;
    }
}

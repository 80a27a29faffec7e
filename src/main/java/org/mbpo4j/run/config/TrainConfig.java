package org.mbpo4j.run.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mbpo4j.train.TrainOptions;

/**
 * The {@code train:} section: how long a run lasts and how often it evaluates, logs and
 * checkpoints. All counts are in environment steps unless stated otherwise.
 *
 * @param steps total environment steps, in [1, 1e9] (YAML {@code steps}, default 5000)
 * @param epochLength environment steps between evaluations and checkpoints, in [1, 1e7]
 *     ({@code epoch_length}, default 250)
 * @param evalEpisodes episodes per evaluation, in [0, 10000]; 0 disables evaluation
 *     ({@code eval_episodes}, default 5)
 * @param logInterval environment steps between metric rows, in [1, 1e7] ({@code log_interval},
 *     default 250)
 * @param checkpointEvery epochs between checkpoints, in [1, 1e6] ({@code checkpoint_every},
 *     default 1)
 * @param keepCheckpoints how many most recent checkpoints to keep, in [1, 1000]
 *     ({@code keep_checkpoints}, default 3)
 * @param maxEpisodeSteps the time limit of training and evaluation episodes, in [1, 1e7], or
 *     null for the env's registered limit ({@code max_episode_steps}, default null)
 * @param stopReturn stop before {@code steps} once an evaluation's mean return reaches this
 *     (with {@code eval_episodes: 0}, once a training episode's return does: an MPC run's
 *     planned episodes), or null to always run every step ({@code stop_return}, default null)
 */
public record TrainConfig(long steps, int epochLength, int evalEpisodes, int logInterval, int checkpointEvery,
        int keepCheckpoints, Integer maxEpisodeSteps, Double stopReturn) {
    private static final IntegerKey STEPS = new IntegerKey("steps", 1, 1_000_000_000L);
    private static final IntegerKey EPOCH_LENGTH = new IntegerKey("epoch_length", 1, 10_000_000);
    private static final IntegerKey EVAL_EPISODES = new IntegerKey("eval_episodes", 0, 10_000);
    private static final IntegerKey LOG_INTERVAL = new IntegerKey("log_interval", 1, 10_000_000);
    private static final IntegerKey CHECKPOINT_EVERY = new IntegerKey("checkpoint_every", 1, 1_000_000);
    private static final IntegerKey KEEP_CHECKPOINTS = new IntegerKey("keep_checkpoints", 1, 1000);
    private static final IntegerKey MAX_EPISODE_STEPS = new IntegerKey("max_episode_steps", 1, 10_000_000);
    private static final RealKey STOP_RETURN = RealKey.finite("stop_return");

    /** Validates every field; a violation is a {@link ConfigException} naming the YAML key. */
    public TrainConfig {
        STEPS.check(steps);
        EPOCH_LENGTH.checkInt(epochLength);
        EVAL_EPISODES.checkInt(evalEpisodes);
        LOG_INTERVAL.checkInt(logInterval);
        CHECKPOINT_EVERY.checkInt(checkpointEvery);
        KEEP_CHECKPOINTS.checkInt(keepCheckpoints);
        MAX_EPISODE_STEPS.checkNullableInt(maxEpisodeSteps);
        STOP_RETURN.checkNullable(stopReturn);
    }

    /** A section with the env's registered time limit. */
    public TrainConfig(long steps, int epochLength, int evalEpisodes, int logInterval, int checkpointEvery,
                       int keepCheckpoints) {
        this(steps, epochLength, evalEpisodes, logInterval, checkpointEvery, keepCheckpoints, null, null);
    }

    /** A section that runs every step. */
    public TrainConfig(long steps, int epochLength, int evalEpisodes, int logInterval, int checkpointEvery,
                       int keepCheckpoints, Integer maxEpisodeSteps) {
        this(steps, epochLength, evalEpisodes, logInterval, checkpointEvery, keepCheckpoints, maxEpisodeSteps, null);
    }

    /**
     * The defaults: 5000 steps, epochs of 250 steps, 5 evaluation episodes, logs every 250 steps,
     * a checkpoint every epoch, 3 kept, the env's own time limit.
     */
    public static TrainConfig defaults() {
        return of(TrainOptions.defaults());
    }

    /** The loop's options as this section (checked against the YAML keys' ranges). */
    public static TrainConfig of(TrainOptions o) {
        return new TrainConfig(o.steps(), o.epochLength(), o.evalEpisodes(), o.logInterval(), o.checkpointEvery(),
                o.keepCheckpoints(), o.maxEpisodeSteps(), o.stopReturn());
    }

    /** This section as the options {@link org.mbpo4j.train.TrainLoop} takes. */
    public TrainOptions toOptions() {
        return new TrainOptions(steps, epochLength, evalEpisodes, logInterval, checkpointEvery, keepCheckpoints,
                maxEpisodeSteps, stopReturn);
    }

    /** Reads the section; absent keys take their defaults. Unknown keys are left to {@link ConfigNode#finish()}. */
    public static TrainConfig from(ConfigNode node) {
        TrainConfig d = defaults();
        return new TrainConfig(
                STEPS.read(node, d.steps),
                EPOCH_LENGTH.readInt(node, d.epochLength),
                EVAL_EPISODES.readInt(node, d.evalEpisodes),
                LOG_INTERVAL.readInt(node, d.logInterval),
                CHECKPOINT_EVERY.readInt(node, d.checkpointEvery),
                KEEP_CHECKPOINTS.readInt(node, d.keepCheckpoints),
                MAX_EPISODE_STEPS.readNullableInt(node, d.maxEpisodeSteps),
                STOP_RETURN.readNullable(node, d.stopReturn));
    }

    /** Every key with its value, snake_case, in schema order. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(STEPS.key(), steps);
        m.put(EPOCH_LENGTH.key(), epochLength);
        m.put(EVAL_EPISODES.key(), evalEpisodes);
        m.put(LOG_INTERVAL.key(), logInterval);
        m.put(CHECKPOINT_EVERY.key(), checkpointEvery);
        m.put(KEEP_CHECKPOINTS.key(), keepCheckpoints);
        m.put(MAX_EPISODE_STEPS.key(), maxEpisodeSteps);
        m.put(STOP_RETURN.key(), stopReturn);
        return m;
    }
}

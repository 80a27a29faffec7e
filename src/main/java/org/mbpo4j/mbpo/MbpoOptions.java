package org.mbpo4j.mbpo;

import java.util.List;

/**
 * MBPO's schedule around its SAC learner and dynamics model (Janner et al. 2019): random steps
 * first, G SAC updates per env step on batches mixing real and model data, and model rollouts of
 * length k branched from real states at every model training. {@link #defaults()} are the
 * original code's Hopper settings; change what you need with {@link #toBuilder()}:
 * <pre>
 *   MbpoOptions o = MbpoOptions.defaults().toBuilder().initSteps(500).updatesPerStep(10)
 *           .rolloutSchedule(1, 15, 1, 1).build();
 * </pre>
 * The record checks what the algorithm needs and throws {@link IllegalArgumentException} naming
 * the field. The YAML section {@code mbpo:} maps its
 * keys onto these fields with the same names in snake_case.
 *
 * @param initSteps env steps of uniformly random actions before the first model training and
 *     policy update (default 5,000)
 * @param updatesPerStep G, SAC updates per env step after them (default 20)
 * @param rolloutBatchSize real start states branched at every model training (default 100,000)
 * @param rolloutSchedule {@code [epoch_start, epoch_end, k_min, k_max]}: k grows linearly from
 *     k_min to k_max over those epochs (default [20, 150, 1, 15])
 * @param retainEpochs epochs of rollouts the model buffer keeps (default 1)
 * @param realRatio share of real data in SAC's batches, in [0, 1]; 1 trains no model (default 0.05)
 * @param mixing how batches mix real and model data (default {@link Mixing#FRACTION})
 */
public record MbpoOptions(long initSteps, int updatesPerStep, int rolloutBatchSize, List<Integer> rolloutSchedule,
        int retainEpochs, double realRatio, Mixing mixing) {

    /** How SAC's batches mix real and model data. */
    public enum Mixing {
        /** Every batch holds {@code round(real_ratio * batch)} real rows (the original MBPO). */
        FRACTION,
        /** Each whole batch is real with probability {@code real_ratio}, else model data (mbrl-lib). */
        COIN
    }

    /** Checks every field; a violation is an {@link IllegalArgumentException} naming it. */
    public MbpoOptions {
        require(initSteps >= 0, "initSteps", ">= 0", initSteps);
        require(updatesPerStep >= 1, "updatesPerStep", ">= 1", updatesPerStep);
        require(rolloutBatchSize >= 1, "rolloutBatchSize", ">= 1", rolloutBatchSize);
        require(rolloutSchedule != null && rolloutSchedule.size() == 4
                && rolloutSchedule.stream().allMatch(v -> v != null && v >= 0)
                && rolloutSchedule.get(0) <= rolloutSchedule.get(1)
                && rolloutSchedule.get(2) >= 1 && rolloutSchedule.get(3) >= 1, "rolloutSchedule",
                "[epoch_start, epoch_end, k_min, k_max] with 0 <= epoch_start <= epoch_end and k_min, k_max >= 1",
                rolloutSchedule);
        rolloutSchedule = List.copyOf(rolloutSchedule);
        require(retainEpochs >= 1, "retainEpochs", ">= 1", retainEpochs);
        require(realRatio >= 0 && realRatio <= 1, "realRatio", "in [0, 1]", realRatio);
        require(mixing != null, "mixing", "one of " + List.of(Mixing.values()), null);
    }

    /** The original code's Hopper settings: 5,000 random steps, G = 20, 100k rollouts, k 1 to 15 over epochs 20-150, 5% real data. */
    public static MbpoOptions defaults() {
        return new MbpoOptions(5000, 20, 100_000, List.of(20, 150, 1, 15), 1, 0.05, Mixing.FRACTION);
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The rollout length at {@code epoch}: linear from k_min at epoch_start to k_max at
     * epoch_end, rounded down, clipped to [min(k), max(k)] (the original's formula).
     */
    public int rolloutLength(long epoch) {
        int e0 = rolloutSchedule.get(0);
        int e1 = rolloutSchedule.get(1);
        int kMin = rolloutSchedule.get(2);
        int kMax = rolloutSchedule.get(3);
        if (e1 == e0) {
            return epoch >= e1 ? kMax : kMin;
        }
        double dx = (double) (epoch - e0) / (e1 - e0);
        dx = Math.min(Math.max(dx, 0), 1);
        return (int) Math.floor(dx * (kMax - kMin) + kMin);
    }

    private static void require(boolean ok, String field, String allowed, Object got) {
        if (!ok) {
            throw new IllegalArgumentException("MBPO option " + field + " must be " + allowed + ", got " + got);
        }
    }

    /** Builds {@link MbpoOptions}; starts from {@link #defaults()} and checks on {@link #build()}. */
    public static final class Builder {
        private long initSteps;
        private int updatesPerStep;
        private int rolloutBatchSize;
        private List<Integer> rolloutSchedule;
        private int retainEpochs;
        private double realRatio;
        private Mixing mixing;

        /** A builder holding the defaults. */
        public Builder() {
            this(defaults());
        }

        private Builder(MbpoOptions o) {
            initSteps = o.initSteps;
            updatesPerStep = o.updatesPerStep;
            rolloutBatchSize = o.rolloutBatchSize;
            rolloutSchedule = o.rolloutSchedule;
            retainEpochs = o.retainEpochs;
            realRatio = o.realRatio;
            mixing = o.mixing;
        }

        /** Random env steps first. */
        public Builder initSteps(long v) {
            this.initSteps = v;
            return this;
        }

        /** G: SAC updates per env step. */
        public Builder updatesPerStep(int v) {
            this.updatesPerStep = v;
            return this;
        }

        /** Start states branched at every model training. */
        public Builder rolloutBatchSize(int v) {
            this.rolloutBatchSize = v;
            return this;
        }

        /** k grows linearly from {@code kMin} at {@code epochStart} to {@code kMax} at {@code epochEnd}. */
        public Builder rolloutSchedule(int epochStart, int epochEnd, int kMin, int kMax) {
            this.rolloutSchedule = List.of(epochStart, epochEnd, kMin, kMax);
            return this;
        }

        /** Epochs of rollouts the model buffer keeps. */
        public Builder retainEpochs(int v) {
            this.retainEpochs = v;
            return this;
        }

        /** Share of real data in SAC's batches. */
        public Builder realRatio(double v) {
            this.realRatio = v;
            return this;
        }

        /** How batches mix real and model data. */
        public Builder mixing(Mixing v) {
            this.mixing = v;
            return this;
        }

        /** The options, checked. */
        public MbpoOptions build() {
            return new MbpoOptions(initSteps, updatesPerStep, rolloutBatchSize, rolloutSchedule, retainEpochs,
                    realRatio, mixing);
        }
    }
}

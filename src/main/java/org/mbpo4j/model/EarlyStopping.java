package org.mbpo4j.model;

import java.util.Arrays;

/**
 * MBPO's stopping rule for model training, one instance per training call: after every epoch
 * each member's holdout MSE is compared with its best so far; a member "improves" when
 * {@code (best - current) / best > minImprovement}, and then its snapshot is taken. Training
 * stops once no member has improved for more than {@code patience} consecutive epochs.
 * The first epoch always improves (the best starts at 1e10, as in the original code).
 */
final class EarlyStopping {
    static final double INITIAL_BEST = 1e10;

    private final double minImprovement;
    private final int patience;
    private final double[] best;
    private int sinceImprovement;

    EarlyStopping(int members, int patience, double minImprovement) {
        this.patience = patience;
        this.minImprovement = minImprovement;
        this.best = new double[members];
        Arrays.fill(best, INITIAL_BEST);
    }

    /**
     * Records one epoch's holdout MSEs and returns which members improved (their weights
     * should be snapshotted now).
     */
    boolean[] update(double[] holdoutMse) {
        boolean[] improved = new boolean[best.length];
        boolean any = false;
        for (int e = 0; e < best.length; e++) {
            double gain = (best[e] - holdoutMse[e]) / best[e];
            if (gain > minImprovement) {
                best[e] = holdoutMse[e];
                improved[e] = true;
                any = true;
            }
        }
        sinceImprovement = any ? 0 : sinceImprovement + 1;
        return improved;
    }

    /** Whether training should stop: more than {@code patience} epochs without any improvement. */
    boolean shouldStop() {
        return sinceImprovement > patience;
    }

    int epochsSinceImprovement() {
        return sinceImprovement;
    }

    /** The best holdout MSE per member (the snapshot's). */
    double[] best() {
        return best.clone();
    }
}

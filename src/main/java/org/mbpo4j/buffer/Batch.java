package org.mbpo4j.buffer;

/**
 * A preallocated minibatch of {@code batchSize} transitions that
 * {@link ReplayBuffer#sample(Batch, org.mbpo4j.random.Rng)} overwrites in place, so the
 * training hot path allocates nothing per update.
 *
 * <p>All arrays are row-major and are the live storage (not copies): row {@code b} of
 * {@link #obs()} is {@code obs[b*obsDim .. (b+1)*obsDim)}. {@link #done()} is 1 for rows whose
 * episode <em>terminated</em> and 0 otherwise, ready for a target {@code r + gamma * (1 - done)
 * * V(s')}: truncated rows are bootstrapped, and {@link #truncated()} only records them for
 * diagnostics. For discrete actions {@code actDim} is 1 and the action column holds the index.
 */
public final class Batch {
    private final int batchSize;
    private final int obsDim;
    private final int actDim;
    private final float[] obs;
    private final float[] action;
    private final float[] reward;
    private final float[] nextObs;
    private final float[] done;
    private final boolean[] truncated;

    private Batch(int batchSize, int obsDim, int actDim) {
        this.batchSize = batchSize;
        this.obsDim = obsDim;
        this.actDim = actDim;
        this.obs = new float[batchSize * obsDim];
        this.action = new float[batchSize * actDim];
        this.reward = new float[batchSize];
        this.nextObs = new float[batchSize * obsDim];
        this.done = new float[batchSize];
        this.truncated = new boolean[batchSize];
    }

    /** A zero-filled batch of {@code batchSize} rows. */
    public static Batch allocate(int batchSize, int obsDim, int actDim) {
        Checks.positive("batchSize", batchSize);
        Checks.positive("obsDim", obsDim);
        Checks.positive("actDim", actDim);
        Checks.fitsArray("batchSize * obsDim", batchSize, obsDim);
        Checks.fitsArray("batchSize * actDim", batchSize, actDim);
        return new Batch(batchSize, obsDim, actDim);
    }

    /** Number of rows. */
    public int batchSize() {
        return batchSize;
    }

    /** Observation width. */
    public int obsDim() {
        return obsDim;
    }

    /** Action width (1 for discrete actions). */
    public int actDim() {
        return actDim;
    }

    /** Observations, {@code [batchSize * obsDim]}, live. */
    public float[] obs() {
        return obs;
    }

    /** Actions, {@code [batchSize * actDim]}, live. */
    public float[] action() {
        return action;
    }

    /** Rewards, {@code [batchSize]}, live. */
    public float[] reward() {
        return reward;
    }

    /** Next observations, {@code [batchSize * obsDim]}, live. */
    public float[] nextObs() {
        return nextObs;
    }

    /** 1 where the transition terminated, else 0 (truncation does not count), live. */
    public float[] done() {
        return done;
    }

    /** Whether each transition was truncated (diagnostics only), live. */
    public boolean[] truncated() {
        return truncated;
    }
}

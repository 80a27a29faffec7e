package org.mbpo4j.buffer;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.mbpo4j.random.Rng;

/**
 * A fixed-capacity ring of transitions {@code (obs, action, reward, nextObs, terminated,
 * truncated)} in columnar storage: one row-major {@code float[]} per column
 * ({@code obs[capacity * obsDim]}, {@code action[capacity * actDim]}, {@code reward[capacity]},
 * {@code nextObs[capacity * obsDim]}) and separate {@code boolean[]} columns for
 * {@code terminated} and {@code truncated}. When full, each new row overwrites the oldest.
 *
 * <p>Discrete actions are stored as a single float holding the action index
 * ({@code actDim = 1}); the caller casts it back with {@code (int) action[b]}.
 *
 * <p>Every value going in is checked: wrong lengths and non-finite values (NaN, infinities)
 * are rejected with an {@link IllegalArgumentException} naming the column, the index and the
 * value, and a rejected call writes nothing. Sampling ({@link #sample}, {@link #sampleMixed})
 * is uniform with replacement over the stored rows, uses only the {@link Rng} passed in and
 * allocates nothing. Rows are addressed logically for {@link #gather}: 0 is the oldest stored
 * row and {@code size() - 1} the newest.
 *
 * <p>{@link #save} / {@link #load} write and read a compact binary file (see
 * {@link BufferFile}) that preserves contents and ring order exactly. Not thread-safe.
 */
public final class ReplayBuffer {
    private final int obsDim;
    private final int actDim;
    // Invariant: while size < capacity the rows occupy physical slots [0, size) and
    // writePos == size; once full, the oldest row is at writePos.
    private int capacity;
    private int size;
    private int writePos;
    private float[] obs;
    private float[] action;
    private float[] reward;
    private float[] nextObs;
    private boolean[] terminated;
    private boolean[] truncated;
    // Counts every change of contents or layout, so a PrioritizedReplay can tell whether the
    // buffer was written behind its back.
    private long version;

    /** An empty buffer holding at most {@code capacity} rows. */
    public ReplayBuffer(int capacity, int obsDim, int actDim) {
        Checks.positive("capacity", capacity);
        Checks.positive("obsDim", obsDim);
        Checks.positive("actDim", actDim);
        this.obsDim = obsDim;
        this.actDim = actDim;
        allocate(capacity);
    }

    /** Restores a buffer from its columns (used by {@link BufferFile}); arrays are adopted. */
    ReplayBuffer(int capacity, int obsDim, int actDim, int size, int writePos, float[] obs, float[] action,
                 float[] reward, float[] nextObs, boolean[] terminated, boolean[] truncated) {
        this.obsDim = obsDim;
        this.actDim = actDim;
        this.capacity = capacity;
        this.size = size;
        this.writePos = writePos;
        this.obs = obs;
        this.action = action;
        this.reward = reward;
        this.nextObs = nextObs;
        this.terminated = terminated;
        this.truncated = truncated;
    }

    private void allocate(int cap) {
        Checks.fitsArray("capacity * obsDim", cap, obsDim);
        Checks.fitsArray("capacity * actDim", cap, actDim);
        capacity = cap;
        obs = new float[cap * obsDim];
        action = new float[cap * actDim];
        reward = new float[cap];
        nextObs = new float[cap * obsDim];
        terminated = new boolean[cap];
        truncated = new boolean[cap];
    }

    /** Number of stored rows, at most {@link #capacity()}. */
    public int size() {
        return size;
    }

    /** Maximum number of rows. */
    public int capacity() {
        return capacity;
    }

    /** Observation width. */
    public int obsDim() {
        return obsDim;
    }

    /** Action width (1 for discrete actions, holding the index). */
    public int actDim() {
        return actDim;
    }

    /** Whether no row is stored. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Drops every row; capacity is unchanged. */
    public void clear() {
        size = 0;
        writePos = 0;
        version++;
    }

    /**
     * Appends one transition, overwriting the oldest row when full.
     *
     * @throws IllegalArgumentException if a length is wrong or any value is not finite (the
     *     buffer is then unchanged)
     */
    public void add(float[] obs, float[] action, double reward, float[] nextObs, boolean terminated,
                    boolean truncated) {
        Checks.length("obs", obs, obsDim, "obsDim");
        Checks.length("action", action, actDim, "actDim");
        Checks.length("nextObs", nextObs, obsDim, "obsDim");
        Checks.finite("obs", obs);
        Checks.finite("action", action);
        Checks.finiteReward(reward);
        Checks.finite("nextObs", nextObs);
        int p = writePos;
        System.arraycopy(obs, 0, this.obs, p * obsDim, obsDim);
        System.arraycopy(action, 0, this.action, p * actDim, actDim);
        this.reward[p] = (float) reward;
        System.arraycopy(nextObs, 0, this.nextObs, p * obsDim, obsDim);
        this.terminated[p] = terminated;
        this.truncated[p] = truncated;
        advance(1);
    }

    /**
     * Appends {@code n} rows laid out row-major (row {@code i} of {@code obs} is
     * {@code obs[i*obsDim .. (i+1)*obsDim)}), as model rollouts produce them; none is
     * truncated. Arrays may be longer than needed (only the first {@code n} rows are read).
     * The result equals {@code n} calls to {@link #add}: if {@code n > capacity} only the last
     * {@code capacity} rows remain.
     *
     * @throws IllegalArgumentException if an array is too short or any value is not finite
     *     (the buffer is then unchanged)
     */
    public void addBatch(float[] obs, float[] act, float[] rew, float[] nextObs, boolean[] terminated, int n) {
        addBatch(obs, act, rew, nextObs, terminated, null, n);
    }

    /**
     * {@link #addBatch(float[], float[], float[], float[], boolean[], int)} with a truncation
     * flag per row; {@code truncated} may be null (no row truncated).
     */
    public void addBatch(float[] obs, float[] act, float[] rew, float[] nextObs, boolean[] terminated,
                         boolean[] truncated, int n) {
        Objects.requireNonNull(obs, "obs");
        Objects.requireNonNull(act, "act");
        Objects.requireNonNull(rew, "rew");
        Objects.requireNonNull(nextObs, "nextObs");
        Objects.requireNonNull(terminated, "terminated");
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        Checks.atLeast("obs", obs.length, n, obsDim);
        Checks.atLeast("act", act.length, n, actDim);
        Checks.atLeast("rew", rew.length, n, 1);
        Checks.atLeast("nextObs", nextObs.length, n, obsDim);
        Checks.atLeast("terminated", terminated.length, n, 1);
        if (truncated != null) {
            Checks.atLeast("truncated", truncated.length, n, 1);
        }
        Checks.finite("obs", obs, n, obsDim);
        Checks.finite("act", act, n, actDim);
        Checks.finite("rew", rew, n, 1);
        Checks.finite("nextObs", nextObs, n, obsDim);

        int skip = Math.max(0, n - capacity); // rows that would be overwritten within this call
        int m = n - skip;
        int first = Math.min(m, capacity - writePos);
        copyIn(obs, act, rew, nextObs, terminated, truncated, skip, writePos, first);
        copyIn(obs, act, rew, nextObs, terminated, truncated, skip + first, 0, m - first);
        advance(m);
    }

    private void copyIn(float[] o, float[] a, float[] r, float[] no, boolean[] term, boolean[] trunc, int src,
                        int dst, int rows) {
        if (rows == 0) {
            return;
        }
        System.arraycopy(o, src * obsDim, obs, dst * obsDim, rows * obsDim);
        System.arraycopy(a, src * actDim, action, dst * actDim, rows * actDim);
        System.arraycopy(r, src, reward, dst, rows);
        System.arraycopy(no, src * obsDim, nextObs, dst * obsDim, rows * obsDim);
        System.arraycopy(term, src, terminated, dst, rows);
        if (trunc == null) {
            Arrays.fill(truncated, dst, dst + rows, false);
        } else {
            System.arraycopy(trunc, src, truncated, dst, rows);
        }
    }

    private void advance(int rows) {
        writePos = (writePos + rows) % capacity;
        size = Math.min(capacity, size + rows);
        version++;
    }

    /**
     * Fills every row of {@code into} with a row drawn uniformly, with replacement, from the
     * stored rows. Allocates nothing.
     *
     * @throws IllegalStateException if the buffer is empty
     * @throws IllegalArgumentException if the batch's dims differ from the buffer's
     */
    public void sample(Batch into, Rng rng) {
        checkBatch(into);
        Objects.requireNonNull(rng, "rng");
        sampleRows(into, 0, into.batchSize(), rng);
    }

    /**
     * Fills one batch from two buffers, as MBPO mixes real and model data: rows
     * {@code [0, k)} come from this buffer and rows {@code [k, batchSize)} from {@code other},
     * where {@code k = Math.round(fractionFromThis * batchSize)}; each part is sampled
     * uniformly with replacement (this buffer's rows are drawn first). Allocates nothing.
     *
     * @throws IllegalArgumentException if the buffers' or the batch's dims differ, or the
     *     fraction is not in [0, 1]
     * @throws IllegalStateException if a buffer that must supply rows is empty
     */
    public void sampleMixed(Batch into, ReplayBuffer other, double fractionFromThis, Rng rng) {
        Objects.requireNonNull(other, "other");
        Objects.requireNonNull(rng, "rng");
        if (other.obsDim != obsDim || other.actDim != actDim) {
            throw new IllegalArgumentException("cannot mix buffers of different dims: this buffer has obsDim="
                    + obsDim + ", actDim=" + actDim + "; the other has obsDim=" + other.obsDim + ", actDim="
                    + other.actDim);
        }
        checkBatch(into);
        if (!(fractionFromThis >= 0 && fractionFromThis <= 1)) {
            throw new IllegalArgumentException("fractionFromThis must be in [0, 1], got " + fractionFromThis);
        }
        int b = into.batchSize();
        int k = (int) Math.round(fractionFromThis * b);
        if (k > 0 && size == 0) {
            throw emptyInMix(k, b, "this buffer");
        }
        if (k < b && other.size == 0) {
            throw emptyInMix(b - k, b, "the other buffer");
        }
        sampleRows(into, 0, k, rng);
        other.sampleRows(into, k, b, rng);
    }

    private static IllegalStateException emptyInMix(int rows, int batchSize, String which) {
        return new IllegalStateException("cannot sample from an empty replay buffer: mixed sampling takes " + rows
                + " of " + batchSize + " rows from " + which + ", which is empty");
    }

    /** Fills rows {@code [from, to)} of {@code into} uniformly with replacement (the batch's dims are checked by the caller). */
    void sampleRows(Batch into, int from, int to, Rng rng) {
        if (from == to) {
            return;
        }
        if (size == 0) {
            throw new IllegalStateException("cannot sample from an empty replay buffer: add transitions first");
        }
        float[] bo = into.obs();
        float[] ba = into.action();
        float[] br = into.reward();
        float[] bn = into.nextObs();
        float[] bd = into.done();
        boolean[] bt = into.truncated();
        // While not full the rows are exactly slots [0, size); once full, all slots: either
        // way a uniform slot in [0, size) is a uniform stored row.
        for (int b = from; b < to; b++) {
            int p = rng.nextInt(size);
            copyOut(p, b, bo, ba, br, bn, bd, bt);
        }
    }

    private void copyOut(int p, int b, float[] bo, float[] ba, float[] br, float[] bn, float[] bd, boolean[] bt) {
        System.arraycopy(obs, p * obsDim, bo, b * obsDim, obsDim);
        System.arraycopy(action, p * actDim, ba, b * actDim, actDim);
        br[b] = reward[p];
        System.arraycopy(nextObs, p * obsDim, bn, b * obsDim, obsDim);
        bd[b] = terminated[p] ? 1f : 0f;
        bt[b] = truncated[p];
    }

    /**
     * Copies the rows with logical indices {@code indices[from .. from + batchSize)}
     * (0 = oldest, {@code size() - 1} = newest) into {@code into}, e.g. to walk the whole
     * buffer in a shuffled order when fitting a dynamics model.
     *
     * @throws IndexOutOfBoundsException if an index is outside {@code [0, size())} or the
     *     array holds fewer than {@code batchSize} indices from {@code from}
     */
    public void gather(int[] indices, int from, Batch into) {
        checkBatch(into);
        int b = into.batchSize();
        Objects.checkFromIndexSize(from, b, indices.length);
        int start = oldestSlot();
        for (int i = 0; i < b; i++) {
            int logical = Objects.checkIndex(indices[from + i], size);
            int p = start + logical;
            if (p >= capacity) {
                p -= capacity;
            }
            copyOut(p, i, into.obs(), into.action(), into.reward(), into.nextObs(), into.done(), into.truncated());
        }
    }

    private void checkBatch(Batch into) {
        Objects.requireNonNull(into, "into");
        if (into.obsDim() != obsDim || into.actDim() != actDim) {
            throw new IllegalArgumentException("batch has obsDim=" + into.obsDim() + ", actDim=" + into.actDim()
                    + " but the buffer has obsDim=" + obsDim + ", actDim=" + actDim);
        }
    }

    /** The physical slot of the oldest stored row. */
    int oldestSlot() {
        return size < capacity ? 0 : writePos;
    }

    /**
     * Changes the capacity, keeping the newest {@code min(size(), newCapacity)} rows in their
     * order (the oldest are dropped when shrinking). Reallocates the columns.
     */
    public void resize(int newCapacity) {
        Checks.positive("newCapacity", newCapacity);
        Checks.fitsArray("newCapacity * obsDim", newCapacity, obsDim);
        Checks.fitsArray("newCapacity * actDim", newCapacity, actDim);
        int keep = Math.min(size, newCapacity);
        int start = oldestSlot() + (size - keep); // logical row size-keep, physical (maybe >= capacity)
        if (start >= capacity) {
            start -= capacity;
        }
        float[] o = obs;
        float[] a = action;
        float[] r = reward;
        float[] n = nextObs;
        boolean[] te = terminated;
        boolean[] tr = truncated;
        int oldCapacity = capacity;
        allocate(newCapacity);
        int first = Math.min(keep, oldCapacity - start);
        copyIn(o, a, r, n, te, tr, start, 0, first);
        copyIn(o, a, r, n, te, tr, 0, first, keep - first);
        size = keep;
        writePos = keep % newCapacity;
        version++;
    }

    /**
     * Saves the buffer to {@code file} crash-safely (temporary file, then atomic rename) in
     * the binary format of {@link BufferFile}.
     *
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public void save(Path file) {
        BufferFile.write(this, file);
    }

    /**
     * Loads a buffer saved with {@link #save}, with the same contents, capacity and ring order.
     *
     * @throws IllegalArgumentException if the file is not a replay buffer file, has an
     *     unsupported version, is truncated or corrupt (the message names the file)
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static ReplayBuffer load(Path file) {
        return BufferFile.read(file);
    }

    /**
     * Copies the row in physical slot {@code slot} into row {@code row} of {@code into} (for
     * {@link PrioritizedReplay}, whose sum tree is indexed by slot; dims checked by the caller).
     */
    void copySlot(int slot, Batch into, int row) {
        copyOut(slot, row, into.obs(), into.action(), into.reward(), into.nextObs(), into.done(), into.truncated());
    }

    /** Checks that {@code into} has this buffer's dims (for {@link PrioritizedReplay}). */
    void checkDims(Batch into) {
        checkBatch(into);
    }

    /** A counter that every change of contents or layout increments. */
    long version() {
        return version;
    }

    // Package-private views for BufferFile (and PrioritizedReplay).
    /** The physical slot the next row goes to. */
    int writePos() {
        return writePos;
    }

    float[] obsColumn() {
        return obs;
    }

    float[] actionColumn() {
        return action;
    }

    float[] rewardColumn() {
        return reward;
    }

    float[] nextObsColumn() {
        return nextObs;
    }

    boolean[] terminatedColumn() {
        return terminated;
    }

    boolean[] truncatedColumn() {
        return truncated;
    }
}

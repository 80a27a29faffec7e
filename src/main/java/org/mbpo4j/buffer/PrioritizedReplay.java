package org.mbpo4j.buffer;

import java.nio.file.Path;
import java.util.Objects;
import org.mbpo4j.random.Rng;

/**
 * Proportional prioritized experience replay (Schaul et al. 2016, "Prioritized Experience
 * Replay", section 3.3): a {@link ReplayBuffer} plus a {@link SumTree} over its physical slots,
 * kept in step on every add (also when the ring wraps and overwrites the oldest row).
 *
 * <ul>
 *   <li>Row {@code i} is drawn with probability {@code P(i) = p_i / sum_k p_k}; the tree stores
 *       {@code p_i = (|error_i| + eps)^alpha} ({@link #priority}), so {@code alpha = 0} is
 *       uniform replay and {@code eps > 0} keeps every row drawable.</li>
 *   <li>A new row gets the largest priority set so far (starting at
 *       {@link #INITIAL_MAX_PRIORITY}; the running maximum never decreases, as in the paper's
 *       Algorithm 1 and OpenAI Baselines), so it is replayed at least about as often as any
 *       other row before its own error is known.</li>
 *   <li>{@link #sample} draws each row of a batch independently (with replacement) and reports
 *       the drawn slots and the importance-sampling weights
 *       {@code w_i = (N P(i))^-beta / max_j (N P(j))^-beta} with {@code N} the stored rows and
 *       the maximum over <em>every stored row</em>, as in the paper (not over the batch). The
 *       maximum belongs to the row of least priority, so
 *       {@code w_i = (p_min / p_i)^beta}: {@code N} and the total cancel, which is how it is
 *       computed (in double, from {@link SumTree#minPositive()}). Every weight is in (0, 1];
 *       the weights only ever scale updates down. (The paper also splits the total into
 *       {@code batch} equal strata; independent draws are used here instead, whose
 *       distribution is exactly the multinomial the weights correct for.)</li>
 *   <li>{@link #updatePriorities} sets the drawn rows' priorities from their new errors (TD
 *       errors for SAC).</li>
 *   <li>{@link #annealedBeta} anneals beta linearly to 1, as the paper does.</li>
 * </ul>
 *
 * <p>The wrapped buffer stays an ordinary {@link ReplayBuffer} for readers ({@link #buffer()}:
 * uniform sampling, {@code gather}, its file), but rows must be added through this class: if
 * the buffer is changed directly, the next call here throws {@link IllegalStateException}
 * instead of sampling with priorities that no longer match the rows.
 *
 * <p>{@link #save} / {@link #restore} keep the priorities (and the running maximum) next to the
 * buffer's own file, in {@link PriorityFile}'s crash-safe format; as the tree is rebuilt from
 * its leaves bit for bit, a resumed run samples exactly as the uninterrupted one would.
 * Sampling allocates nothing. Not thread-safe.
 */
public final class PrioritizedReplay {
    /** The priority of the first row added, before any error is known. */
    public static final double INITIAL_MAX_PRIORITY = 1.0;

    private final double alpha;
    private final double eps;
    private final ReplayBuffer buffer;
    private SumTree tree;
    private double maxPriority = INITIAL_MAX_PRIORITY;
    private long seenVersion;

    /**
     * Prioritized replay over {@code buffer}; rows already stored get the initial priority.
     *
     * @param alpha priority exponent, in [0, 1] (0: uniform)
     * @param eps   added to every |error| before the exponent, in (0, 1]
     * @throws IllegalArgumentException if {@code alpha} or {@code eps} is out of range
     */
    public PrioritizedReplay(ReplayBuffer buffer, double alpha, double eps) {
        this.buffer = Objects.requireNonNull(buffer, "buffer");
        checkSettings(alpha, eps);
        this.alpha = alpha;
        this.eps = eps;
        this.tree = new SumTree(buffer.capacity());
        int start = buffer.oldestSlot();
        for (int i = 0; i < buffer.size(); i++) {
            tree.set((start + i) % buffer.capacity(), maxPriority);
        }
        this.seenVersion = buffer.version();
    }

    /** An empty prioritized buffer of {@code capacity} rows. */
    public PrioritizedReplay(int capacity, int obsDim, int actDim, double alpha, double eps) {
        this(new ReplayBuffer(capacity, obsDim, actDim), alpha, eps);
    }

    static void checkSettings(double alpha, double eps) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("priority exponent alpha must be in [0, 1], got " + alpha);
        }
        if (!(eps > 0 && eps <= 1)) {
            throw new IllegalArgumentException("priority offset eps must be in (0, 1], got " + eps);
        }
    }

    /** {@code (|error| + eps)^alpha}: the priority stored for a row with this error. */
    public static double priority(double error, double alpha, double eps) {
        return Math.pow(Math.abs(error) + eps, alpha);
    }

    /**
     * The importance-sampling weight {@code (N P(i))^-beta / max_j (N P(j))^-beta} of a row of
     * priority {@code p} when the least stored priority is {@code pMin}: {@code (pMin / p)^beta},
     * in (0, 1].
     */
    public static double importanceWeight(double p, double pMin, double beta) {
        return Math.pow(pMin / p, beta);
    }

    /**
     * The importance-sampling exponent after {@code t} steps: {@code beta0} raised linearly to 1
     * over {@code steps} steps, then 1; with {@code steps == 0}, {@code beta0} throughout.
     *
     * @throws IllegalArgumentException if {@code beta0} is not in [0, 1] or {@code steps} or
     *     {@code t} is negative
     */
    public static double annealedBeta(double beta0, long steps, long t) {
        if (!(beta0 >= 0 && beta0 <= 1)) {
            throw new IllegalArgumentException("beta must be in [0, 1], got " + beta0);
        }
        if (steps < 0 || t < 0) {
            throw new IllegalArgumentException("annealing steps and step must be >= 0, got " + steps + " and " + t);
        }
        if (steps == 0) {
            return beta0;
        }
        return t >= steps ? 1.0 : beta0 + (1.0 - beta0) * ((double) t / steps);
    }

    /** The wrapped buffer (live): read it freely; add rows only through this class. */
    public ReplayBuffer buffer() {
        return buffer;
    }

    /** Stored rows. */
    public int size() {
        return buffer.size();
    }

    /** Maximum number of rows. */
    public int capacity() {
        return buffer.capacity();
    }

    /** The priority exponent. */
    public double alpha() {
        return alpha;
    }

    /** The offset added to |error|. */
    public double eps() {
        return eps;
    }

    /** The largest priority set so far: what a new row gets. */
    public double maxPriority() {
        return maxPriority;
    }

    /** The stored priority {@code p} of the row in physical slot {@code slot}. */
    public double priorityOf(int slot) {
        checkStoredSlot(slot, -1);
        return tree.get(slot);
    }

    /** The sum of the stored priorities. */
    public double totalPriority() {
        return tree.total();
    }

    /**
     * Appends one transition with the largest priority so far, overwriting the oldest row (and
     * its priority) when full. Validation as {@link ReplayBuffer#add}.
     */
    public void add(float[] obs, float[] action, double reward, float[] nextObs, boolean terminated,
                    boolean truncated) {
        checkInStep();
        int slot = buffer.writePos();
        buffer.add(obs, action, reward, nextObs, terminated, truncated);
        tree.set(slot, maxPriority);
        seenVersion = buffer.version();
    }

    /**
     * Appends {@code n} rows as {@link ReplayBuffer#addBatch(float[], float[], float[], float[],
     * boolean[], boolean[], int)} does, each with the largest priority so far.
     */
    public void addBatch(float[] obs, float[] act, float[] rew, float[] nextObs, boolean[] terminated,
                         boolean[] truncated, int n) {
        checkInStep();
        int first = buffer.writePos();
        buffer.addBatch(obs, act, rew, nextObs, terminated, truncated, n);
        int written = Math.min(n, buffer.capacity());
        for (int i = 0; i < written; i++) {
            tree.set((first + i) % buffer.capacity(), maxPriority);
        }
        seenVersion = buffer.version();
    }

    /** Drops every row and priority, and resets the running maximum. */
    public void clear() {
        buffer.clear();
        tree.clear();
        maxPriority = INITIAL_MAX_PRIORITY;
        seenVersion = buffer.version();
    }

    /**
     * Fills every row {@code b} of {@code into} with a row drawn with probability
     * {@code P(i)} (independently, with replacement), its physical slot into {@code slots[b]}
     * and its importance-sampling weight {@code (p_min / p_i)^beta} into {@code weights[b]}.
     * One {@link Rng#nextDouble()} per row. Allocates nothing.
     *
     * @throws IllegalStateException if the buffer is empty or was changed behind this object
     * @throws IllegalArgumentException if the batch's dims differ, an array holds fewer than
     *     {@code batchSize} entries, or {@code beta} is not in [0, 1]
     */
    public void sample(Batch into, int[] slots, float[] weights, double beta, Rng rng) {
        checkSampleArgs(into, slots, weights, beta, rng);
        sampleRows(into, 0, into.batchSize(), slots, weights, beta, rng);
    }

    /**
     * As {@link ReplayBuffer#sampleMixed}: rows {@code [0, k)} from this buffer by priority
     * (with their slots and weights), rows {@code [k, batchSize)} uniformly from {@code other}
     * with weight 1 and slot -1, where {@code k = Math.round(fractionFromThis * batchSize)};
     * this buffer's rows are drawn first.
     *
     * @return {@code k}, the number of prioritized rows (whose priorities can be updated)
     * @throws IllegalArgumentException if dims differ, an array is too short, or
     *     {@code fractionFromThis} or {@code beta} is out of [0, 1]
     * @throws IllegalStateException if a buffer that must supply rows is empty, or this one
     *     was changed behind this object
     */
    public int sampleMixed(Batch into, ReplayBuffer other, double fractionFromThis, int[] slots, float[] weights,
                           double beta, Rng rng) {
        Objects.requireNonNull(other, "other");
        checkSampleArgs(into, slots, weights, beta, rng);
        if (other.obsDim() != buffer.obsDim() || other.actDim() != buffer.actDim()) {
            throw new IllegalArgumentException("cannot mix buffers of different dims: this buffer has obsDim="
                    + buffer.obsDim() + ", actDim=" + buffer.actDim() + "; the other has obsDim=" + other.obsDim()
                    + ", actDim=" + other.actDim());
        }
        if (!(fractionFromThis >= 0 && fractionFromThis <= 1)) {
            throw new IllegalArgumentException("fractionFromThis must be in [0, 1], got " + fractionFromThis);
        }
        int b = into.batchSize();
        int k = (int) Math.round(fractionFromThis * b);
        if (k < b && other.isEmpty()) {
            throw new IllegalStateException("cannot sample from an empty replay buffer: mixed sampling takes "
                    + (b - k) + " of " + b + " rows from the other buffer, which is empty");
        }
        sampleRows(into, 0, k, slots, weights, beta, rng);
        other.sampleRows(into, k, b, rng);
        for (int r = k; r < b; r++) {
            slots[r] = -1;
            weights[r] = 1f;
        }
        return k;
    }

    private void checkSampleArgs(Batch into, int[] slots, float[] weights, double beta, Rng rng) {
        checkInStep();
        buffer.checkDims(into);
        Objects.requireNonNull(slots, "slots");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(rng, "rng");
        int b = into.batchSize();
        if (slots.length < b || weights.length < b) {
            throw new IllegalArgumentException("slots and weights need " + b + " entries for the batch, got "
                    + slots.length + " and " + weights.length);
        }
        if (!(beta >= 0 && beta <= 1)) {
            throw new IllegalArgumentException("beta must be in [0, 1], got " + beta);
        }
    }

    private void sampleRows(Batch into, int from, int to, int[] slots, float[] weights, double beta, Rng rng) {
        if (from == to) {
            return;
        }
        if (buffer.isEmpty()) {
            throw new IllegalStateException("cannot sample from an empty replay buffer: add transitions first");
        }
        double total = tree.total();
        double pMin = tree.minPositive();
        for (int r = from; r < to; r++) {
            int slot = tree.find(rng.nextDouble() * total);
            buffer.copySlot(slot, into, r);
            slots[r] = slot;
            weights[r] = (float) importanceWeight(tree.get(slot), pMin, beta);
        }
    }

    /**
     * Sets the priorities of the rows in {@code slots[0 .. n)} to
     * {@code (|errors[i]| + eps)^alpha} and raises the running maximum; a slot listed twice
     * keeps its last error. Call it before adding rows, which may overwrite the drawn slots.
     *
     * @throws IllegalArgumentException if an error is not finite or a slot holds no row (the
     *     message names the index; entries before it are already applied)
     * @throws IllegalStateException if the buffer was changed behind this object
     */
    public void updatePriorities(int[] slots, float[] errors, int n) {
        checkInStep();
        Objects.requireNonNull(slots, "slots");
        Objects.requireNonNull(errors, "errors");
        if (n < 0 || n > slots.length || n > errors.length) {
            throw new IllegalArgumentException("cannot update " + n + " priorities from " + slots.length
                    + " slots and " + errors.length + " errors");
        }
        for (int i = 0; i < n; i++) {
            float e = errors[i];
            if (!Float.isFinite(e)) {
                throw new IllegalArgumentException("errors[" + i + "] is " + e + ": a priority needs a finite error");
            }
            checkStoredSlot(slots[i], i);
            double p = priority(e, alpha, eps);
            tree.set(slots[i], p);
            if (p > maxPriority) {
                maxPriority = p;
            }
        }
    }

    /**
     * Changes the capacity as {@link ReplayBuffer#resize} does (the newest rows are kept, in
     * order), keeping each kept row's priority.
     */
    public void resize(int newCapacity) {
        checkInStep();
        Checks.positive("newCapacity", newCapacity);
        int size = buffer.size();
        int cap = buffer.capacity();
        int keep = Math.min(size, newCapacity);
        int start = (buffer.oldestSlot() + (size - keep)) % cap;
        double[] kept = new double[keep];
        for (int i = 0; i < keep; i++) {
            kept[i] = tree.get((start + i) % cap);
        }
        buffer.resize(newCapacity);
        SumTree resized = new SumTree(newCapacity);
        resized.setAll(kept, keep); // the kept rows now fill slots [0, keep) in order
        tree = resized;
        seenVersion = buffer.version();
    }

    /**
     * Saves the buffer to {@code bufferFile} ({@link ReplayBuffer#save}) and the priorities to
     * {@code priorityFile}, each crash-safely.
     *
     * @throws java.io.UncheckedIOException if a file cannot be written
     */
    public void save(Path bufferFile, Path priorityFile) {
        checkInStep();
        buffer.save(bufferFile);
        PriorityFile.write(this, priorityFile);
    }

    /**
     * Prioritized replay over {@code buffer} (typically just {@link ReplayBuffer#load loaded})
     * with the priorities and running maximum that {@link #save} wrote to {@code priorityFile}.
     *
     * @throws IllegalArgumentException if the file is not a priority file, is corrupt, does not
     *     match the buffer's capacity, size and write position, or was written with another
     *     {@code alpha} or {@code eps} (the message names the file and the values)
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static PrioritizedReplay restore(ReplayBuffer buffer, Path priorityFile, double alpha, double eps) {
        PrioritizedReplay per = new PrioritizedReplay(buffer, alpha, eps);
        PriorityFile.Content c = PriorityFile.read(priorityFile, buffer, alpha, eps);
        per.tree.setAll(c.priorities(), buffer.size());
        per.maxPriority = c.maxPriority();
        return per;
    }

    // Views for PriorityFile.
    double[] storedPriorities() {
        double[] p = new double[buffer.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = tree.get(i);
        }
        return p;
    }

    SumTree tree() {
        return tree;
    }

    /** Checks that {@code slot} holds a row; {@code index} names its position in an array (-1: none). */
    private void checkStoredSlot(int slot, int index) {
        if (slot < 0 || slot >= buffer.size()) {
            throw new IllegalArgumentException((index < 0 ? "slot" : "slots[" + index + "]") + " = " + slot
                    + " holds no row: stored rows occupy slots [0, " + buffer.size() + ")");
        }
    }

    private void checkInStep() {
        if (buffer.version() != seenVersion) {
            throw new IllegalStateException("the replay buffer was changed directly, not through its"
                    + " PrioritizedReplay, so its priorities no longer match its rows; add and clear rows through"
                    + " the PrioritizedReplay");
        }
    }
}

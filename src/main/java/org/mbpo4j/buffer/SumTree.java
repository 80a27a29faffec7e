package org.mbpo4j.buffer;

import java.util.Arrays;
import java.util.Objects;
import org.mbpo4j.random.Rng;

/**
 * A sum tree over {@code capacity} non-negative priorities (the data structure of proportional
 * prioritized replay): {@link #set} one priority, {@link #total} of all of them, {@link #find}
 * the leaf at a prefix sum and {@link #minPositive} the smallest positive priority, each in
 * O(log capacity), so that drawing leaf {@code i} with probability {@code p_i / total} costs
 * O(log capacity) too.
 *
 * <p>Layout: a complete binary tree in flat {@code double[]} arrays (heap order: node 1 is the
 * root, the children of node {@code n} are {@code 2n} and {@code 2n + 1}) over a power-of-two
 * number of leaves, {@code capacity} rounded up; leaf {@code i} is node
 * {@code leaves + i}, and padding leaves hold 0. Every internal node holds the sum of its two
 * children, recomputed from them (not adjusted by a difference) on each update, so no rounding
 * drift builds up: after any sequence of updates, every internal node equals the
 * floating-point sum of its children exactly, and a tree rebuilt from its leaves is bitwise
 * equal to the one updated step by step. A second array holds, per node, the smallest positive
 * priority below it ({@code +Infinity} if none), for the importance-sampling normalisation.
 *
 * <p>Leaves are in index order, so {@link #find} is the inverse of the cumulative sum
 * {@code p_0 + p_1 + ...}; it never returns a leaf of priority 0, also at the boundaries of
 * the prefix range. Memory: {@code 32 * leaves} bytes. Not thread-safe.
 */
public final class SumTree {
    /** The most leaves a tree holds: 2^29 (its arrays then hold 2^30 values each). */
    public static final int MAX_CAPACITY = 1 << 29;

    private final int capacity;
    private final int leaves;
    private final double[] sum;
    private final double[] min;

    /**
     * A tree of {@code capacity} leaves, all of priority 0.
     *
     * @throws IllegalArgumentException if {@code capacity} is not in {@code [1, 2^29]}
     */
    public SumTree(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("sum tree capacity must be in [1, " + MAX_CAPACITY + "], got "
                    + capacity);
        }
        this.capacity = capacity;
        int l = Integer.highestOneBit(capacity);
        this.leaves = l == capacity ? l : l << 1;
        this.sum = new double[2 * leaves];
        this.min = new double[2 * leaves];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
    }

    /** Number of leaves that can hold a priority. */
    public int capacity() {
        return capacity;
    }

    /**
     * Sets leaf {@code i}'s priority and updates its ancestors.
     *
     * @throws IndexOutOfBoundsException if {@code i} is not in {@code [0, capacity)}
     * @throws IllegalArgumentException if {@code priority} is negative, NaN or infinite
     */
    public void set(int i, double priority) {
        Objects.checkIndex(i, capacity);
        if (!(priority >= 0 && priority < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("priority of leaf " + i + " must be a finite number >= 0, got "
                    + priority);
        }
        int node = leaves + i;
        sum[node] = priority;
        min[node] = priority > 0 ? priority : Double.POSITIVE_INFINITY;
        for (node >>>= 1; node >= 1; node >>>= 1) {
            pull(node);
        }
    }

    /** Leaf {@code i}'s priority. */
    public double get(int i) {
        return sum[leaves + Objects.checkIndex(i, capacity)];
    }

    /** The sum of all priorities (the root). */
    public double total() {
        return sum[1];
    }

    /** The smallest positive priority, or {@code +Infinity} when every priority is 0. */
    public double minPositive() {
        return min[1];
    }

    /**
     * The leaf whose cumulative range holds {@code prefix}: the smallest {@code i} with
     * {@code prefix < p_0 + ... + p_i}, never a leaf of priority 0. {@code prefix == total()}
     * (and a prefix that rounding pushes past the last positive leaf) gives the last leaf of
     * positive priority. For {@code prefix} uniform in {@code [0, total())} leaf {@code i} is
     * returned with probability {@code p_i / total()}.
     *
     * @throws IllegalStateException if every priority is 0
     * @throws IllegalArgumentException if {@code prefix} is not in {@code [0, total()]}
     */
    public int find(double prefix) {
        double total = sum[1];
        if (!(total > 0)) {
            throw new IllegalStateException("cannot draw from a sum tree whose priorities are all 0");
        }
        if (!(prefix >= 0 && prefix <= total)) {
            throw new IllegalArgumentException("prefix sum must be in [0, total = " + total + "], got " + prefix);
        }
        // Invariant: sum[node] > 0. Going left needs prefix < left (so left > 0) or an empty
        // right subtree (then left == sum[node] > 0); going right needs right > 0.
        int node = 1;
        double x = prefix;
        while (node < leaves) {
            int left = node << 1;
            double l = sum[left];
            if (x < l || !(sum[left + 1] > 0)) {
                node = left;
            } else {
                x -= l;
                node = left + 1;
            }
        }
        return node - leaves;
    }

    /**
     * A leaf drawn with probability {@code p_i / total()} from one {@link Rng#nextDouble()}.
     *
     * @throws IllegalStateException if every priority is 0
     */
    public int sample(Rng rng) {
        return find(rng.nextDouble() * sum[1]);
    }

    /** Sets every priority to 0. */
    public void clear() {
        Arrays.fill(sum, 0);
        Arrays.fill(min, Double.POSITIVE_INFINITY);
    }

    /**
     * Sets leaves {@code [0, n)} to {@code priorities[0 .. n)} and every other leaf to 0, then
     * rebuilds the internal nodes bottom-up in O(capacity); the result equals {@code n} calls
     * to {@link #set} bit for bit.
     *
     * @throws IllegalArgumentException if {@code n} exceeds the capacity or the array, or a
     *     priority is negative or not finite (the tree is then unchanged)
     */
    public void setAll(double[] priorities, int n) {
        Objects.requireNonNull(priorities, "priorities");
        if (n < 0 || n > capacity || n > priorities.length) {
            throw new IllegalArgumentException("cannot set " + n + " leaves from an array of " + priorities.length
                    + " into a tree of capacity " + capacity);
        }
        for (int i = 0; i < n; i++) {
            if (!(priorities[i] >= 0 && priorities[i] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("priority of leaf " + i + " must be a finite number >= 0, got "
                        + priorities[i]);
            }
        }
        clear();
        for (int i = 0; i < n; i++) {
            sum[leaves + i] = priorities[i];
            min[leaves + i] = priorities[i] > 0 ? priorities[i] : Double.POSITIVE_INFINITY;
        }
        for (int node = leaves - 1; node >= 1; node--) {
            pull(node);
        }
    }

    private void pull(int node) {
        int left = node << 1;
        sum[node] = sum[left] + sum[left + 1];
        min[node] = Math.min(min[left], min[left + 1]);
    }

    /** Test view: the value of node {@code n} (1 = root). */
    double node(int n) {
        return sum[n];
    }

    /** Test view: the smallest positive leaf below node {@code n}. */
    double nodeMin(int n) {
        return min[n];
    }

    /** Test view: leaves in the tree (capacity rounded up to a power of two). */
    int leafCount() {
        return leaves;
    }
}

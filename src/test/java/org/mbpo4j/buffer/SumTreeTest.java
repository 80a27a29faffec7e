package org.mbpo4j.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mbpo4j.random.Rng;

/** The sum tree's invariants, its sampling distribution and its edge cases. */
class SumTreeTest {

    /** Every internal node is exactly the sum (and the positive minimum) of its children; padding leaves are empty. */
    static void assertInvariants(SumTree t, double[] leaves) {
        int n = t.leafCount();
        assertTrue(Integer.bitCount(n) == 1 && n >= t.capacity() && n < 2 * t.capacity() + 1, "leaves " + n);
        for (int i = 0; i < n; i++) {
            double want = i < leaves.length ? leaves[i] : 0;
            assertEquals(want, t.node(n + i), "leaf " + i);
            assertEquals(want > 0 ? want : Double.POSITIVE_INFINITY, t.nodeMin(n + i), "leaf min " + i);
        }
        for (int node = n - 1; node >= 1; node--) {
            assertEquals(t.node(2 * node) + t.node(2 * node + 1), t.node(node), "node " + node);
            assertEquals(Math.min(t.nodeMin(2 * node), t.nodeMin(2 * node + 1)), t.nodeMin(node), "min of node " + node);
        }
        assertEquals(t.node(1), t.total());
        assertEquals(t.nodeMin(1), t.minPositive());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 7, 8, 13, 100})
    void internalNodesStayTheSumsOfTheirChildrenAfterAnySequenceOfUpdates(int capacity) {
        SumTree t = new SumTree(capacity);
        double[] leaves = new double[capacity];
        assertInvariants(t, leaves);
        assertEquals(0.0, t.total());
        assertEquals(Double.POSITIVE_INFINITY, t.minPositive());
        Rng rng = new Rng(capacity);
        for (int step = 0; step < 600; step++) {
            int i = rng.nextInt(capacity);
            double u = rng.nextDouble();
            // zeros, tiny, ordinary and huge priorities, so that sums round
            double p = u < 0.2 ? 0 : u < 0.3 ? 1e-300 * rng.nextDouble() : u < 0.4 ? 1e12 * rng.nextDouble()
                    : rng.nextDouble();
            t.set(i, p);
            leaves[i] = p;
            assertEquals(p, t.get(i));
            if (step % 50 == 0) {
                assertInvariants(t, leaves);
            }
        }
        assertInvariants(t, leaves);

        SumTree rebuilt = new SumTree(capacity);
        rebuilt.setAll(leaves, capacity);
        for (int node = 1; node < 2 * t.leafCount(); node++) {
            assertEquals(t.node(node), rebuilt.node(node), "a rebuilt tree equals the updated one bit for bit, node "
                    + node);
            assertEquals(t.nodeMin(node), rebuilt.nodeMin(node));
        }
    }

    /**
     * 200,000 draws from a tree of 10 leaves (not a power of two) with zero priorities among
     * them: no zero leaf is ever drawn and the counts fit p_i / total by a chi-square test
     * (6 degrees of freedom, critical value 22.46 at p = 0.001; the fixed seed gives the
     * statistic printed on failure).
     */
    @Test
    void findHitsEachLeafWithProbabilityProportionalToItsPriority() {
        double[] p = {0, 1, 2, 3, 0, 5, 0.5, 7, 0, 4};
        SumTree t = new SumTree(p.length);
        for (int i = 0; i < p.length; i++) {
            t.set(i, p[i]);
        }
        assertEquals(22.5, t.total());
        int draws = 200_000;
        long[] count = new long[p.length];
        Rng rng = new Rng(2016);
        for (int d = 0; d < draws; d++) {
            count[t.sample(rng)]++;
        }
        double chi2 = 0;
        int cells = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] == 0) {
                assertEquals(0, count[i], "leaf " + i + " has priority 0 and must never be drawn");
                continue;
            }
            double expected = draws * p[i] / t.total();
            chi2 += (count[i] - expected) * (count[i] - expected) / expected;
            cells++;
        }
        assertEquals(7, cells);
        assertTrue(chi2 < 22.46, "chi-square " + chi2 + " over 6 degrees of freedom");
        // and not trivially: a wrong leaf order would be far off (uniform over positive leaves)
        double chi2Uniform = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                double expected = draws / 7.0;
                chi2Uniform += (count[i] - expected) * (count[i] - expected) / expected;
            }
        }
        assertTrue(chi2Uniform > 1000, "the counts are not uniform: " + chi2Uniform);
    }

    @Test
    void prefixSumsAtTheBoundariesOfEachLeafsRange() {
        double[] p = {0, 1, 2, 0, 0, 4, 0}; // capacity 7: one padding leaf; zeros first, inside and last
        SumTree t = new SumTree(p.length);
        t.setAll(p, p.length);
        assertEquals(1, t.find(0), "prefix 0 skips the leading zero leaf");
        assertEquals(1, t.find(Math.nextDown(1.0)));
        assertEquals(2, t.find(1.0), "a cumulative boundary belongs to the next positive leaf");
        assertEquals(2, t.find(Math.nextDown(3.0)));
        assertEquals(5, t.find(3.0), "zero leaves inside are skipped");
        assertEquals(5, t.find(Math.nextDown(7.0)));
        assertEquals(5, t.find(7.0), "prefix == total gives the last positive leaf, not a trailing zero");

        SumTree one = new SumTree(1);
        one.set(0, 0.25);
        assertEquals(0, one.find(0));
        assertEquals(0, one.find(0.25));
        assertEquals(0.25, one.minPositive());
    }

    @Test
    void roundingNeverLeadsToAZeroLeaf() {
        // 1 + 1e-17 rounds to 1, so prefix == total == 1 exceeds the left leaf but the right
        // subtree's own sum is tiny: the descent must still end on a positive leaf.
        SumTree t = new SumTree(4);
        t.set(0, 1.0);
        t.set(1, 1e-17);
        assertEquals(1.0, t.total());
        assertEquals(1, t.find(1.0));
        Rng rng = new Rng(5);
        for (int trial = 0; trial < 200; trial++) {
            int cap = 1 + rng.nextInt(40);
            SumTree r = new SumTree(cap);
            boolean any = false;
            for (int i = 0; i < cap; i++) {
                double u = rng.nextDouble();
                double v = u < 0.5 ? 0 : u < 0.6 ? 1e-18 : rng.nextDouble() * 1e3;
                r.set(i, v);
                any |= v > 0;
            }
            if (!any) {
                continue;
            }
            for (double prefix : new double[] {0, Math.nextDown(r.total()), r.total(), r.total() * rng.nextDouble()}) {
                int leaf = r.find(prefix);
                assertTrue(r.get(leaf) > 0, "prefix " + prefix + " of " + r.total() + " found leaf " + leaf
                        + " of priority 0");
            }
        }
    }

    @Test
    void minPositiveFollowsUpdates() {
        SumTree t = new SumTree(6);
        t.set(2, 0.5);
        t.set(4, 0.25);
        assertEquals(0.25, t.minPositive());
        t.set(4, 0);
        assertEquals(0.5, t.minPositive(), "a zeroed leaf leaves the minimum");
        t.set(5, 3);
        t.set(2, 4);
        assertEquals(3.0, t.minPositive());
        t.clear();
        assertEquals(Double.POSITIVE_INFINITY, t.minPositive());
        assertEquals(0.0, t.total());
    }

    @Test
    void badInputsAreRejectedWithTheirValues() {
        SumTree t = new SumTree(3);
        assertEquals("cannot draw from a sum tree whose priorities are all 0",
                assertThrows(IllegalStateException.class, () -> t.find(0)).getMessage());
        assertEquals("priority of leaf 1 must be a finite number >= 0, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> t.set(1, -1)).getMessage());
        assertEquals("priority of leaf 2 must be a finite number >= 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> t.set(2, Double.NaN)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.set(0, Double.POSITIVE_INFINITY));
        assertThrows(IndexOutOfBoundsException.class, () -> t.set(3, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> t.get(-1));
        t.set(0, 2);
        assertEquals("prefix sum must be in [0, total = 2.0], got 2.5",
                assertThrows(IllegalArgumentException.class, () -> t.find(2.5)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.find(-0.1));
        assertThrows(IllegalArgumentException.class, () -> t.find(Double.NaN));
        assertEquals("sum tree capacity must be in [1, 536870912], got 0",
                assertThrows(IllegalArgumentException.class, () -> new SumTree(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.setAll(new double[] {1, -2}, 2));
        assertEquals(2.0, t.total(), "a rejected setAll leaves the tree unchanged");
        assertThrows(IllegalArgumentException.class, () -> t.setAll(new double[4], 4));
    }
}

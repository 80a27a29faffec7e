package org.mbpo4j.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RngTest {

    @Test
    void sameSeedSameStream() {
        Rng a = new Rng(42);
        Rng b = new Rng(42);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
        assertNotEquals(new Rng(1).nextLong(), new Rng(2).nextLong());
    }

    @Test
    void stateRoundTripResumesBitForBitIncludingTheCachedGaussian() {
        Rng a = new Rng(7);
        a.nextGaussian(); // leaves a cached second value
        Rng b = Rng.fromState(a.state());
        for (int i = 0; i < 50; i++) {
            assertEquals(a.nextGaussian(), b.nextGaussian());
            assertEquals(a.nextDouble(), b.nextDouble());
        }
        assertThrows(IllegalArgumentException.class, () -> Rng.fromState(new long[2]));
    }

    @Test
    void childrenDependOnNameAndRootOnly() {
        Rng root = new Rng(3);
        long env = root.child("env").nextLong();
        root.child("agent").nextLong();
        assertEquals(env, root.child("env").nextLong(), "child() does not advance the root");
        assertNotEquals(env, root.child("eval").nextLong());
        assertNotEquals(env, new Rng(4).child("env").nextLong());
    }

    @Test
    void distributionsHaveTheRightMoments() {
        Rng r = new Rng(11);
        int n = 200_000;
        double s = 0;
        double s2 = 0;
        double u = 0;
        int[] counts = new int[7];
        for (int i = 0; i < n; i++) {
            double g = r.nextGaussian();
            s += g;
            s2 += g * g;
            double d = r.nextDouble();
            assertTrue(d >= 0 && d < 1);
            u += d;
            counts[r.nextInt(7)]++;
        }
        assertEquals(0, s / n, 0.01);
        assertEquals(1, s2 / n, 0.01);
        assertEquals(0.5, u / n, 0.005);
        for (int c : counts) {
            assertEquals(n / 7.0, c, n / 7.0 * 0.03);
        }
        assertThrows(IllegalArgumentException.class, () -> r.nextInt(0));
    }

    @Test
    void gaussianAtIsStandardNormalAndIndependentAcrossIndicesAndStreams() {
        int n = 400_000;
        double s = 0;
        double s2 = 0;
        double s4 = 0;
        double lag = 0;
        double cross = 0;
        int beyond3 = 0;
        double prev = Rng.gaussianAt(42, 0);
        for (int i = 1; i <= n; i++) {
            double g = Rng.gaussianAt(42, i);
            double h = Rng.gaussianAt(43, i);
            s += g;
            s2 += g * g;
            s4 += g * g * g * g;
            lag += g * prev;
            cross += g * h;
            beyond3 += Math.abs(g) > 3 ? 1 : 0;
            prev = g;
        }
        double se = 1 / Math.sqrt(n);
        org.junit.jupiter.api.Assertions.assertEquals(0, s / n, 5 * se, "mean");
        org.junit.jupiter.api.Assertions.assertEquals(1, s2 / n, 5 * Math.sqrt(2) * se, "variance");
        org.junit.jupiter.api.Assertions.assertEquals(3, s4 / n, 5 * Math.sqrt(96) * se, "kurtosis");
        org.junit.jupiter.api.Assertions.assertEquals(0, lag / n, 5 * se, "consecutive indices");
        org.junit.jupiter.api.Assertions.assertEquals(0, cross / n, 5 * se, "neighbouring streams");
        org.junit.jupiter.api.Assertions.assertEquals(0.0027 * n, beyond3, 5 * Math.sqrt(0.0027 * n), "tails");
        org.junit.jupiter.api.Assertions.assertEquals(Rng.gaussianAt(7, 123), Rng.gaussianAt(7, 123));
    }
}

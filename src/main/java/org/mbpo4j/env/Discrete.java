package org.mbpo4j.env;

import org.mbpo4j.random.Rng;

/** The integers {0, ..., n-1} (Gymnasium's {@code Discrete(n)}). */
public final class Discrete implements Space<Integer> {
    private final int n;
    private Rng rng = new Rng(System.nanoTime());

    public Discrete(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("Discrete space needs n >= 1, got " + n);
        }
        this.n = n;
    }

    public int n() {
        return n;
    }

    @Override
    public Integer sample() {
        return sample(rng);
    }

    @Override
    public Integer sample(Rng rng) {
        return rng.nextInt(n);
    }

    @Override
    public boolean contains(Object value) {
        return value instanceof Integer k && k >= 0 && k < n;
    }

    @Override
    public String actionProblem(Object value) {
        if (value == null) {
            return "action is null; expected an Integer in " + this;
        }
        if (!(value instanceof Integer k)) {
            return "action " + describe(value) + " has the wrong type " + value.getClass().getSimpleName()
                    + "; expected an Integer in " + this;
        }
        if (k < 0 || k >= n) {
            return "action " + k + " is outside " + this + " (allowed: 0.." + (n - 1) + ")";
        }
        return null;
    }

    private static String describe(Object value) {
        return value instanceof float[] f ? java.util.Arrays.toString(f) : String.valueOf(value);
    }

    @Override
    public void seed(long seed) {
        rng = new Rng(seed);
    }

    @Override
    public Class<Integer> elementType() {
        return Integer.class;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Discrete d && d.n == n;
    }

    @Override
    public int hashCode() {
        return n;
    }

    @Override
    public String toString() {
        return "Discrete(" + n + ")";
    }
}

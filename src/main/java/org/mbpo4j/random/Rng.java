package org.mbpo4j.random;

/**
 * A small, splittable, checkpointable random source (the SplitMix64 algorithm of
 * {@link java.util.SplittableRandom}, with its state exposed so that runs can be saved and
 * resumed bit for bit).
 *
 * <p>There is no global RNG in mbpo4j: a run creates one root {@code Rng} from its seed and
 * gives each component its own stream with {@link #split()} or {@link #child(String)}.
 * Not thread-safe; give each thread its own stream.
 */
public final class Rng {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long seed;
    private long gamma;
    private double nextGaussian = Double.NaN;

    /** A stream determined by {@code seed} alone. */
    public Rng(long seed) {
        this(seed, GOLDEN_GAMMA);
    }

    private Rng(long seed, long gamma) {
        this.seed = seed;
        this.gamma = gamma;
    }

    /** Restores a stream saved with {@link #state()}. */
    public static Rng fromState(long[] state) {
        if (state == null || state.length != 3) {
            throw new IllegalArgumentException("Rng state must hold 3 longs, got "
                    + (state == null ? "null" : state.length));
        }
        Rng r = new Rng(state[0], state[1]);
        r.nextGaussian = Double.longBitsToDouble(state[2]);
        return r;
    }

    /** The full state: {seed, gamma, cached gaussian bits}. */
    public long[] state() {
        return new long[] {seed, gamma, Double.doubleToRawLongBits(nextGaussian)};
    }

    /** A new independent stream; advances this one. */
    public Rng split() {
        return new Rng(mix64(nextSeed()), mixGamma(nextSeed()));
    }

    /**
     * A stream derived from this stream's current state and a name, without advancing this
     * stream: the same root and name always give the same child, whatever else was split off.
     */
    public Rng child(String name) {
        long h = seed ^ mix64(gamma);
        for (int i = 0; i < name.length(); i++) {
            h = mix64(h + name.charAt(i) * GOLDEN_GAMMA);
        }
        return new Rng(mix64(h), mixGamma(h + GOLDEN_GAMMA));
    }

    public long nextLong() {
        return mix64(nextSeed());
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [low, high). */
    public double uniform(double low, double high) {
        return low + (high - low) * nextDouble();
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        // Lemire's multiply-and-reject: unbiased.
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xffffffffL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xffffffffL;
            }
        }
        return (int) (m >>> 32);
    }

    /**
     * A standard normal that depends only on {@code (stream, index)}: counter-based, so that
     * rows processed in any order, on any thread, get the same noise. Box-Muller on two
     * SplitMix64 outputs; consecutive indices give independent values.
     */
    public static double gaussianAt(long stream, long index) {
        long k = stream + 2 * index * GOLDEN_GAMMA;
        double u1 = ((mix64(k + GOLDEN_GAMMA) >>> 11) + 1) * 0x1.0p-53; // (0, 1]
        double u2 = (mix64(k + 2 * GOLDEN_GAMMA) >>> 11) * 0x1.0p-53;
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Standard normal (Marsaglia's polar method). */
    public double nextGaussian() {
        if (!Double.isNaN(nextGaussian)) {
            double g = nextGaussian;
            nextGaussian = Double.NaN;
            return g;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * Math.log(s) / s);
        nextGaussian = v * f;
        return u * f;
    }

    private long nextSeed() {
        return seed += gamma;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static long mixGamma(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        z = (z ^ (z >>> 33)) | 1L;
        int n = Long.bitCount(z ^ (z >>> 1));
        return (n < 24) ? z ^ 0xaaaaaaaaaaaaaaaaL : z;
    }
}

package org.mbpo4j.env.box2d;

/**
 * LunarLander's moon surface, computed from the 12 drawn heights exactly as Gymnasium does (in
 * double precision): 11 chunk x positions across the 20 m viewport, the helipad heights written
 * over chunks 3..7, and the smoothed heights {@code 0.33 * (h[i-1] + h[i] + h[i+1])}, where
 * {@code h[-1]} is {@code h[11]} (Python's negative index). The factor 0.33 puts the pad's
 * surface at 3.3 m, slightly below {@link #HELIPAD_Y}.
 */
public final class LanderTerrain {
    /** Terrain chunks (Gymnasium's {@code CHUNKS}). */
    public static final int CHUNKS = 11;
    /** World width, 600 px / 30 px per m. */
    public static final double W = 600.0 / 30.0;
    /** World height, 400 px / 30 px per m. */
    public static final double H = 400.0 / 30.0;
    /** The helipad height used by the observation (H / 4). */
    public static final double HELIPAD_Y = H / 4;

    private final double[] chunkX = new double[CHUNKS];
    private final double[] smoothY = new double[CHUNKS];

    /**
     * The terrain of 12 raw heights (each drawn from U(0, H/2)).
     *
     * @throws IllegalArgumentException unless there are exactly 12 finite heights
     */
    public LanderTerrain(double[] rawHeights) {
        if (rawHeights == null || rawHeights.length != CHUNKS + 1) {
            throw new IllegalArgumentException("LunarLander terrain needs " + (CHUNKS + 1) + " heights, got "
                    + (rawHeights == null ? "null" : rawHeights.length));
        }
        double[] h = rawHeights.clone();
        for (int i = 0; i < h.length; i++) {
            if (!Double.isFinite(h[i])) {
                throw new IllegalArgumentException("LunarLander terrain height " + i + " is " + h[i]);
            }
        }
        for (int i = CHUNKS / 2 - 2; i <= CHUNKS / 2 + 2; i++) {
            h[i] = HELIPAD_Y;
        }
        for (int i = 0; i < CHUNKS; i++) {
            chunkX[i] = W / (CHUNKS - 1) * i;
            double prev = h[i == 0 ? h.length - 1 : i - 1];
            smoothY[i] = 0.33 * (prev + h[i] + h[i + 1]);
        }
    }

    /** x of chunk {@code i} (0..10). */
    public double chunkX(int i) {
        return chunkX[i];
    }

    /** Smoothed surface height at chunk {@code i} (0..10). */
    public double smoothY(int i) {
        return smoothY[i];
    }

    /** Left end of the helipad (chunk 4). */
    public double helipadX1() {
        return chunkX[CHUNKS / 2 - 1];
    }

    /** Right end of the helipad (chunk 6). */
    public double helipadX2() {
        return chunkX[CHUNKS / 2 + 1];
    }
}

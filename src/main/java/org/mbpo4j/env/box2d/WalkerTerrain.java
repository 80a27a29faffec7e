package org.mbpo4j.env.box2d;

import static org.mbpo4j.env.box2d.WalkerConstants.SCALE;
import static org.mbpo4j.env.box2d.WalkerConstants.TERRAIN_GRASS;
import static org.mbpo4j.env.box2d.WalkerConstants.TERRAIN_HEIGHT;
import static org.mbpo4j.env.box2d.WalkerConstants.TERRAIN_LENGTH;
import static org.mbpo4j.env.box2d.WalkerConstants.TERRAIN_STARTPAD;
import static org.mbpo4j.env.box2d.WalkerConstants.TERRAIN_STEP;
import static org.mbpo4j.env.box2d.WalkerConstants.VIEWPORT_H;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The walker's terrain and clouds as Gymnasium's {@code _generate_terrain} and
 * {@code _generate_clouds} make them, in metres and in double precision (Python's own math).
 *
 * <p>Every random number is one {@link Uniforms#uniform} call in Gymnasium's order: per terrain
 * point past the start pad one {@code U(-1, 1)} velocity kick (grass only), each time the
 * counter runs out one integer draw {@code integers(5, 10)} (then, in hardcore, the next state
 * {@code integers(1, 5)} and the obstacle's own draws), then per cloud one {@code U(0, 200)} and
 * ten {@code U(0, 5*TERRAIN_STEP)} (x then y for each of its 5 points). Clouds only affect the
 * picture, but their draws come before the hull's initial force, so they are made here too.
 * An integer {@code integers(lo, hi)} is {@code floor(uniform(lo, hi))}; numpy draws nothing for a
 * one-value range ({@code integers(4, 5)}), and neither does this class.
 */
final class WalkerTerrain {
    private static final int GRASS = 0;
    private static final int STUMP = 1;
    private static final int STAIRS = 2;
    private static final int PIT = 3;
    private static final int STATES = 4;

    /** A cloud polygon (5 points) and its x extent. */
    record Cloud(double[][] poly, double x1, double x2) {
    }

    /** Terrain point x (metres), {@link WalkerConstants#TERRAIN_LENGTH} of them. */
    final double[] xs = new double[TERRAIN_LENGTH];
    /** Terrain point y (metres). */
    final double[] ys = new double[TERRAIN_LENGTH];
    /** Hardcore obstacles (stumps, stair steps, pit walls), each a 4-point polygon, in creation order. */
    final List<double[][]> obstacles = new ArrayList<>();
    /** The clouds (visual only). */
    final List<Cloud> clouds = new ArrayList<>();

    private WalkerTerrain() {
    }

    /** Draws terrain then clouds from {@code u}, in Gymnasium's order. */
    static WalkerTerrain generate(Uniforms u, boolean hardcore) {
        WalkerTerrain t = new WalkerTerrain();
        t.terrain(u, hardcore);
        t.clouds(u);
        return t;
    }

    private static int integers(Uniforms u, int lo, int hi) {
        if (hi - lo == 1) {
            return lo;
        }
        int v = (int) Math.floor(u.uniform(lo, hi));
        return Math.min(v, hi - 1);
    }

    private void terrain(Uniforms u, boolean hardcore) {
        int state = GRASS;
        double velocity = 0.0;
        double y = TERRAIN_HEIGHT;
        int counter = TERRAIN_STARTPAD;
        boolean oneshot = false;
        int stairSteps = 0;
        int stairWidth = 0;
        int stairHeight = 0;
        double originalY = 0;
        for (int i = 0; i < TERRAIN_LENGTH; i++) {
            double x = i * TERRAIN_STEP;
            xs[i] = x;
            if (state == GRASS && !oneshot) {
                velocity = 0.8 * velocity + 0.01 * Math.signum(TERRAIN_HEIGHT - y);
                if (i > TERRAIN_STARTPAD) {
                    velocity += u.uniform(-1, 1) / SCALE;
                }
                y += velocity;
            } else if (state == PIT && oneshot) {
                counter = integers(u, 3, 5);
                double[][] poly = {{x, y}, {x + TERRAIN_STEP, y}, {x + TERRAIN_STEP, y - 4 * TERRAIN_STEP},
                    {x, y - 4 * TERRAIN_STEP}};
                obstacles.add(poly);
                double[][] far = new double[4][];
                for (int k = 0; k < 4; k++) {
                    far[k] = new double[] {poly[k][0] + TERRAIN_STEP * counter, poly[k][1]};
                }
                obstacles.add(far);
                counter += 2;
                originalY = y;
            } else if (state == PIT) {
                y = originalY;
                if (counter > 1) {
                    y -= 4 * TERRAIN_STEP;
                }
            } else if (state == STUMP && oneshot) {
                counter = integers(u, 1, 3);
                double s = counter * TERRAIN_STEP;
                obstacles.add(new double[][] {{x, y}, {x + s, y}, {x + s, y + s}, {x, y + s}});
            } else if (state == STAIRS && oneshot) {
                stairHeight = u.uniform(0, 1) > 0.5 ? 1 : -1;
                stairWidth = integers(u, 4, 5);
                stairSteps = integers(u, 3, 5);
                originalY = y;
                for (int s = 0; s < stairSteps; s++) {
                    double xl = x + (s * stairWidth) * TERRAIN_STEP;
                    double xr = x + ((1 + s) * stairWidth) * TERRAIN_STEP;
                    double yt = y + (s * stairHeight) * TERRAIN_STEP;
                    double yb = y + (-1 + s * stairHeight) * TERRAIN_STEP;
                    obstacles.add(new double[][] {{xl, yt}, {xr, yt}, {xr, yb}, {xl, yb}});
                }
                counter = stairSteps * stairWidth;
            } else if (state == STAIRS) {
                int s = stairSteps * stairWidth - counter - stairHeight;
                double n = (double) s / stairWidth;
                y = originalY + (n * stairHeight) * TERRAIN_STEP;
            }
            oneshot = false;
            ys[i] = y;
            counter -= 1;
            if (counter == 0) {
                counter = integers(u, TERRAIN_GRASS / 2, TERRAIN_GRASS);
                if (state == GRASS && hardcore) {
                    state = integers(u, 1, STATES);
                } else {
                    state = GRASS;
                }
                oneshot = true;
            }
        }
    }

    private void clouds(Uniforms u) {
        for (int c = 0; c < TERRAIN_LENGTH / 20; c++) {
            double x = u.uniform(0, TERRAIN_LENGTH) * TERRAIN_STEP;
            double y = VIEWPORT_H / SCALE * 3 / 4;
            double[][] poly = new double[5][];
            double x1 = Double.POSITIVE_INFINITY;
            double x2 = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < 5; a++) {
                double px = x + 15 * TERRAIN_STEP * Math.sin(3.14 * 2 * a / 5) + u.uniform(0, 5 * TERRAIN_STEP);
                double py = y + 5 * TERRAIN_STEP * Math.cos(3.14 * 2 * a / 5) + u.uniform(0, 5 * TERRAIN_STEP);
                poly[a] = new double[] {px, py};
                x1 = Math.min(x1, px);
                x2 = Math.max(x2, px);
            }
            clouds.add(new Cloud(poly, x1, x2));
        }
    }

    /** The obstacles in drawing order (Gymnasium reverses its terrain list before drawing). */
    List<double[][]> obstaclesReversed() {
        List<double[][]> r = new ArrayList<>(obstacles);
        Collections.reverse(r);
        return r;
    }
}

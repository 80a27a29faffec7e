package org.mbpo4j.env.box2d;

/**
 * Gymnasium's {@code bipedal_walker.py} constants, in metres where Gymnasium divides by
 * {@link #SCALE}. Shared by the walker's physics, terrain, rules and drawing.
 */
final class WalkerConstants {
    static final int FPS = 50;
    static final double SCALE = 30.0;
    static final double MOTORS_TORQUE = 80;
    static final double SPEED_HIP = 4;
    static final double SPEED_KNEE = 6;
    static final double LIDAR_RANGE = 160 / SCALE;
    static final double INITIAL_RANDOM = 5;
    static final double LEG_DOWN = -8 / SCALE;
    static final double LEG_W = 8 / SCALE;
    static final double LEG_H = 34 / SCALE;
    static final int VIEWPORT_W = 600;
    static final int VIEWPORT_H = 400;
    static final double TERRAIN_STEP = 14 / SCALE;
    static final int TERRAIN_LENGTH = 200;
    static final double TERRAIN_HEIGHT = VIEWPORT_H / SCALE / 4;
    static final int TERRAIN_GRASS = 10;
    static final int TERRAIN_STARTPAD = 20;
    static final float FRICTION = 2.5f;
    /** Hull x beyond which the walker has reached the end (terminated, reward kept). */
    static final double END_X = (TERRAIN_LENGTH - TERRAIN_GRASS) * TERRAIN_STEP;
    /** The hull polygon in pixels (divide by SCALE). */
    static final double[][] HULL_POLY = {{-30, 9}, {6, 9}, {34, 1}, {34, -8}, {-30, -8}};
    /** Hull start position. */
    static final double INIT_X = TERRAIN_STEP * TERRAIN_STARTPAD / 2;
    static final double INIT_Y = TERRAIN_HEIGHT + 2 * LEG_H;

    private WalkerConstants() {
    }
}

package org.mbpo4j.env.classic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;

/**
 * Draws {@link MountainCar} and {@link MountainCarContinuous} as Gymnasium's
 * {@code render_mode="rgb_array"} does, 600 x 400 px: positions [-1.2, 0.6] span the width
 * ({@code 600 / 1.8} px per unit, heights on the same scale from the bottom); the hill
 * {@code y = 0.45 sin(3x) + 0.55} as a black polyline through 100 points; the black car body,
 * 40 x 20 px, 10 px above the hill, turned by {@code cos(3 * position)} radians (Gymnasium's
 * angle, which follows the slope's sign), with two grey wheels; the goal flag, a black pole
 * 50 px high with a yellow (204, 204, 0) pennant, at the env's goal position.
 */
final class MountainCarRenderer {
    static final int WIDTH = 600;
    static final int HEIGHT = 400;
    static final Color HILL = Color.BLACK;
    /** The car body's colour. */
    static final Color CAR = Color.BLACK;
    static final Color WHEEL = new Color(128, 128, 128);
    static final Color FLAG_POLE = Color.BLACK;
    static final Color FLAG = new Color(204, 204, 0);
    static final double MIN_POSITION = MountainCar.MIN_POSITION;
    static final double MAX_POSITION = MountainCar.MAX_POSITION;
    /** Pixels per unit of position and of height. */
    static final double SCALE = WIDTH / (MAX_POSITION - MIN_POSITION);
    static final double CAR_WIDTH = 40;
    static final double CAR_HEIGHT = 20;
    static final double CLEARANCE = 10;
    private static final int HILL_POINTS = 100;

    private MountainCarRenderer() {
    }

    /** The hill's height at {@code x} (Gymnasium's {@code _height}). */
    static double height(double x) {
        return Math.sin(3 * x) * 0.45 + 0.55;
    }

    /** The picture of the car at {@code position}, with the flag at {@code goalPosition}. */
    static BufferedImage draw(double position, double goalPosition) {
        return ClassicCanvas.draw(WIDTH, HEIGHT, g -> {
            Path2D.Double hill = new Path2D.Double();
            for (int i = 0; i < HILL_POINTS; i++) {
                double x = MIN_POSITION + (MAX_POSITION - MIN_POSITION) * i / (HILL_POINTS - 1);
                double px = (x - MIN_POSITION) * SCALE;
                double py = height(x) * SCALE;
                if (i == 0) {
                    hill.moveTo(px, py);
                } else {
                    hill.lineTo(px, py);
                }
            }
            g.setColor(HILL);
            g.setStroke(new BasicStroke(1f));
            g.draw(hill);

            double angle = Math.cos(3 * position);
            double carX = (position - MIN_POSITION) * SCALE;
            double carY = CLEARANCE + height(position) * SCALE;
            ClassicCanvas.fillPolygon(g, CAR, ClassicCanvas.rotatedRect(-CAR_WIDTH / 2, CAR_WIDTH / 2, CAR_HEIGHT, 0,
                    angle, carX, carY));
            for (double wx : new double[] {CAR_WIDTH / 4, -CAR_WIDTH / 4}) {
                ClassicCanvas.fillCircle(g, WHEEL, (int) (wx * Math.cos(angle) + carX),
                        (int) (wx * Math.sin(angle) + carY), (int) (CAR_HEIGHT / 2.5));
            }

            int flagX = (int) ((goalPosition - MIN_POSITION) * SCALE);
            int flagY1 = (int) (height(goalPosition) * SCALE);
            int flagY2 = flagY1 + 50;
            g.setColor(FLAG_POLE);
            g.draw(new Line2D.Double(flagX, flagY1, flagX, flagY2));
            ClassicCanvas.fillPolygon(g, FLAG, flagX, flagY2, flagX, flagY2 - 10, flagX + 25, flagY2 - 5);
        });
    }
}

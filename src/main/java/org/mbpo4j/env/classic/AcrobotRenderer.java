package org.mbpo4j.env.classic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;

/**
 * Draws {@link Acrobot} as Gymnasium's {@code render_mode="rgb_array"} does, 500 x 500 px: the
 * world spans {@code +-(l1 + l2 + 0.2)} = +-2.2 m around the centre; the black target line at
 * height 1 m above the pivot (the tip must rise above it); the two links, 0.2 m wide, in
 * (0, 204, 204), the first hanging from the centre (straight down at theta1 = 0), the second
 * from the first's end at theta1 + theta2; a (204, 204, 0) joint at the pivot and at the
 * elbow, each drawn after its link as Gymnasium does.
 */
final class AcrobotRenderer {
    static final int SIZE = 500;
    static final Color TARGET = Color.BLACK;
    /** The links' colour. */
    static final Color LINK = new Color(0, 204, 204);
    static final Color JOINT = new Color(204, 204, 0);
    static final double BOUND = Acrobot.LINK_LENGTH_1 + Acrobot.LINK_LENGTH_2 + 0.2;
    /** Pixels per metre. */
    static final double SCALE = SIZE / (BOUND * 2);
    static final double OFFSET = SIZE / 2.0;

    private AcrobotRenderer() {
    }

    /** The picture of joint angles {@code theta1} (0 hanging down) and {@code theta2} (relative). */
    static BufferedImage draw(double theta1, double theta2) {
        return ClassicCanvas.draw(SIZE, SIZE, g -> {
            g.setColor(TARGET);
            g.setStroke(new BasicStroke(1f));
            g.draw(new Line2D.Double(-2.2 * SCALE + OFFSET, 1 * SCALE + OFFSET, 2.2 * SCALE + OFFSET,
                    1 * SCALE + OFFSET));
            double[] elbow = elbow(theta1);
            double[][] joints = {{OFFSET, OFFSET}, {elbow[0], elbow[1]}};
            double[] angles = {theta1 - Math.PI / 2, theta1 + theta2 - Math.PI / 2};
            double[] lengths = {Acrobot.LINK_LENGTH_1 * SCALE, Acrobot.LINK_LENGTH_2 * SCALE};
            for (int i = 0; i < 2; i++) {
                double x = joints[i][0];
                double y = joints[i][1];
                ClassicCanvas.fillPolygon(g, LINK, ClassicCanvas.rotatedRect(0, lengths[i], 0.1 * SCALE,
                        -0.1 * SCALE, angles[i], x, y));
                ClassicCanvas.fillCircle(g, JOINT, (int) x, (int) y, (int) (0.1 * SCALE));
            }
        });
    }

    /** The elbow (the first link's end) in px, y up. */
    static double[] elbow(double theta1) {
        return new double[] {
            Acrobot.LINK_LENGTH_1 * Math.sin(theta1) * SCALE + OFFSET,
            -Acrobot.LINK_LENGTH_1 * Math.cos(theta1) * SCALE + OFFSET,
        };
    }

    /** The tip (the second link's end) in px, y up. */
    static double[] tip(double theta1, double theta2) {
        double[] e = elbow(theta1);
        return new double[] {
            e[0] + Acrobot.LINK_LENGTH_2 * Math.sin(theta1 + theta2) * SCALE,
            e[1] - Acrobot.LINK_LENGTH_2 * Math.cos(theta1 + theta2) * SCALE,
        };
    }
}

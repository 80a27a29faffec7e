package org.mbpo4j.env.classic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;

/**
 * Draws {@link Pendulum} as Gymnasium's {@code render_mode="rgb_array"} does, 500 x 500 px: the
 * world spans [-2.2, 2.2] m in both directions around the centre; the rod, 1 m long and 0.2 m
 * wide, in (204, 77, 77) from the centre at angle theta from upright, with a round end at
 * each side; the last torque (none after reset) as an arc around the axle, counter-clockwise
 * for a positive torque and sized by it as Gymnasium scales its arrow image (this arc stands in
 * for that image); the black axle on top.
 */
final class PendulumRenderer {
    static final int SIZE = 500;
    /** The rod's colour. */
    static final Color ROD = new Color(204, 77, 77);
    static final Color AXLE = Color.BLACK;
    static final Color ARROW = new Color(40, 40, 40);
    /** Pixels per metre: the screen spans 2 * 2.2 m. */
    static final double SCALE = SIZE / (2.2 * 2);
    static final double OFFSET = SIZE / 2;

    private PendulumRenderer() {
    }

    /** The picture of angle {@code theta} (0 upright) after the torque {@code lastU} (NaN: none yet). */
    static BufferedImage draw(double theta, double lastU) {
        return ClassicCanvas.draw(SIZE, SIZE, g -> {
            double rodLength = 1 * SCALE;
            double rodWidth = 0.2 * SCALE;
            double angle = theta + Math.PI / 2;
            ClassicCanvas.fillPolygon(g, ROD, ClassicCanvas.rotatedRect(0, rodLength, rodWidth / 2, -rodWidth / 2,
                    angle, OFFSET, OFFSET));
            int endRadius = (int) (rodWidth / 2);
            ClassicCanvas.fillCircle(g, ROD, OFFSET, OFFSET, endRadius);
            ClassicCanvas.fillCircle(g, ROD, (int) (rodLength * Math.cos(angle) + OFFSET),
                    (int) (rodLength * Math.sin(angle) + OFFSET), endRadius);
            if (!Double.isNaN(lastU) && lastU != 0) {
                drawTorque(g, lastU);
            }
            ClassicCanvas.fillCircle(g, AXLE, OFFSET, OFFSET, (int) (0.05 * SCALE));
        });
    }

    /**
     * A three-quarter arc with an arrow head around the axle. Gymnasium's arrow image is
     * {@code scale * |u| / 2} px square, so the arc's radius is a quarter of {@code scale * |u|}.
     */
    private static void drawTorque(Graphics2D g, double u) {
        double radius = SCALE * Math.abs(u) / 4;
        double dir = Math.signum(u);
        double start = -Math.PI / 4;
        double sweep = 1.5 * Math.PI * dir;
        Path2D.Double arc = new Path2D.Double();
        int n = 48;
        for (int i = 0; i <= n; i++) {
            double a = start + sweep * i / n;
            double x = OFFSET + radius * Math.cos(a);
            double y = OFFSET + radius * Math.sin(a);
            if (i == 0) {
                arc.moveTo(x, y);
            } else {
                arc.lineTo(x, y);
            }
        }
        float width = (float) Math.max(1.5, radius / 8);
        g.setColor(ARROW);
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
        g.draw(arc);
        // The head: a triangle at the arc's end pointing along its direction of travel.
        double end = start + sweep;
        double ex = OFFSET + radius * Math.cos(end);
        double ey = OFFSET + radius * Math.sin(end);
        double tx = -Math.sin(end) * dir;
        double ty = Math.cos(end) * dir;
        double nx = Math.cos(end);
        double ny = Math.sin(end);
        double len = width * 3;
        ClassicCanvas.fillPolygon(g, ARROW,
                ex + tx * len, ey + ty * len,
                ex + nx * len * 0.7, ey + ny * len * 0.7,
                ex - nx * len * 0.7, ey - ny * len * 0.7);
    }
}

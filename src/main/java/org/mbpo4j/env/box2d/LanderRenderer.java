package org.mbpo4j.env.box2d;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import org.jbox2d.collision.shapes.PolygonShape;
import org.jbox2d.common.Transform;
import org.jbox2d.common.Vec2;
import org.jbox2d.dynamics.Body;
import org.jbox2d.dynamics.Fixture;

/**
 * Draws a {@link LanderWorld} as Gymnasium's {@code render_mode="rgb_array"} does, 600 x 400 px
 * at 30 px per metre with y up: the canvas filled white, the sky above the terrain black (so the
 * moon's surface shows white), the two helipad flags (white poles, yellow (204, 204, 0)
 * pennants), the lander and its legs filled (128, 102, 230) and outlined (77, 77, 128).
 * Engine particles, which are decoration only, are not drawn.
 */
final class LanderRenderer {
    static final int WIDTH = 600;
    static final int HEIGHT = 400;
    /** The lander's and legs' fill colour (Gymnasium's {@code color1}). */
    static final Color BODY_FILL = new Color(128, 102, 230);
    /** Their outline colour ({@code color2}). */
    static final Color BODY_OUTLINE = new Color(77, 77, 128);
    static final Color FLAG = new Color(204, 204, 0);

    private LanderRenderer() {
    }

    static BufferedImage draw(LanderWorld world) {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            // Gymnasium draws with y up, then flips the surface vertically.
            g.transform(new AffineTransform(1, 0, 0, -1, 0, HEIGHT));
            drawSky(g, world.terrain());
            drawBody(g, world.lander());
            drawBody(g, world.leg(0));
            drawBody(g, world.leg(1));
            drawFlags(g, world.terrain());
        } finally {
            g.dispose();
        }
        return img;
    }

    private static double px(double metres) {
        return metres * LanderWorld.SCALE;
    }

    private static void drawSky(Graphics2D g, LanderTerrain t) {
        g.setColor(Color.BLACK);
        for (int i = 0; i < LanderTerrain.CHUNKS - 1; i++) {
            Path2D.Double p = new Path2D.Double();
            p.moveTo(px(t.chunkX(i)), px(t.smoothY(i)));
            p.lineTo(px(t.chunkX(i + 1)), px(t.smoothY(i + 1)));
            p.lineTo(px(t.chunkX(i + 1)), px(LanderTerrain.H));
            p.lineTo(px(t.chunkX(i)), px(LanderTerrain.H));
            p.closePath();
            g.fill(p);
            g.draw(p);
        }
    }

    private static void drawBody(Graphics2D g, Body body) {
        Transform xf = body.getTransform();
        for (Fixture f = body.getFixtureList(); f != null; f = f.getNext()) {
            if (!(f.getShape() instanceof PolygonShape shape)) {
                continue;
            }
            Path2D.Double p = new Path2D.Double();
            for (int i = 0; i < shape.getVertexCount(); i++) {
                Vec2 w = Transform.mul(xf, shape.getVertex(i));
                if (i == 0) {
                    p.moveTo(px(w.x), px(w.y));
                } else {
                    p.lineTo(px(w.x), px(w.y));
                }
            }
            p.closePath();
            g.setColor(BODY_FILL);
            g.fill(p);
            g.setColor(BODY_OUTLINE);
            g.setStroke(new BasicStroke(1f));
            g.draw(p);
        }
    }

    private static void drawFlags(Graphics2D g, LanderTerrain t) {
        for (double xm : new double[] {t.helipadX1(), t.helipadX2()}) {
            double x = px(xm);
            double y1 = px(LanderTerrain.HELIPAD_Y);
            double y2 = y1 + 50;
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(1f));
            g.draw(new Line2D.Double(x, y1, x, y2));
            Path2D.Double flag = new Path2D.Double();
            flag.moveTo(x, y2);
            flag.lineTo(x, y2 - 10);
            flag.lineTo(x + 25, y2 - 5);
            flag.closePath();
            g.setColor(FLAG);
            g.fill(flag);
            g.draw(flag);
        }
    }
}

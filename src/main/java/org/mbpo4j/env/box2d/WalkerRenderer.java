package org.mbpo4j.env.box2d;

import static org.mbpo4j.env.box2d.WalkerConstants.SCALE;
import static org.mbpo4j.env.box2d.WalkerConstants.TERRAIN_HEIGHT;
import static org.mbpo4j.env.box2d.WalkerConstants.TERRAIN_LENGTH;
import static org.mbpo4j.env.box2d.WalkerConstants.TERRAIN_STEP;
import static org.mbpo4j.env.box2d.WalkerConstants.VIEWPORT_H;
import static org.mbpo4j.env.box2d.WalkerConstants.VIEWPORT_W;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jbox2d.collision.shapes.PolygonShape;
import org.jbox2d.common.Transform;
import org.jbox2d.common.Vec2;
import org.jbox2d.dynamics.Body;
import org.jbox2d.dynamics.Fixture;

/**
 * Draws the walker like Gymnasium's {@code render_mode="rgb_array"}: a 600x400 window scrolling
 * with the hull (the hull sits a fifth of the width from the left), sky, parallax clouds, the
 * terrain in Gymnasium's greens, hardcore obstacles, one lidar ray at a time (it sweeps over
 * successive frames, as in Gymnasium), the legs and hull in their colours, and the start flag.
 */
final class WalkerRenderer {
    private static final Color SKY = new Color(215, 215, 255);
    private static final Color CLOUD = Color.WHITE;
    private static final Color GROUND = new Color(102, 153, 76);
    private static final Color EDGE_EVEN = new Color(76, 255, 76);
    private static final Color EDGE_ODD = new Color(76, 204, 76);
    private static final Color OBSTACLE_FILL = Color.WHITE;
    private static final Color OBSTACLE_LINE = new Color(153, 153, 153);
    private static final Color LIDAR = new Color(255, 0, 0);
    private static final Color HULL_FILL = new Color(127, 51, 229);
    private static final Color HULL_LINE = new Color(76, 76, 127);
    private static final Color FLAG = new Color(230, 51, 0);

    private int lidarRender;
    private final Vec2 tmp = new Vec2();

    /** Leg colours for side {@code i} in {-1, +1}: fill then outline. */
    private static Color[] legColors(int i) {
        return new Color[] {new Color(153 - i * 25, 76 - i * 25, 127 - i * 25),
            new Color(102 - i * 25, 51 - i * 25, 76 - i * 25)};
    }

    BufferedImage draw(BipedalWalker w) {
        BufferedImage img = new BufferedImage(VIEWPORT_W, VIEWPORT_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            double scroll = w.scroll;
            // Gymnasium's surface starts at x = 0 and is cropped to its last 600 columns.
            double offset = Math.floor(Math.max(0.0, scroll) * SCALE);
            g.setColor(SKY);
            g.fillRect(0, 0, VIEWPORT_W, VIEWPORT_H);
            clouds(g, w.terrain.clouds, scroll, offset);
            terrain(g, w.terrain, scroll, offset);
            lidar(g, w.lidar, offset);
            for (int i = TERRAIN_LENGTH - 2; i >= 0; i--) {
                g.setColor(i % 2 == 0 ? EDGE_EVEN : EDGE_ODD);
                g.draw(new Line2D.Double(px(w.terrain.xs[i], offset), py(w.terrain.ys[i]),
                        px(w.terrain.xs[i + 1], offset), py(w.terrain.ys[i + 1])));
            }
            for (double[][] poly : w.terrain.obstaclesReversed()) {
                Path2D p = path(poly, 0, offset);
                g.setColor(OBSTACLE_FILL);
                g.fill(p);
                g.setColor(OBSTACLE_LINE);
                g.draw(p);
            }
            for (int k = 0; k < 4; k++) {
                Color[] c = legColors(k < 2 ? -1 : 1);
                body(g, w.legs[k], c[0], c[1], offset);
            }
            body(g, w.hull, HULL_FILL, HULL_LINE, offset);
            flag(g, offset);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static double px(double x, double offset) {
        return x * SCALE - offset;
    }

    private static double py(double y) {
        return VIEWPORT_H - y * SCALE;
    }

    /** A polygon in metres; {@code shift} pixels are added to x (the clouds' parallax). */
    private static Path2D path(double[][] poly, double shift, double offset) {
        Path2D p = new Path2D.Double();
        for (int i = 0; i < poly.length; i++) {
            double x = poly[i][0] * SCALE + shift - offset;
            double y = py(poly[i][1]);
            if (i == 0) {
                p.moveTo(x, y);
            } else {
                p.lineTo(x, y);
            }
        }
        p.closePath();
        return p;
    }

    private static void clouds(Graphics2D g, List<WalkerTerrain.Cloud> clouds, double scroll, double offset) {
        g.setColor(CLOUD);
        for (WalkerTerrain.Cloud c : clouds) {
            if (c.x2() < scroll / 2 || c.x1() > scroll / 2 + VIEWPORT_W / SCALE) {
                continue;
            }
            g.fill(path(c.poly(), scroll * SCALE / 2, offset));
        }
    }

    private static void terrain(Graphics2D g, WalkerTerrain t, double scroll, double offset) {
        g.setColor(GROUND);
        for (int i = 0; i < TERRAIN_LENGTH - 1; i++) {
            if (t.xs[i + 1] < scroll || t.xs[i] > scroll + VIEWPORT_W / SCALE) {
                continue;
            }
            double[][] poly = {{t.xs[i], t.ys[i]}, {t.xs[i + 1], t.ys[i + 1]}, {t.xs[i + 1], 0}, {t.xs[i], 0}};
            Path2D p = path(poly, 0, offset);
            g.fill(p);
            g.draw(p);
        }
    }

    private void lidar(Graphics2D g, WalkerLidar[] rays, double offset) {
        lidarRender = (lidarRender + 1) % 100;
        int i = lidarRender;
        if (i >= 2 * rays.length) {
            return;
        }
        WalkerLidar l = i < rays.length ? rays[i] : rays[2 * rays.length - i - 1];
        g.setColor(LIDAR);
        g.setStroke(new BasicStroke(1f));
        g.draw(new Line2D.Double(px(l.p1.x, offset), py(l.p1.y), px(l.p2.x, offset), py(l.p2.y)));
    }

    private void body(Graphics2D g, Body b, Color fill, Color line, double offset) {
        Transform xf = b.getTransform();
        for (Fixture f = b.getFixtureList(); f != null; f = f.getNext()) {
            PolygonShape s = (PolygonShape) f.getShape();
            Path2D p = new Path2D.Double();
            for (int k = 0; k < s.getVertexCount(); k++) {
                Transform.mulToOut(xf, s.getVertex(k), tmp);
                double x = px(tmp.x, offset);
                double y = py(tmp.y);
                if (k == 0) {
                    p.moveTo(x, y);
                } else {
                    p.lineTo(x, y);
                }
            }
            p.closePath();
            g.setColor(fill);
            g.fill(p);
            g.setColor(line);
            g.draw(p);
        }
    }

    private static void flag(Graphics2D g, double offset) {
        double y1 = TERRAIN_HEIGHT * SCALE;
        double y2 = y1 + 50;
        double x = TERRAIN_STEP * 3 * SCALE - offset;
        g.setColor(Color.BLACK);
        g.draw(new Line2D.Double(x, VIEWPORT_H - y1, x, VIEWPORT_H - y2));
        Path2D f = new Path2D.Double();
        f.moveTo(x, VIEWPORT_H - y2);
        f.lineTo(x, VIEWPORT_H - (y2 - 10));
        f.lineTo(x + 25, VIEWPORT_H - (y2 - 5));
        f.closePath();
        g.setColor(FLAG);
        g.fill(f);
        g.setColor(Color.BLACK);
        g.draw(f);
    }
}

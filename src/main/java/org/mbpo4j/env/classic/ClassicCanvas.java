package org.mbpo4j.env.classic;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.function.Consumer;

/**
 * What the classic-control drawings share, in the terms of Gymnasium's pygame code: a white
 * surface drawn on with y up, then flipped vertically ({@code pygame.transform.flip(surf, False,
 * True)}); filled, antialiased polygons ({@code gfxdraw.filled_polygon}), circles
 * ({@code gfxdraw.filled_circle}) and {@code Vector2.rotate_rad}.
 *
 * <p>Pygame addresses pixels by integer coordinates and its flip sends row {@code y} to row
 * {@code height - 1 - y}; the transform here puts a pygame coordinate at that pixel's centre.
 */
final class ClassicCanvas {
    private ClassicCanvas() {
    }

    /** A {@code width} x {@code height} white RGB image that {@code painter} draws on with y up. */
    static BufferedImage draw(int width, int height, Consumer<Graphics2D> painter) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.transform(new AffineTransform(1, 0, 0, -1, 0.5, height - 0.5));
            painter.accept(g);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Fills the polygon through {@code xy} = {x0, y0, x1, y1, ...}. */
    static void fillPolygon(Graphics2D g, Color color, double... xy) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            p.lineTo(xy[i], xy[i + 1]);
        }
        p.closePath();
        g.setColor(color);
        g.fill(p);
    }

    /** Fills a circle of radius {@code r} px around (cx, cy) (pygame's filled_circle is 2r + 1 px wide). */
    static void fillCircle(Graphics2D g, Color color, double cx, double cy, double r) {
        g.setColor(color);
        g.fill(new Ellipse2D.Double(cx - r - 0.5, cy - r - 0.5, 2 * r + 1, 2 * r + 1));
    }

    /**
     * The rectangle {@code [l, r] x [b, t]} rotated by {@code angle} radians counter-clockwise
     * about the origin, then moved by (dx, dy): the four corners (l,b), (l,t), (r,t), (r,b) as
     * {x0, y0, ...}, the way Gymnasium builds its bars.
     */
    static double[] rotatedRect(double l, double r, double t, double b, double angle, double dx, double dy) {
        double[] corners = {l, b, l, t, r, t, r, b};
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double[] out = new double[8];
        for (int i = 0; i < 8; i += 2) {
            out[i] = corners[i] * c - corners[i + 1] * s + dx;
            out[i + 1] = corners[i] * s + corners[i + 1] * c + dy;
        }
        return out;
    }
}

package org.mbpo4j.env.synthetic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * An honest picture of an env that has nothing physical to draw: its observation and its last
 * action as labelled horizontal bars on a fixed scale of [-1, 1] (a value beyond it fills the
 * bar to the edge and gets a triangle at that edge; the number is always written beside it),
 * under a title and the step count since the reset. 480 x 480 px, the size of Gymnasium's
 * MuJoCo frames.
 */
final class BarsRenderer {
    static final int SIZE = 480;
    /** Observation bars. */
    static final Color OBS = new Color(70, 130, 180);
    /** Action bars. */
    static final Color ACTION = new Color(230, 140, 40);
    static final Color TEXT = new Color(30, 30, 30);
    static final Color AXIS = new Color(120, 120, 120);
    static final Color GRID = new Color(225, 225, 225);
    /** The value that fills half the bar area. */
    static final double RANGE = 1.0;
    static final int BAR_LEFT = 60;
    static final int BAR_RIGHT = 380;
    static final int ZERO_X = (BAR_LEFT + BAR_RIGHT) / 2;
    static final int HEADER = 64;
    private static final Font FONT = new Font(Font.MONOSPACED, Font.PLAIN, 12);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);

    private BarsRenderer() {
    }

    /**
     * The picture: {@code title} and {@code note} on two lines, the step count, then one bar
     * per observation component ({@code x0, x1, ...}) and one per action component
     * ({@code u0, ...}; {@code action} null before the first step draws the rows empty).
     */
    static BufferedImage draw(String title, String note, int step, float[] obs, double[] action, int actionDim) {
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, SIZE, SIZE);
            g.setColor(TEXT);
            g.setFont(TITLE_FONT);
            g.drawString(title, 12, 20);
            g.setFont(FONT);
            g.drawString(note, 12, 37);
            g.drawString("step " + step + "    bars span [-1, +1]", 12, 54);
            int rows = obs.length + actionDim;
            double rowH = Math.min(28.0, (SIZE - HEADER - 8.0) / Math.max(rows, 1));
            double top = HEADER;
            drawGrid(g, top, top + rowH * rows);
            for (int i = 0; i < obs.length; i++) {
                drawRow(g, top + rowH * i, rowH, "x" + i, obs[i], OBS);
            }
            for (int j = 0; j < actionDim; j++) {
                drawRow(g, top + rowH * (obs.length + j), rowH, "u" + j, action == null ? Double.NaN : action[j],
                        ACTION);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** The x pixel of {@code v}, clamped to the bar area. */
    static double px(double v) {
        double half = (BAR_RIGHT - BAR_LEFT) / 2.0;
        return ZERO_X + Math.max(-1, Math.min(1, v / RANGE)) * half;
    }

    private static void drawGrid(Graphics2D g, double y0, double y1) {
        g.setStroke(new BasicStroke(1f));
        g.setColor(GRID);
        for (double v : new double[] {-RANGE, -RANGE / 2, RANGE / 2, RANGE}) {
            g.draw(new Line2D.Double(px(v), y0, px(v), y1));
        }
        g.setColor(AXIS);
        g.draw(new Line2D.Double(ZERO_X, y0, ZERO_X, y1));
    }

    private static void drawRow(Graphics2D g, double y, double h, String label, double v, Color color) {
        double mid = y + h / 2;
        g.setColor(TEXT);
        g.setFont(FONT);
        g.drawString(label, 12, (float) (mid + 4));
        if (Double.isNaN(v)) {
            g.drawString("none yet", BAR_RIGHT + 10, (float) (mid + 4));
            return;
        }
        double barH = h * 0.6;
        double x = px(v);
        g.setColor(color);
        g.fill(new Rectangle2D.Double(Math.min(x, ZERO_X), mid - barH / 2, Math.abs(x - ZERO_X), barH));
        if (Math.abs(v) > RANGE) {
            double dir = Math.signum(v);
            Path2D.Double tri = new Path2D.Double();
            tri.moveTo(x + dir * 8, mid);
            tri.lineTo(x, mid - barH / 2);
            tri.lineTo(x, mid + barH / 2);
            tri.closePath();
            g.fill(tri);
        }
        g.setColor(TEXT);
        g.drawString(fmt(v), BAR_RIGHT + 10, (float) (mid + 4));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%+.3f", v);
    }
}

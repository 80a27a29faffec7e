package org.mbpo4j.env.classic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;

/**
 * Draws {@link CartPole} and {@link CartPoleContinuous} as Gymnasium's
 * {@code render_mode="rgb_array"} does, 600 x 400 px: the world is {@code 2 * x_threshold} =
 * 4.8 m wide (125 px per metre, x = 0 in the middle); the black cart, 50 x 30 px, centred at
 * 100 px from the bottom; the pole, 10 px wide and {@code 2 * length} = 1 m long, in
 * (202, 152, 101), leaning right for a positive angle, from the axle a quarter of the cart's
 * height above the cart's centre; the axle in (129, 132, 203); the black track line at
 * 100 px, drawn last as Gymnasium does.
 */
final class CartPoleRenderer {
    static final int WIDTH = 600;
    static final int HEIGHT = 400;
    static final Color CART = Color.BLACK;
    /** The pole's colour. */
    static final Color POLE = new Color(202, 152, 101);
    static final Color AXLE = new Color(129, 132, 203);
    static final Color TRACK = Color.BLACK;
    /** Pixels per metre. */
    static final double SCALE = WIDTH / (CartPole.X_THRESHOLD * 2);
    static final double POLE_WIDTH = 10.0;
    static final double POLE_LENGTH = SCALE * (2 * CartPole.LENGTH);
    static final double CART_WIDTH = 50.0;
    static final double CART_HEIGHT = 30.0;
    /** The cart's centre and the track line, px from the bottom. */
    static final int CART_Y = 100;
    static final double AXLE_OFFSET = CART_HEIGHT / 4.0;

    private CartPoleRenderer() {
    }

    /** The picture of cart position {@code x} (m) and pole angle {@code theta} (rad). */
    static BufferedImage draw(double x, double theta) {
        return ClassicCanvas.draw(WIDTH, HEIGHT, g -> {
            double cartX = cartX(x);
            ClassicCanvas.fillPolygon(g, CART, ClassicCanvas.rotatedRect(-CART_WIDTH / 2, CART_WIDTH / 2,
                    CART_HEIGHT / 2, -CART_HEIGHT / 2, 0, cartX, CART_Y));
            ClassicCanvas.fillPolygon(g, POLE, ClassicCanvas.rotatedRect(-POLE_WIDTH / 2, POLE_WIDTH / 2,
                    POLE_LENGTH - POLE_WIDTH / 2, -POLE_WIDTH / 2, -theta, cartX, CART_Y + AXLE_OFFSET));
            ClassicCanvas.fillCircle(g, AXLE, (int) cartX, (int) (CART_Y + AXLE_OFFSET), (int) (POLE_WIDTH / 2));
            g.setColor(TRACK);
            g.setStroke(new BasicStroke(1f));
            g.draw(new Line2D.Double(0, CART_Y, WIDTH, CART_Y));
        });
    }

    /** The cart's centre in px from the left. */
    static double cartX(double x) {
        return x * SCALE + WIDTH / 2.0;
    }
}

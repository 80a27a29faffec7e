package org.mbpo4j.env;

import java.awt.image.BufferedImage;

/**
 * An env that can draw its current state the way Gymnasium's {@code render_mode="rgb_array"}
 * does. {@code mbpo render} finds it with {@code env.find(Renderable.class)}.
 */
public interface Renderable {

    /** A picture of the current state (after reset or the last step), viewport-sized. */
    BufferedImage render();

    /** Seconds of simulated time per env step (Gymnasium's {@code 1 / render_fps}), for real-time playback. */
    default double frameSeconds() {
        return 0.02;
    }
}

package org.mbpo4j.env.classic;

import java.awt.image.BufferedImage;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.Renderable;
import org.mbpo4j.random.Rng;

/**
 * {@code CartPoleContinuous-v1}: {@link CartPole}'s physics, reward, termination and time limit
 * (500) with a continuous action in [-1, 1]: force = 10 * clip(a, -1, 1). Used by MPC and MBPO,
 * which need continuous actions. Actions -1 and +1 reproduce CartPole's actions 0 and 1
 * exactly, which is how it is checked against Gymnasium's CartPole-v1 trajectories. It is
 * drawn as CartPole-v1 ({@link CartPoleRenderer}, 600 x 400 px, 50 frames per second).
 */
public final class CartPoleContinuous extends ClassicEnv<float[]> implements Renderable {
    public static final String ID = "CartPoleContinuous-v1";

    public CartPoleContinuous() {
        super(ID, CartPole.cartPoleObservationSpace(), Box.uniform(1, -1f, 1f), CartPole.RULES);
    }

    @Override
    protected float[] doReset(Rng rng) {
        state = CartPole.resetState(rng);
        return observe();
    }

    @Override
    protected double[] dynamics(double[] s, float[] action) {
        return CartPole.physics(s, CartPole.FORCE_MAG * clip(action[0], -1.0, 1.0));
    }

    /** Draws the current state as Gymnasium's {@code rgb_array} (600 x 400). */
    @Override
    public BufferedImage render() {
        double[] s = stateToDraw();
        return CartPoleRenderer.draw(s[0], s[2]);
    }

    /** Gymnasium's {@code render_fps} is 50. */
    @Override
    public double frameSeconds() {
        return 1.0 / 50;
    }

    @Override
    protected double ruleAction(float[] action) {
        return action[0];
    }
}

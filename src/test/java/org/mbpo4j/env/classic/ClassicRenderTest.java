package org.mbpo4j.env.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.mbpo4j.env.Renderable;

/**
 * The classic-control drawings: Gymnasium's sizes and frame rates, and the bodies where
 * Gymnasium's geometry puts them for states set by hand (image rows counted from the top, as in
 * Gymnasium's flipped rgb_array).
 */
class ClassicRenderTest {
    private static final int WHITE = Color.WHITE.getRGB();

    private record Case(Supplier<ClassicEnv<?>> make, int width, int height, double fps) {
    }

    private static final List<Case> CASES = List.of(
            new Case(Pendulum::new, 500, 500, 30),
            new Case(CartPole::new, 600, 400, 50),
            new Case(CartPoleContinuous::new, 600, 400, 50),
            new Case(MountainCar::new, 600, 400, 30),
            new Case(MountainCarContinuous::new, 600, 400, 30),
            new Case(Acrobot::new, 500, 500, 15));

    private static BufferedImage drawn(ClassicEnv<?> env, double... state) {
        env.setState(state);
        return ((Renderable) env).render();
    }

    /** The pixel's colour as 0xRRGGBB. */
    private static int rgb(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xffffff;
    }

    private static void assertColour(Color expected, BufferedImage img, int x, int y) {
        assertEquals(Integer.toHexString(expected.getRGB() & 0xffffff), Integer.toHexString(rgb(img, x, y)),
                "pixel (" + x + ", " + y + ")");
    }

    private static void assertWhite(BufferedImage img, int x, int y) {
        assertEquals(Integer.toHexString(WHITE & 0xffffff), Integer.toHexString(rgb(img, x, y)),
                "pixel (" + x + ", " + y + ") should be background");
    }

    private static boolean sameImage(BufferedImage a, BufferedImage b) {
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void everyClassicEnvRendersAtGymnasiumsSizeAndFrameRateOnlyAfterReset() {
        for (Case c : CASES) {
            ClassicEnv<?> env = c.make().get();
            Renderable r = (Renderable) env;
            IllegalStateException e = assertThrows(IllegalStateException.class, r::render, env.id());
            assertTrue(e.getMessage().contains(env.id()) && e.getMessage().contains("before reset()"),
                    e.getMessage());
            env.reset(7L);
            BufferedImage img = r.render();
            assertEquals(c.width(), img.getWidth(), env.id());
            assertEquals(c.height(), img.getHeight(), env.id());
            assertEquals(1.0 / c.fps(), r.frameSeconds(), 1e-12, env.id());
            // Rendering reads the state and changes nothing.
            double[] before = env.getState();
            r.render();
            assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(env.getState()), env.id());
        }
    }

    @Test
    void pendulumRodPointsUpAtThetaZeroAndDownAtPi() {
        Pendulum env = new Pendulum();
        // 500 / 4.4 px per metre; the rod's middle is 0.5 m from the axle at (250, 250).
        BufferedImage up = drawn(env, 0, 0);
        assertColour(PendulumRenderer.ROD, up, 250, 250 - 57);
        assertWhite(up, 250, 250 + 57);
        assertColour(PendulumRenderer.AXLE, up, 250, 250);
        BufferedImage down = drawn(env, Math.PI, 0);
        assertColour(PendulumRenderer.ROD, down, 250, 250 + 57);
        assertWhite(down, 250, 250 - 57);
        // Positive theta turns the rod counter-clockwise: at pi/2 it points left.
        BufferedImage left = drawn(env, Math.PI / 2, 0);
        assertColour(PendulumRenderer.ROD, left, 250 - 57, 250);
        assertWhite(left, 250 + 57, 250);
        assertFalse(sameImage(up, down));
    }

    @Test
    void pendulumDrawsTheLastTorqueAsAnArcAroundTheAxleAndNoneAfterReset() {
        Pendulum env = new Pendulum();
        env.reset(0L);
        env.setState(new double[] {Math.PI, 0});
        // The arc's radius is 500 / 4.4 * |u| / 4 = 56.8 px at |u| = 2; it passes left of the axle.
        assertWhite(env.render(), 250 - 57, 250);
        env.step(new float[] {2f});
        BufferedImage ccw = env.render();
        assertColour(PendulumRenderer.ARROW, ccw, 250 - 57, 250);
        env.setState(new double[] {Math.PI, 0});
        env.step(new float[] {-5f}); // clipped to -2, as Gymnasium's last_u
        BufferedImage cw = env.render();
        assertColour(PendulumRenderer.ARROW, cw, 250 - 57, 250);
        assertFalse(sameImage(ccw, cw), "the arrow heads point opposite ways");
        env.reset(0L);
        env.setState(new double[] {Math.PI, 0});
        assertWhite(env.render(), 250 - 57, 250);
    }

    @Test
    void cartPoleCartSitsOnTheTrackAndThePoleLeansRightForPositiveTheta() {
        for (ClassicEnv<?> env : List.<ClassicEnv<?>>of(new CartPole(), new CartPoleContinuous())) {
            // 125 px per metre, x = 0 at column 300; the cart's centre 100 px from the bottom (row 299).
            BufferedImage centred = drawn(env, 0, 0, 0, 0);
            assertColour(CartPoleRenderer.CART, centred, 285, 295);
            assertColour(CartPoleRenderer.AXLE, centred, 300, 292);
            // The pole's middle: 0.5 m (62.5 px) above the axle at 107.5 px -> row 232.
            assertColour(CartPoleRenderer.POLE, centred, 300, 232);
            // The track runs the whole width.
            assertTrue((rgb(centred, 5, 299) & 0xff) < 128, "track line at row 299");
            BufferedImage moved = drawn(env, 1.0, 0, 0, 0);
            assertColour(CartPoleRenderer.POLE, moved, 425, 232);
            assertWhite(moved, 300, 232);
            BufferedImage leaning = drawn(env, 0, 0, 0.2, 0);
            // 100 px along the pole from the axle: (300 + 100 sin 0.2, 107.5 + 100 cos 0.2).
            assertColour(CartPoleRenderer.POLE, leaning, 320, 194);
            assertWhite(leaning, 300, 194);
            assertFalse(sameImage(centred, leaning), env.id());
        }
    }

    @Test
    void mountainCarSitsOnTheHillAndTheFlagMarksEachEnvsGoal() {
        MountainCar discrete = new MountainCar();
        // 600 / 1.8 px per unit: position -0.5 is column 233; the hill there is 33.7 px high,
        // the body 10 px above it and 20 px tall (its middle at row 346), the wheels lower.
        BufferedImage valley = drawn(discrete, -0.5, 0);
        assertColour(MountainCarRenderer.CAR, valley, 233, 346);
        assertColour(MountainCarRenderer.WHEEL, valley, 243, 355);
        // The pennant: goal 0.5 -> flag pole at column 566, pennant around (574, 22).
        assertColour(MountainCarRenderer.FLAG, valley, 572, 22);
        BufferedImage higher = drawn(discrete, 0.3, 0);
        assertWhite(higher, 233, 346);
        assertFalse(sameImage(valley, higher));
        // The continuous car's goal is 0.45: its flag pole stands at column 550.
        BufferedImage continuous = drawn(new MountainCarContinuous(), -0.5, 0);
        assertColour(MountainCarRenderer.FLAG, continuous, 556, 25);
        assertWhite(continuous, 572, 22);
        assertColour(MountainCarRenderer.CAR, continuous, 233, 346);
    }

    @Test
    void acrobotHangsDownAtZeroAndTheTargetLineIsOneMetreAboveThePivot() {
        Acrobot env = new Acrobot();
        // 500 / 4.4 px per metre around (250, 250); links 1 m long.
        BufferedImage hanging = drawn(env, 0, 0, 0, 0);
        assertColour(AcrobotRenderer.JOINT, hanging, 250, 249);
        assertColour(AcrobotRenderer.LINK, hanging, 250, 306); // first link's middle
        assertColour(AcrobotRenderer.LINK, hanging, 250, 420); // second link's middle
        assertWhite(hanging, 250, 192);
        // The target line at 1 m above the pivot: row 136 (antialiased across two rows).
        int line = Math.min(rgb(hanging, 20, 135) & 0xff, rgb(hanging, 20, 136) & 0xff);
        assertTrue(line < 160, "target line near row 136: " + line);
        BufferedImage raised = drawn(env, Math.PI, 0, 0, 0);
        assertColour(AcrobotRenderer.LINK, raised, 250, 193);
        assertWhite(raised, 250, 306);
        // The second link bent by pi/2 from a hanging first link points right (+x) from the elbow.
        BufferedImage bent = drawn(env, 0, Math.PI / 2, 0, 0);
        double[] tip = AcrobotRenderer.tip(0, Math.PI / 2);
        assertTrue(tip[0] > 300, "tip x " + tip[0]);
        assertColour(AcrobotRenderer.LINK, bent, 250 + 57, 499 - 136);
        assertFalse(sameImage(hanging, bent));
    }
}

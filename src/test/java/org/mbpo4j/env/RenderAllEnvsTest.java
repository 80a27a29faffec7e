package org.mbpo4j.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mbpo4j.env.box2d.BipedalWalker;
import org.mbpo4j.env.box2d.LunarLander;
import org.mbpo4j.env.mujoco.MujocoEnvs;
import org.mbpo4j.env.mujoco.MujocoTestAccess;
import org.mbpo4j.random.Rng;

/**
 * Every registered env draws ({@code mbpo render} works for every id): after a seeded reset and
 * after a few random steps, at Gymnasium's frame size for that env, and not blank. The MuJoCo
 * envs are skipped without the native library, as the other MuJoCo tests are.
 */
class RenderAllEnvsTest {
    /** Gymnasium's rgb_array size (width, height) per family; a new env must be added here. */
    private static final Map<String, int[]> SIZES = Map.of(
            "Pendulum-v1", new int[] {500, 500},
            "Acrobot-v1", new int[] {500, 500},
            "CartPole-v1", new int[] {600, 400},
            "CartPoleContinuous-v1", new int[] {600, 400},
            "MountainCar-v0", new int[] {600, 400},
            "MountainCarContinuous-v0", new int[] {600, 400},
            "HopperSized-v0", new int[] {480, 480});
    private static final Set<String> BOX2D = Set.of(LunarLander.ID, LunarLander.CONTINUOUS_ID, BipedalWalker.ID,
            BipedalWalker.HARDCORE_ID);

    static List<String> ids() {
        return Envs.ids();
    }

    private static int[] expectedSize(String id) {
        if (MujocoEnvs.IDS.contains(id)) {
            return new int[] {480, 480};
        }
        if (BOX2D.contains(id)) {
            return new int[] {600, 400};
        }
        int[] size = SIZES.get(id);
        assertNotNull(size, id + " is registered but this test does not know its frame size: add it");
        return size;
    }

    private static int colours(BufferedImage img) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                seen.add(img.getRGB(x, y));
                if (seen.size() > 2) {
                    return seen.size();
                }
            }
        }
        return seen.size();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void rendersAtGymnasiumsSizeAfterResetAndSteps(String id) {
        if (MujocoEnvs.IDS.contains(id)) {
            MujocoTestAccess.assumeLibrary();
        }
        int[] size = expectedSize(id);
        try (Env<?> env = Envs.make(id)) {
            Renderable r = env.find(Renderable.class).orElse(null);
            assertNotNull(r, id + " is not Renderable");
            assertTrue(r.frameSeconds() > 0 && r.frameSeconds() <= 1, id + ": frameSeconds " + r.frameSeconds());
            env.reset(3L);
            check(id, r.render(), size);
            playAndCheck(env, r, id, size);
        }
    }

    private static <A> void playAndCheck(Env<A> env, Renderable r, String id, int[] size) {
        Rng rng = new Rng(11);
        for (int i = 0; i < 4; i++) {
            StepResult s = env.step(env.actionSpace().sample(rng));
            if (s.done()) {
                break;
            }
        }
        check(id, r.render(), size);
    }

    private static void check(String id, BufferedImage img, int[] size) {
        assertEquals(size[0], img.getWidth(), id + " width");
        assertEquals(size[1], img.getHeight(), id + " height");
        assertTrue(colours(img) > 1, id + " drew a blank (one-colour) image");
    }
}

package org.mbpo4j.env.box2d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mbpo4j.env.CheckReport;
import org.mbpo4j.env.EnvChecker;
import org.mbpo4j.env.EnvSpec;
import org.mbpo4j.env.Envs;
import org.mbpo4j.env.StepResult;
import org.mbpo4j.random.Rng;

class BipedalWalkerTest {

    private static float[] randomAction(Rng rng) {
        float[] a = new float[4];
        for (int j = 0; j < 4; j++) {
            a[j] = (float) rng.uniform(-1, 1);
        }
        return a;
    }

    /** Observations then rewards of {@code steps} random steps from reset(seed), as one list. */
    private static List<Object> rollout(long seed, int steps) {
        BipedalWalker env = new BipedalWalker();
        Rng rng = new Rng(99);
        List<Object> out = new ArrayList<>();
        out.add(env.reset(seed).obs());
        for (int t = 0; t < steps; t++) {
            StepResult r = env.step(randomAction(rng));
            out.add(r.obs());
            out.add(r.reward());
            if (r.terminated()) {
                break;
            }
        }
        return out;
    }

    @Test
    void sameSeedGivesTheSameEpisodeBitForBit() {
        List<Object> a = rollout(7, 300);
        List<Object> b = rollout(7, 300);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) instanceof float[] fa) {
                assertArrayEquals(fa, (float[]) b.get(i), "observation " + i);
            } else {
                assertEquals(Double.doubleToRawLongBits((Double) a.get(i)),
                        Double.doubleToRawLongBits((Double) b.get(i)), "reward " + i);
            }
        }
        List<Object> other = rollout(8, 5);
        assertFalse(Arrays.equals((float[]) a.get(0), (float[]) other.get(0)), "seeds 7 and 8 start alike");
    }

    @Test
    void aResetBuildsAFreshWorldSoEpisodesDoNotDependOnHistory() {
        BipedalWalker env = new BipedalWalker();
        float[] first = env.reset(3L).obs();
        Rng rng = new Rng(1);
        for (int t = 0; t < 50; t++) {
            env.step(randomAction(rng));
        }
        assertArrayEquals(first, env.reset(3L).obs());
    }

    @Test
    void drawsComeInGymnasiumsOrder() {
        List<double[]> calls = new ArrayList<>();
        Uniforms seeded = Uniforms.seeded(5);
        BipedalWalker env = new BipedalWalker(false, rng -> (lo, hi) -> {
            calls.add(new double[] {lo, hi});
            return seeded.uniform(lo, hi);
        });
        env.reset(0L);
        // the first draw: the counter runs out after the 20 start-pad points -> integers(5, 10)
        assertArrayEquals(new double[] {5, 10}, calls.get(0));
        assertArrayEquals(new double[] {-1, 1}, calls.get(1));
        int n = calls.size();
        // then 10 clouds of 1 + 10 draws, then the hull's push U(-5, 5)
        assertArrayEquals(new double[] {-5, 5}, calls.get(n - 1));
        for (int c = 0; c < 10; c++) {
            int at = n - 1 - 110 + 11 * c;
            assertArrayEquals(new double[] {0, 200}, calls.get(at), "cloud " + c);
            for (int k = 1; k <= 10; k++) {
                assertEquals(5 * WalkerConstants.TERRAIN_STEP, calls.get(at + k)[1], 1e-15);
            }
        }
        // every terrain draw is a velocity kick or a counter
        for (double[] c : calls.subList(0, n - 111)) {
            assertTrue(Arrays.equals(c, new double[] {-1, 1}) || Arrays.equals(c, new double[] {5, 10}),
                    Arrays.toString(c));
        }
        // 179 kicks (points 21..199) less one per counter-reset point past the pad
        long counters = calls.subList(0, n - 111).stream().filter(c -> c[0] == 5).count();
        long kicks = n - 111 - counters;
        assertTrue(kicks < 179 && kicks > 179 - counters - 1, kicks + " kicks, " + counters + " counters");
    }

    @Test
    void terrainStartPadIsFlatAndTheWalkerStartsStanding() {
        BipedalWalker env = new BipedalWalker();
        float[] obs = env.reset(11L).obs();
        for (int i = 0; i <= WalkerConstants.TERRAIN_STARTPAD; i++) {
            assertEquals(WalkerConstants.TERRAIN_HEIGHT, env.terrain.ys[i], 0.0, "point " + i);
        }
        assertEquals(24, obs.length);
        assertEquals(WalkerConstants.INIT_X, env.hullX(), 0.05);
        assertEquals(0.0, obs[0], 0.05, "hull angle after reset");
        for (int i = 14; i < 24; i++) {
            assertTrue(obs[i] > 0 && obs[i] <= 1, "lidar " + i + " = " + obs[i]);
        }
        assertEquals(1f, obs[23], "the flattest ray reaches past the terrain");
        assertTrue(obs[14] < 0.5, "the downward ray hits the ground near the hull: " + obs[14]);
    }

    @Test
    void tenThousandRandomStepsStayFinite() {
        BipedalWalker env = new BipedalWalker();
        Rng rng = new Rng(2024);
        float[] obs = env.reset(0L).obs();
        int episodes = 1;
        int len = 0;
        for (int t = 0; t < 10_000; t++) {
            StepResult r = env.step(randomAction(rng));
            len++;
            for (int i = 0; i < obs.length; i++) {
                assertTrue(Float.isFinite(r.obs()[i]), "step " + t + " obs " + i);
            }
            assertTrue(Double.isFinite(r.reward()), "step " + t);
            assertTrue(r.info().get("final_x") instanceof Double);
            assertTrue(r.info().get("reached_end") instanceof Boolean);
            obs = r.obs();
            if (r.terminated() || len == 1600) {
                obs = env.reset((long) episodes++).obs();
                len = 0;
            }
        }
        assertTrue(episodes > 1);
    }

    @Test
    void envCheckerPasses() {
        EnvSpec spec = Envs.spec(BipedalWalker.ID);
        CheckReport report = EnvChecker.check(spec, 3, 2000);
        assertTrue(report.passed(), report.toString());
        assertEquals(1600, spec.maxEpisodeSteps());
        assertEquals(300, spec.rewardThreshold());
    }

    @Test
    void theHeuristicWalksForward() {
        BipedalWalker env = new BipedalWalker();
        WalkerHeuristic h = new WalkerHeuristic();
        float[] obs = env.reset(0L).obs();
        h.startEpisode();
        double ret = 0;
        for (int t = 0; t < 300; t++) {
            StepResult r = env.step(h.act(obs, true));
            ret += r.reward();
            obs = r.obs();
            assertFalse(r.terminated(), "fell at step " + t);
        }
        assertTrue(env.hullX() > 15, "hull x after 300 steps: " + env.hullX());
        assertTrue(ret > 30, "return after 300 steps: " + ret);
    }

    @Test
    void theRenderedFrameIsViewportSizedAndShowsTheHull() {
        BipedalWalker env = new BipedalWalker();
        env.reset(0L);
        var img = env.render();
        assertEquals(600, img.getWidth());
        assertEquals(400, img.getHeight());
        // the hull is drawn at a fifth of the width (scroll = x - 4 m), about 4 m + LEG_H*2 high
        int hullX = (int) Math.round(env.hullX() * 30 - Math.floor(Math.max(0, env.scroll) * 30));
        int hullY = (int) Math.round(400 - env.hull.getPosition().y * 30);
        assertEquals(127 << 16 | 51 << 8 | 229, img.getRGB(hullX, hullY) & 0xFFFFFF);
        assertEquals(215 << 16 | 215 << 8 | 255, img.getRGB(550, 200) & 0xFFFFFF, "sky");
        assertEquals(102 << 16 | 153 << 8 | 76, img.getRGB(300, 390) & 0xFFFFFF, "ground");
    }
}

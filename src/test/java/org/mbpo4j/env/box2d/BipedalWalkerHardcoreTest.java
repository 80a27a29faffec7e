package org.mbpo4j.env.box2d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mbpo4j.env.CheckReport;
import org.mbpo4j.env.EnvChecker;
import org.mbpo4j.env.EnvSpec;
import org.mbpo4j.env.Envs;
import org.mbpo4j.env.StepResult;
import org.mbpo4j.random.Rng;

/** BipedalWalkerHardcore-v3: the walker on terrain with stumps, stairs and pits (Gymnasium's generator). */
class BipedalWalkerHardcoreTest {
    private static final double STEP = WalkerConstants.TERRAIN_STEP;

    @Test
    void registeredWithGymnasiumsLimitAndPassesTheChecker() {
        EnvSpec spec = Envs.spec(BipedalWalker.HARDCORE_ID);
        assertEquals(2000, spec.maxEpisodeSteps());
        assertEquals(300, spec.rewardThreshold());
        CheckReport report = EnvChecker.check(spec, 3, 1000);
        assertTrue(report.passed(), report.toString());
    }

    /**
     * Every obstacle has one of Gymnasium's shapes: a square stump of 1 or 2 terrain steps, a
     * pit wall one step wide and four deep (the pair 3-6 steps apart), or a stair step 4 wide and
     * one high; and over ten seeds all three kinds appear.
     */
    @Test
    void obstaclesHaveGymnasiumsShapes() {
        int stumps = 0;
        int walls = 0;
        int stairs = 0;
        for (long seed = 0; seed < 10; seed++) {
            WalkerTerrain t = WalkerTerrain.generate(Uniforms.seeded(seed), true);
            for (double[][] p : t.obstacles) {
                double w = p[1][0] - p[0][0];
                double h = p[0][1] - p[3][1];
                if (Math.abs(w - STEP) < 1e-9 && Math.abs(h - 4 * STEP) < 1e-9) {
                    walls++;
                } else if (Math.abs(w - 4 * STEP) < 1e-9 && Math.abs(h - STEP) < 1e-9) {
                    stairs++;
                } else if (Math.abs(-h - w) < 1e-9 && (Math.abs(w - STEP) < 1e-9 || Math.abs(w - 2 * STEP) < 1e-9)) {
                    stumps++;
                } else {
                    throw new AssertionError("seed " + seed + ": obstacle of width " + w / STEP + " and height "
                            + h / STEP + " steps");
                }
            }
            WalkerTerrain normal = WalkerTerrain.generate(Uniforms.seeded(seed), false);
            assertTrue(normal.obstacles.isEmpty(), "the normal terrain has no obstacles");
        }
        assertTrue(stumps > 0 && stairs > 0 && walls > 0, stumps + " stumps, " + stairs + " stair steps, " + walls
                + " pit walls");
        assertEquals(0, walls % 2, "pit walls come in pairs");
    }

    @Test
    void sameSeedSameEpisodeAndTenThousandRandomStepsStayFinite() {
        List<float[]> first = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            BipedalWalker env = new BipedalWalker(true);
            Rng rng = new Rng(5);
            float[] obs = env.reset(11L).obs();
            int len = 0;
            long episode = 11;
            for (int t = 0; t < (run == 0 ? 10_000 : 500); t++) {
                float[] a = new float[4];
                for (int j = 0; j < 4; j++) {
                    a[j] = (float) rng.uniform(-1, 1);
                }
                StepResult r = env.step(a);
                len++;
                for (float v : r.obs()) {
                    assertTrue(Float.isFinite(v), "step " + t);
                }
                assertTrue(Double.isFinite(r.reward()));
                if (run == 0 && t < 500) {
                    first.add(r.obs());
                } else if (run == 1) {
                    assertArrayEquals(first.get(t), r.obs(), "step " + t);
                }
                if (r.terminated() || len == 2000) {
                    obs = env.reset(++episode).obs();
                    len = 0;
                }
            }
            assertTrue(obs.length == 24);
        }
    }
}

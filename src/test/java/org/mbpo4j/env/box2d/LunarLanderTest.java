package org.mbpo4j.env.box2d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mbpo4j.agent.Evaluation;
import org.mbpo4j.policy.Policy;
import org.mbpo4j.env.CheckReport;
import org.mbpo4j.env.Env;
import org.mbpo4j.env.EnvChecker;
import org.mbpo4j.env.Envs;
import org.mbpo4j.env.StepResult;
import org.mbpo4j.random.Rng;

class LunarLanderTest {

    /** Obs and rewards of {@code steps} random steps from reset(seed), resetting at episode ends. */
    private static List<Object> trajectory(Env<float[]> env, long seed, int steps) {
        Rng actions = new Rng(seed + 99);
        List<Object> out = new ArrayList<>();
        out.add(env.reset(seed).obs());
        for (int t = 0; t < steps; t++) {
            StepResult r = env.step(new float[] {(float) actions.uniform(-1, 1), (float) actions.uniform(-1, 1)});
            out.add(r.obs());
            out.add(r.reward());
            if (r.done()) {
                out.add(env.reset(null).obs());
            }
        }
        return out;
    }

    @Test
    void sameSeedSameEpisodeBitForBit() {
        List<Object> a = trajectory(LunarLander.continuous(), 7, 400);
        List<Object> b = trajectory(LunarLander.continuous(), 7, 400);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) instanceof float[] fa) {
                assertArrayEquals(fa, (float[]) b.get(i), "item " + i);
            } else {
                assertEquals(Double.doubleToRawLongBits((Double) a.get(i)),
                        Double.doubleToRawLongBits((Double) b.get(i)), "item " + i);
            }
        }
        float[] other = LunarLander.continuous().reset(8L).obs();
        assertFalse(java.util.Arrays.equals((float[]) a.get(0), other), "another seed, another start");
    }

    @Test
    void envCheckerPassesForBothIds() {
        for (String id : List.of(LunarLander.ID, LunarLander.CONTINUOUS_ID)) {
            CheckReport r = EnvChecker.check(Envs.spec(id), 3, 300);
            assertTrue(r.passed(), () -> r.toText());
        }
    }

    @Test
    void tenThousandRandomStepsStayFinite() {
        for (String id : List.of(LunarLander.ID, LunarLander.CONTINUOUS_ID)) {
            @SuppressWarnings("unchecked")
            Env<Object> env = (Env<Object>) Envs.make(id);
            Rng rng = new Rng(11);
            float[] obs = env.reset(11L).obs();
            int episodes = 0;
            for (int t = 0; t < 10_000; t++) {
                StepResult r = env.step(env.actionSpace().sample(rng));
                for (float v : r.obs()) {
                    assertTrue(Float.isFinite(v), id + " step " + t + " obs " + java.util.Arrays.toString(r.obs()));
                }
                assertTrue(Double.isFinite(r.reward()));
                if (r.done()) {
                    obs = env.reset(null).obs();
                    episodes++;
                }
            }
            assertTrue(episodes > 20, id + ": random episodes end (crash or out of view), got " + episodes);
            assertEquals(8, obs.length);
        }
    }

    @Test
    void heuristicLandsOnSeedOneAsInGymnasiumsTest() {
        for (String id : List.of(LunarLander.ID, LunarLander.CONTINUOUS_ID)) {
            @SuppressWarnings("unchecked")
            Env<Object> env = (Env<Object>) Envs.make(id);
            @SuppressWarnings("unchecked")
            Policy<Object> p = (Policy<Object>) Box2dEnvs.heuristic(id).orElseThrow();
            Evaluation ev = Evaluation.run(env, p, 1, 1, true);
            assertTrue(ev.returns()[0] > 100, id + " heuristic return on seed 1: " + ev.returns()[0]);
        }
    }

    @Test
    void continuousHeuristicScoresLikeGymnasiumOnTenSeeds() {
        @SuppressWarnings("unchecked")
        Env<float[]> env = (Env<float[]>) Envs.make(LunarLander.CONTINUOUS_ID);
        Evaluation ev = Evaluation.run(env, LanderHeuristic.continuous(), 10, 0, true);
        // Gymnasium: mean 280.3 (std 48.4) over 100 seeds; 99 of 100 above 200.
        assertTrue(ev.mean() > 240, "mean " + ev.mean());
        assertEquals(10, ev.terminated(), "every episode lands (body asleep) or crashes before the limit");
    }

    @Test
    void rulesReproduceTheEnvsRewardsFromObservations() {
        for (boolean continuous : new boolean[] {false, true}) {
            LanderRules rules = continuous ? LanderRules.CONTINUOUS : LanderRules.DISCRETE;
            @SuppressWarnings("unchecked")
            Env<Object> env = (Env<Object>) (Env<?>) (continuous ? LunarLander.continuous() : LunarLander.discrete());
            Rng rng = new Rng(5);
            float[] obs = env.reset(5L).obs();
            int terminal = 0;
            for (int t = 0; t < 3000; t++) {
                Object a = env.actionSpace().sample(rng);
                StepResult r = env.step(a);
                double[] s = widen(obs);
                double[] n = widen(r.obs());
                double[] act = a instanceof float[] f ? new double[] {f[0], f[1]} : new double[] {(Integer) a};
                boolean[] term = {r.terminated()};
                double[] out = new double[1];
                rules.reward(s, act, n, term, 1, out);
                assertEquals(r.reward(), out[0], 1e-3, "step " + t + " action " + a);
                boolean[] predicted = new boolean[1];
                rules.terminated(n, 1, predicted);
                if (predicted[0]) {
                    assertTrue(r.terminated(), "|x| >= 1 always terminates the env");
                }
                obs = r.obs();
                if (r.terminated()) {
                    terminal++;
                    obs = env.reset(null).obs();
                }
            }
            assertTrue(terminal > 5);
            double[] state = new double[8];
            rules.stateFromObs(widen(obs), 1, state);
            assertArrayEquals(widen(obs), state);
        }
    }

    @Test
    void restingLanderEarnsTheLandingBonus() {
        // Heuristic episodes that end by the body falling asleep get +100 in the env and the rules.
        LunarLander<float[]> env = LunarLander.continuous();
        Policy<float[]> p = LanderHeuristic.continuous();
        float[] obs = env.reset(1L).obs();
        StepResult r;
        do {
            r = env.step(p.act(obs, true));
            obs = r.obs();
        } while (!r.terminated());
        assertEquals(100.0, r.reward());
        assertEquals(0f, obs[2]);
        assertEquals(0f, obs[3]);
        double[] out = new double[1];
        LanderRules.CONTINUOUS.reward(new double[8], new double[2], widen(obs), new boolean[] {true}, 1, out);
        assertEquals(100.0, out[0]);
    }

    @Test
    void badActionsAreRejectedNamingTheEnv() {
        LunarLander<float[]> c = LunarLander.continuous();
        c.reset(0L);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> c.step(new float[3]));
        assertTrue(shape.getMessage().contains(LunarLander.CONTINUOUS_ID) && shape.getMessage().contains("shape"),
                shape.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> c.step(new float[] {Float.NaN, 0}));
        assertTrue(nan.getMessage().contains("non-finite value at index 0"), nan.getMessage());
        LunarLander<Integer> d = LunarLander.discrete();
        d.reset(0L);
        IllegalArgumentException out = assertThrows(IllegalArgumentException.class, () -> d.step(4));
        assertTrue(out.getMessage().contains(LunarLander.ID) && out.getMessage().contains("0..3"), out.getMessage());
        assertThrows(IllegalStateException.class, () -> LunarLander.discrete().step(0));
    }

    @Test
    void continuousActionsOutsideTheBoxAreClipped() {
        LanderThrottle big = LanderThrottle.continuous(5, -7);
        assertEquals(1.0, big.mainPower());
        assertEquals(1.0, big.sidePower());
        assertEquals(-1.0, big.direction());
        LanderThrottle idle = LanderThrottle.continuous(0, 0.5);
        assertEquals(0.0, idle.mainPower());
        assertEquals(0.0, idle.sidePower(), "the side engines fire only above |0.5|");
        assertEquals(0.75, LanderThrottle.continuous(0.5, 0).mainPower());
    }

    @Test
    void replayedDrawsComeInGymnasiumsOrder() {
        List<double[]> asked = new ArrayList<>();
        LunarLander<Integer> env = LunarLander.discrete(rng -> (lo, hi) -> {
            asked.add(new double[] {lo, hi});
            return (lo + hi) / 2;
        });
        env.reset(0L);
        env.step(0);
        env.step(2);
        assertEquals(12 + 2 + 2 + 4, asked.size(), "heights, force, the reset step's and 2 per step");
        for (int i = 0; i < 12; i++) {
            assertArrayEquals(new double[] {0, LanderTerrain.H / 2}, asked.get(i));
        }
        assertArrayEquals(new double[] {-1000, 1000}, asked.get(12));
        assertArrayEquals(new double[] {-1, 1}, asked.get(19));
    }

    @Test
    void terrainFollowsGymnasiumsSmoothing() {
        double[] h = new double[12];
        for (int i = 0; i < 12; i++) {
            h[i] = i;
        }
        LanderTerrain t = new LanderTerrain(h);
        assertEquals(0.33 * (11 + 0 + 1), t.smoothY(0), 1e-15, "h[-1] is h[11]");
        assertEquals(3.3000000000000003, t.smoothY(5));
        assertEquals(8.0, t.helipadX1());
        assertEquals(12.0, t.helipadX2());
        assertThrows(IllegalArgumentException.class, () -> new LanderTerrain(new double[11]));
    }

    @Test
    void rendersGymnasiumsPicture() {
        LunarLander<float[]> env = LunarLander.continuous();
        assertThrows(IllegalStateException.class, env::render);
        env.reset(3L);
        BufferedImage img = env.render();
        assertEquals(600, img.getWidth());
        assertEquals(400, img.getHeight());
        int lander = LanderRenderer.BODY_FILL.getRGB();
        int flag = LanderRenderer.FLAG.getRGB();
        int landerPixels = 0;
        int flagPixels = 0;
        for (int y = 0; y < 400; y++) {
            for (int x = 0; x < 600; x++) {
                int rgb = img.getRGB(x, y);
                landerPixels += rgb == lander ? 1 : 0;
                flagPixels += rgb == flag ? 1 : 0;
            }
        }
        assertTrue(landerPixels > 200, "lander pixels: " + landerPixels);
        assertTrue(flagPixels > 100, "flag pixels: " + flagPixels);
        assertEquals(0xFF000000, img.getRGB(40, 5), "black sky at the top");
        assertEquals(0xFFFFFFFF, img.getRGB(40, 398), "white moon at the bottom");
    }

    private static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}

package org.mbpo4j.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Gymnasium's contract, bad inputs and wrappers, over every registered env. */
class EnvContractTest {

    static List<String> ids() {
        return Envs.ids();
    }

    @SuppressWarnings("unchecked")
    private static <A> Env<Object> raw(Env<A> env) {
        return (Env<Object>) (Env<?>) env;
    }

    /** An env that needs what this machine lacks (the MuJoCo library) is skipped as the MuJoCo tests are. */
    private static void assumeAvailable(String id) {
        if (Envs.unavailable(id) != null) {
            org.mbpo4j.env.mujoco.MujocoTestAccess.assumeLibrary();
        }
    }

    @ParameterizedTest
    @MethodSource("ids")
    void sameSeedSameEpisodeAndResetNullContinuesTheStream(String id) {
        assumeAvailable(id);
        List<float[]> a = rollout(id, 7L, 300);
        List<float[]> b = rollout(id, 7L, 300);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), id + " differs at step " + i);
        }
        Env<?> env = Envs.make(id);
        float[] first = env.reset(3L).obs();
        float[] next = env.reset(null).obs();
        assertFalse(java.util.Arrays.equals(first, next), id + ": reset(null) must continue the stream");
        assertArrayEquals(first, env.reset(3L).obs());
    }

    private static List<float[]> rollout(String id, long seed, int steps) {
        Env<Object> env = raw(Envs.make(id));
        env.actionSpace().seed(seed);
        List<float[]> obs = new ArrayList<>();
        obs.add(env.reset(seed).obs());
        for (int t = 0; t < steps; t++) {
            StepResult r = env.step(env.actionSpace().sample());
            obs.add(r.obs());
            obs.add(new float[] {(float) r.reward(), r.terminated() ? 1 : 0, r.truncated() ? 1 : 0});
            if (r.done()) {
                obs.add(env.reset(null).obs());
            }
        }
        return obs;
    }

    @ParameterizedTest
    @MethodSource("ids")
    void observationsStayInsideTheObservationSpace(String id) {
        assumeAvailable(id);
        Env<Object> env = raw(Envs.make(id));
        env.actionSpace().seed(1);
        float[] obs = env.reset(1L).obs();
        for (int t = 0; t < 2000; t++) {
            assertTrue(env.observationSpace().contains(obs), () -> id + " obs outside its space");
            StepResult r = env.step(env.actionSpace().sample());
            assertTrue(Double.isFinite(r.reward()));
            obs = r.done() ? env.reset(null).obs() : r.obs();
        }
    }

    @Test
    void stepBeforeResetIsRefusedByName() {
        Env<float[]> env = Envs.makeContinuous("Pendulum-v1");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(new float[] {0f}));
        assertEquals("Pendulum-v1: step() called before reset(); call reset() first", e.getMessage());
    }

    @Test
    void badContinuousActionsAreRefusedWithTheValue() {
        Env<float[]> env = Envs.makeContinuous("Pendulum-v1");
        env.reset(0L);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> env.step(new float[] {0f, 1f}));
        assertEquals("Pendulum-v1: action [0.0, 1.0] has shape (2,) but the action space is Box(-2.0, 2.0, (1,), float32)",
                shape.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> env.step(new float[] {Float.NaN}));
        assertEquals("Pendulum-v1: action [NaN] has a non-finite value at index 0; actions must be finite numbers"
                + " in Box(-2.0, 2.0, (1,), float32)", nan.getMessage());
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
                () -> env.step(new float[] {Float.POSITIVE_INFINITY}));
        assertTrue(inf.getMessage().contains("[Infinity]"), inf.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> raw(env).step(Integer.valueOf(1)));
        assertEquals("Pendulum-v1: action 1 has the wrong type Integer; expected float[1] in Box(-2.0, 2.0, (1,), float32)",
                type.getMessage());
        IllegalArgumentException nul = assertThrows(IllegalArgumentException.class, () -> env.step(null));
        assertTrue(nul.getMessage().startsWith("Pendulum-v1: action is null"), nul.getMessage());
        // The env is still usable after refusing bad actions: nothing was lost.
        assertEquals(3, env.step(new float[] {0.5f}).obs().length);
    }

    @Test
    void badDiscreteActionsAreRefusedWithTheValue() {
        Env<Object> env = raw(Envs.make("CartPole-v1"));
        env.reset(0L);
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> env.step(2));
        assertEquals("CartPole-v1: action 2 is outside Discrete(2) (allowed: 0..1)", range.getMessage());
        IllegalArgumentException neg = assertThrows(IllegalArgumentException.class, () -> env.step(-1));
        assertTrue(neg.getMessage().contains("action -1 is outside Discrete(2)"));
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> env.step(new float[] {1f}));
        assertEquals("CartPole-v1: action [1.0] has the wrong type float[]; expected an Integer in Discrete(2)",
                type.getMessage());
    }

    @Test
    void stepAfterTerminationOrTruncationIsRefused() {
        Env<Object> cart = raw(Envs.make("CartPole-v1"));
        cart.reset(0L);
        StepResult r;
        do {
            r = cart.step(1);
        } while (!r.done());
        assertTrue(r.terminated());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cart.step(1));
        assertEquals("CartPole-v1: step() called after the episode ended (terminated); call reset() first",
                e.getMessage());

        Env<float[]> pendulum = Envs.makeContinuous("Pendulum-v1");
        pendulum.reset(0L);
        int n = 0;
        do {
            r = pendulum.step(new float[] {0f});
            n++;
        } while (!r.done());
        assertEquals(200, n, "Pendulum-v1 is registered with a 200-step limit");
        assertTrue(r.truncated());
        assertFalse(r.terminated());
        IllegalStateException t = assertThrows(IllegalStateException.class, () -> pendulum.step(new float[] {0f}));
        assertTrue(t.getMessage().contains("truncated at 200 steps"), t.getMessage());
        pendulum.reset(null);
        pendulum.step(new float[] {0f});
    }

    @Test
    void registeredTimeLimitsFollowGymnasium() {
        assertEquals(200, Envs.spec("Pendulum-v1").maxEpisodeSteps());
        assertEquals(999, Envs.spec("MountainCarContinuous-v0").maxEpisodeSteps());
        assertEquals(500, Envs.spec("CartPole-v1").maxEpisodeSteps());
        assertEquals(500, Envs.spec("CartPoleContinuous-v1").maxEpisodeSteps());
        assertEquals(500, Envs.spec("Acrobot-v1").maxEpisodeSteps());
        assertEquals(200, Envs.spec("MountainCar-v0").maxEpisodeSteps());
    }

    @Test
    void unknownIdsListTheKnownOnes() {
        UnknownEnvException e = assertThrows(UnknownEnvException.class, () -> Envs.make("Pendulum-v0"));
        assertTrue(e.getMessage().startsWith("unknown env id 'Pendulum-v0' (known: Pendulum-v1, "), e.getMessage());
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
                () -> Envs.makeContinuous("CartPole-v1"));
        assertTrue(d.getMessage().contains("CartPole-v1 has a Discrete(2) action space"), d.getMessage());
    }

    @Test
    void rescaleActionMapsUnitBoxOntoTheEnvBounds() {
        RescaleAction env = new RescaleAction(Envs.makeContinuous("Pendulum-v1"));
        assertEquals(Box.uniform(1, -1f, 1f), env.actionSpace());
        assertArrayEquals(new float[] {-2f}, env.rescale(new float[] {-1f}));
        assertArrayEquals(new float[] {2f}, env.rescale(new float[] {1f}));
        assertArrayEquals(new float[] {0f}, env.rescale(new float[] {0f}));
        assertArrayEquals(new float[] {1f}, env.rescale(new float[] {0.5f}));
        assertArrayEquals(new float[] {2f}, env.rescale(new float[] {7f}), "clipped to [-1, 1] first");
        env.reset(0L);
        assertThrows(IllegalArgumentException.class, () -> env.step(new float[] {Float.NaN}));
        IllegalArgumentException discrete = assertThrows(IllegalArgumentException.class,
                () -> new RescaleAction(raw2(Envs.make("CartPole-v1"))));
        assertTrue(discrete.getMessage().contains("needs a bounded Box action space"));
    }

    @SuppressWarnings("unchecked")
    private static Env<float[]> raw2(Env<?> env) {
        return (Env<float[]>) env;
    }

    @Test
    void episodeStatisticsRecordsReturnsAndLengths() {
        EpisodeStatistics<Object> env = new EpisodeStatistics<>(raw(Envs.make("CartPole-v1")));
        env.reset(0L);
        double sum = 0;
        StepResult r;
        do {
            r = env.step(0);
            sum += r.reward();
        } while (!r.done());
        EpisodeStatistics.Episode e = (EpisodeStatistics.Episode) r.info().get("episode");
        assertEquals(sum, e.episodeReturn());
        assertEquals((int) sum, e.length(), "CartPole pays 1 per step");
        assertTrue(e.terminated());
        assertEquals(1, env.episodes());
        assertEquals(sum, env.meanReturn());
    }

    @Test
    void spacesSampleInsideThemselvesAndAreSeeded() {
        Box box = new Box(new float[] {-1f, 0f, Float.NEGATIVE_INFINITY},
                new float[] {1f, Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY});
        box.seed(5);
        float[] a = box.sample();
        box.seed(5);
        assertArrayEquals(a, box.sample());
        for (int i = 0; i < 1000; i++) {
            assertTrue(box.contains(box.sample()));
        }
        Discrete d = new Discrete(3);
        d.seed(1);
        int[] counts = new int[3];
        for (int i = 0; i < 3000; i++) {
            counts[d.sample()]++;
        }
        for (int c : counts) {
            assertTrue(c > 850 && c < 1150, "roughly uniform: " + java.util.Arrays.toString(counts));
        }
        assertFalse(d.contains(3));
        assertFalse(box.contains(new float[] {2f, 0f, 0f}));
        assertThrows(IllegalArgumentException.class, () -> new Box(new float[] {1f}, new float[] {0f}));
        assertThrows(IllegalArgumentException.class, () -> new Discrete(0));
        assertNotEquals(box, Box.uniform(3, -1f, 1f));
    }
}

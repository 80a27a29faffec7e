package org.mbpo4j.env.mujoco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.Env;
import org.mbpo4j.env.EnvKwargs;
import org.mbpo4j.env.Envs;
import org.mbpo4j.env.StatefulEnv;
import org.mbpo4j.env.StepResult;
import org.mbpo4j.env.TimeLimit;

/** The MuJoCo envs as users make them: episodes, spaces, options, state and cost per step. */
class MujocoEnvTest {

    static List<String> ids() {
        return MujocoTests.IDS;
    }

    @BeforeEach
    void library() {
        MujocoTests.assumeLibrary();
    }

    @SuppressWarnings("unchecked")
    private static Env<float[]> make(String id, Map<String, ?> kwargs) {
        return (Env<float[]>) Envs.make(id, Envs.spec(id).kwargs(kwargs));
    }

    private static float[] randomAction(Box box, Random rnd) {
        float[] a = new float[box.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = box.low(i) + rnd.nextFloat() * (box.high(i) - box.low(i));
        }
        return a;
    }

    /** Random episodes: finite observations of the declared shape, lengths within the time limit, same seed same episode. */
    @ParameterizedTest
    @MethodSource("ids")
    void randomEpisodes(String id) {
        int limit = Envs.spec(id).maxEpisodeSteps();
        List<Double> returns = new ArrayList<>();
        for (int rep = 0; rep < 2; rep++) {
            try (Env<float[]> env = make(id, null)) {
                Random rnd = new Random(11);
                Box box = (Box) env.actionSpace();
                assertEquals(Envs.actionSpace(id, null), box, id + ": declared and made action spaces");
                assertEquals(Envs.observationSpace(id, null), env.observationSpace(), id);
                for (int ep = 0; ep < 3; ep++) {
                    float[] obs = env.reset(100L + ep).obs();
                    assertEquals(env.observationSpace().size(), obs.length, id);
                    double ret = 0;
                    int steps = 0;
                    StepResult s;
                    do {
                        s = env.step(randomAction(box, rnd));
                        steps++;
                        ret += s.reward();
                        for (float v : s.obs()) {
                            assertTrue(Float.isFinite(v), id + " step " + steps);
                        }
                    } while (!s.done() && steps < 400);
                    assertTrue(steps <= limit, id);
                    returns.add(ret);
                }
            }
        }
        assertEquals(returns.subList(0, 3), returns.subList(3, 6), id + ": same seeds, same episodes");
    }

    /**
     * A state saved mid-episode and set into a fresh env continues bit for bit: what a resumed
     * run relies on.
     */
    @ParameterizedTest
    @MethodSource("ids")
    void savedStateContinuesExactly(String id) {
        Random rnd = new Random(3);
        List<float[]> actions = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            actions.add(randomAction((Box) Envs.actionSpace(id, null), rnd));
        }
        Env<float[]> a = make(id, null);
        Env<float[]> b = make(id, null);
        try (a; b) {
            a.reset(5L);
            int k = 0;
            for (; k < 3; k++) {
                if (a.step(actions.get(k)).done()) {
                    return;
                }
            }
            StatefulEnv sa = a.find(StatefulEnv.class).orElseThrow();
            StatefulEnv sb = b.find(StatefulEnv.class).orElseThrow();
            double[] saved = sa.getState();
            b.reset(99L);
            sb.setState(saved);
            b.find(TimeLimit.class).orElseThrow().setElapsedSteps(k);
            assertArrayEquals(sa.observe(), sb.observe(), id + ": the observation comes back with the state");
            for (; k < actions.size(); k++) {
                StepResult ra = a.step(actions.get(k));
                StepResult rb = b.step(actions.get(k));
                assertArrayEquals(ra.obs(), rb.obs(), id + " step " + k);
                assertEquals(ra.reward(), rb.reward(), 0.0, id + " step " + k);
                assertEquals(ra.terminated(), rb.terminated(), id);
                assertEquals(infoText(ra), infoText(rb), id + " step " + k);
                if (ra.done()) {
                    break;
                }
            }
        }
    }

    private static String infoText(StepResult r) {
        StringBuilder sb = new StringBuilder();
        r.info().forEach((k, v) -> sb.append(k).append('=')
                .append(v instanceof double[] d ? java.util.Arrays.toString(d) : String.valueOf(v)).append(' '));
        return sb.toString();
    }

    /** The bundled models' sizes (used without the library) are the compiled models'. */
    @Test
    void shapeTableMatchesTheModels() {
        for (String file : MjcfFiles.NAMES) {
            try (MjSim sim = MjSim.load(MujocoLibrary.get(), MjcfFiles.path(file))) {
                ModelShape want = ModelShape.of(sim);
                ModelShape table = ModelShape.BUNDLED.get(file);
                assertEquals(List.of(want.nq(), want.nv(), want.nu(), want.nbody(), want.timestep()),
                        List.of(table.nq(), table.nv(), table.nu(), table.nbody(), table.timestep()), file);
                assertArrayEquals(want.ctrlLow(), table.ctrlLow(), file);
                assertArrayEquals(want.ctrlHigh(), table.ctrlHigh(), file);
            }
        }
    }

    /** Gymnasium 1.3.0's observation sizes and action boxes. */
    @Test
    void gymnasiumSpaces() {
        Map<String, Integer> obs = Map.ofEntries(Map.entry("Hopper", 11), Map.entry("Walker2d", 17),
                Map.entry("HalfCheetah", 17), Map.entry("Swimmer", 8), Map.entry("InvertedPendulum", 4));
        for (String id : MujocoTests.IDS) {
            String task = id.substring(0, id.indexOf('-'));
            int size = Envs.observationSpace(id, null).size();
            if (obs.containsKey(task)) {
                assertEquals(obs.get(task), size, id);
            }
        }
        assertEquals(27, Envs.observationSpace("Ant-v4", null).size());
        assertEquals(105, Envs.observationSpace("Ant-v5", null).size());
        assertEquals(376, Envs.observationSpace("Humanoid-v4", null).size());
        assertEquals(348, Envs.observationSpace("Humanoid-v5", null).size());
        assertEquals(11, Envs.observationSpace("InvertedDoublePendulum-v4", null).size());
        assertEquals(9, Envs.observationSpace("InvertedDoublePendulum-v5", null).size());
        assertEquals(11, Envs.observationSpace("Reacher-v4", null).size());
        assertEquals(10, Envs.observationSpace("Reacher-v5", null).size());
        assertEquals(new Box(new float[] {-3f}, new float[] {3f}), Envs.actionSpace("InvertedPendulum-v5", null));
        Box humanoid = (Box) Envs.actionSpace("Humanoid-v4", null);
        assertEquals(17, humanoid.size());
        assertEquals(-0.4f, humanoid.low(0));
        assertEquals(50, Envs.spec("Reacher-v5").maxEpisodeSteps());
        assertEquals(1000, Envs.spec("Ant-v5").maxEpisodeSteps());
    }

    /** Humanoid-v5 without the four include_* parts is MBPO's 45-value truncated Humanoid: qpos[2:], qvel. */
    @Test
    void mbposTruncatedHumanoid() {
        Map<String, Object> off = Map.of("include_cinert_in_observation", false, "include_cvel_in_observation", false,
                "include_qfrc_actuator_in_observation", false, "include_cfrc_ext_in_observation", false);
        assertEquals(45, Envs.observationSpace("Humanoid-v5", Envs.spec("Humanoid-v5").kwargs(off)).size());
        try (Env<float[]> env = make("Humanoid-v5", off)) {
            float[] obs = env.reset(1L).obs();
            assertEquals(45, obs.length);
            MujocoEnv m = env.find(MujocoEnv.class).orElseThrow();
            double[] qpos = new double[m.sim().nq];
            double[] qvel = new double[m.sim().nv];
            m.sim().getQpos(qpos, 0);
            m.sim().getQvel(qvel, 0);
            for (int i = 0; i < 22; i++) {
                assertEquals((float) qpos[i + 2], obs[i]);
            }
            for (int i = 0; i < 23; i++) {
                assertEquals((float) qvel[i], obs[22 + i]);
            }
        }
        assertEquals(27 + 84, Envs.observationSpace("Ant-v4",
                Envs.spec("Ant-v4").kwargs(Map.of("use_contact_forces", true))).size());
        assertEquals(27, Envs.observationSpace("Ant-v5",
                Envs.spec("Ant-v5").kwargs(Map.of("include_cfrc_ext_in_observation", false))).size());
        assertEquals(12, Envs.observationSpace("Hopper-v5",
                Envs.spec("Hopper-v5").kwargs(Map.of("exclude_current_positions_from_observation", false))).size());
    }

    @Test
    void optionsAreValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Envs.spec("Hopper-v5").kwargs(Map.of("ctrl_cost_wieght", 0.1)));
        assertTrue(e.getMessage().contains("unknown option 'ctrl_cost_wieght' for Hopper-v5 (allowed: xml_file,"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Envs.spec("Hopper-v5").kwargs(Map.of("frame_skip", 0)));
        assertEquals("frame_skip: must be an integer in [1, 1000], got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Envs.spec("Walker2d-v4").kwargs(Map.of("healthy_z_range", List.of(2.0, 1.0))));
        assertTrue(e.getMessage().startsWith("healthy_z_range: must be a list [low, high]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Envs.spec("Reacher-v4").kwargs(Map.of("frame_skip", 3)));
        assertTrue(e.getMessage().contains("Reacher-v4 takes no options"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Envs.spec("Ant-v5").kwargs(Map.of("xml_file", "no/such/ant.xml")));
        assertTrue(e.getMessage().contains("no/such/ant.xml is not a file"), e.getMessage());
        EnvKwargs fs = Envs.spec("Hopper-v5").kwargs(Map.of("frame_skip", 8));
        try (Env<?> env = Envs.make("Hopper-v5", fs)) {
            assertEquals(0.016, env.find(MujocoEnv.class).orElseThrow().dt(), 1e-15);
        }
    }

    @Test
    void v5ResetInfo() {
        try (Env<float[]> env = make("Ant-v5", null)) {
            Map<String, Object> info = env.reset(3L).info();
            assertEquals(List.of("x_position", "y_position", "distance_from_origin"), new ArrayList<>(info.keySet()));
        }
        try (Env<float[]> env = make("Hopper-v4", null)) {
            assertTrue(env.reset(3L).info().isEmpty(), "v4 reports nothing at reset");
        }
    }

    /** Stepping makes no allocation in the simulation; an env step allocates only what it returns. */
    @Test
    void noAllocationPerStep() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        try (MjSim sim = MjSim.load(MujocoLibrary.get(), MjcfFiles.path("hopper.xml"))) {
            float[] a = {0.1f, -0.2f, 0.3f};
            double[] q = new double[sim.nq];
            sim.resetData();
            for (int i = 0; i < 2000; i++) {
                sim.setCtrl(a);
                sim.step(4);
                sim.getQpos(q, 0);
            }
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 2000; i++) {
                sim.setCtrl(a);
                sim.step(4);
                sim.getQpos(q, 0);
            }
            long bytes = mx.getThreadAllocatedBytes(tid) - before;
            assertTrue(bytes < 2000, "the simulation allocated " + bytes + " bytes over 2000 steps");
        }
        try (Env<float[]> env = make("Hopper-v4", Map.of("terminate_when_unhealthy", false))) {
            float[] a = {0.1f, -0.2f, 0.3f};
            env.reset(1L);
            for (int i = 0; i < 500; i++) {
                env.step(a);
            }
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 400; i++) {
                env.step(a);
            }
            double perStep = (mx.getThreadAllocatedBytes(tid) - before) / 400.0;
            // the returned observation, StepResult and info map (two boxed doubles) are all
            assertTrue(perStep < 600, "an env step allocated " + perStep + " bytes");
        }
    }

    @Test
    void closedEnvsRefuseToStep() {
        Env<float[]> env = make("InvertedPendulum-v4", null);
        env.reset(0L);
        env.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(new float[] {0f}));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
}

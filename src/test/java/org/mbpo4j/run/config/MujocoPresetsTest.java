package org.mbpo4j.run.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mbpo4j.env.Envs;
import org.mbpo4j.env.TaskRules;

/**
 * The MBPO presets of the MuJoCo tasks carry the original code's per-task settings
 * (../shared/specs/mujoco.md), and their SAC counterparts the usual MuJoCo ones. Needs no library.
 */
class MujocoPresetsTest {

    @ParameterizedTest
    @CsvSource({
        "hopper, Hopper-v4, 20, 20, 150, 1, 15, 250, 1, -1, 200, 11",
        "walker2d, Walker2d-v4, 20, 20, 150, 1, 1, 250, 1, -3, 200, 17",
        "halfcheetah, HalfCheetah-v4, 40, 20, 150, 1, 1, 250, 1, -3, 200, 17",
        "ant, Ant-v4, 20, 20, 100, 1, 25, 250, 1, -4, 200, 27",
        "humanoid, Humanoid-v5, 20, 20, 300, 1, 25, 1000, 5, -2, 400, 45",
        "invertedpendulum, InvertedPendulum-v4, 10, 1, 15, 1, 1, 250, 1, -0.05, 200, 4"})
    void mbpoPresetsHaveTheOriginalSettings(String task, String env, int g, int e0, int e1, int k0, int k1, int freq,
                                            int retain, double entropy, int hidden, int obsDim) {
        RunConfig c = ConfigLoader.load(Path.of("configs/" + task + "-mbpo.yaml"), List.of());
        assertEquals(env, c.env());
        assertEquals(Algo.MBPO, c.algo());
        assertEquals(g, c.mbpo().updatesPerStep());
        assertEquals(List.of(e0, e1, k0, k1), c.mbpo().rolloutSchedule());
        assertEquals(freq, c.model().trainEvery());
        assertEquals(retain, c.mbpo().retainEpochs());
        assertEquals(entropy, c.sac().targetEntropy());
        assertEquals(hidden, c.model().hidden());
        assertEquals(100_000, c.mbpo().rolloutBatchSize());
        assertEquals(0.05, c.mbpo().realRatio());
        boolean pendulum = task.equals("invertedpendulum");
        assertEquals(pendulum ? 250 : 1000, c.train().epochLength());
        assertEquals(pendulum ? 500 : 5000, c.mbpo().initSteps());
        assertEquals(obsDim, Envs.observationSpace(c.env(), c.kwargs()).size(), "MBPO's observation");
        TaskRules rules = Envs.rules(c.env(), c.kwargs());
        assertTrue(c.model().learnedRewards(), "the model learns the reward");
        if (!pendulum) {
            assertTrue(rules.rewardNotFromObs() != null, task);
        }
        RunConfig sac = ConfigLoader.load(Path.of("configs/" + task + "-sac.yaml"), List.of());
        assertEquals(env, sac.env());
        assertEquals(Algo.SAC, sac.algo());
        assertEquals(c.envKwargs(), sac.envKwargs(), "the same task for both");
        assertEquals(List.of(256, 256), sac.sac().hidden());
        assertEquals(10_000, sac.sac().learningStarts());
        assertNull(sac.sac().targetEntropy(), "automatic: -|A|");
        if (task.equals("humanoid")) {
            assertEquals(Map.of("include_cinert_in_observation", false, "include_cvel_in_observation", false,
                    "include_qfrc_actuator_in_observation", false, "include_cfrc_ext_in_observation", false),
                    c.envKwargs());
        }
    }
}

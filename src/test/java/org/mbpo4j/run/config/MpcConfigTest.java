package org.mbpo4j.run.config;

import org.mbpo4j.mpc.MpcOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code mpc:} section, {@code algo: mpc}, {@code train.max_episode_steps} and the MPC presets. */
class MpcConfigTest {
    private static final String SRC = "configs/mpc.yaml";
    private static final String BASE = """
            env: CartPoleContinuous-v1
            algo: mpc
            mpc:
            """;
    private static final String MPC_KEYS = "planner, horizon, population, elites, iterations, alpha, particles,"
            + " temperature, noise_std, beta, init_steps, retrain_every, retrain_each_episode";

    private static MpcConfig mpc(String... lines) {
        return parse(BASE + indent(lines)).mpc();
    }

    private static String mpcError(String... lines) {
        return assertThrows(ConfigException.class, () -> parse(BASE + indent(lines))).getMessage();
    }

    private static String indent(String... lines) {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append("  ").append(l).append('\n');
        }
        return sb.toString();
    }

    private static RunConfig parse(String yaml, String... overrides) {
        return ConfigLoader.parse(yaml, SRC, List.of(overrides));
    }

    @Test
    void defaultsAreMbrlLibsPetsOnCartPole() {
        MpcConfig d = MpcConfig.defaults();
        assertEquals(new MpcConfig(MpcOptions.PlannerKind.CEM, 15, 350, 35, 5, 0.1, 20, 1.0, 0.5, 0.9, 200, 50, false),
                d);
        assertEquals(d, mpc());
        assertEquals(d, parse("env: E-v0\nalgo: mpc\n").mpc());
        assertEquals(d, RunConfig.of("E-v0", Algo.SAC).mpc());
        assertEquals(List.of(MPC_KEYS.split(", ")), List.copyOf(d.toMap().keySet()));
        assertEquals("cem", d.toMap().get("planner"));
        assertEquals(Algo.MPC, parse(BASE).algo());
        assertEquals("mpc", Algo.MPC.yamlName());
    }

    @Test
    void fullSectionRoundTrips() {
        MpcConfig m = mpc("planner: mppi", "horizon: 30", "population: 500", "elites: 500", "iterations: 1",
                "alpha: 0", "particles: 1", "temperature: 0.05", "noise_std: 2", "beta: 1", "init_steps: 0",
                "retrain_every: 0", "retrain_each_episode: true");
        assertEquals(new MpcConfig(MpcOptions.PlannerKind.MPPI, 30, 500, 500, 1, 0.0, 1, 0.05, 2.0, 1.0, 0, 0, true), m);
        RunConfig c = parse(BASE + indent("planner: rs"), "train.max_episode_steps=200");
        String yaml = ConfigLoader.toYaml(c);
        assertTrue(yaml.contains("\nmpc:\n  planner: rs\n  horizon: 15\n"), yaml);
        assertTrue(yaml.contains("  max_episode_steps: 200\n"), yaml);
        assertEquals(c, parse(yaml));
        assertEquals(MpcOptions.PlannerKind.RS, mpc("planner: RS").planner());
    }

    @Test
    void everyBadValueIsNamedWithWhatIsAllowed() {
        assertEquals(SRC + ": mpc.planner: must be one of: cem, rs, mppi, got \"pets\"", mpcError("planner: pets"));
        assertEquals(SRC + ": mpc.horizon: must be an integer in [1, 1000], got 0", mpcError("horizon: 0"));
        assertEquals(SRC + ": mpc.population: must be an integer in [1, 1000000], got 0", mpcError("population: 0"));
        assertEquals(SRC + ": mpc.elites: must be <= population (350), got 351", mpcError("elites: 351"));
        assertEquals(SRC + ": mpc.elites: must be <= population (20), got 35", mpcError("population: 20"));
        assertEquals(SRC + ": mpc.iterations: must be an integer in [1, 1000], got 0", mpcError("iterations: 0"));
        assertEquals(SRC + ": mpc.alpha: must be a finite number in [0.0, 1.0), got 1", mpcError("alpha: 1"));
        assertEquals(SRC + ": mpc.particles: must be an integer in [1, 10000], got 0", mpcError("particles: 0"));
        assertEquals(SRC + ": mpc.particles: times population must be at most 16777216 rows per imagined step, got"
                + " 10000 x 2000 = 20000000", mpcError("particles: 10000", "population: 2000"));
        assertEquals(SRC + ": mpc.temperature: must be a finite number in (0.0, 1000000.0], got 0",
                mpcError("temperature: 0"));
        assertEquals(SRC + ": mpc.noise_std: must be a finite number in (0.0, 1000000.0], got -1",
                mpcError("noise_std: -1"));
        assertEquals(SRC + ": mpc.beta: must be a finite number in (0.0, 1.0], got 1.5", mpcError("beta: 1.5"));
        assertEquals(SRC + ": mpc.init_steps: must be an integer in [0, 1000000000], got -1",
                mpcError("init_steps: -1"));
        assertEquals(SRC + ": mpc.retrain_every: is 0 (no training every N steps) and retrain_each_episode is false:"
                + " the model would never be trained; give retrain_every >= 1 or retrain_each_episode: true",
                mpcError("retrain_every: 0"));
        assertEquals(SRC + ": unknown key 'mpc.num_particles' (allowed under mpc: " + MPC_KEYS
                + "); did you mean 'particles'?", mpcError("num_particles: 20"));
        ConfigException e = assertThrows(ConfigException.class, () -> parse(BASE, "mpc.elites=400"));
        assertEquals("mpc.elites", e.key());
        assertEquals("--set mpc.elites=400: mpc.elites: must be <= population (350), got 400", e.getMessage());
        assertEquals("mpc: must be a section, got null (use MpcConfig.defaults())", assertThrows(ConfigException.class,
                () -> new RunConfig("E-v0", Algo.MPC, 0, TrainConfig.defaults(), SacConfig.defaults(),
                        ModelConfig.defaults(), MbpoConfig.defaults(), null, ComputeConfig.defaults(), null))
                .getMessage());
    }

    @Test
    void maxEpisodeStepsIsOptional() {
        assertNull(TrainConfig.defaults().maxEpisodeSteps());
        assertEquals(200, parse(BASE, "train.max_episode_steps=200").train().maxEpisodeSteps());
        assertNull(parse(BASE, "train.max_episode_steps=null").train().maxEpisodeSteps());
        assertEquals("--set train.max_episode_steps=0: train.max_episode_steps: must be an integer in [1, 10000000]"
                + " or null, got 0", assertThrows(ConfigException.class,
                        () -> parse(BASE, "train.max_episode_steps=0")).getMessage());
    }

    @Test
    void theMpcPresetsCarryTheReferenceSettings() {
        for (String planner : List.of("cem", "rs", "mppi")) {
            RunConfig c = ConfigLoader.load(Path.of("configs", "cartpolecontinuous-" + planner + ".yaml"), List.of());
            assertEquals("CartPoleContinuous-v1", c.env());
            assertEquals(Algo.MPC, c.algo());
            assertEquals(planner, c.mpc().toMap().get("planner"));
            assertEquals(15, c.mpc().horizon());
            assertEquals(20, c.mpc().particles());
            assertEquals(200, c.mpc().initSteps());
            assertEquals(50, c.mpc().retrainEvery());
            assertFalse(c.mpc().retrainEachEpisode());
            assertEquals(200, c.train().maxEpisodeSteps());
            assertEquals(3200, c.train().steps());
            assertEquals(0, c.train().evalEpisodes());
            ModelConfig m = c.model();
            assertEquals(7, m.members());
            assertEquals(200, m.hidden());
            assertEquals(4, m.hiddenLayers());
            assertFalse(m.learnedRewards());
            assertEquals(25, m.maxEpochs());
            // the same number of imagined rollouts per action: CEM's 5 x 350
            int perPlan = c.mpc().population() * (c.mpc().planner() == MpcOptions.PlannerKind.RS ? 1
                    : c.mpc().iterations());
            assertEquals(1750, perPlan, planner);
        }
        MpcConfig cem = ConfigLoader.load(Path.of("configs", "cartpolecontinuous-cem.yaml"), List.of()).mpc();
        assertEquals(35, cem.elites());
        assertEquals(0.1, cem.alpha());
    }
}

package org.mbpo4j.run.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The records validate on their own, without the loader. */
class SchemaRecordsTest {
    private static ConfigException error(Executable e) {
        return assertThrows(ConfigException.class, e);
    }

    @Test
    void trainConfigRejectsEachOutOfRangeField() {
        ConfigException e = error(() -> new TrainConfig(0, 250, 5, 250, 1, 3));
        assertEquals("steps", e.key());
        assertNull(e.source());
        assertEquals("steps: must be an integer in [1, 1000000000], got 0", e.getMessage());
        assertEquals("steps: must be an integer in [1, 1000000000], got 1000000001",
                error(() -> new TrainConfig(1_000_000_001L, 250, 5, 250, 1, 3)).getMessage());
        assertEquals("epoch_length: must be an integer in [1, 10000000], got 0",
                error(() -> new TrainConfig(1, 0, 5, 250, 1, 3)).getMessage());
        assertEquals("eval_episodes: must be an integer in [0, 10000], got -1",
                error(() -> new TrainConfig(1, 1, -1, 250, 1, 3)).getMessage());
        assertEquals("log_interval: must be an integer in [1, 10000000], got 10000001",
                error(() -> new TrainConfig(1, 1, 0, 10_000_001, 1, 3)).getMessage());
        assertEquals("checkpoint_every: must be an integer in [1, 1000000], got 0",
                error(() -> new TrainConfig(1, 1, 0, 1, 0, 3)).getMessage());
        assertEquals("keep_checkpoints: must be an integer in [1, 1000], got 1001",
                error(() -> new TrainConfig(1, 1, 0, 1, 1, 1001)).getMessage());
    }

    @Test
    void trainConfigDefaultsAndMap() {
        TrainConfig d = TrainConfig.defaults();
        assertEquals(new TrainConfig(5000, 250, 5, 250, 1, 3), d);
        assertEquals(List.of("steps", "epoch_length", "eval_episodes", "log_interval", "checkpoint_every",
                "keep_checkpoints", "max_episode_steps", "stop_return"), List.copyOf(d.toMap().keySet()));
        assertEquals(5000L, d.toMap().get("steps"));
        assertEquals(0, new TrainConfig(1, 1, 0, 1, 1, 1).evalEpisodes());
        assertEquals(d, TrainConfig.from(ConfigNode.empty()));
    }

    @Test
    void runConfigRejectsBadFields() {
        TrainConfig t = TrainConfig.defaults();
        assertEquals("env: must be a non-blank environment id without surrounding spaces (such as Pendulum-v1), got null",
                error(() -> new RunConfig(null, Algo.RANDOM, 0, t, null)).getMessage());
        assertEquals("env", error(() -> new RunConfig("", Algo.RANDOM, 0, t, null)).key());
        assertEquals("env", error(() -> new RunConfig(" Pendulum-v1", Algo.RANDOM, 0, t, null)).key());
        assertEquals("algo: must be one of: random, sac, mbpo, mpc, got null",
                error(() -> new RunConfig("E-v0", null, 0, t, null)).getMessage());
        assertEquals("seed: must be an integer in [0, 9007199254740992], got 9007199254740993",
                error(() -> new RunConfig("E-v0", Algo.RANDOM, RunConfig.MAX_SEED + 1, t, null)).getMessage());
        assertEquals("seed: must be an integer in [0, 9007199254740992], got -1",
                error(() -> new RunConfig("E-v0", Algo.RANDOM, -1, t, null)).getMessage());
        assertEquals("train", error(() -> new RunConfig("E-v0", Algo.RANDOM, 0, null, null)).key());
        assertEquals("out: must be a non-blank path or null, got \"  \"",
                error(() -> new RunConfig("E-v0", Algo.RANDOM, 0, t, "  ")).getMessage());
    }

    @Test
    void runConfigOfAndMap() {
        RunConfig c = RunConfig.of("Pendulum-v1", Algo.RANDOM);
        assertEquals(new RunConfig("Pendulum-v1", Algo.RANDOM, 0, TrainConfig.defaults(), null), c);
        Map<String, Object> m = c.toMap();
        assertEquals(List.of("env", "env_kwargs", "algo", "seed", "train", "sac", "model", "mbpo", "mpc", "compute", "out"),
                List.copyOf(m.keySet()));
        assertEquals("random", m.get("algo"));
        assertEquals(TrainConfig.defaults().toMap(), m.get("train"));
        assertEquals("random", Algo.RANDOM.yamlName());
    }

    /** A {@link SacConfig} equal to the defaults but for one component, through the canonical constructor. */
    private static SacConfig sacWith(String component, Object value) throws Throwable {
        SacConfig d = SacConfig.defaults();
        java.lang.reflect.RecordComponent[] components = SacConfig.class.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        boolean found = false;
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            found |= components[i].getName().equals(component);
            args[i] = components[i].getName().equals(component) ? value : components[i].getAccessor().invoke(d);
        }
        if (!found) {
            throw new IllegalArgumentException("no component " + component);
        }
        try {
            return SacConfig.class.getDeclaredConstructor(types).newInstance(args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static String sacError(String component, Object value) {
        return assertThrows(ConfigException.class, () -> sacWith(component, value)).getMessage();
    }

    @Test
    void sacConfigRejectsEachOutOfRangeField() throws Throwable {
        assertEquals("hidden: must be a list of 1 to 8 integers in [1, 4096], got null", sacError("hidden", null));
        assertEquals("hidden: must be a list of 1 to 8 integers in [1, 4096], got an empty list",
                sacError("hidden", List.of()));
        assertEquals("hidden[1]: must be an integer in [1, 4096], got 0", sacError("hidden", List.of(256, 0)));
        assertEquals("hidden[0]: must be an integer in [1, 4096], got null",
                sacError("hidden", java.util.Arrays.asList((Integer) null)));
        assertEquals("actor_lr: must be a finite number in (0.0, 1.0], got 0.0", sacError("actorLr", 0.0));
        assertEquals("critic_lr: must be a finite number in (0.0, 1.0], got 1.5", sacError("criticLr", 1.5));
        assertEquals("alpha_lr: must be a finite number in (0.0, 1.0], got .nan", sacError("alphaLr", Double.NaN));
        assertEquals("gamma: must be a finite number in [0.0, 1.0], got -0.1", sacError("gamma", -0.1));
        assertEquals("tau: must be a finite number in (0.0, 1.0], got 0.0", sacError("tau", 0.0));
        assertEquals("batch_size: must be an integer in [1, 65536], got 0", sacError("batchSize", 0));
        assertEquals("buffer_size: must be an integer in [1, 100000000], got 100000001",
                sacError("bufferSize", 100_000_001));
        assertEquals("learning_starts: must be an integer in [0, 1000000000], got -1", sacError("learningStarts", -1L));
        assertEquals("updates_per_step: must be an integer in [1, 1000], got 0", sacError("updatesPerStep", 0));
        assertEquals("target_entropy: must be a finite number, auto or null, got .nan",
                sacError("targetEntropy", Double.NaN));
        assertEquals("init_alpha: must be a finite number in (0.0, 1000000.0], got -1.0", sacError("initAlpha", -1.0));
        assertEquals("log_std_min: must be a finite number, got -.inf",
                sacError("logStdMin", Double.NEGATIVE_INFINITY));
        assertEquals("log_std_max: must be a finite number, got .nan", sacError("logStdMax", Double.NaN));
        ConfigException e = error(() -> sacWith("logStdMin", 2.0));
        assertEquals("log_std_min must be less than log_std_max, got log_std_min 2.0 and log_std_max 2.0",
                e.getMessage());
        assertNull(e.key());
        assertEquals("sac: log_std_min must be less than log_std_max, got log_std_min 2.0 and log_std_max 2.0",
                e.withPrefix("sac").getMessage());
        // Accepted edges.
        assertEquals(1.0, sacWith("tau", 1.0).tau());
        assertEquals(0.0, sacWith("gamma", 0.0).gamma());
        assertNull(sacWith("targetEntropy", null).targetEntropy());
    }

    @Test
    void sacConfigCopiesHidden() throws Throwable {
        List<Integer> layers = new java.util.ArrayList<>(List.of(64, 64));
        SacConfig c = sacWith("hidden", layers);
        layers.set(0, 0);
        assertEquals(List.of(64, 64), c.hidden());
        assertThrows(UnsupportedOperationException.class, () -> c.hidden().add(1));
        assertEquals(SacConfig.defaults(), sacWith("hidden", new java.util.LinkedList<>(List.of(256, 256))));
    }

    @Test
    void prioritizationRejectsEachOutOfRangeField() throws Throwable {
        assertEquals("per_alpha: must be a finite number in [0.0, 1.0], got 1.5",
                error(() -> new SacConfig.Prioritization(true, 1.5, 0.4, null, 1e-6)).getMessage());
        assertEquals("per_beta: must be a finite number in [0.0, 1.0], got -0.5",
                error(() -> new SacConfig.Prioritization(true, 0.6, -0.5, null, 1e-6)).getMessage());
        assertEquals("per_beta_steps: must be an integer in [1, 1000000000] or null, got 0",
                error(() -> new SacConfig.Prioritization(true, 0.6, 0.4, 0, 1e-6)).getMessage());
        assertEquals("per_eps: must be a finite number in (0.0, 1.0], got 0.0",
                error(() -> new SacConfig.Prioritization(true, 0.6, 0.4, null, 0)).getMessage());
        assertEquals("per_eps: must be a finite number in (0.0, 1.0], got .inf",
                error(() -> new SacConfig.Prioritization(false, 0.6, 0.4, null, Double.POSITIVE_INFINITY)).getMessage());
        assertEquals("prioritized_replay: settings must not be null; use Prioritization.off()",
                sacError("prioritization", null));
    }

    @Test
    void sacConfigDefaultsAndMap() {
        SacConfig d = SacConfig.defaults();
        assertEquals(new SacConfig(List.of(256, 256), 3e-4, 3e-4, 3e-4, 0.99, 0.005, 256, 1_000_000, 1000, 1, null, 1.0,
                true, -20, 2), d);
        assertEquals(List.of("hidden", "actor_lr", "critic_lr", "alpha_lr", "gamma", "tau", "batch_size", "buffer_size",
                "learning_starts", "updates_per_step", "target_entropy", "init_alpha", "learn_alpha", "log_std_min",
                "log_std_max", "prioritized_replay", "per_alpha", "per_beta", "per_beta_steps", "per_eps"),
                List.copyOf(d.toMap().keySet()));
        assertEquals(false, d.toMap().get("prioritized_replay"));
        assertNull(d.toMap().get("per_beta_steps"));
        assertEquals(List.of(256, 256), d.toMap().get("hidden"));
        assertNull(d.toMap().get("target_entropy"));
        assertEquals(d, SacConfig.from(ConfigNode.empty()));
    }

    @Test
    void computeConfig() {
        ComputeConfig d = ComputeConfig.defaults();
        assertEquals(new ComputeConfig(ComputeConfig.Backend.AUTO, ComputeConfig.Kernels.AUTO), d);
        assertEquals(Map.of("backend", "auto", "kernels", "auto"), d.toMap());
        assertEquals(List.of("backend", "kernels"), List.copyOf(d.toMap().keySet()));
        assertEquals(d, ComputeConfig.from(ConfigNode.empty()));
        assertEquals("backend: must be one of: auto, cpu, cuda, got null",
                error(() -> new ComputeConfig(null, ComputeConfig.Kernels.CPU)).getMessage());
        assertEquals("kernels: must be one of: auto, cpu, nd4j, got null",
                error(() -> new ComputeConfig(ComputeConfig.Backend.CPU, null)).getMessage());
        assertEquals("cuda", ComputeConfig.Backend.CUDA.yamlName());
        assertEquals("nd4j", ComputeConfig.Kernels.ND4J.yamlName());
    }

    @Test
    void runConfigSections() {
        RunConfig c = RunConfig.of("Pendulum-v1", Algo.SAC);
        assertEquals(SacConfig.defaults(), c.sac());
        assertEquals(ComputeConfig.defaults(), c.compute());
        assertEquals(ModelConfig.defaults(), c.model());
        assertEquals(new RunConfig("Pendulum-v1", Algo.SAC, 0, TrainConfig.defaults(), SacConfig.defaults(),
                ModelConfig.defaults(), MbpoConfig.defaults(), ComputeConfig.defaults(), null), c);
        assertEquals("sac", Algo.SAC.yamlName());
        assertEquals("sac: must be a section, got null (use SacConfig.defaults())", error(() -> new RunConfig("E-v0",
                Algo.SAC, 0, TrainConfig.defaults(), null, ModelConfig.defaults(), MbpoConfig.defaults(), ComputeConfig.defaults(), null))
                .getMessage());
        assertEquals("model: must be a section, got null (use ModelConfig.defaults())", error(() -> new RunConfig("E-v0",
                Algo.SAC, 0, TrainConfig.defaults(), SacConfig.defaults(), null, MbpoConfig.defaults(), ComputeConfig.defaults(), null))
                .getMessage());
        assertEquals("compute: must be a section, got null (use ComputeConfig.defaults())", error(() -> new RunConfig(
                "E-v0", Algo.SAC, 0, TrainConfig.defaults(), SacConfig.defaults(), ModelConfig.defaults(),
                MbpoConfig.defaults(), null, null)).getMessage());
        assertEquals("mbpo: must be a section, got null (use MbpoConfig.defaults())", error(() -> new RunConfig(
                "E-v0", Algo.SAC, 0, TrainConfig.defaults(), SacConfig.defaults(), ModelConfig.defaults(), null,
                ComputeConfig.defaults(), null)).getMessage());
        assertEquals(SacConfig.defaults().toMap(), c.toMap().get("sac"));
        assertEquals(ModelConfig.defaults().toMap(), c.toMap().get("model"));
        assertEquals(ComputeConfig.defaults().toMap(), c.toMap().get("compute"));
        assertEquals("runs/x", c.withOut("runs/x").out());
        RunConfig small = new RunConfig("E-v0", Algo.SAC, 0, TrainConfig.defaults(), SacConfig.defaults(),
                ModelConfig.defaults(), MbpoConfig.defaults(), ComputeConfig.defaults(), null);
        assertEquals(ModelConfig.defaults(), small.withOut("runs/y").model());
    }
}

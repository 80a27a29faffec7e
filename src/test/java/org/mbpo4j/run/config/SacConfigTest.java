package org.mbpo4j.run.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code sac:} and {@code compute:} sections, read through the loader as a user writes them. */
class SacConfigTest {
    private static final String SRC = "configs/sac.yaml";
    private static final String BASE = """
            env: Pendulum-v1
            algo: sac
            sac:
            """;
    private static final String SAC_KEYS = "hidden, actor_lr, critic_lr, alpha_lr, gamma, tau, batch_size, buffer_size,"
            + " learning_starts, updates_per_step, target_entropy, init_alpha, learn_alpha, log_std_min, log_std_max,"
            + " prioritized_replay, per_alpha, per_beta, per_beta_steps, per_eps";

    /** The {@code sac:} section read from {@code lines} (each "key: value"). */
    private static SacConfig sac(String... lines) {
        return parse(BASE + indent(lines)).sac();
    }

    private static String sacError(String... lines) {
        return error(BASE + indent(lines));
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

    private static String error(String yaml, String... overrides) {
        return assertThrows(ConfigException.class, () -> parse(yaml, overrides)).getMessage();
    }

    // ---- the section as a whole ---------------------------------------------------------

    @Test
    void absentOrEmptySectionMeansDefaults() {
        SacConfig d = SacConfig.defaults();
        assertEquals(d, parse("env: Pendulum-v1\nalgo: sac\n").sac());
        assertEquals(d, sac());
        assertEquals(List.of(256, 256), d.hidden());
        assertEquals(3e-4, d.actorLr());
        assertEquals(0.99, d.gamma());
        assertEquals(1_000_000, d.bufferSize());
        assertNull(d.targetEntropy());
        assertTrue(d.learnAlpha());
        assertEquals(ComputeConfig.defaults(), parse("env: Pendulum-v1\nalgo: sac\n").compute());
    }

    @Test
    void readsEveryKey() {
        SacConfig c = sac("hidden: [64, 32, 16]", "actor_lr: 1e-3", "critic_lr: 2e-3", "alpha_lr: 1", "gamma: 0",
                "tau: 1", "batch_size: 65536", "buffer_size: 1e8", "learning_starts: 0", "updates_per_step: 20",
                "target_entropy: -1.5", "init_alpha: 0.2", "learn_alpha: false", "log_std_min: -5", "log_std_max: 0.5");
        assertEquals(new SacConfig(List.of(64, 32, 16), 1e-3, 2e-3, 1.0, 0.0, 1.0, 65536, 100_000_000, 0, 20, -1.5,
                0.2, false, -5, 0.5), c);
    }

    @Test
    void unknownKeyListsTheSectionsKeys() {
        assertEquals(SRC + ": unknown key 'sac.hiden' (allowed under sac: " + SAC_KEYS + "); did you mean 'hidden'?",
                sacError("hiden: [64]"));
        assertEquals(SRC + ": unknown key 'sac.actorLr' (allowed under sac: " + SAC_KEYS + "); did you mean 'actor_lr'?",
                sacError("actorLr: 0.1"));
    }

    @Test
    void scalarForSection() {
        assertEquals(SRC + ": sac: must be a mapping (a section of keys), got 5",
                error("env: Pendulum-v1\nalgo: sac\nsac: 5\n"));
    }

    // ---- hidden -------------------------------------------------------------------------

    @Test
    void hiddenHappyPaths() {
        assertEquals(List.of(1), sac("hidden: [1]").hidden());
        assertEquals(List.of(4096, 4096, 4096, 4096, 4096, 4096, 4096, 4096), sac("hidden: [" + "4096, ".repeat(7) + "4096]").hidden());
        assertEquals(List.of(1000, 5), sac("hidden: [1e3, 5.0]").hidden());
        assertEquals(List.of(64, 64), sac("hidden:", "- 64", "- 64").hidden());
    }

    @Test
    void hiddenWrongTypes() {
        String must = SRC + ": sac.hidden: must be a list of 1 to 8 integers in [1, 4096], got ";
        assertEquals(must + "256", sacError("hidden: 256"));
        assertEquals(must + "\"256, 256\"", sacError("hidden: 256, 256"));
        assertEquals(must + "null", sacError("hidden: null"));
        assertEquals(must + "a mapping {a: 1}", sacError("hidden: {a: 1}"));
        assertEquals(SRC + ": sac.hidden[1]: must be an integer in [1, 4096], got \"abc\"", sacError("hidden: [64, abc]"));
        assertEquals(SRC + ": sac.hidden[0]: must be an integer in [1, 4096], got 64.5", sacError("hidden: [64.5]"));
        assertEquals(SRC + ": sac.hidden[0]: must be an integer in [1, 4096], got a list [64]", sacError("hidden: [[64]]"));
        assertEquals(SRC + ": sac.hidden[2]: must be an integer in [1, 4096], got null", sacError("hidden: [1, 2, null]"));
    }

    @Test
    void hiddenOutOfRange() {
        assertEquals(SRC + ": sac.hidden[1]: must be an integer in [1, 4096], got 0", sacError("hidden: [256, 0]"));
        assertEquals(SRC + ": sac.hidden[0]: must be an integer in [1, 4096], got 4097", sacError("hidden: [4097]"));
        assertEquals(SRC + ": sac.hidden: must be a list of 1 to 8 integers in [1, 4096], got an empty list",
                sacError("hidden: []"));
        assertEquals(SRC + ": sac.hidden: must be a list of 1 to 8 integers in [1, 4096], got a list of 9 entries",
                sacError("hidden: [1, 2, 3, 4, 5, 6, 7, 8, 9]"));
    }

    // ---- learning rates, gamma, tau, init_alpha -------------------------------------------------

    @Test
    void learningRates() {
        for (String key : List.of("actor_lr", "critic_lr", "alpha_lr")) {
            String must = SRC + ": sac." + key + ": must be a finite number in (0.0, 1.0], got ";
            SacConfig c = sac(key + ": 0.01");
            assertEquals(0.01, key.equals("actor_lr") ? c.actorLr() : key.equals("critic_lr") ? c.criticLr() : c.alphaLr());
            assertEquals(must + "\"fast\"", sacError(key + ": fast"), key);
            assertEquals(must + "\"3e-4\"", sacError(key + ": '3e-4'"), key);
            assertEquals(must + "true", sacError(key + ": true"), key);
            assertEquals(must + "0", sacError(key + ": 0"), key);
            assertEquals(must + "0.0", sacError(key + ": 0.0"), key);
            assertEquals(must + "-0.001", sacError(key + ": -1e-3"), key);
            assertEquals(must + "1.5", sacError(key + ": 1.5"), key);
            assertEquals(must + ".nan", sacError(key + ": .nan"), key);
        }
        assertEquals(1.0, sac("actor_lr: 1").actorLr());
        assertEquals(Double.MIN_VALUE, sac("critic_lr: 4.9e-324").criticLr());
    }

    @Test
    void gammaIsClosedTauIsOpenBelow() {
        assertEquals(0.0, sac("gamma: 0").gamma());
        assertEquals(1.0, sac("gamma: 1").gamma());
        assertEquals(SRC + ": sac.gamma: must be a finite number in [0.0, 1.0], got 1.01", sacError("gamma: 1.01"));
        assertEquals(SRC + ": sac.gamma: must be a finite number in [0.0, 1.0], got -0.5", sacError("gamma: -0.5"));
        assertEquals(SRC + ": sac.gamma: must be a finite number in [0.0, 1.0], got \"high\"", sacError("gamma: high"));
        assertEquals(1.0, sac("tau: 1").tau());
        assertEquals(0.02, sac("tau: 0.02").tau());
        assertEquals(SRC + ": sac.tau: must be a finite number in (0.0, 1.0], got 0", sacError("tau: 0"));
        assertEquals(SRC + ": sac.tau: must be a finite number in (0.0, 1.0], got 2", sacError("tau: 2"));
        assertEquals(SRC + ": sac.tau: must be a finite number in (0.0, 1.0], got a list [0.1]", sacError("tau: [0.1]"));
    }

    @Test
    void initAlpha() {
        assertEquals(0.2, sac("init_alpha: 0.2").initAlpha());
        assertEquals(1e6, sac("init_alpha: 1e6").initAlpha());
        String must = SRC + ": sac.init_alpha: must be a finite number in (0.0, 1000000.0], got ";
        assertEquals(must + "0", sacError("init_alpha: 0"));
        assertEquals(must + "1000001", sacError("init_alpha: 1000001"));
        assertEquals(must + ".inf", sacError("init_alpha: .inf"));
        assertEquals(must + "\"auto\"", sacError("init_alpha: auto"));
    }

    // ---- integers ---------------------------------------------------------------------------

    @Test
    void aBatchMustFitInTheBuffer() {
        assertEquals(100, sac("batch_size: 100", "buffer_size: 100").batchSize());
        assertEquals(SRC + ": sac.batch_size: must be <= buffer_size (100): a batch is drawn from the replay buffer,"
                + " got 512", sacError("batch_size: 512", "buffer_size: 100"));
        // The default batch (256) against an overridden buffer: the override is named with the file.
        assertEquals(SRC + " with --set sac.buffer_size=100: sac.batch_size: must be <= buffer_size (100): a batch"
                + " is drawn from the replay buffer, got 256", error(BASE + "  tau: 0.01\n", "sac.buffer_size=100"));
        assertEquals("--set sac.batch_size=512: sac.batch_size: must be <= buffer_size (100): a batch is drawn from"
                + " the replay buffer, got 512", error(BASE + "  buffer_size: 100\n  batch_size: 64\n",
                "sac.batch_size=512"));
    }

    @Test
    void integerKeys() {
        assertEquals(1, sac("batch_size: 1").batchSize());
        assertEquals(SRC + ": sac.batch_size: must be an integer in [1, 65536], got 65537", sacError("batch_size: 65537"));
        assertEquals(SRC + ": sac.batch_size: must be an integer in [1, 65536], got 2.5", sacError("batch_size: 2.5"));
        assertEquals(1, sac("batch_size: 1", "buffer_size: 1").bufferSize());
        assertEquals(SRC + ": sac.buffer_size: must be an integer in [1, 100000000], got 0", sacError("buffer_size: 0"));
        assertEquals(SRC + ": sac.buffer_size: must be an integer in [1, 100000000], got 100000001",
                sacError("buffer_size: 100000001"));
        assertEquals(SRC + ": sac.buffer_size: must be an integer in [1, 100000000], got \"1M\"", sacError("buffer_size: 1M"));
        assertEquals(1_000_000_000L, sac("learning_starts: 1e9").learningStarts());
        assertEquals(SRC + ": sac.learning_starts: must be an integer in [0, 1000000000], got -1",
                sacError("learning_starts: -1"));
        assertEquals(SRC + ": sac.learning_starts: must be an integer in [0, 1000000000], got true",
                sacError("learning_starts: true"));
        assertEquals(1000, sac("updates_per_step: 1000").updatesPerStep());
        assertEquals(SRC + ": sac.updates_per_step: must be an integer in [1, 1000], got 1001",
                sacError("updates_per_step: 1001"));
        assertEquals(SRC + ": sac.updates_per_step: must be an integer in [1, 1000], got 0", sacError("updates_per_step: 0"));
        assertEquals(SRC + ": sac.updates_per_step: must be an integer in [1, 1000], got null",
                sacError("updates_per_step: null"));
    }

    // ---- prioritized replay -----------------------------------------------------------------

    @Test
    void prioritizedReplayIsOffByDefaultWithThePapersSettings() {
        SacConfig.Prioritization p = SacConfig.defaults().prioritization();
        assertEquals(new SacConfig.Prioritization(false, 0.6, 0.4, null, 1e-6), p);
        assertEquals(p, sac().prioritization());
        assertEquals(0, p.betaStepsOrZero());
    }

    @Test
    void prioritizedReplayKeys() {
        SacConfig c = sac("prioritized_replay: true", "per_alpha: 0.7", "per_beta: 0.5", "per_beta_steps: 1e5",
                "per_eps: 0.01");
        assertEquals(new SacConfig.Prioritization(true, 0.7, 0.5, 100_000, 0.01), c.prioritization());
        assertEquals(100_000, c.prioritization().betaStepsOrZero());
        assertEquals(SacConfig.defaults().prioritization().on(), sac("prioritized_replay: true").prioritization());
        assertEquals(new SacConfig.Prioritization(true, 0, 1, 1, 1), sac("prioritized_replay: true", "per_alpha: 0",
                "per_beta: 1", "per_beta_steps: 1", "per_eps: 1").prioritization());
        assertNull(sac("per_beta_steps: null").prioritization().betaSteps());
        assertFalse(sac("per_alpha: 0.9").prioritization().enabled(), "settings alone do not switch it on");
        SacConfig.Prioritization on = c.prioritization();
        assertEquals(on, c.withSchedule(5, 7).prioritization(), "MBPO's schedule keeps the prioritization");
        assertEquals(5, c.withSchedule(5, 7).learningStarts());
        assertEquals(7, c.withSchedule(5, 7).updatesPerStep());
    }

    @Test
    void prioritizedReplayValidation() {
        assertEquals(SRC + ": sac.per_alpha: must be a finite number in [0.0, 1.0], got 1.5", sacError("per_alpha: 1.5"));
        assertEquals(SRC + ": sac.per_alpha: must be a finite number in [0.0, 1.0], got -0.1",
                sacError("per_alpha: -0.1"));
        assertEquals(SRC + ": sac.per_beta: must be a finite number in [0.0, 1.0], got 1.01", sacError("per_beta: 1.01"));
        assertEquals(SRC + ": sac.per_beta: must be a finite number in [0.0, 1.0], got .nan", sacError("per_beta: .nan"));
        assertEquals(SRC + ": sac.per_eps: must be a finite number in (0.0, 1.0], got 0", sacError("per_eps: 0"));
        assertEquals(SRC + ": sac.per_eps: must be a finite number in (0.0, 1.0], got 2", sacError("per_eps: 2"));
        assertEquals(SRC + ": sac.per_beta_steps: must be an integer in [1, 1000000000] or null, got 0",
                sacError("per_beta_steps: 0"));
        assertEquals(SRC + ": sac.per_beta_steps: must be an integer in [1, 1000000000] or null, got 2.5",
                sacError("per_beta_steps: 2.5"));
        assertEquals(SRC + ": sac.prioritized_replay: must be true or false, got \"yes please\"",
                sacError("prioritized_replay: yes please"));
        assertEquals(SRC + ": sac.prioritized_replay: must be true or false, got 1", sacError("prioritized_replay: 1"));
        assertEquals(SRC + ": unknown key 'sac.per_alfa' (allowed under sac: " + SAC_KEYS + "); did you mean"
                + " 'per_alpha'?", sacError("per_alfa: 0.5"));
        assertEquals("--set sac.per_beta=2: sac.per_beta: must be a finite number in [0.0, 1.0], got 2",
                error(BASE, "sac.per_beta=2"));
    }

    @Test
    void prioritizedReplayRoundTripsThroughTheResolvedYaml() {
        RunConfig c = parse(BASE + indent("prioritized_replay: true", "per_alpha: 0.5", "per_beta_steps: 20000"));
        String yaml = ConfigLoader.toYaml(c);
        assertTrue(yaml.contains("  prioritized_replay: true\n  per_alpha: 0.5\n  per_beta: 0.4\n"
                + "  per_beta_steps: 20000\n  per_eps: 1.0E-6\n"), yaml);
        assertEquals(c, parse(yaml));
    }

    // ---- target_entropy, learn_alpha, log_std bounds --------------------------------------------

    @Test
    void targetEntropyIsANumberOrAuto() {
        assertEquals(-1.5, sac("target_entropy: -1.5").targetEntropy());
        assertEquals(3.0, sac("target_entropy: 3").targetEntropy());
        assertNull(sac("target_entropy: auto").targetEntropy());
        assertNull(sac("target_entropy: AUTO").targetEntropy());
        assertNull(sac("target_entropy: null").targetEntropy());
        assertNull(sac("target_entropy:").targetEntropy());
        String must = SRC + ": sac.target_entropy: must be a finite number, auto or null, got ";
        assertEquals(must + "\"high\"", sacError("target_entropy: high"));
        assertEquals(must + "true", sacError("target_entropy: true"));
        assertEquals(must + "-.inf", sacError("target_entropy: -.inf"));
        assertEquals(must + "a list [-1]", sacError("target_entropy: [-1]"));
    }

    @Test
    void targetEntropyForAnActionSpace() {
        assertEquals(-3.0, SacConfig.defaults().targetEntropyFor(3));
        assertEquals(-1.5, sac("target_entropy: -1.5").targetEntropyFor(3));
        assertThrows(IllegalArgumentException.class, () -> SacConfig.defaults().targetEntropyFor(0));
    }

    @Test
    void learnAlpha() {
        assertFalse(sac("learn_alpha: false").learnAlpha());
        assertTrue(sac("learn_alpha: true").learnAlpha());
        assertEquals(SRC + ": sac.learn_alpha: must be true or false, got \"yes\"", sacError("learn_alpha: yes"));
        assertEquals(SRC + ": sac.learn_alpha: must be true or false, got 0", sacError("learn_alpha: 0"));
    }

    @Test
    void logStdBounds() {
        SacConfig c = sac("log_std_min: -5", "log_std_max: 0.5");
        assertEquals(-5.0, c.logStdMin());
        assertEquals(0.5, c.logStdMax());
        assertEquals(SRC + ": sac.log_std_min: must be a finite number, got \"low\"", sacError("log_std_min: low"));
        assertEquals(SRC + ": sac.log_std_max: must be a finite number, got .inf", sacError("log_std_max: .inf"));
        assertEquals(SRC + ": sac: log_std_min must be less than log_std_max, got log_std_min 2.0 and log_std_max 2.0",
                sacError("log_std_min: 2"));
        assertEquals(SRC + ": sac: log_std_min must be less than log_std_max, got log_std_min 1.0 and log_std_max -1.0",
                sacError("log_std_min: 1", "log_std_max: -1"));
        ConfigException e = assertThrows(ConfigException.class, () -> parse(BASE + "  log_std_min: 2\n"));
        assertEquals("sac", e.key());
    }

    // ---- overrides ----------------------------------------------------------------------------

    @Test
    void overrides() {
        RunConfig c = parse(BASE, "sac.hidden=[64,64]", "sac.actor_lr=1e-3", "sac.target_entropy=auto",
                "compute.kernels=nd4j", "algo=random");
        assertEquals(List.of(64, 64), c.sac().hidden());
        assertEquals(1e-3, c.sac().actorLr());
        assertNull(c.sac().targetEntropy());
        assertEquals(ComputeConfig.Kernels.ND4J, c.compute().kernels());
        assertEquals(Algo.RANDOM, c.algo());
        assertEquals(List.of(32), parse("env: E-v0\nalgo: sac\n", "sac.hidden=[32]").sac().hidden());
    }

    @Test
    void overrideErrorsNameTheOverride() {
        assertEquals("--set sac.hidden=[64,0]: sac.hidden[1]: must be an integer in [1, 4096], got 0",
                error(BASE, "sac.hidden=[64,0]"));
        assertEquals("--set sac.hidden=64: sac.hidden: must be a list of 1 to 8 integers in [1, 4096], got 64",
                error(BASE, "sac.hidden=64"));
        assertEquals("--set sac.log_std_max=-30: sac: log_std_min must be less than log_std_max,"
                + " got log_std_min -20.0 and log_std_max -30.0", error(BASE, "sac.log_std_max=-30"));
        assertEquals("--set compute.kernels=gpu: compute.kernels: must be one of: auto, cpu, nd4j, got \"gpu\"",
                error(BASE, "compute.kernels=gpu"));
        assertEquals("--set compute.backend=gpu: compute.backend: must be one of: auto, cpu, cuda, got \"gpu\"",
                error(BASE, "compute.backend=gpu"));
        // An error in the file is still the file's, whatever else was overridden.
        assertEquals(SRC + ": sac.tau: must be a finite number in (0.0, 1.0], got 0",
                error(BASE + "  tau: 0\n", "sac.hidden=[8]"));
    }

    // ---- compute ------------------------------------------------------------------------------

    @Test
    void compute() {
        String base = "env: Pendulum-v1\nalgo: sac\ncompute:\n";
        ComputeConfig c = parse(base + "  backend: cuda\n  kernels: nd4j\n").compute();
        assertEquals(new ComputeConfig(ComputeConfig.Backend.CUDA, ComputeConfig.Kernels.ND4J), c);
        assertEquals(ComputeConfig.Backend.CPU, parse(base + "  backend: CPU\n").compute().backend());
        assertEquals(ComputeConfig.Kernels.CPU, parse(base + "  kernels: cpu\n").compute().kernels());
        assertEquals(ComputeConfig.defaults(), parse(base).compute());
        assertEquals(SRC + ": compute.backend: must be one of: auto, cpu, cuda, got \"gpu\"", error(base + "  backend: gpu\n"));
        assertEquals(SRC + ": compute.backend: must be one of: auto, cpu, cuda, got null", error(base + "  backend: null\n"));
        assertEquals(SRC + ": compute.kernels: must be one of: auto, cpu, nd4j, got 1", error(base + "  kernels: 1\n"));
        assertEquals(SRC + ": compute.kernels: must be one of: auto, cpu, nd4j, got true", error(base + "  kernels: true\n"));
        assertEquals(SRC + ": unknown key 'compute.kernel' (allowed under compute: backend, kernels); did you mean 'kernels'?",
                error(base + "  kernel: cpu\n"));
        assertEquals(SRC + ": compute: must be a mapping (a section of keys), got \"cuda\"",
                error("env: Pendulum-v1\nalgo: sac\ncompute: cuda\n"));
    }

    // ---- writing back -------------------------------------------------------------------

    @Test
    void toYamlRoundTripsNonDefaultValues() {
        SacConfig sac = new SacConfig(List.of(400, 300, 7), 1e-3, 7.3e-4, 0.5, 0.98, 0.02, 512, 300_000, 10_000, 4,
                -2.5, 0.1, false, -10, 1.5);
        RunConfig c = new RunConfig("Pendulum-v1", Algo.SAC, 42, new TrainConfig(20_000, 1000, 10, 1000, 5, 2), sac,
                ModelConfig.defaults(), MbpoConfig.defaults(), new ComputeConfig(ComputeConfig.Backend.CUDA, ComputeConfig.Kernels.CPU), "runs/sac");
        String yaml = ConfigLoader.toYaml(c);
        assertEquals(c, parse(yaml));
        assertTrue(yaml.contains("algo: sac\n"), yaml);
        RunConfig auto = RunConfig.of("Pendulum-v1", Algo.SAC);
        assertEquals(auto, parse(ConfigLoader.toYaml(auto)));
        RunConfig tiny = new RunConfig("E-v0", Algo.SAC, 0, TrainConfig.defaults(), new SacConfig(List.of(1), 4.9e-324,
                1e-300, 1, 0, 1, 1, 1, 0, 1, 1e300, 1e6, true, -1e300, 1e300), ModelConfig.defaults(), MbpoConfig.defaults(), ComputeConfig.defaults(),
                null);
        assertEquals(tiny, parse(ConfigLoader.toYaml(tiny)));
    }

    @Test
    void withOutReplacesOnlyTheRunDirectory() {
        RunConfig c = parse(BASE + "  hidden: [8]\ncompute:\n  backend: cpu\nout: runs/a\n");
        RunConfig d = c.withOut("runs/b");
        assertEquals("runs/b", d.out());
        assertEquals(c, d.withOut("runs/a"));
        assertEquals(List.of(8), d.sac().hidden());
        assertEquals(ComputeConfig.Backend.CPU, d.compute().backend());
        assertNull(c.withOut(null).out());
        assertEquals("out: must be a non-blank path or null, got \"\"",
                assertThrows(ConfigException.class, () -> c.withOut("")).getMessage());
    }
}

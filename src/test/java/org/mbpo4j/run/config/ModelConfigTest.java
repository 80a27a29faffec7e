package org.mbpo4j.run.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mbpo4j.model.Propagation;

/** The {@code model:} section, read through the loader as a user writes it, and the record on its own. */
class ModelConfigTest {
    private static final String SRC = "configs/mbpo.yaml";
    private static final String BASE = """
            env: Pendulum-v1
            algo: random
            model:
            """;
    private static final String MODEL_KEYS = "members, elites, hidden, hidden_layers, weight_decay, learn_logvar_bounds,"
            + " lr, batch_size, holdout_ratio, max_holdout, patience, min_improvement, max_epochs, max_seconds,"
            + " learned_rewards, normalize_targets, absolute_dims, propagation, deterministic, rollout_chunk, train_every,"
            + " diagnostics_every, diagnostic_horizon, prioritized";
    private static final List<Double> MBPO_DECAY = List.of(2.5e-5, 5e-5, 7.5e-5, 7.5e-5, 1e-4);

    /** The {@code model:} section read from {@code lines} (each "key: value"). */
    private static ModelConfig model(String... lines) {
        return parse(BASE + indent(lines)).model();
    }

    private static String modelError(String... lines) {
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

    /** A {@link ModelConfig} equal to the defaults but for one component, through the canonical constructor. */
    private static ModelConfig with(String component, Object value) throws Throwable {
        ModelConfig d = ModelConfig.defaults();
        RecordComponent[] components = ModelConfig.class.getRecordComponents();
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
            return ModelConfig.class.getDeclaredConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static String recordError(String component, Object value) {
        return assertThrows(ConfigException.class, () -> with(component, value)).getMessage();
    }

    // ---- defaults and the section as a whole ------------------------------------------------

    @Test
    void defaultsAreMbpos() {
        ModelConfig d = ModelConfig.defaults();
        assertEquals(7, d.members());
        assertEquals(5, d.elites());
        assertEquals(200, d.hidden());
        assertEquals(4, d.hiddenLayers());
        assertEquals(MBPO_DECAY, d.weightDecay());
        assertTrue(d.learnLogvarBounds());
        assertEquals(1e-3, d.lr());
        assertEquals(256, d.batchSize());
        assertEquals(0.2, d.holdoutRatio());
        assertEquals(5000, d.maxHoldout());
        assertEquals(5, d.patience());
        assertEquals(0.01, d.minImprovement());
        assertNull(d.maxEpochs());
        assertNull(d.maxSeconds());
        assertTrue(d.learnedRewards());
        assertEquals(List.of(), d.absoluteDims());
        assertEquals(Propagation.RANDOM_ELITE, d.propagation());
        assertFalse(d.deterministic());
        assertEquals(4096, d.rolloutChunk());
        assertEquals(250, d.trainEvery());
        assertEquals(1, d.diagnosticsEvery());
        assertEquals(20, d.diagnosticHorizon());
        assertFalse(d.prioritized());
        assertArrayEquals(new double[] {2.5e-5, 5e-5, 7.5e-5, 7.5e-5, 1e-4}, d.weightDecayPerLayer());
    }

    @Test
    void absentOrEmptySectionMeansDefaults() {
        ModelConfig d = ModelConfig.defaults();
        assertEquals(d, parse("env: Pendulum-v1\nalgo: random\n").model());
        assertEquals(d, model());
        assertEquals(d, ModelConfig.from(ConfigNode.empty()));
        assertEquals(d, RunConfig.of("Pendulum-v1", Algo.SAC).model());
        assertEquals(d, model("hidden_layers: 4"));
    }

    @Test
    void prioritizedMinibatchesAreOptIn() {
        assertTrue(model("prioritized: true").prioritized());
        assertFalse(model("prioritized: false").prioritized());
        assertEquals(ModelConfig.defaults().withPrioritized(true), model("prioritized: true"));
        assertEquals(SRC + ": model.prioritized: must be true or false, got \"yes\"", modelError("prioritized: 'yes'"));
        assertEquals(SRC + ": model.prioritized: must be true or false, got null", modelError("prioritized: null"));
        RunConfig c = parse(BASE + indent("prioritized: true"));
        String yaml = ConfigLoader.toYaml(c);
        assertTrue(yaml.contains("  prioritized: true\n"), yaml);
        assertEquals(c, parse(yaml));
    }

    @Test
    void toMapInSchemaOrder() {
        ModelConfig d = ModelConfig.defaults();
        assertEquals(List.of(MODEL_KEYS.split(", ")), List.copyOf(d.toMap().keySet()));
        assertEquals("random_elite", d.toMap().get("propagation"));
        assertEquals(MBPO_DECAY, d.toMap().get("weight_decay"));
        assertTrue(d.toMap().containsKey("max_epochs"));
        assertNull(d.toMap().get("max_epochs"));
    }

    @Test
    void fullSectionRoundTrips() {
        ModelConfig m = model("members: 10", "elites: 10", "hidden: 64", "hidden_layers: 2",
                "weight_decay: [1e-5, 0, 1]", "learn_logvar_bounds: false", "lr: 3e-4", "batch_size: 32",
                "holdout_ratio: 0.9", "max_holdout: 1e7", "patience: 0", "min_improvement: 0",
                "max_epochs: 1000000", "max_seconds: 12.5", "learned_rewards: false", "normalize_targets: false",
                "absolute_dims: [3, 0, 10000]",
                "propagation: fixed_member", "deterministic: true", "rollout_chunk: 1", "train_every: 1000",
                "diagnostics_every: 0", "diagnostic_horizon: 1000");
        ModelConfig expected = new ModelConfig(10, 10, 64, 2, List.of(1e-5, 0.0, 1.0), false, 3e-4, 32, 0.9,
                10_000_000, 0, 0.0, 1_000_000, 12.5, false, false, List.of(3, 0, 10_000), Propagation.FIXED_MEMBER, true,
                1, 1000, 0, 1000);
        assertEquals(expected, m);
        RunConfig c = new RunConfig("Pendulum-v1", Algo.SAC, 3, TrainConfig.defaults(), SacConfig.defaults(), m, MbpoConfig.defaults(),
                ComputeConfig.defaults(), "runs/m");
        String yaml = ConfigLoader.toYaml(c);
        assertTrue(yaml.contains("\nmodel:\n  members: 10\n"), yaml);
        assertTrue(yaml.contains("  propagation: fixed_member\n"), yaml);
        RunConfig back = parse(yaml);
        assertEquals(c, back);
        assertEquals(m.toMap(), back.model().toMap());
        // And the defaults, with their empty list and null caps.
        RunConfig d = RunConfig.of("Pendulum-v1", Algo.SAC);
        String defaultsYaml = ConfigLoader.toYaml(d);
        assertTrue(defaultsYaml.contains("  absolute_dims: []\n"), defaultsYaml);
        assertTrue(defaultsYaml.contains("  max_epochs: null\n"), defaultsYaml);
        assertEquals(d, parse(defaultsYaml));
        // A single weight-decay value survives the trip as one value.
        ModelConfig one = model("hidden_layers: 7", "weight_decay: [0.5]", "propagation: ELITE_MEAN");
        RunConfig c1 = c.withOut(null);
        RunConfig withOne = new RunConfig(c1.env(), c1.algo(), c1.seed(), c1.train(), c1.sac(), one, c1.mbpo(), c1.compute(), null);
        assertEquals(withOne, parse(ConfigLoader.toYaml(withOne)));
    }

    @Test
    void unknownKeyListsTheSectionsKeysAndSuggests() {
        assertEquals(SRC + ": unknown key 'model.elite' (allowed under model: " + MODEL_KEYS + "); did you mean 'elites'?",
                modelError("elite: 5"));
        assertEquals(SRC + ": unknown key 'model.hiddenLayers' (allowed under model: " + MODEL_KEYS
                + "); did you mean 'hidden_layers'?", modelError("hiddenLayers: 2", "weight_decay: [0.1]"));
        assertEquals(SRC + ": unknown key 'model.ensemble_size' (allowed under model: " + MODEL_KEYS + ")",
                modelError("ensemble_size: 7"));
        assertEquals(SRC + ": model: must be a mapping (a section of keys), got 7",
                error("env: Pendulum-v1\nalgo: random\nmodel: 7\n"));
    }

    // ---- members and elites -------------------------------------------------------------------

    @Test
    void membersAndElites() {
        assertEquals(1, model("members: 1", "elites: 1").members());
        assertEquals(100, model("members: 100").members());
        assertEquals(SRC + ": model.members: must be an integer in [1, 100], got 0", modelError("members: 0"));
        assertEquals(SRC + ": model.members: must be an integer in [1, 100], got 101", modelError("members: 101"));
        assertEquals(SRC + ": model.elites: must be an integer in [1, 100], got 0", modelError("elites: 0"));
        assertEquals(SRC + ": model.elites: must be <= members (7), got 8", modelError("elites: 8"));
        assertEquals(SRC + ": model.elites: must be <= members (3), got 5", modelError("members: 3"));
        ConfigException e = assertThrows(ConfigException.class, () -> parse(BASE + "  elites: 8\n"));
        assertEquals("model.elites", e.key());
        assertEquals("elites: must be <= members (7), got 8", recordError("elites", 8));
    }

    // ---- hidden, hidden_layers and weight_decay ------------------------------------------------

    @Test
    void hiddenAndLayers() {
        assertEquals(4096, model("hidden: 4096").hidden());
        assertEquals(SRC + ": model.hidden: must be an integer in [1, 4096], got 4097", modelError("hidden: 4097"));
        assertEquals(SRC + ": model.hidden: must be an integer in [1, 4096], got a list [200, 200]",
                modelError("hidden: [200, 200]"));
        assertEquals(16, model("hidden_layers: 16", "weight_decay: [1e-4]").hiddenLayers());
        assertEquals(SRC + ": model.hidden_layers: must be an integer in [1, 16], got 17",
                modelError("hidden_layers: 17"));
        assertEquals(SRC + ": model.hidden_layers: must be an integer in [1, 16], got 0", modelError("hidden_layers: 0"));
    }

    @Test
    void otherHiddenLayersNeedTheirOwnWeightDecay() {
        String msg = modelError("hidden_layers: 3");
        assertEquals(SRC + ": model.weight_decay: must be given when hidden_layers is not 4 (it is 3): MBPO's five"
                + " defaults fit 4 hidden layers, so give hidden_layers + 1 = 4 values (output layer last) or one value"
                + " for all layers", msg);
        ConfigException e = assertThrows(ConfigException.class, () -> parse(BASE + "  hidden_layers: 3\n"));
        assertEquals("model.weight_decay", e.key());
        ModelConfig m = model("hidden_layers: 3", "weight_decay: [1e-5, 2e-5, 3e-5, 4e-5]");
        assertEquals(List.of(1e-5, 2e-5, 3e-5, 4e-5), m.weightDecay());
        assertArrayEquals(new double[] {1e-5, 2e-5, 3e-5, 4e-5}, m.weightDecayPerLayer());
        // Through an override as well.
        assertTrue(error(BASE, "model.hidden_layers=2").contains("model.weight_decay: must be given when hidden_layers"
                + " is not 4 (it is 2)"));
        assertEquals(2, parse(BASE, "model.hidden_layers=2", "model.weight_decay=[0.001]").model().hiddenLayers());
    }

    @Test
    void oneWeightDecayValueExpandsToEveryLayer() {
        ModelConfig m = model("hidden_layers: 2", "weight_decay: [1e-4]");
        assertEquals(List.of(1e-4), m.weightDecay());
        assertArrayEquals(new double[] {1e-4, 1e-4, 1e-4}, m.weightDecayPerLayer());
        ModelConfig four = model("weight_decay: [0]");
        assertArrayEquals(new double[5], four.weightDecayPerLayer());
        double[] a = four.weightDecayPerLayer();
        a[0] = 1;
        assertNotSame(a, four.weightDecayPerLayer());
        assertEquals(0.0, four.weightDecayPerLayer()[0]);
        // YAML integers are numbers too.
        assertEquals(List.of(0.0, 1.0, 0.0, 1.0, 0.5), model("weight_decay: [0, 1, 0, 1, 0.5]").weightDecay());
    }

    @Test
    void weightDecayErrors() {
        String must = SRC + ": model.weight_decay: must be a list of 1 to 17 finite numbers in [0.0, 1.0], got ";
        assertEquals(must + "0.001", modelError("weight_decay: 1e-3"));
        assertEquals(must + "null", modelError("weight_decay: null"));
        assertEquals(must + "an empty list", modelError("weight_decay: []"));
        assertEquals(must + "a list of 18 entries", modelError("weight_decay: [" + "0, ".repeat(17) + "0]"));
        assertEquals(SRC + ": model.weight_decay: must have 1 entry (one coefficient for every layer) or"
                + " hidden_layers + 1 = 5 entries (one per layer, output layer last), got a list of 3 entries",
                modelError("weight_decay: [1e-5, 2e-5, 3e-5]"));
        assertEquals(SRC + ": model.weight_decay: must have 1 entry (one coefficient for every layer) or"
                + " hidden_layers + 1 = 3 entries (one per layer, output layer last), got a list of 5 entries",
                modelError("hidden_layers: 2", "weight_decay: [0, 0, 0, 0, 0]"));
        String entry = SRC + ": model.weight_decay[%d]: must be a finite number in [0.0, 1.0], got %s";
        assertEquals(String.format(entry, 2, "-1.0E-4"), modelError("weight_decay: [0, 0, -1e-4, 0, 0]"));
        assertEquals(String.format(entry, 0, "2"), modelError("weight_decay: [2]"));
        assertEquals(String.format(entry, 1, "\"small\""), modelError("weight_decay: [0, small, 0, 0, 0]"));
        assertEquals(String.format(entry, 4, ".nan"), modelError("weight_decay: [0, 0, 0, 0, .nan]"));
        assertEquals(String.format(entry, 0, "true"), modelError("weight_decay: [true]"));
        assertEquals(String.format(entry, 0, "null"), modelError("weight_decay: [null]"));
        assertEquals(String.format(entry, 0, "a list [0]"), modelError("weight_decay: [[0]]"));
    }

    @Test
    void weightDecayInTheRecord() throws Throwable {
        assertEquals("weight_decay[1]: must be a finite number in [0.0, 1.0], got -1.0",
                recordError("weightDecay", List.of(0.0, -1.0, 0.0, 0.0, 0.0)));
        assertEquals("weight_decay[0]: must be a finite number in [0.0, 1.0], got null",
                recordError("weightDecay", Arrays.asList((Double) null)));
        assertEquals("weight_decay: must be a list of 1 to 17 finite numbers in [0.0, 1.0], got null",
                recordError("weightDecay", null));
        assertEquals("weight_decay: must have 1 entry (one coefficient for every layer) or hidden_layers + 1 = 4"
                + " entries (one per layer, output layer last), got a list of 5 entries", recordError("hiddenLayers", 3));
        List<Double> decay = new ArrayList<>(MBPO_DECAY);
        ModelConfig m = with("weightDecay", decay);
        decay.set(0, 0.5);
        assertEquals(MBPO_DECAY, m.weightDecay());
        assertThrows(UnsupportedOperationException.class, () -> m.weightDecay().add(0.0));
    }

    // ---- training -----------------------------------------------------------------------------

    @Test
    void trainingNumbers() {
        assertEquals(1.0, model("lr: 1").lr());
        assertEquals(SRC + ": model.lr: must be a finite number in (0.0, 1.0], got 0", modelError("lr: 0"));
        assertEquals(SRC + ": model.lr: must be a finite number in (0.0, 1.0], got \"1e-3\"", modelError("lr: '1e-3'"));
        assertEquals(65536, model("batch_size: 65536").batchSize());
        assertEquals(SRC + ": model.batch_size: must be an integer in [1, 65536], got 0", modelError("batch_size: 0"));
        assertEquals(0.9, model("holdout_ratio: 0.9").holdoutRatio());
        assertEquals(SRC + ": model.holdout_ratio: must be a finite number in (0.0, 0.9], got 0",
                modelError("holdout_ratio: 0"));
        assertEquals(SRC + ": model.holdout_ratio: must be a finite number in (0.0, 0.9], got 0.95",
                modelError("holdout_ratio: 0.95"));
        assertEquals(SRC + ": model.max_holdout: must be an integer in [1, 10000000], got 0", modelError("max_holdout: 0"));
        assertEquals(0, model("patience: 0").patience());
        assertEquals(SRC + ": model.patience: must be an integer in [0, 1000], got -1", modelError("patience: -1"));
        assertEquals(SRC + ": model.patience: must be an integer in [0, 1000], got 1001", modelError("patience: 1001"));
        assertEquals(0.999, model("min_improvement: 0.999").minImprovement());
        assertEquals(SRC + ": model.min_improvement: must be a finite number in [0.0, 1.0), got 1",
                modelError("min_improvement: 1"));
        assertEquals(SRC + ": model.min_improvement: must be a finite number in [0.0, 1.0), got -0.01",
                modelError("min_improvement: -0.01"));
        assertFalse(model("learn_logvar_bounds: false").learnLogvarBounds());
        assertEquals(SRC + ": model.learn_logvar_bounds: must be true or false, got \"no\"",
                modelError("learn_logvar_bounds: no"));
    }

    @Test
    void capsAreNullable() {
        assertNull(model("max_epochs: null").maxEpochs());
        assertNull(model("max_epochs:").maxEpochs());
        assertNull(model("max_seconds: null").maxSeconds());
        assertEquals(1, model("max_epochs: 1").maxEpochs());
        assertEquals(1e7, model("max_seconds: 1e7").maxSeconds());
        assertEquals(30.0, model("max_seconds: 30").maxSeconds());
        assertEquals(SRC + ": model.max_epochs: must be an integer in [1, 1000000] or null, got 0",
                modelError("max_epochs: 0"));
        assertEquals(SRC + ": model.max_epochs: must be an integer in [1, 1000000] or null, got \"none\"",
                modelError("max_epochs: none"));
        assertEquals(SRC + ": model.max_seconds: must be a finite number in (0.0, 1.0E7] or null, got 0",
                modelError("max_seconds: 0"));
        assertEquals(SRC + ": model.max_seconds: must be a finite number in (0.0, 1.0E7] or null, got .inf",
                modelError("max_seconds: .inf"));
        assertEquals("max_epochs: must be an integer in [1, 1000000] or null, got 0", recordError("maxEpochs", 0));
        assertEquals("max_seconds: must be a finite number in (0.0, 1.0E7] or null, got -1.0",
                recordError("maxSeconds", -1.0));
        assertEquals("max_seconds: must be a finite number in (0.0, 1.0E7] or null, got .nan",
                recordError("maxSeconds", Double.NaN));
    }

    // ---- predictions and rollouts ----------------------------------------------------------------

    @Test
    void absoluteDims() {
        assertEquals(List.of(0, 2), model("absolute_dims: [0, 2]").absoluteDims());
        assertEquals(List.of(), model("absolute_dims: []").absoluteDims());
        String must = SRC + ": model.absolute_dims: must be a list of 0 to 1000 distinct integers in [0, 10000], got ";
        assertEquals(must + "1 at both [0] and [2]", modelError("absolute_dims: [1, 0, 1]"));
        assertEquals(must + "3", modelError("absolute_dims: 3"));
        assertEquals(must + "null", modelError("absolute_dims: null"));
        assertEquals(must + "a list of 1001 entries", modelError("absolute_dims: [" + "0, ".repeat(1000) + "0]"));
        assertEquals(SRC + ": model.absolute_dims[1]: must be an integer in [0, 10000], got -1",
                modelError("absolute_dims: [0, -1]"));
        assertEquals(SRC + ": model.absolute_dims[0]: must be an integer in [0, 10000], got 10001",
                modelError("absolute_dims: [10001]"));
        assertEquals("absolute_dims: must be a list of 0 to 1000 distinct integers in [0, 10000], got 4 at both [0]"
                + " and [1]", recordError("absoluteDims", List.of(4, 4)));
        assertThrows(UnsupportedOperationException.class, () -> model("absolute_dims: [1]").absoluteDims().add(2));
    }

    @Test
    void propagation() {
        assertEquals(Propagation.FIXED_MEMBER, model("propagation: fixed_member").propagation());
        assertEquals(Propagation.ELITE_MEAN, model("propagation: elite_mean").propagation());
        assertEquals(Propagation.RANDOM_ELITE, model("propagation: random_elite").propagation());
        String must = SRC + ": model.propagation: must be one of: random_elite, fixed_member, elite_mean, got ";
        assertEquals(must + "\"expectation\"", modelError("propagation: expectation"));
        assertEquals(must + "null", modelError("propagation: null"));
        assertEquals(must + "1", modelError("propagation: 1"));
        assertEquals("propagation: must be one of: random_elite, fixed_member, elite_mean, got null",
                recordError("propagation", null));
        assertEquals("--set model.propagation=ts1: model.propagation: must be one of: random_elite, fixed_member,"
                + " elite_mean, got \"ts1\"", error(BASE, "model.propagation=ts1"));
    }

    @Test
    void rolloutAndScheduleNumbers() {
        assertTrue(model("deterministic: true").deterministic());
        assertFalse(model("learned_rewards: false").learnedRewards());
        assertEquals(SRC + ": model.deterministic: must be true or false, got 1", modelError("deterministic: 1"));
        assertEquals(SRC + ": model.learned_rewards: must be true or false, got \"yes\"", modelError("learned_rewards: yes"));
        assertEquals(1_000_000, model("rollout_chunk: 1e6").rolloutChunk());
        assertEquals(SRC + ": model.rollout_chunk: must be an integer in [1, 1000000], got 0", modelError("rollout_chunk: 0"));
        assertEquals(SRC + ": model.train_every: must be an integer in [1, 10000000], got 0", modelError("train_every: 0"));
        assertEquals(SRC + ": model.train_every: must be an integer in [1, 10000000], got 2.5",
                modelError("train_every: 2.5"));
        assertEquals(0, model("diagnostics_every: 0").diagnosticsEvery());
        assertEquals(SRC + ": model.diagnostics_every: must be an integer in [0, 1000000], got -1",
                modelError("diagnostics_every: -1"));
        assertEquals(SRC + ": model.diagnostic_horizon: must be an integer in [1, 1000], got 0",
                modelError("diagnostic_horizon: 0"));
        assertEquals(SRC + ": model.diagnostic_horizon: must be an integer in [1, 1000], got 1001",
                modelError("diagnostic_horizon: 1001"));
    }

    @Test
    void recordRejectsEachOutOfRangeField() {
        assertEquals("members: must be an integer in [1, 100], got 0", recordError("members", 0));
        assertEquals("hidden: must be an integer in [1, 4096], got 0", recordError("hidden", 0));
        assertEquals("lr: must be a finite number in (0.0, 1.0], got .inf", recordError("lr", Double.POSITIVE_INFINITY));
        assertEquals("batch_size: must be an integer in [1, 65536], got 65537", recordError("batchSize", 65_537));
        assertEquals("holdout_ratio: must be a finite number in (0.0, 0.9], got 1.0", recordError("holdoutRatio", 1.0));
        assertEquals("max_holdout: must be an integer in [1, 10000000], got 10000001",
                recordError("maxHoldout", 10_000_001));
        assertEquals("patience: must be an integer in [0, 1000], got -1", recordError("patience", -1));
        assertEquals("min_improvement: must be a finite number in [0.0, 1.0), got 1.0", recordError("minImprovement", 1.0));
        assertEquals("rollout_chunk: must be an integer in [1, 1000000], got 0", recordError("rolloutChunk", 0));
        assertEquals("train_every: must be an integer in [1, 10000000], got 0", recordError("trainEvery", 0));
        assertEquals("diagnostics_every: must be an integer in [0, 1000000], got -1", recordError("diagnosticsEvery", -1));
        assertEquals("diagnostic_horizon: must be an integer in [1, 1000], got 0", recordError("diagnosticHorizon", 0));
    }

    // ---- overrides ----------------------------------------------------------------------------

    @Test
    void overrides() {
        RunConfig c = parse(BASE, "model.members=10", "model.elites=8", "model.absolute_dims=[0]",
                "model.max_seconds=60", "model.weight_decay=[1e-5]");
        assertEquals(10, c.model().members());
        assertEquals(8, c.model().elites());
        assertEquals(List.of(0), c.model().absoluteDims());
        assertEquals(60.0, c.model().maxSeconds());
        assertEquals(List.of(1e-5), c.model().weightDecay());
        assertEquals("--set model.weight_decay=[0,-1]: model.weight_decay[1]: must be a finite number in [0.0, 1.0],"
                + " got -1", error(BASE, "model.weight_decay=[0,-1]"));
        assertEquals("--set model.elites=9: model.elites: must be <= members (7), got 9", error(BASE, "model.elites=9"));
        // a rule between two keys broken by an override of the other key names the file with that override
        assertEquals(SRC + " with --set model.members=3: model.elites: must be <= members (3), got 5",
                error(BASE, "model.members=3"));
        assertTrue(error(BASE, "model.hidden_layers=3").startsWith(SRC + " with --set model.hidden_layers=3:"
                + " model.weight_decay: must be given"));
    }
}

package org.mbpo4j.run.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final String SRC = "configs/pendulum.yaml";
    private static final String BASE = """
            env: Pendulum-v1
            algo: random
            seed: 7
            train:
              steps: 1000
              epoch_length: 100
            """;
    private static final String TRAIN_KEYS =
            "steps, epoch_length, eval_episodes, log_interval, checkpoint_every, keep_checkpoints, max_episode_steps,"
                    + " stop_return";
    private static final String TOP_KEYS = "env, env_kwargs, algo, seed, train, sac, model, mbpo, mpc, compute, out";

    private static RunConfig parse(String yaml, String... overrides) {
        return ConfigLoader.parse(yaml, SRC, List.of(overrides));
    }

    private static String error(String yaml, String... overrides) {
        return assertThrows(ConfigException.class, () -> parse(yaml, overrides)).getMessage();
    }

    // ---- happy path ---------------------------------------------------------------------

    @Test
    void readsValuesAndFillsDefaults() {
        RunConfig c = parse(BASE);
        assertEquals(new RunConfig("Pendulum-v1", Algo.RANDOM, 7, new TrainConfig(1000, 100, 5, 250, 1, 3), null), c);
    }

    @Test
    void minimalFileTakesAllDefaults() {
        RunConfig c = parse("env: CartPole-v1\nalgo: RANDOM\n");
        assertEquals(RunConfig.of("CartPole-v1", Algo.RANDOM), c);
        assertEquals(TrainConfig.defaults(), c.train());
    }

    @Test
    void nullSectionMeansDefaults() {
        assertEquals(TrainConfig.defaults(), parse("env: E-v0\nalgo: random\ntrain:\n").train());
    }

    @Test
    void yamlNumberSpellingsForIntegers() {
        RunConfig c = parse(BASE.replace("steps: 1000", "steps: 1e6").replace("epoch_length: 100", "epoch_length: 1_000"));
        assertEquals(1_000_000, c.train().steps());
        assertEquals(1000, c.train().epochLength());
    }

    // ---- unknown keys -------------------------------------------------------------------

    @Test
    void unknownTopLevelKeyWithSuggestion() {
        assertEquals(SRC + ": unknown key 'sed' (allowed at top level: " + TOP_KEYS + "); did you mean 'seed'?",
                error(BASE + "sed: 3\n"));
    }

    @Test
    void unknownKeyFarFromAnyHasNoSuggestion() {
        assertEquals(SRC + ": unknown key 'wandb' (allowed at top level: " + TOP_KEYS + ")", error(BASE + "wandb: x\n"));
    }

    @Test
    void unknownNestedKeyWithSuggestion() {
        assertEquals(SRC + ": unknown key 'train.stepz' (allowed under train: " + TRAIN_KEYS + "); did you mean 'steps'?",
                error(BASE + "  stepz: 5\n"));
        assertEquals(SRC + ": unknown key 'train.epochLength' (allowed under train: " + TRAIN_KEYS
                + "); did you mean 'epoch_length'?", error(BASE + "  epochLength: 5\n"));
    }

    // ---- wrong types ----------------------------------------------------------------------

    @Test
    void stringForInteger() {
        assertEquals(SRC + ": train.steps: must be an integer in [1, 1000000000], got \"abc\"",
                error(BASE.replace("steps: 1000", "steps: abc")));
        assertEquals(SRC + ": train.steps: must be an integer in [1, 1000000000], got \"1000\"",
                error(BASE.replace("steps: 1000", "steps: '1000'")));
    }

    @Test
    void floatForInteger() {
        assertEquals(SRC + ": train.epoch_length: must be an integer in [1, 10000000], got 2.5",
                error(BASE.replace("epoch_length: 100", "epoch_length: 2.5")));
    }

    @Test
    void listBoolAndNullForInteger() {
        assertEquals(SRC + ": train.steps: must be an integer in [1, 1000000000], got a list [1, 2]",
                error(BASE.replace("steps: 1000", "steps: [1, 2]")));
        assertEquals(SRC + ": train.steps: must be an integer in [1, 1000000000], got true",
                error(BASE.replace("steps: 1000", "steps: true")));
        assertEquals(SRC + ": train.steps: must be an integer in [1, 1000000000], got null",
                error(BASE.replace("steps: 1000", "steps: null")));
    }

    @Test
    void yaml11SpellingsAreNotNumbersHere() {
        // Octal and base-60 integers of YAML 1.1 stay strings instead of silently becoming 8 and 90.
        assertEquals(SRC + ": seed: must be an integer in [0, 9007199254740992], got \"010\"",
                error(BASE.replace("seed: 7", "seed: 010")));
        assertEquals(SRC + ": seed: must be an integer in [0, 9007199254740992], got \"1:30\"",
                error(BASE.replace("seed: 7", "seed: 1:30")));
    }

    @Test
    void mappingForScalar() {
        assertEquals(SRC + ": seed: must be an integer in [0, 9007199254740992], got a mapping {a: 1}",
                error(BASE.replace("seed: 7", "seed: {a: 1}")));
        assertEquals(SRC + ": env: must be a string, got a mapping {id: \"Pendulum-v1\"}",
                error(BASE.replace("env: Pendulum-v1", "env: {id: Pendulum-v1}")));
    }

    @Test
    void scalarForSection() {
        assertEquals(SRC + ": train: must be a mapping (a section of keys), got 5",
                error("env: E-v0\nalgo: random\ntrain: 5\n"));
    }

    @Test
    void numberForString() {
        assertEquals(SRC + ": out: must be a string or null, got 12", error(BASE + "out: 12\n"));
    }

    @Test
    void nonStringKey() {
        assertEquals(SRC + ": train.1: keys must be strings, got 1", error(BASE + "  1: x\n"));
    }

    // ---- ranges, enums, required keys ---------------------------------------------------

    @Test
    void outOfRange() {
        assertEquals(SRC + ": train.steps: must be an integer in [1, 1000000000], got 0",
                error(BASE.replace("steps: 1000", "steps: 0")));
        assertEquals(SRC + ": seed: must be an integer in [0, 9007199254740992], got -1",
                error(BASE.replace("seed: 7", "seed: -1")));
        assertEquals(SRC + ": train.keep_checkpoints: must be an integer in [1, 1000], got 3000000000",
                error(BASE + "  keep_checkpoints: 3000000000\n"));
        assertEquals(SRC + ": seed: must be an integer in [0, 9007199254740992], got 123456789012345678901234567890",
                error(BASE.replace("seed: 7", "seed: 123456789012345678901234567890")));
    }

    @Test
    void badEnumListsAllowedValues() {
        assertEquals(SRC + ": algo: must be one of: random, sac, mbpo, mpc, got \"ppo\"", error(BASE.replace("algo: random", "algo: ppo")));
        assertEquals(SRC + ": algo: must be one of: random, sac, mbpo, mpc, got 3", error(BASE.replace("algo: random", "algo: 3")));
    }

    @Test
    void missingRequiredKeys() {
        assertEquals(SRC + ": env: required key is missing; expected a string", error("algo: random\n"));
        assertEquals(SRC + ": algo: required key is missing; expected one of: random, sac, mbpo, mpc", error("env: Pendulum-v1\n"));
        assertEquals(SRC + ": env: required key is missing; expected a string (found 'evn': misspelled?)",
                error("evn: Pendulum-v1\nalgo: random\n"));
    }

    @Test
    void blankEnvIsRejectedByTheRecord() {
        assertEquals(SRC + ": env: must be a non-blank environment id without surrounding spaces"
                + " (such as Pendulum-v1), got \" \"", error(BASE.replace("env: Pendulum-v1", "env: ' '")));
    }

    // ---- YAML-level errors ----------------------------------------------------------------

    @Test
    void duplicateKeyNamesKeyAndLine() {
        assertEquals(SRC + ": line 4, column 1: duplicate key 'seed'", error("env: E-v0\nalgo: random\nseed: 1\nseed: 2\n"));
        assertEquals(SRC + ": line 7, column 3: duplicate key 'steps'", error(BASE + "  steps: 5\n"));
    }

    @Test
    void syntaxErrorHasLineAndColumn() {
        String msg = error("env: Pendulum-v1\nalgo: random\ntrain:\n  steps: [1, 2\n  epoch_length: 3\n");
        assertTrue(msg.startsWith(SRC + ": line 5, column "), msg);
        assertTrue(msg.contains("invalid YAML"), msg);
        String msg2 = error("env: Pendulum-v1\n  algo: random\n");
        assertTrue(msg2.startsWith(SRC + ": line 2, column 7: invalid YAML: mapping values are not allowed here"), msg2);
    }

    @Test
    void noObjectConstructionFromTags() {
        assertEquals(SRC + ": line 1, column 6: invalid YAML: Global tag is not allowed: tag:yaml.org,2002:java.io.File",
                error("env: !!java.io.File /etc/passwd\nalgo: random\n"));
    }

    @Test
    void onlyOneDocument() {
        assertEquals(SRC + ": line 3, column 1: invalid YAML: expected a single document in the stream,"
                + " but found another document", error("env: x\nalgo: random\n---\nenv: y\n"));
    }

    @Test
    void emptyFileAndCommentsOnly() {
        String expected = SRC + ": contains no YAML document (it is empty or only comments);"
                + " expected a mapping with at least 'env' and 'algo'";
        assertEquals(expected, error(""));
        assertEquals(expected, error("# nothing yet\n"));
    }

    @Test
    void topLevelNotAMapping() {
        assertEquals(SRC + ": the top level must be a mapping of keys to values (with at least 'env' and 'algo'),"
                + " got a list [\"env\", \"algo\"]", error("- env\n- algo\n"));
    }

    @Test
    void loadsFileAndReportsMissingFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("run.yaml");
        Files.writeString(file, BASE);
        assertEquals(parse(BASE), ConfigLoader.load(file, List.of()));
        assertEquals(parse(BASE), ConfigLoader.load(file, null));

        Path missing = dir.resolve("nope.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing, List.of()));
        assertEquals(missing + ": file not found", e.getMessage());
        assertEquals(missing.toString(), e.source());

        Files.writeString(file, BASE.replace("steps: 1000", "steps: 0"));
        assertEquals(file + ": train.steps: must be an integer in [1, 1000000000], got 0",
                assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of())).getMessage());

        assertEquals(dir + ": is a directory, not a configuration file",
                assertThrows(ConfigException.class, () -> ConfigLoader.load(dir, List.of())).getMessage());

        Files.write(file, new byte[] {'e', 'n', 'v', ':', ' ', (byte) 0xff, '\n'});
        assertEquals(file + ": is not UTF-8 text (byte 0xff at offset 5): expected a YAML run configuration",
                assertThrows(ConfigException.class, () -> ConfigLoader.load(file, List.of())).getMessage());
    }

    // ---- overrides --------------------------------------------------------------------------

    @Test
    void overrideHappyPaths() {
        RunConfig c = parse(BASE, "train.steps=300", "seed=11", "env=CartPole-v1", "out=runs/x", "train.eval_episodes=0");
        assertEquals(new RunConfig("CartPole-v1", Algo.RANDOM, 11, new TrainConfig(300, 100, 0, 250, 1, 3), "runs/x"), c);
    }

    @Test
    void overrideCreatesMissingSection() {
        RunConfig c = parse("env: E-v0\nalgo: random\n", "train.keep_checkpoints=9");
        assertEquals(9, c.train().keepCheckpoints());
        assertEquals(TrainConfig.defaults().steps(), c.train().steps());
    }

    @Test
    void overrideNullClearsOut() {
        assertNull(parse(BASE + "out: runs/mine\n", "out=null").out());
        assertEquals("runs/mine", parse(BASE + "out: runs/mine\n").out());
    }

    @Test
    void overrideWholeSectionAsFlowMapping() {
        RunConfig c = parse(BASE, "train={steps: 42}");
        assertEquals(new TrainConfig(42, 250, 5, 250, 1, 3), c.train());
    }

    @Test
    void laterOverrideWins() {
        assertEquals(10, parse(BASE, "train.steps=0", "train.steps=10").train().steps());
    }

    @Test
    void overrideDoesNotLeakThroughYamlAliases() {
        // Both sections alias one YAML node; overriding one must not change the other's source map.
        String yaml = "env: E-v0\nalgo: random\ntrain: &t {steps: 5}\n";
        assertEquals(6, parse(yaml, "train.steps=6").train().steps());
        assertEquals(5, parse(yaml).train().steps());
    }

    @Test
    void badOverrideValueIsAttributedToTheOverride() {
        assertEquals("--set train.steps=abc: train.steps: must be an integer in [1, 1000000000], got \"abc\"",
                error(BASE, "train.steps=abc"));
        assertEquals("--set train.steps=0: train.steps: must be an integer in [1, 1000000000], got 0",
                error(BASE, "seed=3", "train.steps=0"));
        assertEquals("--set algo=ppo: algo: must be one of: random, sac, mbpo, mpc, got \"ppo\"", error(BASE, "algo=ppo"));
        assertEquals("--set train={steps: 0}: train.steps: must be an integer in [1, 1000000000], got 0",
                error(BASE, "train={steps: 0}"));
        assertEquals("--set env=null: env: must be a string, got null", error(BASE, "env=null"));
    }

    @Test
    void unknownOverrideKeyIsAttributedToTheOverride() {
        assertEquals("--set train.stepz=5: unknown key 'train.stepz' (allowed under train: " + TRAIN_KEYS
                + "); did you mean 'steps'?", error(BASE, "train.stepz=5"));
        assertEquals("--set ppo.lr=0.001: unknown key 'ppo' (allowed at top level: " + TOP_KEYS + ")",
                error(BASE, "ppo.lr=0.001"));
        assertEquals("--set sac.lr=0.001: unknown key 'sac.lr' (allowed under sac: hidden, actor_lr, critic_lr, alpha_lr,"
                + " gamma, tau, batch_size, buffer_size, learning_starts, updates_per_step, target_entropy, init_alpha,"
                + " learn_alpha, log_std_min, log_std_max, prioritized_replay, per_alpha, per_beta, per_beta_steps,"
                + " per_eps)", error(BASE, "sac.lr=0.001"));
    }

    @Test
    void fileErrorsStayWithTheFileDespiteOverrides() {
        assertEquals(SRC + ": train.steps: must be an integer in [1, 1000000000], got 0",
                error(BASE.replace("steps: 1000", "steps: 0"), "train.epoch_length=5", "seed=1"));
    }

    @Test
    void malformedOverrides() {
        String form = "an override must have the form key.path=value (for example train.steps=1000)";
        assertEquals("--set train.steps: " + form + "; no '=' found", error(BASE, "train.steps"));
        assertEquals("--set =5: " + form + "; the key path is empty", error(BASE, "=5"));
        assertEquals("--set train..steps=5: " + form + "; the key path 'train..steps' has an empty segment",
                error(BASE, "train..steps=5"));
        assertEquals("--set .steps=5: " + form + "; the key path '.steps' has an empty segment", error(BASE, ".steps=5"));
    }

    @Test
    void overrideValueThatIsNotYaml() {
        String msg = error(BASE, "train.steps=[1");
        assertTrue(msg.startsWith("--set train.steps=[1: train.steps: line 1, column "), msg);
        assertTrue(msg.contains("invalid YAML"), msg);
    }

    @Test
    void overrideThroughAScalarIsAnError() {
        assertEquals("--set env.name=x: env: cannot set 'env.name': 'env' is \"Pendulum-v1\", not a mapping",
                error(BASE, "env.name=x"));
    }

    // ---- writing back -------------------------------------------------------------------

    @Test
    void toYamlRoundTrips() {
        RunConfig c = new RunConfig("Pendulum-v1", Algo.RANDOM, RunConfig.MAX_SEED,
                new TrainConfig(1_000_000_000L, 7, 0, 3, 2, 1000), "runs/pendulum #1");
        String yaml = ConfigLoader.toYaml(c);
        assertTrue(yaml.startsWith("# resolved by mbpo4j\n"), yaml);
        assertEquals(c, parse(yaml));
        RunConfig d = parse(BASE);
        assertEquals(d, parse(ConfigLoader.toYaml(d)));
    }

    @Test
    void toYamlWritesEveryKeyInBlockStyle() {
        assertEquals("""
                # resolved by mbpo4j
                env: Pendulum-v1
                env_kwargs: {}
                algo: random
                seed: 7
                train:
                  steps: 1000
                  epoch_length: 100
                  eval_episodes: 5
                  log_interval: 250
                  checkpoint_every: 1
                  keep_checkpoints: 3
                  max_episode_steps: null
                  stop_return: null
                sac:
                  hidden:
                  - 256
                  - 256
                  actor_lr: 3.0E-4
                  critic_lr: 3.0E-4
                  alpha_lr: 3.0E-4
                  gamma: 0.99
                  tau: 0.005
                  batch_size: 256
                  buffer_size: 1000000
                  learning_starts: 1000
                  updates_per_step: 1
                  target_entropy: null
                  init_alpha: 1.0
                  learn_alpha: true
                  log_std_min: -20.0
                  log_std_max: 2.0
                  prioritized_replay: false
                  per_alpha: 0.6
                  per_beta: 0.4
                  per_beta_steps: null
                  per_eps: 1.0E-6
                model:
                  members: 7
                  elites: 5
                  hidden: 200
                  hidden_layers: 4
                  weight_decay:
                  - 2.5E-5
                  - 5.0E-5
                  - 7.5E-5
                  - 7.5E-5
                  - 1.0E-4
                  learn_logvar_bounds: true
                  lr: 0.001
                  batch_size: 256
                  holdout_ratio: 0.2
                  max_holdout: 5000
                  patience: 5
                  min_improvement: 0.01
                  max_epochs: null
                  max_seconds: null
                  learned_rewards: true
                  normalize_targets: true
                  absolute_dims: []
                  propagation: random_elite
                  deterministic: false
                  rollout_chunk: 4096
                  train_every: 250
                  diagnostics_every: 1
                  diagnostic_horizon: 20
                  prioritized: false
                mbpo:
                  init_steps: 5000
                  updates_per_step: 20
                  rollout_batch_size: 100000
                  rollout_schedule:
                  - 20
                  - 150
                  - 1
                  - 15
                  retain_epochs: 1
                  real_ratio: 0.05
                  mixing: fraction
                mpc:
                  planner: cem
                  horizon: 15
                  population: 350
                  elites: 35
                  iterations: 5
                  alpha: 0.1
                  particles: 20
                  temperature: 1.0
                  noise_std: 0.5
                  beta: 0.9
                  init_steps: 200
                  retrain_every: 50
                  retrain_each_episode: false
                compute:
                  backend: auto
                  kernels: auto
                out: null
                """, ConfigLoader.toYaml(parse(BASE)));
    }

    @Test
    void toYamlQuotesStringsThatLookLikeOtherTypes() {
        for (String s : List.of("yes", "true", "null", "010", "1:30", "2024-01-01", "1e3", "~", "[a]", "a: b", "#x")) {
            RunConfig c = new RunConfig("Env-v0", Algo.RANDOM, 0, TrainConfig.defaults(), s);
            assertEquals(c, parse(ConfigLoader.toYaml(c)), s);
        }
    }
}

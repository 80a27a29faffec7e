package org.mbpo4j.run.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigExceptionTest {
    @Test
    void messageLeavesOutWhatIsUnknown() {
        assertEquals("bad", new ConfigException(null, "bad").getMessage());
        assertEquals("steps: bad", new ConfigException("steps", "bad").getMessage());
        assertEquals("f.yaml: steps: bad", new ConfigException("f.yaml", "steps", "bad").getMessage());
        assertEquals("f.yaml: bad", new ConfigException("f.yaml", null, "bad").getMessage());
    }

    @Test
    void prefixThenSource() {
        ConfigException e = new ConfigException("steps", "must be an integer >= 1, got 0")
                .withPrefix("train").withPrefix("run").withSource("configs/pendulum-mbpo.yaml");
        assertEquals("configs/pendulum-mbpo.yaml: run.train.steps: must be an integer >= 1, got 0", e.getMessage());
        assertEquals("run.train.steps", e.key());
        assertEquals("must be an integer >= 1, got 0", e.problem());
        assertEquals("train", new ConfigException(null, "x").withPrefix("train").key());
    }

    @Test
    void withSourceKeepsAKnownSource() {
        ConfigException e = new ConfigException("--set seed=x", "seed", "bad");
        assertSame(e, e.withSource("file.yaml"));
        assertEquals("--set seed=x", e.withSource("file.yaml").source());
        assertNull(new ConfigException("k", "p").source());
    }

    @Test
    void unknownKeyMessageFollowsItsPath() {
        ConfigException e = ConfigException.unknownKey("stepz", List.of("steps", "epoch_length"), "steps");
        assertEquals("unknown key 'stepz' (allowed at top level: steps, epoch_length); did you mean 'steps'?",
                e.getMessage());
        assertEquals("--set train.stepz=5: unknown key 'train.stepz' (allowed under train: steps, epoch_length);"
                + " did you mean 'steps'?", e.withPrefix("train").withSource("--set train.stepz=5").getMessage());
        assertEquals("unknown key 'a.b.c' (allowed under a.b: x)",
                ConfigException.unknownKey("c", List.of("x"), null).withPrefix("b").withPrefix("a").getMessage());
    }

    @Test
    void suggestionsToleratesTyposCaseAndSeparators() {
        List<String> keys = List.of("steps", "epoch_length", "eval_episodes", "keep_checkpoints", "seed", "env", "out");
        assertEquals("steps", ConfigText.suggest("stepz", keys));
        assertEquals("epoch_length", ConfigText.suggest("epochLength", keys));
        assertEquals("epoch_length", ConfigText.suggest("epoch_lenght", keys));
        assertEquals("env", ConfigText.suggest("evn", keys));
        assertEquals("seed", ConfigText.suggest("SEED", keys));
        assertNull(ConfigText.suggest("wandb", keys));
        assertNull(ConfigText.suggest("x", List.of()));
        assertNull(ConfigText.suggest("y", List.of("x")));
        assertEquals("out", ConfigText.suggest("ot", keys));
        assertEquals(2, ConfigText.editDistance("kitten", "sitten") + ConfigText.editDistance("ab", "ba"));
    }

    @Test
    void describeIsShortAndTyped() {
        assertEquals("\"5\"", ConfigText.describe("5"));
        assertEquals("5", ConfigText.describe(5));
        assertEquals("null", ConfigText.describe(null));
        assertEquals("-.inf", ConfigText.describe(Double.NEGATIVE_INFINITY));
        assertEquals("a list [1, \"a\", [[...]]]", ConfigText.describe(List.of(1, "a", List.of(List.of(List.of(3))))));
        List<Object> recursive = new java.util.ArrayList<>();
        recursive.add(recursive);
        assertEquals("a list [[[...]]]", ConfigText.describe(recursive));
        String longText = "x".repeat(100);
        assertEquals(60, ConfigText.describe(longText).length());
    }
}

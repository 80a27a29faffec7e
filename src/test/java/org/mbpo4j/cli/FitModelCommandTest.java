package org.mbpo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mbpo4j.model.ModelDiagnostics;
import org.mbpo4j.model.ModelFile;
import org.mbpo4j.model.TransitionModel;

class FitModelCommandTest {
    @TempDir
    Path tmp;

    static final String[] SMALL = {"--set", "model.members=3", "--set", "model.elites=2", "--set", "model.hidden=16",
        "--set", "model.hidden_layers=1", "--set", "model.weight_decay=[1e-5]", "--set", "model.train_every=300",
        "--set", "model.max_epochs=5", "--set", "model.diagnostic_horizon=4", "--set", "model.batch_size=64"};

    @Test
    void fitsAModelAndWritesItsDiagnostics() throws Exception {
        Path out = tmp.resolve("fit");
        String[] args = concat(new String[] {"fit-model", "--steps", "700", "--heldout-steps", "250", "--out",
            out.toString(), "--seed", "3"}, SMALL);
        MainTest.Run r = MainTest.mbpo(args);
        assertEquals(0, r.code(), r.err());
        // trainings at 300, 600 and the last step, 700
        List<String> train = Files.readAllLines(out.resolve(ModelDiagnostics.TRAIN_CSV));
        assertEquals(4, train.size(), String.join("\n", train));
        assertTrue(train.get(3).startsWith("3,700,700,0,"), train.get(3));
        List<String> horizon = Files.readAllLines(out.resolve(ModelDiagnostics.HORIZON_CSV));
        assertEquals(1 + 3 * 4, horizon.size());
        assertTrue(Files.size(out.resolve(ModelDiagnostics.HORIZON_PNG)) > 1000);
        TransitionModel m = ModelFile.load(out.resolve(FitModelCommand.MODEL_FILE));
        assertEquals(3, m.obsDim());
        assertEquals(2, m.elites().length);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertTrue(summary.get("complete").asBoolean());
        assertEquals(3, summary.get("trainings").asInt());
        assertTrue(Files.readString(out.resolve("config.yaml")).contains("  hidden: 16\n"));
        assertTrue(r.out().contains("700 steps: 5 epochs (max_epochs)"), r.out());
    }

    @Test
    void badInputsAreOneLineErrors() {
        MainTest.Run steps = MainTest.mbpo("fit-model", "--steps", "0", "--out", tmp.resolve("a").toString());
        assertEquals(2, steps.code());
        assertEquals("mbpo fit-model: --steps must be in [1, 10000000], got 0", steps.err().strip());
        MainTest.Run discrete = MainTest.mbpo("fit-model", "--set", "env=CartPole-v1", "--out",
                tmp.resolve("b").toString());
        assertEquals(2, discrete.code());
        assertTrue(discrete.err().contains("fit-model needs a continuous (Box) action space"), discrete.err());
        MainTest.Run few = MainTest.mbpo(concat(new String[] {"fit-model", "--steps", "50", "--out",
            tmp.resolve("c").toString()}, SMALL));
        assertEquals(2, few.code());
        assertTrue(few.err().contains("50 steps are too few to train the model"), few.err());
        MainTest.Run dims = MainTest.mbpo("fit-model", "--set", "model.absolute_dims=[3]", "--out",
                tmp.resolve("d").toString());
        assertEquals(2, dims.code());
        assertTrue(dims.err().contains("model.absolute_dims: lists 3, but observations have 3 dims"), dims.err());
    }

    static String[] concat(String[] a, String[] b) {
        String[] c = new String[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}

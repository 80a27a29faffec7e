package org.mbpo4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mbpo4j.api.Training;
import org.mbpo4j.env.TimeLimit;
import org.mbpo4j.run.config.ConfigLoader;
import org.mbpo4j.run.config.RunConfig;

/** Example (1): a user-written env with its own rules, trained by MBPO, in under 80 lines. */
class PointMassWithMbpoTest {

    @Test
    void theExampleIsUnder80Lines() throws Exception {
        long lines = Files.readAllLines(Path.of("examples/org/mbpo4j/examples/PointMassWithMbpo.java")).size();
        assertTrue(lines < 80, lines + " lines");
    }

    @Test
    void theUsersEnvTrainsThroughTheWholeMbpoPipeline() {
        // The example's env and rules with a small model and few updates, so that the test is quick:
        // 300 random steps, a model trained on them, then model rollouts and SAC updates to step 600.
        RunConfig tiny = ConfigLoader.load(Path.of("configs/pendulum-mbpo.yaml"), List.of("mbpo.init_steps=300",
                "mbpo.updates_per_step=2", "mbpo.rollout_batch_size=2000", "sac.hidden=[32,32]", "sac.batch_size=64",
                "model.members=3", "model.elites=2", "model.hidden=32", "model.hidden_layers=2",
                "model.weight_decay=[1e-5]", "model.batch_size=64", "model.max_epochs=5"));
        Training.Result r = Training.mbpo(() -> new TimeLimit<>(new PointMassWithMbpo.PointMass(), 50),
                PointMassWithMbpo.PointMass.RULES).options(tiny).steps(600).train();
        assertEquals(600, r.envSteps());
        assertEquals(12, r.episodes(), "50-step episodes");
        assertEquals("PointMass-v0", r.policy().envId());
        assertEquals(2, r.policy().act(new float[] {0.5f, -0.5f, 0, 0}).length);
        assertTrue(Double.isFinite(r.finalEvalReturn()), r.summary().toString());
        assertTrue(((Number) r.summary().get("episodes")).longValue() == 12);
    }
}

package org.mbpo4j.mbpo;

import org.mbpo4j.sac.SacOptions;
import org.mbpo4j.model.ModelOptions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mbpo4j.agent.Evaluation;
import org.mbpo4j.agent.RandomAgent;
import org.mbpo4j.env.Box;
import org.mbpo4j.env.Env;
import org.mbpo4j.env.Envs;
import org.mbpo4j.env.RescaleAction;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.random.Rng;
import org.mbpo4j.run.RunDirectory;
import org.mbpo4j.train.TrainOptions;
import org.mbpo4j.train.Progress;
import org.mbpo4j.train.TrainLoop;

class MbpoAgentTest {

    @Test
    void theRolloutScheduleIsLinearFlooredAndClipped() {
        MbpoOptions hopper = MbpoOptions.defaults(); // [20, 150, 1, 15]
        assertEquals(1, hopper.rolloutLength(0));
        assertEquals(1, hopper.rolloutLength(20));
        assertEquals(8, hopper.rolloutLength(85), "1 + 14 * 65 / 130 = 8");
        assertEquals(15, hopper.rolloutLength(150));
        assertEquals(15, hopper.rolloutLength(1000));
        MbpoOptions flat = new MbpoOptions(0, 1, 10, List.of(1, 15, 1, 1), 1, 0.05, MbpoOptions.Mixing.FRACTION);
        assertEquals(1, flat.rolloutLength(7));
        MbpoOptions step = new MbpoOptions(0, 1, 10, List.of(5, 5, 2, 9), 1, 0.05, MbpoOptions.Mixing.FRACTION);
        assertEquals(2, step.rolloutLength(4));
        assertEquals(9, step.rolloutLength(5));
    }

    static MbpoAgent tinyAgent(Env<float[]> raw, MbpoOptions cfg, int epochLength, long seed) {
        SacOptions sac = SacOptions.defaults().toBuilder().hidden(64, 64).lr(1e-3).batchSize(128).bufferSize(100_000)
                .learningStarts(0).build();
        ModelOptions model = ModelOptions.defaults().toBuilder().members(3).elites(2).hidden(64, 2)
                .weightDecay(List.of(2.5e-5, 5e-5, 1e-4)).batchSize(128).maxEpochs(50).diagnostics(1, 10).build();
        return new MbpoAgent(raw.observationSpace().size(), (Box) raw.actionSpace(), Envs.spec(raw.id()).rules(), sac,
                model, cfg, epochLength, Kernels.cpu(), new Rng(seed));
    }

    @Test
    void capacityFollowsTheOriginalFormulaAndBuffersResizeWhenKChanges() {
        Env<float[]> raw = Envs.makeContinuous("Pendulum-v1");
        MbpoOptions cfg = new MbpoOptions(300, 1, 1000, List.of(1, 3, 1, 3), 2, 0.05, MbpoOptions.Mixing.FRACTION);
        MbpoAgent agent = tinyAgent(raw, cfg, 250, 1);
        // retain 2 epochs * k * 1000 rollouts * (250 / 250 trainings per epoch)
        assertEquals(2 * 3 * 1000, agent.modelBufferCapacity(3));
        assertEquals(2000, agent.modelBufferCapacity(1));
    }

    /**
     * MBPO on Pendulum-v1 with a small budget (1,250 steps, 250 of them random) and small
     * networks clearly beats the random policy (about -1,200): the whole algorithm learns.
     */
    @Test
    void mbpoLearnsPendulumQuicklyOnASmallBudget(@TempDir Path tmp) {
        Env<float[]> raw = Envs.makeContinuous("Pendulum-v1");
        MbpoOptions cfg = new MbpoOptions(250, 5, 5000, List.of(1, 15, 1, 1), 1, 0.05, MbpoOptions.Mixing.FRACTION);
        MbpoAgent agent = tinyAgent(raw, cfg, 250, 2);
        RunDirectory dir = RunDirectory.create(tmp.resolve("run"), tmp, "Pendulum-v1", "mbpo",
                java.time.Clock.systemUTC());
        agent.withDiagnostics(dir.path());
        TrainOptions train = new TrainOptions(1250, 250, 3, 250, 1, 1);
        TrainLoop<float[]> loop = new TrainLoop<>(new RescaleAction(raw), new RescaleAction(Envs.makeContinuous(
                "Pendulum-v1")), agent, train, 2, 11, 12, dir, Progress.none());
        TrainLoop.Result r = loop.run();
        Evaluation random = Evaluation.run(Envs.makeContinuous("Pendulum-v1"),
                new RandomAgent<>(raw.actionSpace(), new Rng(3)), 5, 12, false);
        System.out.println("MBPO after 1,250 steps: " + r.finalEvalReturn() + " (best " + r.bestEvalReturn()
                + "); random: " + random.mean() + "; phases " + r.phaseSeconds());
        assertTrue(random.mean() < -900, "the random policy scores " + random.mean());
        assertTrue(r.bestEvalReturn() > -500, "MBPO's best evaluation " + r.bestEvalReturn());
        assertEquals(1, agent.rolloutLength());
        assertTrue(agent.modelBuffer().size() == 5000, "the model buffer holds one epoch of rollouts");
        assertEquals(5L * 1001, agent.sac().updates(), "G = 5 updates at each step from step 250 (the end of the exploration) to 1,250");
    }
}

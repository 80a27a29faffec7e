package org.mbpo4j.sac;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.mbpo4j.agent.Evaluation;
import org.mbpo4j.agent.Transition;
import org.mbpo4j.env.Env;
import org.mbpo4j.env.Envs;
import org.mbpo4j.env.RescaleAction;
import org.mbpo4j.env.StepResult;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.random.Rng;

/** Short learning and memory checks (the full learning target is a benchmark, not a unit test). */
class SacLearningTest {

    static SacOptions config(List<Integer> hidden, int batch, long learningStarts) {
        return SacOptions.defaults().toBuilder().hidden(hidden).lr(1e-3).batchSize(batch).bufferSize(100_000)
                .learningStarts(learningStarts).build();
    }

    @Test
    void aShortRunOnPendulumImprovesTheReturn() {
        Env<float[]> env = new RescaleAction(Envs.makeContinuous("Pendulum-v1"));
        Env<float[]> evalEnv = new RescaleAction(Envs.makeContinuous("Pendulum-v1"));
        SacAgent agent = new SacAgent(3, 1, config(List.of(64, 64), 128, 500), Kernels.cpu(), new Rng(0));
        double before = Evaluation.run(evalEnv, agent, 4, 1000, true).mean();
        float[] obs = env.reset(0L).obs();
        for (int t = 0; t < 4000; t++) {
            float[] a = agent.act(obs, false);
            StepResult r = env.step(a);
            agent.observe(new Transition<>(obs, a, r.reward(), r.obs(), r.terminated(), r.truncated()));
            obs = r.done() ? env.reset(null).obs() : r.obs();
        }
        double after = Evaluation.run(evalEnv, agent, 4, 1000, true).mean();
        assertTrue(after > before + 300, "eval return " + before + " -> " + after);
    }

    static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS");
    }

    @Test
    void fiveThousandUpdatesKeepTheProcessMemoryFlat() throws IOException {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs /proc (Linux)");
        int obs = 11;
        int act = 3;
        SacAgent agent = new SacAgent(obs, act, config(List.of(256, 256), 256, 1_000_000_000L), Kernels.cpu(),
                new Rng(1));
        Rng rng = new Rng(2);
        for (int i = 0; i < 10_000; i++) {
            float[] o = new float[obs];
            float[] n = new float[obs];
            float[] a = new float[act];
            for (int j = 0; j < obs; j++) {
                o[j] = (float) rng.nextGaussian();
                n[j] = (float) rng.nextGaussian();
            }
            for (int j = 0; j < act; j++) {
                a[j] = (float) rng.uniform(-1, 1);
            }
            agent.observe(new Transition<>(o, a, rng.nextGaussian(), n, false, false));
        }
        for (int i = 0; i < 300; i++) {
            agent.update();
        }
        long warm = rssKb();
        for (int i = 0; i < 5000; i++) {
            agent.update();
        }
        long growthMb = (rssKb() - warm) / 1024;
        assertTrue(growthMb < 100, "RSS grew by " + growthMb + " MB over 5,000 updates");
    }
}

package org.mbpo4j.sac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mbpo4j.agent.Transition;
import org.mbpo4j.buffer.PrioritizedReplay;
import org.mbpo4j.buffer.ReplayBuffer;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.random.Rng;

/** SAC with prioritized replay on: priorities follow the TD errors, beta anneals, resume is exact, it learns. */
class PrioritizedSacAgentTest {
    @TempDir
    Path dir;

    static SacOptions config(int batch, int buffer, double initAlpha, Integer betaSteps) {
        return SacOptions.defaults().toBuilder().hidden(16, 16).lr(1e-3).gamma(0.9).tau(0.01).batchSize(batch)
                .bufferSize(buffer).learningStarts(0).initAlpha(initAlpha)
                .prioritization(new SacOptions.Prioritization(true, 0.6, 0.4, betaSteps, 1e-6)).build();
    }

    /** A one-step problem: reward -4 (a - 0.5)^2 for a scalar action, every episode terminates at once. */
    static Transition<float[]> banditStep(Rng rng) {
        float[] obs = {(float) rng.uniform(-1, 1)};
        float a = (float) rng.uniform(-1, 1);
        double reward = -4 * (a - 0.5) * (a - 0.5);
        return new Transition<>(obs, new float[] {a}, reward, obs.clone(), true, false);
    }

    @Test
    void afterEachUpdateTheDrawnRowsPrioritiesAreTheirTdErrors() {
        SacAgent sac = new SacAgent(1, 1, config(16, 64, 0.1, 10), Kernels.cpu(), new Rng(3));
        Rng data = new Rng(4);
        for (int i = 0; i < 80; i++) { // the ring wraps
            sac.store(banditStep(data));
        }
        PrioritizedReplay per = sac.prioritizedReplay();
        assertEquals(64, per.size());
        assertEquals(64.0, per.totalPriority(), "all rows at the initial priority");
        for (int u = 0; u < 5; u++) {
            sac.update();
            int[] slots = sac.lastSlots();
            float[] td = sac.lastTdErrors();
            Map<Integer, Float> last = new HashMap<>();
            for (int r = 0; r < 16; r++) {
                last.put(slots[r], td[r]); // a slot drawn twice keeps its last error
            }
            for (Map.Entry<Integer, Float> e : last.entrySet()) {
                assertEquals(PrioritizedReplay.priority(e.getValue(), 0.6, 1e-6), per.priorityOf(e.getKey()),
                        "slot " + e.getKey() + " after update " + u);
            }
        }
        // beta after 5 updates of 10: 0.4 + 0.6 * 5 / 10
        assertEquals(0.7, sac.metrics().get("per_beta"), 1e-12);
        assertEquals(per.maxPriority(), sac.metrics().get("per_max_priority"));
        for (float w : sac.lastWeights()) {
            assertTrue(w > 0 && w <= 1, "weight " + w);
        }
    }

    @Test
    void uniformReplayHasNoPrioritiesAndNoExtraMetrics() {
        SacAgent sac = new SacAgent(1, 1, config(16, 64, 0.1, null).toBuilder()
                .prioritization(SacOptions.Prioritization.off()).build(), Kernels.cpu(), new Rng(3));
        assertNull(sac.prioritizedReplay());
        assertEquals(List.of("critic_loss", "actor_loss", "alpha", "entropy", "q_mean", "q_target_mean", "q_pi_mean"),
                List.copyOf(sac.metrics().keySet()));
    }

    @Test
    void mixedUpdatesPrioritizeOnlyTheRealRows() {
        SacAgent sac = new SacAgent(1, 1, config(20, 64, 0.1, null), Kernels.cpu(), new Rng(5));
        Rng data = new Rng(6);
        ReplayBuffer model = new ReplayBuffer(50, 1, 1);
        for (int i = 0; i < 40; i++) {
            sac.store(banditStep(data));
            Transition<float[]> t = banditStep(data);
            model.add(t.obs(), t.action(), t.reward(), t.nextObs(), true, false);
        }
        sac.updateMixed(model, 0.25, false);
        for (int r = 0; r < 20; r++) {
            assertEquals(r < 5, sac.lastSlots()[r] >= 0, "row " + r);
            if (r >= 5) {
                assertEquals(1f, sac.lastWeights()[r]);
            }
        }
        int updatedRows = 0;
        for (int s = 0; s < 40; s++) {
            updatedRows += sac.prioritizedReplay().priorityOf(s) != 1.0 ? 1 : 0;
        }
        assertTrue(updatedRows >= 1 && updatedRows <= 5, updatedRows + " real rows re-prioritized");
        for (int u = 0; u < 10; u++) { // coin mixing: whole batches real (prioritized) or model (weight 1)
            sac.updateMixed(model, 0.5, true);
        }
        sac.updateMixed(new ReplayBuffer(5, 1, 1), 0.25, false); // empty model buffer: all real
        for (int r = 0; r < 20; r++) {
            assertTrue(sac.lastSlots()[r] >= 0);
        }
    }

    /** Save after 6 updates, go on for 6 more; a fresh agent restored from the save does the same 6, bit for bit. */
    @Test
    void resumeFromSavedFilesIsExact() {
        SacOptions cfg = config(16, 48, 0.1, 20);
        SacAgent a = new SacAgent(1, 1, cfg, Kernels.cpu(), new Rng(8));
        Rng data = new Rng(9);
        for (int i = 0; i < 60; i++) {
            a.store(banditStep(data));
        }
        for (int u = 0; u < 6; u++) {
            a.update();
        }
        Map<String, Object> state = a.checkpointState();
        a.saveFiles(dir);
        double maxAtSave = a.prioritizedReplay().maxPriority();
        double totalAtSave = a.prioritizedReplay().totalPriority();
        assertTrue(Files.exists(dir.resolve(SacAgent.PRIORITIES)));
        List<Double> goOn = new ArrayList<>();
        Rng more = new Rng(10);
        List<Transition<float[]>> later = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            later.add(banditStep(more));
        }
        for (int u = 0; u < 6; u++) {
            a.store(later.get(u));
            a.update();
            goOn.addAll(a.metrics().values());
        }

        SacAgent b = new SacAgent(1, 1, cfg, Kernels.cpu(), new Rng(123));
        b.restore(state);
        b.loadFiles(dir);
        assertEquals(maxAtSave, b.prioritizedReplay().maxPriority());
        assertEquals(totalAtSave, b.prioritizedReplay().totalPriority());
        List<Double> resumed = new ArrayList<>();
        for (int u = 0; u < 6; u++) {
            b.store(later.get(u));
            b.update();
            resumed.addAll(b.metrics().values());
        }
        assertEquals(goOn, resumed);
    }

    @Test
    void aCheckpointWithoutPrioritiesIsRejectedNamingTheFile() throws Exception {
        SacAgent uniform = new SacAgent(1, 1, config(16, 48, 0.1, null).toBuilder()
                .prioritization(SacOptions.Prioritization.off()).build(), Kernels.cpu(), new Rng(8));
        Rng data = new Rng(9);
        for (int i = 0; i < 20; i++) {
            uniform.store(banditStep(data));
        }
        uniform.saveFiles(dir);
        SacAgent prioritized = new SacAgent(1, 1, config(16, 48, 0.1, null), Kernels.cpu(), new Rng(8));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> prioritized.loadFiles(dir));
        assertTrue(e.getMessage().contains(SacAgent.PRIORITIES) && e.getMessage().contains("does not exist"),
                e.getMessage());
    }

    /**
     * On the one-step problem, 2,000 prioritized updates fit the critic and move the policy's
     * deterministic action from near 0 to near the best action 0.5 (after overshooting to about
     * 0.95 first; the entropy bonus and the tanh squashing hold it a little below 0.5: uniform
     * replay ends at 0.424 here too, prioritized at 0.420, both measured while writing this test).
     */
    @Test
    void learnsTheBestActionOfAOneStepProblem() {
        SacAgent sac = new SacAgent(1, 1, config(32, 500, 0.05, 300), Kernels.cpu(), new Rng(21));
        Rng data = new Rng(22);
        for (int i = 0; i < 400; i++) {
            sac.store(banditStep(data));
        }
        float before = sac.act(new float[] {0f}, true)[0];
        double firstLoss = Double.NaN;
        for (int u = 0; u < 2000; u++) {
            sac.update();
            if (u == 0) {
                firstLoss = sac.metrics().get("critic_loss");
            }
        }
        double lastLoss = sac.metrics().get("critic_loss");
        float after = sac.act(new float[] {0f}, true)[0];
        assertTrue(Math.abs(before) < 0.1, "starts near 0: " + before);
        assertEquals(0.45, after, 0.12, "deterministic action after 2000 updates");
        assertTrue(lastLoss < 0.01 * firstLoss, "weighted critic loss " + firstLoss + " -> " + lastLoss);
        assertEquals(1.0, sac.metrics().get("per_beta"), "beta annealed to 1 after 300 updates");
    }
}

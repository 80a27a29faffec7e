package org.mbpo4j.sac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mbpo4j.agent.Transition;
import org.mbpo4j.buffer.ReplayBuffer;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.random.Rng;

/** MBPO's two ways of mixing real and model data into SAC's batches, counted. */
class MixedUpdateTest {

    static SacAgent agentWithRealRows() {
        SacOptions cfg = SacOptions.defaults().toBuilder().hidden(8).lr(1e-3).batchSize(40).bufferSize(1000)
                .learningStarts(0).build();
        SacAgent sac = new SacAgent(2, 1, cfg, Kernels.cpu(), new Rng(1));
        for (int i = 0; i < 100; i++) {
            sac.store(new Transition<>(new float[] {i, 0}, new float[] {0}, 1.0, new float[] {i, 1}, false, false));
        }
        return sac;
    }

    static ReplayBuffer modelRows() {
        ReplayBuffer model = new ReplayBuffer(1000, 2, 1);
        for (int i = 0; i < 100; i++) {
            model.add(new float[] {i, 0}, new float[] {0}, -1.0, new float[] {i, 1}, false, false);
        }
        return model;
    }

    @Test
    void fractionMixingPutsTheRealShareInEveryBatch() {
        SacAgent sac = agentWithRealRows();
        ReplayBuffer model = modelRows();
        for (int u = 0; u < 20; u++) {
            sac.updateMixed(model, 0.25, false);
            int real = 0;
            for (float r : sac.lastBatch().reward()) {
                real += r > 0 ? 1 : 0;
            }
            assertEquals(10, real, "round(0.25 * 40) real rows in every batch");
        }
    }

    @Test
    void coinMixingMakesWholeBatchesRealWithTheRealRatio() {
        SacAgent sac = agentWithRealRows();
        ReplayBuffer model = modelRows();
        int realBatches = 0;
        int n = 400;
        for (int u = 0; u < n; u++) {
            sac.updateMixed(model, 0.25, true);
            float[] r = sac.lastBatch().reward();
            boolean allReal = true;
            boolean allModel = true;
            for (float v : r) {
                allReal &= v > 0;
                allModel &= v < 0;
            }
            assertTrue(allReal || allModel, "a coin-mixed batch is all real or all model");
            realBatches += allReal ? 1 : 0;
        }
        assertEquals(0.25 * n, realBatches, 4 * Math.sqrt(n * 0.25 * 0.75), "real batches: " + realBatches);
    }

    @Test
    void anEmptyModelBufferGivesRealBatches() {
        SacAgent sac = agentWithRealRows();
        sac.updateMixed(new ReplayBuffer(10, 2, 1), 0.05, false);
        for (float r : sac.lastBatch().reward()) {
            assertEquals(1f, r);
        }
    }
}

package org.mbpo4j.sac;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mbpo4j.agent.Transition;
import org.mbpo4j.buffer.ReplayBuffer;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.random.Rng;

/**
 * With prioritized replay off (the default) SAC's updates are bit for bit those of the code
 * before prioritized replay existed: the expectation below was recorded by running this test
 * on that code (commit f0f6794), and every value is compared to 1e-5 relative.
 *
 * <p>Why not exactly: the values were recorded with OpenBLAS's AVX2 ("Haswell") kernels, and
 * other kernels (SkylakeX's, on AVX-512 CPUs: {@code org.mbpo4j.run.OpenBlasCore}) sum the
 * products in another order, which moves them by about 1e-7 relative. A change to the sampling,
 * the losses or the update order moves them by far more.
 */
class UniformPathFrozenTest {
    /** Losses, temperature and entropy after each update, then a deterministic action. */
    static final double[] BEFORE_PER = {
        0x1.de58ee3ba85b3p0, -0x1.20d964524p-1, 0x1.ff7cfe56f8958p-2, 0x1.2ca9c3444p0,
        0x1.6d599eada3c8cp0, -0x1.34f841875e55cp-1, 0x1.fefa0fffe1abep-2, 0x1.3b3f675p0,
        0x1.9aa3ccba041bbp0, -0x1.2b3ea6f3bdfc5p-1, 0x1.fe7741a321261p-2, 0x1.38cc9d78p0,
        0x1.03cf9f0d69a7dp0, -0x1.36f7f299298adp-1, 0x1.fdf4a3fbd50c7p-2, 0x1.2f3aedacp0,
        0x1.940093ce4cc7ep0, -0x1.4ed138a6f846cp-1, 0x1.fd71fe60f5fb5p-2, 0x1.4cc87ba4p0,
        0x1.95b583ac0e7b3p0, -0x1.520a5f8ee7bcep-1, 0x1.fcef581104406p-2, 0x1.514ff7e8p0,
        0x1.ecfa59595eb9ep0, -0x1.486efdff9e7b5p-1, 0x1.fc6cdc72918fp-2, 0x1.3fed17p0,
        0x1.a0baa4c7d0858p0, -0x1.5700c2f31742p-1, 0x1.fbea73c7eb4bep-2, 0x1.4ae12a5p0,
        0x1.24c9f6e66a9c6p1, -0x1.6e96aec1ddadcp-1, 0x1.fb67ebc7efc93p-2, 0x1.672c093p0,
        -0x1.ba3adep-5, 0x1.c3dc0ap-4,
    };

    /** Relative tolerance: BLAS kernels' summation order, not the algorithm. */
    static final double REL_TOL = 1e-5;

    static double[] fingerprint() {
        SacOptions cfg = SacOptions.defaults().toBuilder().hidden(16, 16).lr(1e-3).batchSize(32).bufferSize(200)
                .learningStarts(0).initAlpha(0.5).build();
        SacAgent sac = new SacAgent(3, 2, cfg, Kernels.cpu(), new Rng(42));
        Rng data = new Rng(7);
        ReplayBuffer model = new ReplayBuffer(100, 3, 2);
        for (int i = 0; i < 260; i++) { // more than the capacity: the ring wraps
            float[] obs = {(float) data.nextGaussian(), (float) data.nextGaussian(), (float) data.nextGaussian()};
            float[] next = {(float) data.nextGaussian(), (float) data.nextGaussian(), (float) data.nextGaussian()};
            float[] act = {(float) data.uniform(-1, 1), (float) data.uniform(-1, 1)};
            double reward = data.nextGaussian();
            boolean terminated = data.nextDouble() < 0.1;
            sac.store(new Transition<>(obs, act, reward, next, terminated, i % 37 == 0));
            model.add(next, act, -reward, obs, false, false);
        }
        List<Double> out = new ArrayList<>();
        for (int u = 0; u < 9; u++) {
            switch (u % 3) {
                case 0 -> sac.update();
                case 1 -> sac.updateMixed(model, 0.25, false);
                default -> sac.updateMixed(model, 0.25, true);
            }
            for (String key : List.of("critic_loss", "actor_loss", "alpha", "entropy")) {
                out.add(sac.metrics().get(key));
            }
        }
        for (float a : sac.act(new float[] {0.3f, -0.2f, 0.1f}, true)) {
            out.add((double) a);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void uniformUpdatesAreUnchanged() {
        double[] got = fingerprint();
        StringBuilder hex = new StringBuilder();
        for (double v : got) {
            hex.append(Double.toHexString(v)).append(", ");
        }
        assertEquals(BEFORE_PER.length, got.length, "recorded values: " + hex);
        for (int i = 0; i < got.length; i++) {
            double tol = REL_TOL * Math.max(Math.abs(BEFORE_PER[i]), 1e-3);
            assertEquals(BEFORE_PER[i], got[i], tol, "value " + i + "; recorded values: " + hex);
        }
    }
}

package org.mbpo4j.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy file's round trip, its forward pass against a hand computation, and every way a file can be wrong. */
class PolicyFileTest {

    static TrainedPolicy sample() {
        int[] sizes = {3, 4, 2};
        float[] p = new float[TrainedPolicy.paramCount(sizes)];
        Random r = new Random(1);
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (r.nextGaussian() * 0.7);
        }
        return new TrainedPolicy("Pendulum-v1", "{}", sizes, TrainedPolicy.Activation.RELU, p, new float[] {-2f},
                new float[] {2f}, Map.of("algo", "sac", "seed", "0"));
    }

    @Test
    void actIsTanhOfTheMeanRescaledOntoTheBounds() {
        TrainedPolicy pol = sample();
        float[] p = pol.params();
        float[] obs = {0.3f, -1.2f, 2.0f};
        double[] h = new double[4];
        for (int j = 0; j < 4; j++) {
            double z = p[3 * 4 + j];
            for (int i = 0; i < 3; i++) {
                z += obs[i] * p[i * 4 + j];
            }
            h[j] = Math.max(0, z);
        }
        int off = 3 * 4 + 4;
        double mean = p[off + 4 * 2];
        for (int i = 0; i < 4; i++) {
            mean += h[i] * p[off + i * 2];
        }
        double expected = -2 + (Math.tanh(mean) + 1) * 0.5 * 4;
        assertEquals(expected, pol.act(obs)[0], 1e-5);
    }

    @Test
    void roundTripKeepsEveryPart(@TempDir Path tmp) {
        TrainedPolicy pol = sample();
        Path f = tmp.resolve("p.policy");
        PolicyFile.save(pol, f);
        TrainedPolicy back = PolicyFile.load(f, "Pendulum-v1");
        assertArrayEquals(pol.params(), back.params());
        assertArrayEquals(pol.sizes(), back.sizes());
        assertArrayEquals(pol.actionLow(), back.actionLow());
        assertEquals(pol.provenance(), back.provenance());
        assertEquals("{}", back.envOptionsJson());
        assertArrayEquals(pol.act(new float[] {1, 2, 3}), back.act(new float[] {1, 2, 3}));
    }

    @Test
    void aWrongFileIsRefusedNamingWhatIsWrong(@TempDir Path tmp) throws Exception {
        byte[] good = PolicyFile.encode(sample());
        assertMessage(tmp, "missing.policy", null, "does not exist");
        assertMessage(tmp, "foreign.policy", "{\"not\": \"a policy\"}".getBytes(), "is not an mbpo4j policy file");
        assertMessage(tmp, "empty.policy", new byte[0], "is not an mbpo4j policy file");
        assertMessage(tmp, "truncated.policy", Arrays.copyOf(good, good.length - 9), "is truncated");
        assertMessage(tmp, "short.policy", Arrays.copyOf(good, 20), "is truncated");
        byte[] flipped = good.clone();
        flipped[flipped.length - 40] ^= 0x10;
        assertMessage(tmp, "flipped.policy", flipped, "is damaged: its checksum does not match");
        byte[] v2 = good.clone();
        v2[17] = 2; // the format version's low byte
        assertMessage(tmp, "v2.policy", v2, "format version 2; this mbpo4j reads version 1");
        Path f = tmp.resolve("ok.policy");
        Files.write(f, good);
        PolicyFileException wrongEnv = assertThrows(PolicyFileException.class, () -> PolicyFile.load(f, "Hopper-v4"));
        assertTrue(wrongEnv.getMessage().contains("holds a policy for Pendulum-v1, not Hopper-v4"), wrongEnv.getMessage());
        IllegalArgumentException badObs = assertThrows(IllegalArgumentException.class,
                () -> PolicyFile.load(f).act(new float[2]));
        assertTrue(badObs.getMessage().contains("expected an observation of 3 values"), badObs.getMessage());
    }

    private static void assertMessage(Path tmp, String name, byte[] content, String expected) throws Exception {
        Path f = tmp.resolve(name);
        if (content != null) {
            Files.write(f, content);
        }
        PolicyFileException e = assertThrows(PolicyFileException.class, () -> PolicyFile.load(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains(expected), name + ": " + e.getMessage());
    }
}

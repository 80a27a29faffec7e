package org.mbpo4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mbpo4j.random.Rng;

class NetworkFileTest {
    @TempDir
    Path dir;

    private static EnsembleMlp net(int members, int[] sizes, Activation hidden, Activation output, long seed) {
        return new EnsembleMlp(members, sizes, hidden, output, Init.UNIFORM_FAN_IN, new Rng(seed));
    }

    /** An Adam with non-trivial moments: a few steps on random gradients. */
    private static Adam trainedAdam(EnsembleMlp net, int steps, long seed) {
        Adam adam = new Adam(net, 1e-3);
        Rng rng = new Rng(seed);
        for (int s = 0; s < steps; s++) {
            for (int i = 0; i < net.grads().length(); i++) {
                net.grads().set(i, (float) rng.uniform(-1, 1));
            }
            adam.step(Kernels.cpu());
        }
        return adam;
    }

    private static int[] bits(float[] a) {
        int[] b = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Float.floatToRawIntBits(a[i]);
        }
        return b;
    }

    private static Map<String, String> meta() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("role", "actor");
        m.put("env", "Pendulum-v1");
        m.put("mbpo4j", "0.1.0-SNAPSHOT");
        m.put("note", "ünïcødé ✓");
        m.put("", "");
        return m;
    }

    @Test
    void roundTripIsBitExactAndRestoresAdamAndMetadata() {
        EnsembleMlp net = net(3, new int[] {4, 8, 5, 2}, Activation.SILU, Activation.TANH, 1);
        Adam adam = trainedAdam(net, 3, 2);
        // Values whose bits a careless format would lose.
        float[] special = {-0f, Float.MIN_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, 1e-40f};
        for (int i = 0; i < special.length; i++) {
            net.params().set(i, special[i]);
        }
        Path file = dir.resolve("runs/x/critic.net");
        NetworkFile.save(file, net, adam, meta());

        NetworkFile.Loaded loaded = NetworkFile.load(file);
        assertEquals(net.toString(), loaded.net().toString());
        assertArrayEquals(bits(net.params().toArray()), bits(loaded.net().params().toArray()));
        assertTrue(loaded.hasAdam());
        assertArrayEquals(bits(adam.firstMoments().toArray()), bits(loaded.adamFirst()));
        assertArrayEquals(bits(adam.secondMoments().toArray()), bits(loaded.adamSecond()));
        assertEquals(3, loaded.adamSteps());
        assertEquals(meta(), loaded.metadata());
        assertEquals(List.copyOf(meta().keySet()), List.copyOf(loaded.metadata().keySet()), "order kept");

        // loadInto: a fresh network and Adam become the saved ones, and the next step matches.
        EnsembleMlp other = net(3, new int[] {4, 8, 5, 2}, Activation.SILU, Activation.TANH, 99);
        Adam otherAdam = new Adam(other, 1e-3);
        assertEquals(meta(), NetworkFile.loadInto(file, other, otherAdam));
        assertArrayEquals(bits(net.params().toArray()), bits(other.params().toArray()));
        assertArrayEquals(bits(adam.firstMoments().toArray()), bits(otherAdam.firstMoments().toArray()));
        assertArrayEquals(bits(adam.secondMoments().toArray()), bits(otherAdam.secondMoments().toArray()));
        assertEquals(3, otherAdam.steps());
        for (int i = 0; i < net.grads().length(); i++) {
            float g = (float) Math.sin(i);
            net.grads().set(i, g);
            other.grads().set(i, g);
        }
        adam.step(Kernels.cpu());
        otherAdam.step(Kernels.cpu());
        assertArrayEquals(bits(net.params().toArray()), bits(other.params().toArray()), "resumed step");
    }

    @Test
    void withoutAdamOrMetadata() {
        EnsembleMlp net = net(1, new int[] {3, 4, 1}, Activation.RELU, Activation.IDENTITY, 5);
        Path file = dir.resolve("v.net");
        NetworkFile.save(file, net, null, null);
        NetworkFile.Loaded loaded = NetworkFile.load(file);
        assertFalse(loaded.hasAdam());
        assertNull(loaded.adamFirst());
        assertNull(loaded.adamSecond());
        assertEquals(-1, loaded.adamSteps());
        assertEquals(Map.of(), loaded.metadata());
        assertArrayEquals(bits(net.params().toArray()), bits(loaded.net().params().toArray()));

        // Weights only: an Adam state in the file may be ignored, but a missing one may not be restored.
        EnsembleMlp other = net(1, new int[] {3, 4, 1}, Activation.RELU, Activation.IDENTITY, 6);
        float[] before = other.params().toArray();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkFile.loadInto(file, other, new Adam(other, 1e-3)));
        assertEquals(file + ": stores no Adam state, but an Adam was given to restore", e.getMessage());
        assertArrayEquals(bits(before), bits(other.params().toArray()), "unchanged on failure");
        Path withAdam = dir.resolve("a.net");
        NetworkFile.save(withAdam, net, trainedAdam(net, 1, 1), Map.of());
        NetworkFile.loadInto(withAdam, other, null);
        assertArrayEquals(bits(net.params().toArray()), bits(other.params().toArray()));
    }

    @Test
    void loadedNetworkComputesTheSameOutputs() {
        EnsembleMlp net = net(2, new int[] {3, 16, 16, 2}, Activation.RELU, Activation.TANH, 3);
        Path file = dir.resolve("net.bin");
        NetworkFile.save(file, net, null, Map.of("role", "actor"));
        EnsembleMlp loaded = NetworkFile.load(file).net();
        int batch = 5;
        Workspace a = net.workspace(batch, true);
        Workspace b = loaded.workspace(batch, true);
        Rng rng = new Rng(4);
        for (int i = 0; i < a.input().length(); i++) {
            float x = (float) rng.uniform(-3, 3);
            a.input().set(i, x);
            b.input().set(i, x);
        }
        net.forward(a, Kernels.cpu());
        loaded.forward(b, Kernels.cpu());
        assertArrayEquals(bits(a.output().toArray()), bits(b.output().toArray()));
    }

    @Test
    void shapeMismatchNamesFileAndBothShapesAndModifiesNothing() {
        Path file = dir.resolve("runs/x/actor.net");
        EnsembleMlp small = net(1, new int[] {3, 64, 2}, Activation.RELU, Activation.IDENTITY, 1);
        NetworkFile.save(file, small, trainedAdam(small, 2, 1), Map.of());

        EnsembleMlp big = net(1, new int[] {3, 256, 256, 2}, Activation.RELU, Activation.IDENTITY, 2);
        Adam bigAdam = trainedAdam(big, 1, 3);
        float[] params = big.params().toArray();
        float[] m = bigAdam.firstMoments().toArray();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkFile.loadInto(file, big, bigAdam));
        assertEquals(file + ": stores EnsembleMlp(members=1, sizes=[3, 64, 2], hidden=RELU, output=IDENTITY)"
                + " but this network is EnsembleMlp(members=1, sizes=[3, 256, 256, 2], hidden=RELU,"
                + " output=IDENTITY)", e.getMessage());
        assertArrayEquals(bits(params), bits(big.params().toArray()));
        assertArrayEquals(bits(m), bits(bigAdam.firstMoments().toArray()));
        assertEquals(1, bigAdam.steps());

        for (EnsembleMlp wrong : new EnsembleMlp[] {
                net(2, new int[] {3, 64, 2}, Activation.RELU, Activation.IDENTITY, 1),
                net(1, new int[] {3, 64, 2}, Activation.TANH, Activation.IDENTITY, 1),
                net(1, new int[] {3, 64, 2}, Activation.RELU, Activation.TANH, 1)}) {
            e = assertThrows(IllegalArgumentException.class, () -> NetworkFile.loadInto(file, wrong, null));
            assertTrue(e.getMessage().endsWith("but this network is " + wrong), e.getMessage());
        }

        // The network fits, but the Adam belongs to a network of another shape.
        EnsembleMlp same = net(1, new int[] {3, 64, 2}, Activation.RELU, Activation.IDENTITY, 7);
        float[] sameParams = same.params().toArray();
        e = assertThrows(IllegalArgumentException.class, () -> NetworkFile.loadInto(file, same, bigAdam));
        assertEquals(file + ": stores Adam state for EnsembleMlp(members=1, sizes=[3, 64, 2], hidden=RELU,"
                + " output=IDENTITY) but this Adam optimises " + big, e.getMessage());
        assertArrayEquals(bits(sameParams), bits(same.params().toArray()));
        assertArrayEquals(bits(m), bits(bigAdam.firstMoments().toArray()));

        // Saving a network with another network's Adam is refused too.
        assertThrows(IllegalArgumentException.class,
                () -> NetworkFile.save(dir.resolve("bad.net"), same, bigAdam, Map.of()));
        assertFalse(Files.exists(dir.resolve("bad.net")));
    }

    private byte[] sample(Path file) throws IOException {
        EnsembleMlp net = net(2, new int[] {2, 3, 1}, Activation.TANH, Activation.IDENTITY, 8);
        NetworkFile.save(file, net, trainedAdam(net, 2, 9), Map.of("role", "model"));
        return Files.readAllBytes(file);
    }

    private IllegalArgumentException corrupt(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkFile.load(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        EnsembleMlp target = net(2, new int[] {2, 3, 1}, Activation.TANH, Activation.IDENTITY, 10);
        float[] before = target.params().toArray();
        assertThrows(IllegalArgumentException.class, () -> NetworkFile.loadInto(file, target, null));
        assertArrayEquals(bits(before), bits(target.params().toArray()));
        return e;
    }

    @Test
    void wrongMagic() throws IOException {
        Path file = dir.resolve("m.net");
        byte[] b = sample(file);
        b[7] = 'X';
        assertEquals(file + ": wrong magic: not an mbpo4j network file (it must start with \"MBPO4J-NET\")",
                corrupt(file, b).getMessage());
        assertTrue(corrupt(file, "{\"json\": true}".getBytes()).getMessage().contains("wrong magic"));
    }

    @Test
    void unsupportedVersion() throws IOException {
        Path file = dir.resolve("v.net");
        byte[] b = sample(file);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(NetworkFile.MAGIC.length, 2);
        assertEquals(file + ": unsupported format version 2 (this build reads version 1)",
                corrupt(file, b).getMessage());
    }

    @Test
    void everyTruncationIsReported() throws IOException {
        Path file = dir.resolve("t.net");
        byte[] b = sample(file);
        for (int len = 0; len < b.length; len++) {
            String msg = corrupt(file, Arrays.copyOf(b, len)).getMessage();
            assertTrue(msg.startsWith(file + ": truncated: the file ends inside "), len + ": " + msg);
        }
    }

    @Test
    void trailingBytes() throws IOException {
        Path file = dir.resolve("tr.net");
        byte[] b = sample(file);
        assertEquals(file + ": 1 trailing bytes after the CRC-32 (the file should end at byte " + b.length + ")",
                corrupt(file, Arrays.copyOf(b, b.length + 1)).getMessage());
        assertTrue(corrupt(file, Arrays.copyOf(b, b.length + 4096)).getMessage().contains("4096 trailing bytes"));
    }

    @Test
    void everyFlippedBitOfParametersMomentsMetadataOrCrcIsCaught() throws IOException {
        Path file = dir.resolve("c.net");
        byte[] b = sample(file);
        // Header: magic, version, members, 3 + 3 sizes, "TANH", "IDENTITY", parameter count.
        int dataStart = 10 + 4 + 4 + 4 + 3 * 4 + 4 + 4 + 4 + 8 + 4;
        int p = 2 * (3 * 3 + 4);
        int flag = dataStart + 4 * p;
        int count = flag + 1 + 8 + 8 * p;
        int keyLen = count + 4;
        int valueLen = keyLen + 4 + "role".length();
        assertEquals(b.length, valueLen + 4 + "model".length() + 4);
        for (int i = dataStart; i < b.length; i++) {
            boolean structure = i == flag || (i >= count && i < keyLen + 4) || (i >= valueLen && i < valueLen + 4);
            if (structure) {
                continue; // the Adam flag, the metadata count and the string lengths
            }
            byte[] c = b.clone();
            c[i] ^= (byte) (1 << (i % 8));
            String msg = corrupt(file, c).getMessage();
            assertTrue(msg.startsWith(file + ": corrupt: CRC-32 mismatch (stored "), i + ": " + msg);
        }
    }

    /** Recomputes the CRC-32 trailer: the file is then consistent, but its values may not be. */
    private static byte[] withCrc(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 4);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length - 4, (int) crc.getValue());
        return b;
    }

    @Test
    void impossibleValuesBehindAValidCrcAreReported() throws IOException {
        Path file = dir.resolve("h.net");
        byte[] b = sample(file);
        byte[] c = b.clone();
        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt(14, 0);
        assertEquals(file + ": corrupt header: members=0, sizes=[2, 3, 1]", corrupt(file, withCrc(c)).getMessage());
        c = b.clone();
        c[10 + 4 + 4 + 4 + 12 + 4] = 'Z'; // "TANH" -> "ZANH"
        assertEquals(file + ": unknown activation 'ZANH' (this build knows [IDENTITY, RELU, TANH, SILU])",
                corrupt(file, withCrc(c)).getMessage());
        c = b.clone();
        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt(10 + 4 + 4 + 4 + 4, 4); // sizes [2, 4, 1]
        assertEquals(file + ": corrupt header: 26 parameters stored, but EnsembleMlp(members=2, sizes=[2, 4, 1],"
                + " hidden=TANH, output=IDENTITY) has 34", corrupt(file, withCrc(c)).getMessage());
        c = b.clone();
        c[b.length - 4 - 1] = (byte) 0xff; // in "model"
        assertEquals(file + ": corrupt: invalid UTF-8", corrupt(file, withCrc(c)).getMessage());
        // Counts the file cannot hold read as truncation; negative ones as corruption.
        c = b.clone();
        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt(18, Integer.MAX_VALUE);
        assertTrue(corrupt(file, c).getMessage().contains("truncated: the file ends inside the layer sizes"));
        c = b.clone();
        ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt(18, -3);
        assertEquals(file + ": corrupt: negative count -3 for the layer sizes", corrupt(file, c).getMessage());
        c = b.clone();
        c[10 + 4 + 4 + 4 + 12 + 8 + 12 + 4 + 4 * 26] = 2;
        assertEquals(file + ": corrupt: Adam flag 2, expected 0 or 1", corrupt(file, c).getMessage());
    }

    @Test
    void missingFileNamesThePath() {
        Path file = dir.resolve("nope/actor.net");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> NetworkFile.load(file));
        assertEquals("network file " + file + " does not exist", e.getMessage());
        EnsembleMlp net = net(1, new int[] {1, 1}, Activation.RELU, Activation.IDENTITY, 1);
        assertThrows(UncheckedIOException.class, () -> NetworkFile.loadInto(file, net, null));
    }

    @Test
    void savesLeaveNoTemporaryFilesAndReplaceTheOldFile() throws IOException {
        Path file = dir.resolve("deep/er/actor.net");
        EnsembleMlp a = net(1, new int[] {3, 8, 2}, Activation.RELU, Activation.TANH, 1);
        EnsembleMlp b = net(1, new int[] {3, 8, 2}, Activation.RELU, Activation.TANH, 2);
        for (int i = 0; i < 3; i++) {
            NetworkFile.save(file, i % 2 == 0 ? a : b, null, Map.of("i", "" + i));
        }
        try (Stream<Path> s = Files.list(file.getParent())) {
            assertEquals(List.of(file), s.toList());
        }
        NetworkFile.Loaded loaded = NetworkFile.load(file);
        assertEquals("2", loaded.metadata().get("i"));
        assertArrayEquals(bits(a.params().toArray()), bits(loaded.net().params().toArray()));
    }
}

package org.mbpo4j.buffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mbpo4j.random.Rng;

class BufferFileTest {
    @TempDir
    Path dir;

    private static ReplayBuffer filled(int capacity, int from, int to) {
        ReplayBuffer buf = new ReplayBuffer(capacity, Rows.OBS, Rows.ACT);
        for (int id = from; id < to; id++) {
            Rows.add(buf, id);
        }
        return buf;
    }

    private ReplayBuffer roundTrip(ReplayBuffer buf) {
        Path file = dir.resolve("buf.bin");
        buf.save(file);
        ReplayBuffer loaded = ReplayBuffer.load(file);
        Rows.assertSameContents(buf, loaded);
        return loaded;
    }

    @Test
    void roundTripPreservesContentsAndRingOrder() {
        for (int[] c : new int[][] {{5, 0}, {5, 3}, {5, 5}, {5, 12}, {1, 1}, {1, 4}}) {
            ReplayBuffer buf = filled(c[0], 0, c[1]);
            ReplayBuffer loaded = roundTrip(buf);
            // The write position survived: the next rows overwrite the same oldest rows.
            for (int id = 100; id < 103; id++) {
                Rows.add(buf, id);
                Rows.add(loaded, id);
            }
            Rows.assertSameContents(buf, loaded);
        }
    }

    @Test
    void roundTripOfALargeBufferIsBitExact() {
        // Columns larger than the 64 KiB I/O chunk; values from the whole float range.
        Rng rng = new Rng(17);
        int obsDim = 11;
        int actDim = 3;
        ReplayBuffer buf = new ReplayBuffer(20_000, obsDim, actDim);
        float[] o = new float[obsDim];
        float[] a = new float[actDim];
        float[] n = new float[obsDim];
        for (int i = 0; i < 23_456; i++) {
            fill(o, rng);
            fill(a, rng);
            fill(n, rng);
            buf.add(o, a, rng.nextGaussian() * 1e30, n, rng.nextInt(7) == 0, rng.nextInt(11) == 0);
        }
        Path file = dir.resolve("big.bin");
        buf.save(file);
        ReplayBuffer loaded = ReplayBuffer.load(file);
        Rows.assertSameContents(buf, loaded);
        Batch x = Batch.allocate(500, obsDim, actDim);
        Batch y = Batch.allocate(500, obsDim, actDim);
        buf.sample(x, new Rng(1));
        loaded.sample(y, new Rng(1));
        assertArrayEquals(x.obs(), y.obs());
        assertArrayEquals(x.nextObs(), y.nextObs());
    }

    private static void fill(float[] v, Rng rng) {
        for (int i = 0; i < v.length; i++) {
            v[i] = Float.intBitsToFloat(rng.nextInt(0x7f000000)) * (rng.nextInt(2) == 0 ? 1 : -1);
        }
    }

    @Test
    void saveReplacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("sub").resolve("model.buf");
        filled(4, 0, 2).save(file);
        filled(6, 10, 19).save(file);
        assertArrayEquals(new int[] {13, 14, 15, 16, 17, 18}, Rows.ids(ReplayBuffer.load(file)));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(1, files.count());
        }
        assertEquals(BufferFile.expectedLength(Rows.OBS, Rows.ACT, 6), Files.size(file));
    }

    @Test
    void startsWithTheMagicHeaderAndVersion() throws IOException {
        Path file = dir.resolve("b.bin");
        filled(4, 0, 2).save(file);
        byte[] bytes = Files.readAllBytes(file);
        assertEquals("MBPO4J-BUF", new String(bytes, 0, 10, StandardCharsets.US_ASCII));
        assertEquals(1, ByteBuffer.wrap(bytes, 10, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
    }

    @Test
    void corruptFilesAreRejectedNamingTheFileAndTheProblem() throws IOException {
        Path good = dir.resolve("good.bin");
        filled(8, 0, 5).save(good);
        byte[] bytes = Files.readAllBytes(good);

        byte[] magic = bytes.clone();
        magic[0] = 'X';
        assertRejected(magic, "wrong magic header");
        assertRejected("{\"format\": \"json\"}".getBytes(StandardCharsets.UTF_8), "wrong magic header");

        byte[] version = bytes.clone();
        ByteBuffer.wrap(version).order(ByteOrder.LITTLE_ENDIAN).putInt(10, 7);
        assertRejected(version, "unsupported format version 7");

        assertRejected(Arrays.copyOf(bytes, bytes.length - 1), "truncated");
        assertRejected(Arrays.copyOf(bytes, 20), "truncated", "header");
        assertRejected(Arrays.copyOf(bytes, 4), "truncated");
        assertRejected(new byte[0], "truncated");
        assertRejected(Arrays.copyOf(bytes, bytes.length + 3), "too long");

        byte[] size = bytes.clone();
        ByteBuffer.wrap(size).order(ByteOrder.LITTLE_ENDIAN).putInt(26, 9); // size > capacity 8
        assertRejected(size, "corrupt header", "size 9");

        byte[] data = bytes.clone();
        data[BufferFile.HEADER_BYTES + 5] ^= 0x10;
        assertRejected(data, "CRC-32 mismatch");

        byte[] flag = bytes.clone();
        flag[bytes.length - 4 - 5 - 5] = 3; // terminated[0]
        assertRejected(flag, "terminated[0] holds 3");

        Path missing = dir.resolve("missing.bin");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> ReplayBuffer.load(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    private void assertRejected(byte[] content, String... parts) throws IOException {
        Path file = dir.resolve("bad.bin");
        Files.write(file, content);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReplayBuffer.load(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message \"" + e.getMessage() + "\" lacks \"" + part + "\"");
        }
    }
}

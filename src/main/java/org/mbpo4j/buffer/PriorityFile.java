package org.mbpo4j.buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32;
import org.mbpo4j.io.AtomicFiles;

/**
 * The binary file of a {@link PrioritizedReplay}'s priorities, saved next to its buffer's
 * {@link BufferFile}, little-endian throughout:
 *
 * <pre>
 *   10 bytes  magic "MBPO4J-PRI" (ASCII)
 *   int       format version (1)
 *   int       capacity, size, writePos of the buffer it belongs to
 *   double    alpha, eps, running maximum priority
 *   double[]  the priorities of physical slots [0, size)
 *   int       CRC-32 of every byte before it
 * </pre>
 *
 * <p>The ring geometry is repeated so that a priority file cannot be paired with another
 * buffer's file, and {@code alpha} and {@code eps} so that priorities are never read in a space
 * they were not computed in. Written whole through {@link AtomicFiles} (temporary file, forced,
 * atomic rename).
 */
final class PriorityFile {
    static final byte[] MAGIC = "MBPO4J-PRI".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int HEADER_BYTES = MAGIC.length + 4 * Integer.BYTES + 3 * Double.BYTES;

    /** What a file holds beyond its header checks. */
    record Content(double maxPriority, double[] priorities) {
    }

    private PriorityFile() {
    }

    static long expectedLength(int size) {
        return HEADER_BYTES + (long) Double.BYTES * size + Integer.BYTES;
    }

    static void write(PrioritizedReplay per, Path target) {
        Objects.requireNonNull(target, "file");
        ReplayBuffer buf = per.buffer();
        double[] p = per.storedPriorities();
        long length = expectedLength(p.length);
        if (length > Checks.MAX_ARRAY) {
            throw new IllegalArgumentException("cannot save " + p.length + " priorities to " + target
                    + ": the file would exceed the largest Java array");
        }
        ByteBuffer bb = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(MAGIC);
        bb.putInt(VERSION).putInt(buf.capacity()).putInt(buf.size()).putInt(buf.writePos());
        bb.putDouble(per.alpha()).putDouble(per.eps()).putDouble(per.maxPriority());
        bb.asDoubleBuffer().put(p);
        bb.position(bb.position() + Double.BYTES * p.length);
        CRC32 crc = new CRC32();
        crc.update(bb.array(), 0, bb.position());
        bb.putInt((int) crc.getValue());
        AtomicFiles.write(target, bb.array());
    }

    static Content read(Path file, ReplayBuffer buf, double alpha, double eps) {
        Objects.requireNonNull(file, "file");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("priority file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read priority file " + file + ": " + e.getMessage(), e);
        }
        int n = Math.min(MAGIC.length, bytes.length);
        if (!Arrays.equals(bytes, 0, n, MAGIC, 0, n)) {
            throw bad(file, "wrong magic header: not a priority file (it must start with \"MBPO4J-PRI\")");
        }
        if (bytes.length < HEADER_BYTES) {
            throw bad(file, "truncated: " + bytes.length + " bytes, shorter than the " + HEADER_BYTES
                    + "-byte header");
        }
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        bb.position(MAGIC.length);
        int version = bb.getInt();
        if (version != VERSION) {
            throw bad(file, "unsupported format version " + version + " (this build reads version " + VERSION + ")");
        }
        int capacity = bb.getInt();
        int size = bb.getInt();
        int writePos = bb.getInt();
        if (capacity != buf.capacity() || size != buf.size() || writePos != buf.writePos()) {
            throw bad(file, "belongs to a buffer of capacity " + capacity + ", size " + size + ", write position "
                    + writePos + ", but the replay buffer has capacity " + buf.capacity() + ", size " + buf.size()
                    + ", write position " + buf.writePos());
        }
        long expected = expectedLength(size);
        if (bytes.length != expected) {
            throw bad(file, (bytes.length < expected ? "truncated" : "too long") + ": " + bytes.length
                    + " bytes, but " + size + " priorities take " + expected);
        }
        double fileAlpha = bb.getDouble();
        double fileEps = bb.getDouble();
        double maxPriority = bb.getDouble();
        double[] p = new double[size];
        bb.asDoubleBuffer().get(p);
        bb.position(bb.position() + Double.BYTES * size);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bb.position());
        long stored = bb.getInt() & 0xffffffffL;
        if (crc.getValue() != stored) {
            throw bad(file, "corrupt: CRC-32 mismatch (stored " + Long.toHexString(stored) + ", computed "
                    + Long.toHexString(crc.getValue()) + ")");
        }
        if (Double.compare(fileAlpha, alpha) != 0 || Double.compare(fileEps, eps) != 0) {
            throw bad(file, "priorities were computed with alpha " + fileAlpha + " and eps " + fileEps
                    + ", but this run uses alpha " + alpha + " and eps " + eps);
        }
        if (!(maxPriority > 0 && maxPriority < Double.POSITIVE_INFINITY)) {
            throw bad(file, "corrupt: maximum priority " + maxPriority + " is not a positive finite number");
        }
        for (int i = 0; i < size; i++) {
            if (!(p[i] > 0 && p[i] <= maxPriority)) {
                throw bad(file, "corrupt: priority of slot " + i + " is " + p[i] + ", outside (0, maximum "
                        + maxPriority + "]");
            }
        }
        return new Content(maxPriority, p);
    }

    private static IllegalArgumentException bad(Path file, String what) {
        return new IllegalArgumentException("cannot load replay priorities from " + file + ": " + what);
    }
}

package org.mbpo4j.buffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * The binary file format of a {@link ReplayBuffer}, little-endian throughout:
 *
 * <pre>
 *   10 bytes  magic "MBPO4J-BUF" (ASCII)
 *   int       format version (1)
 *   int       obsDim, actDim, capacity, size, writePos
 *   float[]   obs      of physical slots [0, size), size * obsDim values
 *   float[]   action   size * actDim
 *   float[]   reward   size
 *   float[]   nextObs  size * obsDim
 *   byte[]    terminated, size bytes (0 or 1)
 *   byte[]    truncated,  size bytes (0 or 1)
 *   int       CRC-32 of every byte before it
 * </pre>
 *
 * <p>While a buffer is not full its rows fill slots {@code [0, size)}; once full, all slots, so
 * storing those slots with {@code writePos} restores the ring order exactly. Files are streamed
 * to a temporary file in the target's directory, forced to disk and renamed atomically onto
 * the target, so a crash leaves the old file or the new one, never a partial one; buffers
 * larger than any one Java array can be saved.
 */
final class BufferFile {
    static final byte[] MAGIC = "MBPO4J-BUF".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int HEADER_BYTES = MAGIC.length + 6 * Integer.BYTES;
    private static final int CHUNK = 1 << 16;

    private BufferFile() {
    }

    /** Bytes a file holding {@code size} rows of these dims must have. */
    static long expectedLength(int obsDim, int actDim, int size) {
        long rowBytes = (long) Float.BYTES * (2L * obsDim + actDim + 1) + 2;
        return HEADER_BYTES + rowBytes * size + Integer.BYTES;
    }

    static void write(ReplayBuffer buf, Path target) {
        Objects.requireNonNull(target, "file");
        Path file = target.toAbsolutePath();
        Path dir = file.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                Out out = new Out(ch);
                out.bytes(MAGIC);
                out.ints(VERSION, buf.obsDim(), buf.actDim(), buf.capacity(), buf.size(), buf.writePos());
                int n = buf.size();
                out.floats(buf.obsColumn(), n * buf.obsDim());
                out.floats(buf.actionColumn(), n * buf.actDim());
                out.floats(buf.rewardColumn(), n);
                out.floats(buf.nextObsColumn(), n * buf.obsDim());
                out.flags(buf.terminatedColumn(), n);
                out.flags(buf.truncatedColumn(), n);
                out.finish();
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            forceDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write replay buffer " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the original error matters more
                }
            }
        }
    }

    static ReplayBuffer read(Path file) {
        Objects.requireNonNull(file, "file");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = ch.size();
            In in = new In(ch, file);
            byte[] magic = in.bytes((int) Math.min(MAGIC.length, length));
            if (!Arrays.equals(magic, 0, magic.length, MAGIC, 0, magic.length)) {
                throw bad(file, "wrong magic header: not a replay buffer file (it must start with \"MBPO4J-BUF\")");
            }
            if (length < HEADER_BYTES) {
                throw bad(file, "truncated: " + length + " bytes, shorter than the " + HEADER_BYTES + "-byte header");
            }
            int version = in.nextInt();
            if (version != VERSION) {
                throw bad(file, "unsupported format version " + version + " (this build reads version " + VERSION
                        + ")");
            }
            int obsDim = in.nextInt();
            int actDim = in.nextInt();
            int capacity = in.nextInt();
            int size = in.nextInt();
            int writePos = in.nextInt();
            checkHeader(file, obsDim, actDim, capacity, size, writePos);
            long expected = expectedLength(obsDim, actDim, size);
            if (length != expected) {
                throw bad(file, (length < expected ? "truncated" : "too long") + ": " + length
                        + " bytes, but a buffer of " + size + " rows with obsDim=" + obsDim + ", actDim=" + actDim
                        + " takes " + expected);
            }
            float[] obs = in.floats(new float[capacity * obsDim], size * obsDim);
            float[] action = in.floats(new float[capacity * actDim], size * actDim);
            float[] reward = in.floats(new float[capacity], size);
            float[] nextObs = in.floats(new float[capacity * obsDim], size * obsDim);
            boolean[] terminated = in.flags(new boolean[capacity], size, "terminated");
            boolean[] truncated = in.flags(new boolean[capacity], size, "truncated");
            long computed = in.crc();
            long stored = in.nextInt() & 0xffffffffL;
            if (computed != stored) {
                throw bad(file, "corrupt: CRC-32 mismatch (stored " + Long.toHexString(stored) + ", computed "
                        + Long.toHexString(computed) + ")");
            }
            return new ReplayBuffer(capacity, obsDim, actDim, size, writePos, obs, action, reward, nextObs,
                    terminated, truncated);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("replay buffer file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read replay buffer " + file + ": " + e.getMessage(), e);
        }
    }

    private static void checkHeader(Path file, int obsDim, int actDim, int capacity, int size, int writePos) {
        if (obsDim < 1 || actDim < 1 || capacity < 1) {
            throw bad(file, "corrupt header: obsDim=" + obsDim + ", actDim=" + actDim + ", capacity=" + capacity
                    + " (each must be at least 1)");
        }
        if ((long) capacity * Math.max(obsDim, actDim) > Checks.MAX_ARRAY) {
            throw bad(file, "corrupt header: capacity " + capacity + " with obsDim=" + obsDim + ", actDim="
                    + actDim + " exceeds the largest Java array");
        }
        if (size < 0 || size > capacity) {
            throw bad(file, "corrupt header: size " + size + " outside [0, capacity=" + capacity + "]");
        }
        boolean posOk = size < capacity ? writePos == size : writePos >= 0 && writePos < capacity;
        if (!posOk) {
            throw bad(file, "corrupt header: write position " + writePos + " impossible with size " + size
                    + " and capacity " + capacity);
        }
    }

    private static IllegalArgumentException bad(Path file, String what) {
        return new IllegalArgumentException("cannot load a replay buffer from " + file + ": " + what);
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not possible on every platform (Windows); the file content itself is on disk.
        }
    }

    /** Chunked little-endian writer that keeps a running CRC-32. */
    private static final class Out {
        private final FileChannel ch;
        private final ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        private final CRC32 crc = new CRC32();

        Out(FileChannel ch) {
            this.ch = ch;
        }

        void bytes(byte[] b) throws IOException {
            room(b.length);
            buf.put(b);
        }

        void ints(int... values) throws IOException {
            for (int v : values) {
                room(Integer.BYTES);
                buf.putInt(v);
            }
        }

        void floats(float[] a, int len) throws IOException {
            int i = 0;
            while (i < len) {
                room(Float.BYTES);
                int n = Math.min(len - i, buf.remaining() / Float.BYTES);
                buf.asFloatBuffer().put(a, i, n);
                buf.position(buf.position() + n * Float.BYTES);
                i += n;
            }
        }

        void flags(boolean[] a, int len) throws IOException {
            for (int i = 0; i < len; i++) {
                room(1);
                buf.put(a[i] ? (byte) 1 : (byte) 0);
            }
        }

        /** Writes the CRC of everything so far, then flushes. */
        void finish() throws IOException {
            flush();
            buf.putInt((int) crc.getValue());
            buf.flip();
            drain();
        }

        private void room(int bytes) throws IOException {
            if (buf.remaining() < bytes) {
                flush();
            }
        }

        private void flush() throws IOException {
            buf.flip();
            crc.update(buf.duplicate());
            drain();
        }

        private void drain() throws IOException {
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            buf.clear();
        }
    }

    /** Chunked little-endian reader that keeps a running CRC-32 of the bytes consumed. */
    private static final class In {
        private final FileChannel ch;
        private final Path file;
        private final ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        private final CRC32 crc = new CRC32();
        private int folded;

        In(FileChannel ch, Path file) {
            this.ch = ch;
            this.file = file;
            buf.limit(0);
        }

        byte[] bytes(int n) throws IOException {
            need(n);
            byte[] b = new byte[n];
            buf.get(b);
            return b;
        }

        int nextInt() throws IOException {
            need(Integer.BYTES);
            return buf.getInt();
        }

        float[] floats(float[] dst, int len) throws IOException {
            int i = 0;
            while (i < len) {
                need(Float.BYTES);
                int n = Math.min(len - i, buf.remaining() / Float.BYTES);
                buf.asFloatBuffer().get(dst, i, n);
                buf.position(buf.position() + n * Float.BYTES);
                i += n;
            }
            return dst;
        }

        boolean[] flags(boolean[] dst, int len, String column) throws IOException {
            for (int i = 0; i < len; i++) {
                need(1);
                byte b = buf.get();
                if (b != 0 && b != 1) {
                    throw bad(file, "corrupt: " + column + "[" + i + "] holds " + b + ", expected 0 or 1");
                }
                dst[i] = b == 1;
            }
            return dst;
        }

        /** CRC-32 of every byte consumed so far. */
        long crc() {
            fold();
            return crc.getValue();
        }

        /** Adds the bytes consumed since the last fold to the CRC. */
        private void fold() {
            if (buf.position() > folded) {
                ByteBuffer consumed = buf.duplicate();
                consumed.limit(buf.position());
                consumed.position(folded);
                crc.update(consumed);
                folded = buf.position();
            }
        }

        private void need(int bytes) throws IOException {
            if (buf.remaining() >= bytes) {
                return;
            }
            fold();
            buf.compact();
            folded = 0;
            while (buf.position() < bytes) {
                if (ch.read(buf) < 0) {
                    throw bad(file, "truncated: unexpected end of file");
                }
            }
            buf.flip();
        }
    }
}

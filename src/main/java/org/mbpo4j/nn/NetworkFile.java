package org.mbpo4j.nn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;
import org.mbpo4j.random.Rng;
import org.mbpo4j.io.AtomicFiles;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Saves and loads one {@link EnsembleMlp} (its shape and parameters), optionally its
 * {@link Adam} state (moments and step count; not the learning rate or betas, which belong to
 * the configuration), and string metadata, as one binary file, little-endian throughout:
 *
 * <pre>
 *   10 bytes  magic "MBPO4J-NET" (ASCII)
 *   int       format version (1)
 *   int       members
 *   int       number of layer sizes n, then n ints: the sizes, input first
 *   string    hidden activation name, then output activation name
 *   int       parameter count P
 *   float[P]  the parameters, in the layout of {@link EnsembleMlp#params()}
 *   byte      1 if Adam state follows, else 0
 *             [long steps, float[P] first moments, float[P] second moments]
 *   int       number of metadata entries, then per entry: string key, string value
 *   int       CRC-32 of every byte before it
 * </pre>
 *
 * A string is an int byte count followed by that many bytes of UTF-8. Files are written with
 * {@link AtomicFiles#write} (temporary file, then an atomic rename), so a crash leaves the old
 * file or the new one. Parameters travel through ND4J, so this also works for device memory.
 *
 * <p>Malformed files (wrong magic, unsupported version, truncated, trailing bytes, CRC
 * mismatch, impossible header values) and shape mismatches are reported as
 * {@link IllegalArgumentException}s whose message starts with the file; a file that cannot be
 * read at all (missing, unreadable) as {@link UncheckedIOException} naming it.
 */
public final class NetworkFile {
    static final byte[] MAGIC = "MBPO4J-NET".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;

    private NetworkFile() {
    }

    /**
     * What {@link #load} read: a freshly built network holding the stored parameters, the Adam
     * state ({@code adamFirst}/{@code adamSecond} null and {@code adamSteps} -1 when the file
     * has none) and the metadata (unmodifiable, in the order it was saved).
     */
    public record Loaded(EnsembleMlp net, float[] adamFirst, float[] adamSecond, long adamSteps,
                         Map<String, String> metadata) {
        /** Whether the file held Adam state. */
        public boolean hasAdam() {
            return adamFirst != null;
        }
    }

    /**
     * Writes {@code net}, the state of {@code adamOrNull} (which must optimise a network of the
     * same shape) and {@code metadata} (may be null; no null keys or values) to {@code file},
     * replacing it atomically. The whole file is built in memory first.
     */
    public static void save(Path file, EnsembleMlp net, Adam adamOrNull, Map<String, String> metadata) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(net, "net");
        Shape shape = Shape.of(net);
        if (adamOrNull != null && !Shape.of(adamOrNull.network()).equals(shape)) {
            throw new IllegalArgumentException("cannot save " + file + ": the Adam optimises "
                    + adamOrNull.network() + " but the network is " + net);
        }
        Map<String, String> meta = metadata == null ? Map.of() : metadata;
        byte[] hidden = utf8(net.hidden().name());
        byte[] output = utf8(net.output().name());
        byte[][] keys = new byte[meta.size()][];
        byte[][] values = new byte[meta.size()][];
        int p = net.params().length();
        long size = MAGIC.length + 3L * Integer.BYTES + (long) Integer.BYTES * shape.sizes.length
                + 2L * Integer.BYTES + hidden.length + output.length + Integer.BYTES + (long) Float.BYTES * p
                + 1 + (adamOrNull == null ? 0 : Long.BYTES + 2L * Float.BYTES * p) + Integer.BYTES
                + Integer.BYTES;
        int i = 0;
        for (Map.Entry<String, String> e : meta.entrySet()) {
            keys[i] = utf8(Objects.requireNonNull(e.getKey(), "metadata key"));
            values[i] = utf8(Objects.requireNonNull(e.getValue(), () -> "metadata value of " + e.getKey()));
            size += 2L * Integer.BYTES + keys[i].length + values[i].length;
            i++;
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("cannot save " + file + ": " + size + " bytes is too large for one file");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).putInt(VERSION).putInt(shape.members).putInt(shape.sizes.length);
        for (int s : shape.sizes) {
            buf.putInt(s);
        }
        putBytes(buf, hidden);
        putBytes(buf, output);
        buf.putInt(p);
        putFloats(buf, read(net.params()));
        if (adamOrNull == null) {
            buf.put((byte) 0);
        } else {
            buf.put((byte) 1).putLong(adamOrNull.steps());
            putFloats(buf, read(adamOrNull.firstMoments()));
            putFloats(buf, read(adamOrNull.secondMoments()));
        }
        buf.putInt(keys.length);
        for (int k = 0; k < keys.length; k++) {
            putBytes(buf, keys[k]);
            putBytes(buf, values[k]);
        }
        CRC32 crc = new CRC32();
        crc.update(buf.array(), 0, buf.position());
        buf.putInt((int) crc.getValue());
        AtomicFiles.write(file, buf.array());
    }

    /** Reads a network file into a freshly built network of the stored shape. */
    public static Loaded load(Path file) {
        Contents c = parse(file);
        EnsembleMlp net = new EnsembleMlp(c.shape.members, c.shape.sizes, c.shape.hidden, c.shape.output,
                Init.UNIFORM_FAN_IN, new Rng(0));
        write(net.params(), c.params);
        return new Loaded(net, c.adamFirst, c.adamSecond, c.adamSteps, c.metadata);
    }

    /**
     * Reads a network file into {@code net} and, when {@code adamOrNull} is given, its state
     * into that optimiser; returns the metadata. Fails, modifying nothing, when the file is
     * malformed, when it stores another shape than {@code net}'s (or the Adam's network's), or
     * when an Adam is given but the file holds no Adam state.
     */
    public static Map<String, String> loadInto(Path file, EnsembleMlp net, Adam adamOrNull) {
        Objects.requireNonNull(net, "net");
        Contents c = parse(file);
        Shape expected = Shape.of(net);
        if (!c.shape.equals(expected)) {
            throw bad(file, "stores " + c.shape + " but this network is " + net);
        }
        if (adamOrNull != null) {
            if (c.adamFirst == null) {
                throw bad(file, "stores no Adam state, but an Adam was given to restore");
            }
            if (!c.shape.equals(Shape.of(adamOrNull.network()))) {
                throw bad(file, "stores Adam state for " + c.shape + " but this Adam optimises "
                        + adamOrNull.network());
            }
        }
        write(net.params(), c.params);
        if (adamOrNull != null) {
            write(adamOrNull.firstMoments(), c.adamFirst);
            write(adamOrNull.secondMoments(), c.adamSecond);
            adamOrNull.setSteps(c.adamSteps);
        }
        return c.metadata;
    }

    /** A network's shape: what must match for parameters (and Adam moments) to fit. */
    private record Shape(int members, int[] sizes, Activation hidden, Activation output) {
        static Shape of(EnsembleMlp net) {
            return new Shape(net.members(), net.sizes(), net.hidden(), net.output());
        }

        long paramCount() {
            try {
                long total = 0;
                for (int l = 0; l + 1 < sizes.length; l++) {
                    total = Math.addExact(total,
                            Math.multiplyExact((long) members, ((long) sizes[l] + 1) * sizes[l + 1]));
                }
                return total;
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Shape s && s.members == members && Arrays.equals(s.sizes, sizes)
                    && s.hidden == hidden && s.output == output;
        }

        @Override
        public int hashCode() {
            return Objects.hash(members, Arrays.hashCode(sizes), hidden, output);
        }

        /** The same text as {@link EnsembleMlp#toString()}. */
        @Override
        public String toString() {
            return "EnsembleMlp(members=" + members + ", sizes=" + Arrays.toString(sizes) + ", hidden=" + hidden
                    + ", output=" + output + ")";
        }
    }

    private record Contents(Shape shape, float[] params, float[] adamFirst, float[] adamSecond, long adamSteps,
                            Map<String, String> metadata) {
    }

    /**
     * Reads the layout first (counts and lengths), then checks truncation, trailing bytes and
     * the CRC, and only then the values, so that a flipped bit is reported as a CRC mismatch.
     */
    private static Contents parse(Path file) {
        Objects.requireNonNull(file, "file");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("network file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read network file " + file + ": " + e.getMessage(), e);
        }
        int m = Math.min(MAGIC.length, bytes.length);
        if (!Arrays.equals(bytes, 0, m, MAGIC, 0, m)) {
            throw bad(file, "wrong magic: not an mbpo4j network file (it must start with \"MBPO4J-NET\")");
        }
        Reader in = new Reader(file, bytes);
        in.skip(MAGIC.length, "the magic");
        int version = in.nextInt("the format version");
        if (version != VERSION) {
            throw bad(file, "unsupported format version " + version + " (this build reads version " + VERSION + ")");
        }
        int members = in.nextInt("the member count");
        int[] sizes = new int[in.count(Integer.BYTES, "the layer sizes")];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = in.nextInt("the layer sizes");
        }
        byte[] hidden = in.string("the hidden activation");
        byte[] output = in.string("the output activation");
        int p = in.count(Float.BYTES, "the parameters");
        float[] params = in.floats(p, "the parameters");
        byte flag = in.nextByte("the Adam flag");
        if (flag != 0 && flag != 1) {
            throw bad(file, "corrupt: Adam flag " + flag + ", expected 0 or 1");
        }
        float[] first = null;
        float[] second = null;
        long steps = -1;
        if (flag == 1) {
            steps = in.nextLong("the Adam step count");
            first = in.floats(p, "the Adam first moments");
            second = in.floats(p, "the Adam second moments");
        }
        byte[][] meta = new byte[2 * in.count(2 * Integer.BYTES, "the metadata")][];
        for (int i = 0; i < meta.length; i++) {
            meta[i] = in.string("the metadata");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, in.pos);
        long computed = crc.getValue();
        long stored = in.nextInt("the CRC-32") & 0xffffffffL;
        if (in.remaining() > 0) {
            throw bad(file, in.remaining() + " trailing bytes after the CRC-32 (the file should end at byte "
                    + in.pos + ")");
        }
        if (computed != stored) {
            throw bad(file, "corrupt: CRC-32 mismatch (stored " + Long.toHexString(stored) + ", computed "
                    + Long.toHexString(computed) + ")");
        }

        if (members < 1 || sizes.length < 2 || Arrays.stream(sizes).anyMatch(s -> s < 1)) {
            throw bad(file, "corrupt header: members=" + members + ", sizes=" + Arrays.toString(sizes));
        }
        Shape shape = new Shape(members, sizes, activation(file, utf8(file, hidden)),
                activation(file, utf8(file, output)));
        if (p != shape.paramCount()) {
            throw bad(file, "corrupt header: " + p + " parameters stored, but " + shape + " has "
                    + shape.paramCount());
        }
        if (flag == 1 && steps < 0) {
            throw bad(file, "corrupt: Adam step count " + steps);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i < meta.length; i += 2) {
            String key = utf8(file, meta[i]);
            if (metadata.put(key, utf8(file, meta[i + 1])) != null) {
                throw bad(file, "corrupt: metadata key '" + key + "' appears twice");
            }
        }
        return new Contents(shape, params, first, second, steps, Collections.unmodifiableMap(metadata));
    }

    private static String utf8(Path file, byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw bad(file, "corrupt: invalid UTF-8");
        }
    }

    private static Activation activation(Path file, String name) {
        for (Activation a : Activation.values()) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        throw bad(file, "unknown activation '" + name + "' (this build knows " + Arrays.toString(Activation.values())
                + ")");
    }

    private static IllegalArgumentException bad(Path file, String what) {
        return new IllegalArgumentException(file + ": " + what);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void putBytes(ByteBuffer buf, byte[] b) {
        buf.putInt(b.length).put(b);
    }

    private static void putFloats(ByteBuffer buf, float[] a) {
        buf.asFloatBuffer().put(a);
        buf.position(buf.position() + Float.BYTES * a.length);
    }

    /** A block's values, read through ND4J (correct for device memory too). */
    private static float[] read(Block b) {
        return b.nd().reshape(b.length()).toFloatVector();
    }

    private static void write(Block b, float[] values) {
        b.nd().assign(Nd4j.createFromArray(values).reshape(b.nd().shape()));
    }

    /** Little-endian reads over the file's bytes; running out is reported as truncation. */
    private static final class Reader {
        private final Path file;
        private final ByteBuffer buf;
        int pos;

        Reader(Path file, byte[] bytes) {
            this.file = file;
            this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }

        int remaining() {
            return buf.limit() - pos;
        }

        private void need(long n, String what) {
            if (n > remaining()) {
                throw bad(file, "truncated: the file ends inside " + what + " (" + buf.limit() + " bytes)");
            }
        }

        void skip(int n, String what) {
            need(n, what);
            pos += n;
        }

        byte nextByte(String what) {
            need(1, what);
            return buf.get(pos++);
        }

        int nextInt(String what) {
            need(Integer.BYTES, what);
            int v = buf.getInt(pos);
            pos += Integer.BYTES;
            return v;
        }

        long nextLong(String what) {
            need(Long.BYTES, what);
            long v = buf.getLong(pos);
            pos += Long.BYTES;
            return v;
        }

        float[] floats(int n, String what) {
            need((long) Float.BYTES * n, what);
            float[] a = new float[n];
            buf.position(pos);
            buf.asFloatBuffer().get(a);
            pos += Float.BYTES * n;
            return a;
        }

        /**
         * A count of items of at least {@code minBytes} each: negative counts are corrupt, and
         * counts the rest of the file cannot hold mean it was truncated.
         */
        int count(int minBytes, String what) {
            int n = nextInt(what);
            if (n < 0) {
                throw bad(file, "corrupt: negative count " + n + " for " + what);
            }
            need((long) minBytes * n, what);
            return n;
        }

        byte[] string(String what) {
            byte[] b = new byte[count(1, what)];
            buf.get(pos, b);
            pos += b.length;
            return b;
        }
    }
}

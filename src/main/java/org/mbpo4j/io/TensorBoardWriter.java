package org.mbpo4j.io;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Writes TensorBoard event files ({@code events.out.tfevents.*}), so that
 * {@code tensorboard --logdir runs/} shows every run's scalars live, as SB3's and CleanRL's
 * users expect.
 *
 * <p>Each file is a sequence of TFRecords (a little-endian {@code uint64} length, its masked
 * CRC-32C, the bytes, their masked CRC-32C) holding {@code tensorflow.Event} messages, encoded
 * here field by field with protobuf's {@link CodedOutputStream}: {@code wall_time} (1, double),
 * {@code step} (2, int64), then {@code file_version} (3, string), {@code summary} (5: repeated
 * {@code Value} with {@code tag} (1) and {@code simple_value} (2, float)) or
 * {@code session_log} (7: {@code status} (1), START = 1).
 *
 * <p>Every process writes a new file. A resumed run starts its file with a {@code SessionLog}
 * START at the step it resumes from, which tells TensorBoard to drop the earlier files' points
 * from that step on (those the resume recomputes). Records are buffered and handed to the file
 * by {@link #flush} (the training loop calls it after each metrics row and evaluation), so a crash
 * loses at most the rows since, which a resume writes again; TensorBoard skips a cut last record.
 */
public final class TensorBoardWriter implements Closeable {
    /** The prefix TensorBoard looks for. */
    public static final String PREFIX = "events.out.tfevents.";
    private static final int SESSION_START = 1;
    private static final java.util.concurrent.atomic.AtomicLong SEQUENCE = new java.util.concurrent.atomic.AtomicLong();

    private final Path file;
    private final OutputStream out;
    private boolean closed;

    private TensorBoardWriter(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    /**
     * A new event file in {@code dir}. With {@code resumeStep} > 0 the file starts with a
     * {@code SessionLog} START at that step.
     */
    public static TensorBoardWriter create(Path dir, long resumeStep) {
        long now = System.currentTimeMillis();
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9.-]", "_");
        } catch (IOException e) {
            host = "localhost";
        }
        // Seconds and milliseconds first: TensorBoard reads a directory's files in name order, and a
        // resumed run's file must come after the earlier ones; a sequence number keeps two runs of
        // one process in one millisecond apart.
        Path file = dir.resolve(PREFIX + (now / 1000) + "." + String.format("%03d", now % 1000) + "." + host + "."
                + ProcessHandle.current().pid() + "." + SEQUENCE.incrementAndGet() + ".mbpo4j");
        try {
            Files.createDirectories(dir);
            OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
            TensorBoardWriter w = new TensorBoardWriter(file, out);
            w.write(event(now / 1000.0, 0, 3, text("brain.Event:2")));
            if (resumeStep > 0) {
                w.write(event(now / 1000.0, resumeStep, 7, sessionStart()));
            }
            w.flush();
            return w;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the TensorBoard event file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The event file. */
    public Path file() {
        return file;
    }

    /** Writes one scalar; NaN and infinite values are skipped (TensorBoard would plot them as gaps anyway). */
    public synchronized void scalar(String tag, long step, double value) {
        if (!Double.isFinite(value)) {
            return;
        }
        try {
            ByteArrayOutputStream v = new ByteArrayOutputStream();
            CodedOutputStream c = CodedOutputStream.newInstance(v);
            c.writeString(1, tag);
            c.writeFloat(2, (float) value);
            c.flush();
            ByteArrayOutputStream summary = new ByteArrayOutputStream();
            CodedOutputStream s = CodedOutputStream.newInstance(summary);
            s.writeByteArray(1, v.toByteArray());
            s.flush();
            write(event(System.currentTimeMillis() / 1000.0, step, 5, summary.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write to " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] event(double wallTime, long step, int field, byte[] payload) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        CodedOutputStream c = CodedOutputStream.newInstance(b);
        c.writeDouble(1, wallTime);
        c.writeInt64(2, step);
        if (field == 3) {
            c.writeBytes(3, com.google.protobuf.ByteString.copyFrom(payload));
        } else {
            c.writeByteArray(field, payload);
        }
        c.flush();
        return b.toByteArray();
    }

    private static byte[] text(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] sessionStart() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        CodedOutputStream c = CodedOutputStream.newInstance(b);
        c.writeEnum(1, SESSION_START);
        c.flush();
        return b.toByteArray();
    }

    private synchronized void write(byte[] data) throws IOException {
        if (closed) {
            throw new IllegalStateException(file + " is closed");
        }
        byte[] len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length).array();
        out.write(len);
        out.write(maskedCrc(len));
        out.write(data);
        out.write(maskedCrc(data));
    }

    /** Hands what was written to the file (once per metrics row, not once per scalar). */
    public synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write to " + file + ": " + e.getMessage(), e);
        }
    }

    /** TFRecord's masked CRC-32C, little-endian. */
    static byte[] maskedCrc(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        int c = (int) crc.getValue();
        int masked = ((c >>> 15) | (c << 17)) + 0xa282ead8;
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(masked).array();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close " + file + ": " + e.getMessage(), e);
        }
    }
}

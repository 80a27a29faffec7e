package org.mbpo4j.io;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reading the text files a user hands to a command (MDP files, system files, configurations),
 * so that a file that is not text is reported as such, by name and position, rather than as
 * the decoder's bare {@code Input length = 1}.
 */
public final class TextFiles {
    private TextFiles() {
    }

    /**
     * A file that is not UTF-8 text. The message names the file and the first byte that is not
     * part of a UTF-8 character; callers add what the file should have been
     * ({@link #expected(String)}).
     */
    public static final class NotUtf8Exception extends CharacterCodingException {
        private static final long serialVersionUID = 1L;

        private final transient Path file;
        private final long offset;
        private final int value;
        private final long line;

        /** {@code value} (a byte, 0 to 255) at {@code offset} of {@code file} is not UTF-8. */
        public NotUtf8Exception(Path file, long offset, int value) {
            this(file, offset, value, 0);
        }

        /** As {@link #NotUtf8Exception(Path, long, int)}, on line {@code line} (1-based; 0: not counted). */
        public NotUtf8Exception(Path file, long offset, int value, long line) {
            this.file = file;
            this.offset = offset;
            this.value = value;
            this.line = line;
        }

        /** The file. */
        public Path file() {
            return file;
        }

        /** Offset from the start of the file (0-based) of the first byte that is not UTF-8. */
        public long offset() {
            return offset;
        }

        /** What is wrong, without the file: {@code is not UTF-8 text (byte 0xff at offset 12)}. */
        public String problem() {
            return "is not UTF-8 text (byte " + String.format("0x%02x", value) + " at offset " + offset
                    + (line > 0 ? ", line " + line : "") + ")";
        }

        @Override
        public String getMessage() {
            return file + " " + problem();
        }

        /** {@link #getMessage()} followed by {@code ": expected " + what}, e.g. "a JSON MDP file". */
        public String expected(String what) {
            return getMessage() + ": expected " + what;
        }
    }

    /**
     * Lines of UTF-8 text read from a stream one at a time (the stream of a large, perhaps
     * compressed, file), each checked as it is read.
     */
    public static final class LineReader implements Closeable {
        private final InputStream in;
        private final Path file;
        private final CharsetDecoder decoder = strictDecoder();
        private byte[] buf = new byte[256];
        private long offset;
        private long lineNumber;

        /** Lines of {@code in}, which holds the contents of {@code file} (named in errors). */
        public LineReader(InputStream in, Path file) {
            this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in);
            this.file = file;
        }

        /**
         * The next line, without its {@code \n} or {@code \r\n}; null at the end.
         *
         * @throws NotUtf8Exception naming the offset (in the text read) and the line of the
         *     first byte that is not UTF-8
         */
        public String readLine() throws IOException {
            int n = 0;
            int b = in.read();
            if (b < 0) {
                return null;
            }
            while (b >= 0 && b != '\n') {
                if (n == buf.length) {
                    buf = Arrays.copyOf(buf, 2 * n);
                }
                buf[n++] = (byte) b;
                b = in.read();
            }
            long start = offset;
            offset += n + (b < 0 ? 0 : 1);
            lineNumber++;
            int len = n > 0 && buf[n - 1] == '\r' ? n - 1 : n;
            ByteBuffer bytes = ByteBuffer.wrap(buf, 0, len);
            CharBuffer out = CharBuffer.allocate(len);
            decoder.reset();
            CoderResult r = decoder.decode(bytes, out, true);
            if (!r.isError()) {
                r = decoder.flush(out);
            }
            if (r.isError()) {
                throw new NotUtf8Exception(file, start + bytes.position(), buf[bytes.position()] & 0xff, lineNumber);
            }
            return out.flip().toString();
        }

        /** The number of the last line read, 1-based (0 before the first). */
        public long lineNumber() {
            return lineNumber;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * The contents of {@code file}, decoded as UTF-8 (malformed input is an error, not replaced).
     *
     * @throws NotUtf8Exception if it is not UTF-8 text
     * @throws IOException if it cannot be read
     */
    public static String readUtf8(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        CharsetDecoder decoder = strictDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never gives more chars than bytes (a 4-byte character is 2 chars).
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            throw new NotUtf8Exception(file, in.position(), bytes[in.position()] & 0xff);
        }
        return out.flip().toString();
    }
}

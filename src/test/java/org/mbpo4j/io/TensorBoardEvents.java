package org.mbpo4j.io;

import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Reads TensorBoard event files back, checking every record's framing and checksums (for tests). */
public final class TensorBoardEvents {
    /** One decoded event: a scalar ({@code tag} set), the file version, or a session start. */
    public record Event(double wallTime, long step, String tag, float value, String fileVersion, int sessionStatus) {
    }

    private TensorBoardEvents() {
    }

    /** The events of every {@code events.out.tfevents.*} file in {@code dir}, file by file in name order. */
    public static List<Event> readDir(Path dir) throws IOException {
        List<Event> all = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.getFileName().toString().startsWith(TensorBoardWriter.PREFIX)).sorted()
                    .toList()) {
                all.addAll(read(f));
            }
        }
        return all;
    }

    /** The events of one file. */
    public static List<Event> read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        List<Event> out = new ArrayList<>();
        int pos = 0;
        while (pos < b.length) {
            byte[] len = Arrays.copyOfRange(b, pos, pos + 8);
            check(Arrays.copyOfRange(b, pos + 8, pos + 12), len, file);
            long n = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong();
            byte[] data = Arrays.copyOfRange(b, pos + 12, pos + 12 + (int) n);
            check(Arrays.copyOfRange(b, pos + 12 + (int) n, pos + 16 + (int) n), data, file);
            out.add(decode(data));
            pos += 16 + (int) n;
        }
        return out;
    }

    private static void check(byte[] crc, byte[] data, Path file) {
        if (!Arrays.equals(crc, TensorBoardWriter.maskedCrc(data))) {
            throw new IllegalStateException(file + ": bad record checksum");
        }
    }

    private static Event decode(byte[] data) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(data);
        double wall = 0;
        long step = 0;
        String tag = null;
        float value = Float.NaN;
        String version = null;
        int status = 0;
        for (int t = in.readTag(); t != 0; t = in.readTag()) {
            switch (t >>> 3) {
                case 1 -> wall = in.readDouble();
                case 2 -> step = in.readInt64();
                case 3 -> version = in.readString();
                case 5 -> {
                    CodedInputStream summary = CodedInputStream.newInstance(in.readByteArray());
                    for (int u = summary.readTag(); u != 0; u = summary.readTag()) {
                        CodedInputStream v = CodedInputStream.newInstance(summary.readByteArray());
                        for (int w = v.readTag(); w != 0; w = v.readTag()) {
                            switch (w >>> 3) {
                                case 1 -> tag = v.readString();
                                case 2 -> value = v.readFloat();
                                default -> v.skipField(w);
                            }
                        }
                    }
                }
                case 7 -> {
                    CodedInputStream log = CodedInputStream.newInstance(in.readByteArray());
                    for (int u = log.readTag(); u != 0; u = log.readTag()) {
                        if (u >>> 3 == 1) {
                            status = log.readEnum();
                        } else {
                            log.skipField(u);
                        }
                    }
                }
                default -> in.skipField(t);
            }
        }
        return new Event(wall, step, tag, value, version, status);
    }
}

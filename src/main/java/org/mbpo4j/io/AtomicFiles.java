package org.mbpo4j.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Crash-safe file writes: the content goes to a temporary file in the target's directory, is
 * forced to disk, and is then renamed onto the target, so that readers (and a run restarted
 * after a crash) see either the previous content or the new one, never a partial file.
 *
 * <p>The rename is atomic ({@link StandardCopyOption#ATOMIC_MOVE}) wherever the file system
 * supports it; only where it does not is the target replaced with
 * {@link StandardCopyOption#REPLACE_EXISTING}. Temporary names carry the process id, the
 * thread id and a random part, and are created with {@code CREATE_NEW}, so concurrent writers
 * in other threads or processes never share one. After the rename the directory itself is
 * forced where the platform allows it (Linux, macOS), so that the rename survives a power
 * loss too.
 *
 * <p>Failures are reported as {@link UncheckedIOException} naming the target file; the
 * temporary file is removed on failure.
 */
public final class AtomicFiles {
    private static final long PID = ProcessHandle.current().pid();

    private AtomicFiles() {
    }

    /** Writes {@code content} to {@code target}, replacing any previous content atomically. */
    public static void write(Path target, byte[] content) {
        writeImpl(target, content, true);
    }

    /** Writes {@code text} as UTF-8 to {@code target}, replacing any previous content. */
    public static void writeString(Path target, String text) {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code content} to {@code target}, which must not exist yet: a file that is
     * already there is left untouched and {@link IllegalStateException} is thrown. (The check
     * and the rename are not one atomic step; this guards against mistakes, not against a
     * concurrent writer racing for the same name.)
     */
    public static void writeNew(Path target, byte[] content) {
        writeImpl(target, content, false);
    }

    /** {@link #writeNew(Path, byte[])} for UTF-8 text. */
    public static void writeNewString(Path target, String text) {
        writeNew(target, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeImpl(Path target, byte[] content, boolean replace) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(content, "content");
        Path file = target.toAbsolutePath();
        Path dir = file.getParent();
        if (!replace && Files.exists(file)) {
            throw new IllegalStateException("refusing to overwrite existing file " + file);
        }
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = createTemp(dir, file.getFileName().toString());
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            FaultPoint.reach(FaultPoint.ATOMIC_TEMP_WRITTEN);
            if (replace) {
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } else {
                // Without options the move fails if the target appeared in the meantime.
                Files.move(tmp, file);
            }
            tmp = null;
            forceDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("refusing to overwrite existing file " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
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

    /** Name pattern of temporary files: {@code .<name>.<pid>.<thread>.<random>.tmp}. */
    public static boolean isTempName(String fileName) {
        return fileName.startsWith(".") && fileName.endsWith(".tmp");
    }

    private static Path createTemp(Path dir, String name) throws IOException {
        long thread = Thread.currentThread().getId();
        for (int attempt = 0; ; attempt++) {
            String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
            Path tmp = dir.resolve("." + name + "." + PID + "." + thread + "." + suffix + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not possible on every platform (Windows); the file content itself is on disk.
        }
    }
}

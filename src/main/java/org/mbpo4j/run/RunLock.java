package org.mbpo4j.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one-writer lock of a run directory: an operating-system file lock on {@code .lock}, held
 * for the life of a {@code train} (new or resumed), so that a second process writing into the
 * same run is refused at once instead of interleaving its checkpoints and logs with the first.
 *
 * <p>The lock file holds the holder's process id, which the refusal names. The operating system
 * drops the lock when the holder ends, however it ends (a {@code kill -9} included), so a
 * leftover {@code .lock} file never blocks a later resume. Within one JVM a second acquisition
 * of the same directory is refused too.
 */
public final class RunLock implements AutoCloseable {
    /** Name of the lock file in the run directory. */
    public static final String FILE = ".lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code runDir}.
     *
     * @throws RunDirectoryBusyException if another process (or another run in this JVM) holds it
     */
    public static RunLock acquire(Path runDir) {
        Path file = runDir.toAbsolutePath().normalize().resolve(FILE);
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(ch);
                ch.close();
                ch = null;
                throw new RunDirectoryBusyException(runDir.toAbsolutePath().normalize(), holder);
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(false);
            RunLock held = new RunLock(file, ch, lock);
            ch = null;
            return held;
        } catch (IOException e) {
            throw new UncheckedIOException("could not lock the run directory " + runDir + " (" + file + "): "
                    + e.getMessage(), e);
        } finally {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // the original outcome matters more
                }
            }
        }
    }

    private static String holder(FileChannel ch) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(64);
            int n = ch.read(buf, 0);
            String s = n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.US_ASCII).trim();
            return s.matches("\\d{1,19}") ? s : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The lock file. */
    public Path file() {
        return file;
    }

    /** Releases the lock (the file stays, empty of meaning once no process holds it). */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not release " + file + ": " + e.getMessage(), e);
        }
    }

    /** Thrown when a run directory is already being written by another process. */
    public static final class RunDirectoryBusyException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        RunDirectoryBusyException(Path dir, String pid) {
            super("run directory " + dir + " is in use by " + (pid == null ? "another process" : "process " + pid)
                    + " (a train or --resume on it is still running); wait for it to end or stop it, then resume");
        }
    }
}

package org.mbpo4j.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Rotating JSON checkpoints in a run's {@code checkpoints/} directory.
 *
 * <p>{@link #save} writes {@code step-<env step, 10 digits>.json} atomically, then points the
 * text file {@code latest} at it (also atomically), then deletes the oldest checkpoints beyond
 * the {@code keep} newest. A crash at any point leaves {@code latest} naming a complete
 * checkpoint.
 *
 * <p>Each file holds {@code {"format": "mbpo4j-checkpoint", "env_step": N, "state": {...}}}.
 * The state goes through {@link Json}: integers (including {@code long[]} RNG states) are
 * written as JSON integers and read back as {@link Long} exactly, doubles exactly, NaN and
 * infinities as {@code null}; use {@link Json#longArray} and {@link Json#doubleArray} to
 * decode arrays.
 *
 * <p>Env steps must increase from one save to the next: a checkpoint is never overwritten.
 * Not meant for concurrent savers; {@code save} is synchronized within one store.
 */
public final class CheckpointStore {
    /** Name of the pointer file in the checkpoint directory. */
    public static final String LATEST = "latest";
    private static final String FORMAT = "mbpo4j-checkpoint";
    private static final Pattern NAME = Pattern.compile("step-(\\d{10,19})\\.json");

    private final Path dir;
    private final int keep;

    /** A saved checkpoint: its env step, its file and its state. */
    public record Checkpoint(long envStep, Path file, Map<String, Object> state) {
    }

    /**
     * A store over {@code dir} (created if missing) that keeps the {@code keep} newest
     * checkpoints.
     */
    public CheckpointStore(Path dir, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, got " + keep);
        }
        this.dir = Objects.requireNonNull(dir, "dir");
        this.keep = keep;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The checkpoint directory. */
    public Path dir() {
        return dir;
    }

    /** How many checkpoints are kept. */
    public int keep() {
        return keep;
    }

    /** The file name used for {@code envStep}: {@code step-0000012345.json}. */
    public static String fileName(long envStep) {
        if (envStep < 0) {
            throw new IllegalArgumentException("env step must be >= 0, got " + envStep);
        }
        return String.format("step-%010d.json", envStep);
    }

    /**
     * Saves {@code state} as the checkpoint for {@code envStep}, makes it the latest and
     * prunes old checkpoints.
     *
     * @return the checkpoint file
     * @throws IllegalArgumentException if {@code envStep} is not greater than every saved step
     */
    public synchronized Path save(long envStep, Map<String, Object> state) {
        return save(envStep, state, null);
    }

    /** Writes a checkpoint's large files (networks, replay buffers) into a directory. */
    @FunctionalInterface
    public interface FileWriter {
        void write(Path dir) throws IOException;
    }

    /**
     * As {@link #save(long, Map)}, with a companion directory {@code step-<n>.files/} filled by
     * {@code files} first: it is written under a temporary name and renamed into place before
     * the JSON file that makes the checkpoint valid, so a crash at any point leaves either the
     * whole checkpoint or none of it.
     */
    public synchronized Path save(long envStep, Map<String, Object> state, FileWriter files) {
        Objects.requireNonNull(state, "state");
        String name = fileName(envStep);
        List<Long> steps = steps();
        if (!steps.isEmpty() && steps.get(steps.size() - 1) >= envStep) {
            throw new IllegalArgumentException("cannot save a checkpoint for env step " + envStep + " in " + dir
                    + ": a checkpoint for env step " + steps.get(steps.size() - 1)
                    + " already exists (steps must increase; checkpoints are never overwritten)");
        }
        if (files != null) {
            Path tmp = dir.resolve("." + name + ".files.tmp");
            Path target = filesDir(envStep);
            try {
                deleteTree(tmp);
                deleteTree(target);
                Files.createDirectories(tmp);
                files.write(tmp);
                Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the files of checkpoint " + name + ": "
                        + e.getMessage(), e);
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("env_step", envStep);
        doc.put("state", state);
        Path file = dir.resolve(name);
        AtomicFiles.writeNewString(file, Json.line(doc) + "\n");
        AtomicFiles.writeString(dir.resolve(LATEST), name + "\n");
        prune(name);
        return file;
    }

    /** The companion directory of the checkpoint for {@code envStep} (it may not exist). */
    public Path filesDir(long envStep) {
        return dir.resolve(fileName(envStep) + ".files");
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The env steps of the checkpoints on disk, ascending. */
    public synchronized List<Long> steps() {
        List<Long> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(p -> {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    try {
                        out.add(Long.parseLong(m.group(1)));
                    } catch (NumberFormatException ignored) {
                        // beyond long: not ours
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir + ": " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    /** The env step of the latest checkpoint, if any. */
    public synchronized OptionalLong latestStep() {
        Optional<Path> f = latestFile();
        return f.isEmpty() ? OptionalLong.empty() : OptionalLong.of(stepOf(f.get()));
    }

    /** The state saved by the latest checkpoint, if any. */
    public Optional<Map<String, Object>> loadLatest() {
        return latest().map(Checkpoint::state);
    }

    /**
     * The latest checkpoint: the one named by {@code latest}, or, if that pointer file is
     * missing, the checkpoint with the highest env step.
     *
     * @throws IllegalStateException if {@code latest} names a file that is not there or is
     *     not a checkpoint
     */
    public synchronized Optional<Checkpoint> latest() {
        Optional<Path> f = latestFile();
        if (f.isEmpty()) {
            return Optional.empty();
        }
        Path file = f.get();
        Map<String, Object> doc = Json.readMap(file);
        Object step = doc.get("env_step");
        Object state = doc.get("state");
        if (!FORMAT.equals(doc.get("format")) || !(step instanceof Long) || !(state instanceof Map)) {
            throw new IllegalStateException(file + " is not an mbpo4j checkpoint");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> stateMap = (Map<String, Object>) state;
        return Optional.of(new Checkpoint((Long) step, file, stateMap));
    }

    private Optional<Path> latestFile() {
        Path pointer = dir.resolve(LATEST);
        String name;
        try {
            name = Files.readString(pointer, StandardCharsets.UTF_8).trim();
        } catch (NoSuchFileException e) {
            List<Long> steps = steps();
            return steps.isEmpty() ? Optional.empty()
                    : Optional.of(dir.resolve(fileName(steps.get(steps.size() - 1))));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + pointer + ": " + e.getMessage(), e);
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalStateException(pointer + " does not name a checkpoint file: '" + name + "'");
        }
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(pointer + " names " + name + ", which is missing from " + dir);
        }
        return Optional.of(file);
    }

    private static long stepOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalStateException("not a checkpoint file name: " + file);
        }
        return Long.parseLong(m.group(1));
    }

    private void prune(String newest) {
        List<Long> steps = steps();
        int excess = steps.size() - keep;
        for (int i = 0; i < excess; i++) {
            String name = fileName(steps.get(i));
            if (name.equals(newest)) {
                continue;
            }
            try {
                Files.deleteIfExists(dir.resolve(name));
                deleteTree(filesDir(steps.get(i)));
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete old checkpoint " + dir.resolve(name)
                        + ": " + e.getMessage(), e);
            }
        }
    }
}

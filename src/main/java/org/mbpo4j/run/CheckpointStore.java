package org.mbpo4j.run;

import org.mbpo4j.io.AtomicFiles;
import org.mbpo4j.io.Json;
import org.mbpo4j.io.FaultPoint;

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
 * <p>{@link #save} writes a checkpoint's large files (networks, buffers) into
 * {@code step-<env step, 10 digits>.json.files/} under a temporary name and renames them into
 * place, then writes {@code step-<n>.json} atomically (it lists every companion file with its size
 * and CRC-32C), then points the text file {@code latest} at it (also atomically), then deletes the
 * oldest checkpoints beyond the {@code keep} newest. A crash at any point leaves the previous
 * checkpoint complete, and at worst a newer one that {@link #recover} recognises as incomplete.
 *
 * <p>{@link #recover}, for a resume, does not trust {@code latest}: it takes the newest
 * checkpoint that is complete and valid (its JSON parses and has every field, its companion
 * files are all there with their recorded sizes and checksums), moves newer or damaged ones
 * aside into {@code discarded/} (never deleting them), removes the temporary and orphaned files
 * that a crash can leave, and points {@code latest} at the checkpoint it chose.
 *
 * <p>Each file holds {@code {"format": "mbpo4j-checkpoint", "env_step": N, "files": {...},
 * "state_crc32c": "...", "state": {...}}}, the checksum taken over the state's JSON text. The state goes through {@link Json}: integers (including {@code long[]} RNG
 * states) are written as JSON integers and read back as {@link Long} exactly, doubles exactly,
 * NaN and infinities as {@code null}; use {@link Json#longArray} and {@link Json#doubleArray} to
 * decode arrays.
 *
 * <p>Env steps must increase from one save to the next: a checkpoint is never overwritten.
 * Not meant for concurrent savers (a run holds its directory's {@link RunLock}); {@code save}
 * is synchronized within one store.
 */
public final class CheckpointStore {
    /** Name of the pointer file in the checkpoint directory. */
    public static final String LATEST = "latest";
    /** Subdirectory where recovery moves newer or damaged checkpoints. */
    public static final String DISCARDED = "discarded";
    private static final String FORMAT = "mbpo4j-checkpoint";
    private static final Pattern NAME = Pattern.compile("step-(\\d{10,19})\\.json");
    private static final Pattern FILES_NAME = Pattern.compile("step-(\\d{10,19})\\.json\\.files");

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
        Map<String, Object> sums = null;
        if (files != null) {
            Path tmp = dir.resolve("." + name + ".files.tmp");
            Path target = filesDir(envStep);
            try {
                deleteTree(tmp);
                deleteTree(target);
                Files.createDirectories(tmp);
                files.write(tmp);
                sums = checksums(tmp);
                FaultPoint.reach(FaultPoint.CHECKPOINT_FILES_WRITTEN);
                Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("could not write the files of checkpoint " + name + ": "
                        + e.getMessage(), e);
            }
            FaultPoint.reach(FaultPoint.CHECKPOINT_FILES_RENAMED);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("env_step", envStep);
        if (sums != null) {
            doc.put("files", sums);
        }
        // The state (the largest part) is serialised once, for its checksum and for the file.
        String stateText = Json.line(state);
        doc.put("state_crc32c", crc32c(stateText));
        String head = Json.line(doc);
        Path file = dir.resolve(name);
        AtomicFiles.writeNewString(file, head.substring(0, head.length() - 1) + ",\"state\":" + stateText + "}\n");
        FaultPoint.reach(FaultPoint.CHECKPOINT_JSON_RENAMED);
        AtomicFiles.writeString(dir.resolve(LATEST), name + "\n");
        FaultPoint.reach(FaultPoint.CHECKPOINT_LATEST_RENAMED);
        prune(name);
        return file;
    }

    /** Size and CRC-32C of every regular file under {@code root}, by path relative to it ('/'-separated), sorted. */
    private static Map<String, Object> checksums(Path root) throws IOException {
        Map<String, Object> out = new java.util.TreeMap<>();
        List<Path> all;
        try (Stream<Path> walk = Files.walk(root)) {
            all = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : all) {
            String rel = root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("bytes", Files.size(f));
            entry.put("crc32c", crc32c(f));
            out.put(rel, entry);
        }
        return out;
    }

    /** CRC-32C of a text's UTF-8 bytes, as 8 hex digits. */
    private static String crc32c(String text) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }

    private static String crc32c(Path f) throws IOException {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f)) {
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocateDirect(1 << 20);
            while (ch.read(buf) >= 0) {
                buf.flip();
                crc.update(buf);
                buf.clear();
            }
        }
        return String.format("%08x", crc.getValue());
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
        return Optional.of(parse(f.get()));
    }

    private static Checkpoint parse(Path file) {
        Map<String, Object> doc = Json.readMap(file);
        Object step = doc.get("env_step");
        Object state = doc.get("state");
        if (!FORMAT.equals(doc.get("format")) || !(step instanceof Long) || !(state instanceof Map)) {
            throw new IllegalStateException(file + " is not an mbpo4j checkpoint");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> stateMap = (Map<String, Object>) state;
        return new Checkpoint((Long) step, file, stateMap);
    }

    /** What {@link #recover} found: the checkpoint to resume from, if any, and what it did on the way. */
    public record Recovery(Optional<Checkpoint> checkpoint, List<String> notices) {
    }

    /**
     * Finds the checkpoint a resume continues from: the newest one that is complete and valid,
     * whatever {@code latest} says. Newer or damaged checkpoints met on the way are moved into
     * {@code discarded/} (one notice each, naming the file and why), temporary files and orphaned
     * companion directories left by a crash are deleted, and {@code latest} is pointed at the
     * chosen checkpoint. Call only while holding the run's {@link RunLock}.
     */
    public synchronized Recovery recover() {
        List<String> notices = new ArrayList<>();
        removeLeftovers();
        List<Long> steps = new ArrayList<>(steps());
        java.util.Collections.reverse(steps);
        Checkpoint chosen = null;
        for (long step : steps) {
            Path file = dir.resolve(fileName(step));
            String problem = problem(file, step);
            if (problem == null) {
                chosen = parse(file);
                break;
            }
            Path moved = discard(step);
            notices.add("checkpoint " + file.getFileName() + " " + problem + "; moved it to "
                    + dir.getFileName() + "/" + DISCARDED + "/" + moved.getFileName() + " and resumed from an earlier one");
        }
        removeOrphans();
        try {
            if (chosen != null) {
                String name = chosen.file().getFileName().toString();
                String pointer = Files.isRegularFile(dir.resolve(LATEST))
                        ? Files.readString(dir.resolve(LATEST), StandardCharsets.UTF_8).trim() : null;
                if (!name.equals(pointer)) {
                    AtomicFiles.writeString(dir.resolve(LATEST), name + "\n");
                }
            } else {
                Files.deleteIfExists(dir.resolve(LATEST));
            }
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException("could not point " + dir.resolve(LATEST) + " at the checkpoint to resume: "
                    + e.getMessage(), e instanceof IOException io ? io : new IOException(e));
        }
        return new Recovery(Optional.ofNullable(chosen), List.copyOf(notices));
    }

    /**
     * The newest complete and valid checkpoint, read only: unlike {@link #recover} nothing is
     * moved or deleted (for reading a run that may still be training).
     */
    public synchronized Optional<Checkpoint> newestValid() {
        List<Long> steps = new ArrayList<>(steps());
        java.util.Collections.reverse(steps);
        for (long step : steps) {
            Path file = dir.resolve(fileName(step));
            if (problem(file, step) == null) {
                return Optional.of(parse(file));
            }
        }
        return Optional.empty();
    }

    /**
     * The checkpoint of {@code step}, read only.
     *
     * @throws IllegalArgumentException naming the steps there are, if there is none for {@code step}
     * @throws IllegalStateException saying what is wrong, if it is damaged or incomplete
     */
    public synchronized Checkpoint at(long step) {
        Path file = dir.resolve(fileName(step));
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("there is no checkpoint for env step " + step + " in " + dir
                    + " (checkpoints: " + (steps().isEmpty() ? "none" : steps()) + ")");
        }
        String problem = problem(file, step);
        if (problem != null) {
            throw new IllegalStateException("checkpoint " + file + " " + problem);
        }
        return parse(file);
    }

    /** Why the checkpoint file for {@code step} cannot be resumed from, or null if it can. */
    private String problem(Path file, long step) {
        Map<String, Object> doc;
        try {
            if (Files.size(file) == 0) {
                return "is empty";
            }
            doc = Json.readMap(file);
        } catch (IOException | RuntimeException e) {
            return "cannot be read as JSON (" + e.getMessage() + ")";
        }
        if (!FORMAT.equals(doc.get("format"))) {
            return "is not an mbpo4j checkpoint (format " + doc.get("format") + ")";
        }
        if (!(doc.get("env_step") instanceof Long l) || l != step) {
            return "records env step " + doc.get("env_step") + ", not " + step;
        }
        if (!(doc.get("state") instanceof Map)) {
            return "has no state";
        }
        Object stateSum = doc.get("state_crc32c");
        if (stateSum != null && !stateSum.equals(crc32c(Json.line(doc.get("state"))))) {
            return "has a state whose checksum is not the " + stateSum + " it was written with (the file is damaged)";
        }
        Object files = doc.get("files");
        if (files == null) {
            return null; // written before checksums were recorded: nothing more to check
        }
        if (!(files instanceof Map<?, ?> listed)) {
            return "has a malformed file list";
        }
        Path fdir = filesDir(step);
        if (!Files.isDirectory(fdir)) {
            return "lacks its files (" + fdir.getFileName() + " is missing)";
        }
        for (Map.Entry<?, ?> e : listed.entrySet()) {
            String rel = String.valueOf(e.getKey());
            Path f = fdir.resolve(rel).normalize();
            if (!f.startsWith(fdir) || !(e.getValue() instanceof Map<?, ?> want)) {
                return "has a malformed entry for " + rel;
            }
            try {
                if (!Files.isRegularFile(f)) {
                    return "lacks its file " + rel;
                }
                long bytes = Files.size(f);
                if (!Long.valueOf(bytes).equals(want.get("bytes"))) {
                    return "has " + rel + " of " + bytes + " bytes, not the " + want.get("bytes") + " it was written with";
                }
                String crc = crc32c(f);
                if (!crc.equals(want.get("crc32c"))) {
                    return "has " + rel + " with checksum " + crc + ", not the " + want.get("crc32c")
                            + " it was written with (the file is damaged)";
                }
            } catch (IOException ex) {
                return "has " + rel + " that cannot be read (" + ex.getMessage() + ")";
            }
        }
        return null;
    }

    /** Moves the checkpoint of {@code step} (JSON and files) into discarded/, under a free name; returns the JSON's new path. */
    private Path discard(long step) {
        Path target = dir.resolve(DISCARDED);
        String base = fileName(step);
        try {
            Files.createDirectories(target);
            String name = base;
            for (int n = 2; Files.exists(target.resolve(name)) || Files.exists(target.resolve(name + ".files")); n++) {
                name = base + "." + n;
            }
            Path json = target.resolve(name);
            if (Files.exists(filesDir(step))) {
                Files.move(filesDir(step), target.resolve(name + ".files"));
            }
            Files.move(dir.resolve(base), json);
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException("could not move checkpoint " + dir.resolve(base) + " aside into " + target
                    + ": " + e.getMessage(), e);
        }
    }

    /** Deletes temporary files and directories left by a crash in the middle of a write. */
    private void removeLeftovers() {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                String n = p.getFileName().toString();
                if (AtomicFiles.isTempName(n)) {
                    deleteTree(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not clean temporary files in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Deletes companion directories whose checkpoint JSON is gone (a crash while pruning or before the JSON was written). */
    private void removeOrphans() {
        java.util.Set<Long> live = new java.util.HashSet<>(steps());
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                Matcher m = FILES_NAME.matcher(p.getFileName().toString());
                if (m.matches() && !live.contains(Long.parseLong(m.group(1)))) {
                    deleteTree(p);
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new UncheckedIOException("could not clean orphaned checkpoint files in " + dir + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
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
                FaultPoint.reach(FaultPoint.CHECKPOINT_PRUNING);
                deleteTree(filesDir(steps.get(i)));
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete old checkpoint " + dir.resolve(name)
                        + ": " + e.getMessage(), e);
            }
        }
        // Companion directories of checkpoints pruned by a run that died half-way through pruning.
        removeOrphans();
    }
}

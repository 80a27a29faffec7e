package org.mbpo4j.run;

import org.mbpo4j.io.AtomicFiles;
import org.mbpo4j.io.Json;
import org.mbpo4j.io.CsvLog;
import org.mbpo4j.io.Plots;
import org.mbpo4j.io.TensorBoardWriter;
import org.mbpo4j.train.RunOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * The directory of one run and the files in it:
 *
 * <pre>
 * config.yaml      the resolved configuration          {@link #writeConfig}
 * manifest.json    versions, machine, backend, seed     {@link #writeManifest}
 * metrics.csv      training metrics                     {@link #metrics}
 * eval.csv         evaluations                          {@link #eval}
 * summary.json     final (or latest) results            {@link #writeSummary}
 * curve.png        learning curve                       {@link #writeCurve}
 * checkpoints/     {@link CheckpointStore}
 * </pre>
 *
 * <p>A new run never writes into a directory that holds anything
 * ({@link RunDirectoryExistsException}); {@code config.yaml} and {@code manifest.json} are
 * written once; every write is atomic ({@link AtomicFiles}).
 */
public final class RunDirectory implements RunOutput {
    /** Run configuration file name. */
    public static final String CONFIG = "config.yaml";
    /** Manifest file name. */
    public static final String MANIFEST = "manifest.json";
    /** Training metrics file name. */
    public static final String METRICS = "metrics.csv";
    /** Evaluation results file name. */
    public static final String EVAL = "eval.csv";
    /** Summary file name. */
    public static final String SUMMARY = "summary.json";
    /** Learning curve file name. */
    public static final String CURVE = "curve.png";
    /** Checkpoint directory name. */
    public static final String CHECKPOINTS = "checkpoints";
    /** Columns of {@code eval.csv}. */
    public static final List<String> EVAL_HEADER = RunOutput.EVAL_HEADER;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path path;
    private CheckpointStore store;
    private final Map<String, CsvLog> logs = new HashMap<>();

    private RunDirectory(Path path) {
        this.path = path;
    }

    /**
     * Creates the directory of a new run, with its {@code checkpoints/} subdirectory.
     *
     * <p>With {@code requested} given, that directory is used: it may exist only if it is
     * empty. With {@code requested} null, the directory is
     * {@code runsRoot/<env>-<algo>-<yyyyMMdd-HHmmss>} (local time of {@code clock}), with
     * {@code -2}, {@code -3}, ... appended if that name is taken. Characters of {@code env}
     * and {@code algo} other than letters, digits, {@code .}, {@code _} and {@code -} become
     * {@code _}.
     *
     * @throws RunDirectoryExistsException if {@code requested} exists and is not an empty
     *     directory
     */
    public static RunDirectory create(Path requested, Path runsRoot, String env, String algo, Clock clock) {
        Path dir;
        try {
            if (requested != null) {
                dir = requested.toAbsolutePath().normalize();
                if (Files.exists(dir)) {
                    if (!Files.isDirectory(dir)) {
                        throw new RunDirectoryExistsException(dir, "exists and is not a directory");
                    }
                    if (!isEmpty(dir)) {
                        throw new RunDirectoryExistsException(dir, "already exists and is not empty");
                    }
                } else {
                    Files.createDirectories(dir);
                }
            } else {
                Objects.requireNonNull(runsRoot, "runsRoot");
                Objects.requireNonNull(clock, "clock");
                Path root = runsRoot.toAbsolutePath().normalize();
                Files.createDirectories(root);
                String base = safe(env) + "-" + safe(algo) + "-" + LocalDateTime.now(clock).format(STAMP);
                dir = null;
                for (int n = 1; dir == null; n++) {
                    Path candidate = root.resolve(n == 1 ? base : base + "-" + n);
                    try {
                        Files.createDirectory(candidate); // fails if taken, even by a concurrent run
                        dir = candidate;
                    } catch (FileAlreadyExistsException taken) {
                        if (n > 10_000) {
                            throw new IllegalStateException("no free run directory name for " + root.resolve(base));
                        }
                    }
                }
            }
            Files.createDirectories(dir.resolve(CHECKPOINTS));
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the run directory: " + e.getMessage(), e);
        }
        return new RunDirectory(dir);
    }

    /**
     * An existing run directory, to resume or inspect a run; its logs are reloaded by
     * {@link #metrics} and {@link #eval}.
     *
     * @throws IllegalArgumentException if {@code dir} is not a directory
     */
    public static RunDirectory open(Path dir) {
        Path p = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) {
            throw new IllegalArgumentException("no run directory at " + p);
        }
        try {
            Files.createDirectories(p.resolve(CHECKPOINTS));
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + p.resolve(CHECKPOINTS) + ": " + e.getMessage(), e);
        }
        return new RunDirectory(p);
    }

    /**
     * Deletes the temporary files a crash in the middle of an atomic write leaves in the run
     * directory ({@code .<name>.<pid>...tmp}). Call only while holding the run's {@link RunLock}.
     */
    public void removeLeftovers() {
        try (Stream<Path> s = Files.list(path)) {
            for (Path p : s.toList()) {
                if (AtomicFiles.isTempName(p.getFileName().toString()) && Files.isRegularFile(p)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not clean temporary files in " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Moves the outputs of a run that stopped before its first checkpoint (its logs, plots and
     * summary: everything but {@code config.yaml}, {@code manifest.json}, the lock and
     * {@code checkpoints/}) into {@code checkpoints/discarded/restart-<n>/}, so that the run can
     * start again in place; returns that directory, or null if there was nothing to move.
     */
    public Path setAsideOutputs() {
        try {
            List<Path> outputs;
            try (Stream<Path> s = Files.list(path)) {
                outputs = s.filter(p -> {
                    String n = p.getFileName().toString();
                    return !n.equals(CONFIG) && !n.equals(MANIFEST) && !n.equals(CHECKPOINTS) && !n.equals(RunLock.FILE);
                }).sorted().toList();
            }
            if (outputs.isEmpty()) {
                return null;
            }
            Path base = checkpointsDir().resolve(CheckpointStore.DISCARDED);
            Files.createDirectories(base);
            Path target = null;
            for (int n = 1; target == null; n++) {
                Path candidate = base.resolve("restart-" + n);
                if (!Files.exists(candidate)) {
                    target = Files.createDirectory(candidate);
                }
            }
            for (Path p : outputs) {
                Files.move(p, target.resolve(p.getFileName().toString()));
            }
            logs.clear();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not set aside the outputs of the stopped attempt in " + path + ": "
                    + e.getMessage(), e);
        }
    }

    /** The run directory (absolute). */
    @Override
    public Path path() {
        return path;
    }

    /** The {@code checkpoints/} directory. */
    public Path checkpointsDir() {
        return path.resolve(CHECKPOINTS);
    }

    @Override
    public synchronized void saveCheckpoint(long envStep, Map<String, Object> state, int keep,
                                            CheckpointFiles files) {
        if (store == null || store.keep() != keep) {
            store = checkpoints(keep);
        }
        store.save(envStep, state, files::write);
    }

    @Override
    public TensorBoardWriter tensorBoard(long firstStep) {
        return TensorBoardWriter.create(path, firstStep);
    }

    /** A {@link CheckpointStore} over {@link #checkpointsDir()} keeping {@code keep} checkpoints. */
    public CheckpointStore checkpoints(int keep) {
        return new CheckpointStore(checkpointsDir(), keep);
    }

    /**
     * Writes {@code config.yaml}.
     *
     * @throws IllegalStateException if it was already written
     */
    public Path writeConfig(String yaml) {
        Path f = path.resolve(CONFIG);
        AtomicFiles.writeNewString(f, yaml.endsWith("\n") ? yaml : yaml + "\n");
        return f;
    }

    /**
     * Replaces {@code config.yaml} of a resumed run whose length was extended (the only change
     * a resume allows), so that the file keeps describing the run.
     */
    public Path replaceConfig(String yaml) {
        Path f = path.resolve(CONFIG);
        AtomicFiles.writeString(f, yaml.endsWith("\n") ? yaml : yaml + "\n");
        return f;
    }

    /**
     * Writes {@code manifest.json} (indented).
     *
     * @throws IllegalStateException if it was already written
     */
    public Path writeManifest(Map<String, Object> manifest) {
        Path f = path.resolve(MANIFEST);
        AtomicFiles.writeNewString(f, Json.pretty(manifest));
        return f;
    }

    /**
     * The training metrics log {@code metrics.csv} with {@code header}; reloaded if the file
     * exists (a resumed run), the columns that a newer version logs left empty in the rows
     * written before ({@link CsvLog#openAddingColumns}). The same instance is returned for the
     * same header.
     *
     * @throws IllegalArgumentException if the file has a column {@code header} lacks, or the log
     *     is open with another header
     */
    @Override
    public synchronized CsvLog metrics(List<String> header) {
        return log(METRICS, header, CsvLog::openAddingColumns);
    }

    /** The evaluation log {@code eval.csv} with {@link #EVAL_HEADER}; reloaded if it exists. */
    @Override
    public synchronized CsvLog eval() {
        return log(EVAL, EVAL_HEADER, CsvLog::open);
    }

    /**
     * Whether the run in {@code dir} has finished: its {@code summary.json} says
     * {@code "complete": true}.
     *
     * @throws IllegalArgumentException if the summary is there but is not JSON
     */
    public static boolean isComplete(Path dir) {
        Path f = dir.resolve(SUMMARY);
        return Files.isRegularFile(f) && Boolean.TRUE.equals(Json.readMap(f).get("complete"));
    }

    /** Writes {@code summary.json} (indented), replacing an earlier summary of this run. */
    @Override
    public Path writeSummary(Map<String, Object> summary) {
        Path f = path.resolve(SUMMARY);
        AtomicFiles.writeString(f, Json.pretty(summary));
        return f;
    }

    /**
     * Draws {@code curve.png} (see {@link Plots#learningCurve}), replacing the previous one.
     */
    @Override
    public Path writeCurve(String title, double[] envSteps, double[] mean, double[] std,
                           double[] episodeSteps, double[] episodeReturns) {
        Path f = path.resolve(CURVE);
        Plots.learningCurve(f, title, envSteps, mean, std, episodeSteps, episodeReturns);
        return f;
    }

    /**
     * Draws {@code curve.png} from {@link #eval()}'s rows and the given training episodes.
     */
    public Path writeCurve(String title, double[] episodeSteps, double[] episodeReturns) {
        CsvLog e = eval();
        return writeCurve(title, e.column("env_steps"), e.column("mean_return"), e.column("std_return"),
                episodeSteps, episodeReturns);
    }

    @Override
    public String toString() {
        return path.toString();
    }

    private CsvLog log(String name, List<String> header, BiFunction<Path, List<String>, CsvLog> opener) {
        CsvLog existing = logs.get(name);
        if (existing != null) {
            if (!existing.header().equals(header)) {
                throw new IllegalArgumentException(path.resolve(name) + " is already open with header "
                        + existing.header() + ", not " + header);
            }
            return existing;
        }
        CsvLog log = opener.apply(path.resolve(name), header);
        logs.put(name, log);
        return log;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static String safe(String part) {
        if (part == null || part.isBlank()) {
            throw new IllegalArgumentException("env and algo names must not be blank");
        }
        return part.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}

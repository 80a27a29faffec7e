package org.mbpo4j.run;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The contents of {@code manifest.json}: everything needed to tell later what produced a run
 * (code version, machine, JVM, ND4J backend, seed).
 */
public final class Manifest {
    /** System property naming the directory to ask git about (default: the working directory). */
    public static final String HOME_PROPERTY = "mbpo4j.home";

    private static final long GIT_TIMEOUT_MS = 2000;

    /** Keys {@link #build} fills in itself, in order; {@code extra} may not reuse them. */
    public static final List<String> KEYS = List.of("mbpo4j_version", "git_commit", "git_dirty", "created",
            "java", "os", "cpu_cores", "nd4j", "omp_wait_policy", "omp_num_threads", "openblas", "jvm_args", "jbox2d", "seed");

    private Manifest() {
    }

    /** {@link #build(long, BackendInfo, Map, Clock)} with the system clock. */
    public static Map<String, Object> build(long seed, BackendInfo backend, Map<String, Object> extra) {
        return build(seed, backend, extra, Clock.systemUTC());
    }

    /**
     * The manifest, as an insertion-ordered map: {@code mbpo4j_version} (the jar's
     * Implementation-Version, else {@code dev}), {@code git_commit} and {@code git_dirty}
     * (null where git or the repository is unavailable), {@code created} (ISO-8601 instant),
     * {@code java}, {@code os}, {@code cpu_cores}, {@code nd4j} (null if {@code backend} is
     * null), {@code omp_wait_policy}, {@code omp_num_threads}, {@code openblas} (its {@code OPENBLAS_CORETYPE} and whether the CPU has AVX-512: {@link OpenBlasCore}), {@code jvm_args}, {@code jbox2d} (its approximation switches, all off), {@code seed},
     * then the entries of {@code extra} in their order.
     *
     * @throws IllegalArgumentException if {@code extra} reuses one of {@link #KEYS}
     */
    public static Map<String, Object> build(long seed, BackendInfo backend, Map<String, Object> extra, Clock clock) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mbpo4j_version", version());
        Path home = home();
        m.put("git_commit", gitCommit(home));
        m.put("git_dirty", gitDirty(home));
        m.put("created", clock.instant().toString());

        Map<String, Object> java = new LinkedHashMap<>();
        java.put("version", System.getProperty("java.version"));
        java.put("vendor", System.getProperty("java.vendor"));
        java.put("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        m.put("java", java);

        Map<String, Object> os = new LinkedHashMap<>();
        os.put("name", System.getProperty("os.name"));
        os.put("version", System.getProperty("os.version"));
        os.put("arch", System.getProperty("os.arch"));
        m.put("os", os);

        m.put("cpu_cores", Runtime.getRuntime().availableProcessors());
        m.put("nd4j", backend == null ? null : backend.toMap());
        m.put("omp_wait_policy", Backend.ompWaitPolicy());
        m.put("omp_num_threads", Backend.ompNumThreads());
        m.put("openblas", OpenBlasCore.manifestEntry());
        m.put("jvm_args", List.copyOf(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        m.put("jbox2d", org.mbpo4j.env.box2d.Box2dSettings.manifestEntries());
        m.put("seed", seed);
        if (extra != null) {
            for (Map.Entry<String, Object> e : extra.entrySet()) {
                if (m.containsKey(e.getKey())) {
                    throw new IllegalArgumentException("manifest extra key '" + e.getKey()
                            + "' would overwrite a standard manifest entry");
                }
                m.put(e.getKey(), e.getValue());
            }
        }
        return m;
    }

    /** The Implementation-Version of the mbpo4j jar, or {@code dev} when not run from a jar. */
    public static String version() {
        String v = Manifest.class.getPackage().getImplementationVersion();
        return v == null || v.isBlank() ? "dev" : v;
    }

    /** The directory given by {@value #HOME_PROPERTY}, else the working directory. */
    static Path home() {
        String h = System.getProperty(HOME_PROPERTY);
        return Path.of(h == null || h.isBlank() ? System.getProperty("user.dir") : h);
    }

    /** {@code git rev-parse HEAD} in {@code dir}, or null if git, the repository or time runs out. */
    public static String gitCommit(Path dir) {
        GitResult r = git(dir, true, "rev-parse", "HEAD");
        if (r == null || r.exit != 0) {
            return null;
        }
        String out = r.stdout.strip();
        return out.matches("[0-9a-f]{40,64}") ? out : null;
    }

    /**
     * Whether tracked files differ from HEAD in {@code dir} ({@code git diff --quiet HEAD}),
     * or null if that cannot be told within the time limit.
     */
    public static Boolean gitDirty(Path dir) {
        GitResult r = git(dir, false, "diff", "--quiet", "HEAD", "--");
        if (r == null) {
            return null;
        }
        return switch (r.exit) {
            case 0 -> Boolean.FALSE;
            case 1 -> Boolean.TRUE;
            default -> null;
        };
    }

    private record GitResult(int exit, String stdout) {
    }

    private static GitResult git(Path dir, boolean captureOutput, String... args) {
        if (dir == null || !Files.isDirectory(dir)) {
            return null;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())));
        if (!captureOutput) {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().put("GIT_OPTIONAL_LOCKS", "0");
        Process p;
        try {
            p = pb.start();
        } catch (IOException | RuntimeException e) {
            return null; // git not installed
        }
        try {
            // Output (one short line from rev-parse, nothing from diff --quiet) fits a pipe
            // buffer, so waiting before reading cannot block git.
            if (!p.waitFor(GIT_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (captureOutput) {
                try (InputStream in = p.getInputStream()) {
                    in.transferTo(out);
                }
            }
            return new GitResult(p.exitValue(), out.toString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return null;
        } catch (IOException e) {
            p.destroyForcibly();
            return null;
        }
    }

    private static String nullDevice() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows")
                ? "NUL" : "/dev/null";
    }
}

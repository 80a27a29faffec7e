package org.mbpo4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * mbpo4j in processes of their own, for tests that need another environment (PATH, SLURM_CONF)
 * or a launcher that a job script can run: during {@code mvn verify} there is no jar yet, and
 * {@code ./mbpo} would build one, so the stand-in runs {@link Main} from this JVM's class path.
 */
final class ChildMbpo {
    /** What a child printed, and its exit status. */
    record Result(int code, String out, String err) {
    }

    private ChildMbpo() {
    }

    /** This JVM's java executable. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Writes an executable stand-in for {@code ./mbpo} to {@code file}: like the real launcher it
     * sets {@code OMP_WAIT_POLICY}, a small young generation, a headless AWT and appends
     * {@code MBPO4J_JAVA_OPTS}, then runs {@code org.mbpo4j.cli.Main} from this JVM's class path.
     *
     * <p>With {@code haltTask} set, the first attempt of that Slurm array task (no
     * {@code SLURM_RESTART_COUNT}) runs with {@code -Dmbpo4j.fault=haltAt}, so its training
     * process dies abruptly there, as {@code kill -9} would; if {@code hangMarker} is set the
     * stand-in then touches it and sleeps (at most two minutes), so that the task stays running
     * until Slurm kills it.
     */
    static Path launcher(Path file, Integer haltTask, String haltAt, Path hangMarker) throws Exception {
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("# Test stand-in for ./mbpo: mbpo4j from the test class path, no jar and no build.\n");
        s.append("export OMP_WAIT_POLICY=passive\n");
        s.append("opts=(-Djava.awt.headless=true -Xmn64m)\n");
        s.append("# shellcheck disable=SC2206\n");
        s.append("[ -n \"${MBPO4J_JAVA_OPTS:-}\" ] && opts+=($MBPO4J_JAVA_OPTS)\n");
        boolean halts = haltTask != null;
        if (halts) {
            s.append("first_attempt_of_halted_task=0\n");
            s.append("if [ \"${SLURM_ARRAY_TASK_ID:-}\" = ").append(haltTask)
                    .append(" ] && [ -z \"${SLURM_RESTART_COUNT:-}\" ]; then\n");
            s.append("  first_attempt_of_halted_task=1\n");
            s.append("  opts+=(-Dmbpo4j.fault=").append(haltAt).append(")\n");
            s.append("fi\n");
        }
        s.append(SlurmScript.quote(java())).append(" \"${opts[@]}\" -cp ")
                .append(SlurmScript.quote(System.getProperty("java.class.path")))
                .append(" org.mbpo4j.cli.Main \"$@\"\n");
        s.append("status=$?\n");
        if (halts && hangMarker != null) {
            s.append("if [ $first_attempt_of_halted_task = 1 ]; then\n");
            s.append("  echo \"test launcher: training halted (exit $status); the task now hangs until killed\"\n");
            s.append("  touch ").append(SlurmScript.quote(hangMarker.toString())).append('\n');
            s.append("  sleep 120\n");
            s.append("fi\n");
        }
        s.append("exit $status\n");
        Files.writeString(file, s.toString());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** Runs {@code mbpo args...} in a child JVM with {@code env} added to (or, for null values, removed from) this one's. */
    static Result mbpo(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Djava.awt.headless=true", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return run(cmd, env, null);
    }

    /** Runs a command with {@code env} added to (or, for null values, removed from) this JVM's environment. */
    static Result run(List<String> cmd, Map<String, String> env, Path dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().put("OMP_WAIT_POLICY", "passive");
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        Process p = pb.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        boolean ended = p.waitFor(3, TimeUnit.MINUTES);
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        assertTrue(ended, "did not end within 3 minutes: " + cmd);
        return new Result(p.exitValue(), out.join(), err.join());
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** A PATH of just {@code dirs}. */
    static String path(Path... dirs) {
        List<String> s = new ArrayList<>();
        for (Path d : dirs) {
            s.add(d.toString());
        }
        return String.join(File.pathSeparator, s);
    }
}

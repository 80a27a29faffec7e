package org.mbpo4j.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A one-node Slurm cluster for tests, from Debian's {@code slurm-wlm} and {@code munge}: munged,
 * slurmctld and slurmd started in the foreground (no systemd) as the current user, with every
 * file (key, sockets, state, spool, logs, {@code slurm.conf}) in one temporary directory, the
 * daemons listening on 127.0.0.1 only (free ports; {@code CommunicationParameters=NoCtldInAddrAny,
 * NoInAddrAny}), and a short requeue delay ({@code cred_expire=5}). {@link #close} cancels the
 * jobs, stops the daemons and deletes the directory.
 */
final class LocalSlurm implements AutoCloseable {
    /** Set (to anything) to make missing Slurm packages a test failure rather than a skip (CI, through .ci/run). */
    static final String REQUIRE = "MBPO4J_REQUIRE_SLURM";
    /** The name of the one node. */
    static final String NODE = "mbpotest";
    private static final List<String> PROGRAMS = List.of("munged", "slurmctld", "slurmd", "sbatch", "squeue", "scontrol",
            "sinfo", "scancel");
    /** Where Debian puts the daemons, which a user's PATH may lack. */
    private static final List<String> SYSTEM_DIRS = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

    private final Path dir;
    private final Path conf;
    private final Map<String, Path> programs;
    private final List<Process> daemons = new ArrayList<>();
    /** Stops the daemons if the test JVM ends without {@link #close} (killed by a timeout, say). */
    private final Thread stopAtExit = new Thread(this::stopDaemons, "LocalSlurm-stop");

    private LocalSlurm(Path dir, Map<String, Path> programs) {
        this.dir = dir;
        this.conf = dir.resolve("slurm.conf");
        this.programs = programs;
    }

    /** Why a cluster cannot be started here (a program missing), or null if it can. */
    static String whyNot() {
        List<String> missing = new ArrayList<>();
        for (String p : PROGRAMS) {
            if (find(p) == null) {
                missing.add(p);
            }
        }
        return missing.isEmpty() ? null : "no " + String.join(", ", missing)
                + " (sudo apt-get install slurm-wlm munge)";
    }

    private static Path find(String program) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(SYSTEM_DIRS);
        for (String d : dirs) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return Path.of(d, program);
            }
        }
        return null;
    }

    /** Starts the three daemons in a new temporary directory and returns once the node is idle. */
    static LocalSlurm start() throws Exception {
        Map<String, Path> programs = new HashMap<>();
        for (String p : PROGRAMS) {
            programs.put(p, find(p));
        }
        Path dir = Files.createTempDirectory("mbpo-slurm");
        // munged wants its socket's directory searchable by all, and none of its directories writable by others.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        LocalSlurm s = new LocalSlurm(dir, programs);
        Runtime.getRuntime().addShutdownHook(s.stopAtExit);
        try {
            s.startDaemons();
        } catch (Exception | AssertionError e) {
            s.close();
            throw e;
        }
        return s;
    }

    private void startDaemons() throws Exception {
        for (String d : List.of("munge", "state", "spool", "log")) {
            Files.createDirectories(dir.resolve(d));
        }
        Path key = dir.resolve("munge/munge.key");
        byte[] random = new byte[1024];
        new SecureRandom().nextBytes(random);
        Files.write(key, random);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("r--------"));
        Path socket = dir.resolve("munge/munge.socket");
        daemons.add(daemon("munged", List.of(programs.get("munged").toString(), "-F", "--key-file=" + key,
                "--socket=" + socket, "--pid-file=" + dir.resolve("munge/munged.pid"),
                "--log-file=" + dir.resolve("log/munged.log"), "--seed-file=" + dir.resolve("munge/munged.seed"))));
        waitFor("munged's socket", Duration.ofSeconds(20), () -> Files.exists(socket));

        String user = System.getProperty("user.name");
        String node = nodeLine();
        Files.writeString(conf, String.join("\n",
                "# A one-node cluster for mbpo4j's tests, on 127.0.0.1 only.",
                "ClusterName=mbpotest",
                "SlurmctldHost=localhost(127.0.0.1)",
                "SlurmctldPort=" + freePort(),
                "SlurmdPort=" + freePort(),
                "CommunicationParameters=NoCtldInAddrAny,NoInAddrAny",
                "SlurmUser=" + user,
                "SlurmdUser=" + user,
                "AuthType=auth/munge",
                "CredType=cred/munge",
                // cred_expire also sets how long a requeued job waits before it may start again (default 120 s).
                "AuthInfo=socket=" + socket + ",cred_expire=5",
                "StateSaveLocation=" + dir.resolve("state"),
                "SlurmdSpoolDir=" + dir.resolve("spool"),
                "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
                "SlurmctldLogFile=" + dir.resolve("log/slurmctld.log"),
                "SlurmdLogFile=" + dir.resolve("log/slurmd.log"),
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_CPU",
                "SchedulerType=sched/backfill",
                "SchedulerParameters=sched_interval=2,bf_interval=1",
                "AccountingStorageType=accounting_storage/none",
                "JobAcctGatherType=jobacct_gather/none",
                "JobCompType=jobcomp/none",
                "MpiDefault=none",
                "MailProg=/bin/true",
                "ReturnToService=2",
                "JobRequeue=1",
                "KillWait=2",
                node + " NodeAddr=127.0.0.1 State=UNKNOWN",
                "PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP",
                ""));
        daemons.add(daemon("slurmctld", List.of(programs.get("slurmctld").toString(), "-D", "-f", conf.toString())));
        daemons.add(daemon("slurmd", List.of(programs.get("slurmd").toString(), "-D", "-f", conf.toString(),
                "-N", NODE)));
        waitFor("the node to be idle", Duration.ofSeconds(60), () -> {
            ChildMbpo.Result r = slurm("sinfo", "--noheader", "--format=%T");
            return r.code() == 0 && r.out().strip().equals("idle");
        });
    }

    /** This machine's node line from {@code slurmd -C} (CPUs, sockets, cores, memory), named {@link #NODE}. */
    private String nodeLine() throws Exception {
        ChildMbpo.Result r = ChildMbpo.run(List.of(programs.get("slurmd").toString(), "-C"), Map.of(), dir);
        String line = r.out().lines().filter(l -> l.startsWith("NodeName=")).findFirst()
                .orElseThrow(() -> new AssertionError("slurmd -C printed no NodeName line: " + r.out() + r.err()));
        return line.replaceFirst("^NodeName=\\S+", "NodeName=" + NODE);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private Process daemon(String name, List<String> cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log/" + name + ".out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("SLURM_CONF", conf.toString());
        return pb.start();
    }

    /** The environment Slurm's commands need to reach this cluster: {@code SLURM_CONF}, and PATH with them on it. */
    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("SLURM_CONF", conf.toString());
        env.put("PATH", programs.get("sbatch").getParent() + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        return env;
    }

    /** Runs one of Slurm's commands against this cluster. */
    ChildMbpo.Result slurm(String program, String... args) {
        List<String> cmd = new ArrayList<>(List.of(programs.get(program).toString()));
        cmd.addAll(List.of(args));
        try {
            return ChildMbpo.run(cmd, env(), dir);
        } catch (Exception e) {
            throw new AssertionError("could not run " + cmd + ": " + e, e);
        }
    }

    /** The array tasks in the queue, as {@code "<task> <STATE>"} lines of squeue. */
    List<String> queue() {
        ChildMbpo.Result r = slurm("squeue", "--noheader", "--array", "--format=%K %T");
        if (r.code() != 0) {
            throw new AssertionError("squeue failed: " + r.err() + "\n" + logs());
        }
        return r.out().lines().map(String::strip).filter(l -> !l.isEmpty()).sorted().toList();
    }

    /** Waits until {@code done} holds, polling every 250 ms; fails with the daemons' logs after {@code limit}. */
    void waitFor(String what, Duration limit, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            for (Process d : daemons) {
                if (!d.isAlive()) {
                    throw new AssertionError("a Slurm daemon stopped (exit " + d.exitValue() + ") while waiting for "
                            + what + "\n" + logs());
                }
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("waited " + limit.toSeconds() + " s for " + what + " in vain\n" + logs());
            }
            Thread.sleep(250);
        }
    }

    /** The last lines of each daemon's log, for a failure message. */
    String logs() {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.list(dir.resolve("log"))) {
            for (Path f : files.sorted().toList()) {
                b.append("--- ").append(f.getFileName()).append('\n');
                for (String l : CampaignStatus.tail(f, 15)) {
                    b.append(l).append('\n');
                }
            }
        } catch (IOException e) {
            b.append("(logs unreadable: ").append(e).append(")");
        }
        return b.toString();
    }

    /** Cancels every job, stops the daemons (slurmd, slurmctld with its helper, munged) and deletes the directory. */
    @Override
    public void close() throws Exception {
        try {
            if (daemons.size() == 3 && daemons.stream().allMatch(Process::isAlive)) {
                slurm("scancel", "--user=" + System.getProperty("user.name"));
                try {
                    waitFor("the cancelled jobs to end", Duration.ofSeconds(20), () -> queue().isEmpty());
                } catch (AssertionError stillThere) {
                    System.err.println("LocalSlurm: jobs still queued when stopping: " + stillThere.getMessage());
                }
            }
        } finally {
            stopDaemons();
            try {
                Runtime.getRuntime().removeShutdownHook(stopAtExit);
            } catch (IllegalStateException exiting) {
                // the JVM is already exiting: the hook runs anyway, and finds them stopped
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    p.toFile().setWritable(true);
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                System.err.println("LocalSlurm: could not delete " + dir + ": " + e);
            }
        }
    }

    private void stopDaemons() {
        for (int i = daemons.size() - 1; i >= 0; i--) {
            try {
                stop(daemons.get(i));
            } catch (InterruptedException e) {
                daemons.get(i).destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void stop(Process p) throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        p.destroy();
        tree.forEach(ProcessHandle::destroy);
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        for (ProcessHandle h : tree) {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
    }
}

package org.mbpo4j.cli;

import java.io.PrintWriter;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mbpo4j.bench.Benchmark;
import org.mbpo4j.bench.Benchmark.Kind;
import org.mbpo4j.bench.HostInfo;
import org.mbpo4j.bench.RolloutWorkload;
import org.mbpo4j.bench.Rss;
import org.mbpo4j.bench.Timing;
import org.mbpo4j.nn.Kernels;
import org.mbpo4j.run.Backend;
import org.mbpo4j.run.BackendInfo;
import org.mbpo4j.io.Json;
import org.mbpo4j.run.config.ComputeConfig;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mbpo bench}: times MBPO's three hot loops (float32, medians and p10/p90 after warm-up)
 * with the workload definitions of the PyTorch peer {@code shared/peer/torch_bench.py}, and
 * reports the process's resident memory.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time MBPO's three kernels; --json prints one line.",
            "The workloads are those of the PyTorch peer (shared/peer/torch_bench.py):",
            "  model-train  one step of a 7-member Gaussian ensemble, 14 -> 200x4 -> 24,",
            "               SiLU, batch 256 per member, Adam",
            "  rollout      one model step for 100,000 rows (state 11, action 3): a",
            "               random elite's Gaussian sample per row; the peer runs all",
            "               7 members, we run each row's member only",
            "  sac-update   one SAC update: obs 11, act 3, hidden 256x2, batch 256",
            "Prints medians and p10/p90 in ms after warm-up (float32), and the RSS."})
final class BenchCommand implements Callable<Integer> {
    /** Fewest timed calls for a median and p10/p90 worth reporting. */
    static final int MIN_ITERS = 30;
    /** Most timed (or untimed) calls per workload: the timings are kept one per call. */
    static final int MAX_CALLS = 100_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--workloads", paramLabel = "LIST", defaultValue = "model-train,rollout,sac-update",
            description = "Comma-separated workloads to run (default: ${DEFAULT-VALUE}).")
    String workloads;

    @Option(names = "--kernels", paramLabel = "auto|cpu|nd4j", defaultValue = "auto",
            description = "Element-wise kernels: Java loops (cpu) or ND4J ops (nd4j); auto: cpu on the CPU backend,"
                    + " nd4j on CUDA (default: ${DEFAULT-VALUE}).")
    String kernelsChoice;

    @Option(names = "--backend", paramLabel = "auto|cpu|cuda",
            description = "The ND4J backend this build must run on; default from MBPO4J_BACKEND, else auto.")
    String backendChoice;

    @Option(names = "--iters", paramLabel = "N", defaultValue = "40",
            description = "Timed calls per workload, " + MIN_ITERS + " to " + MAX_CALLS + " (default: ${DEFAULT-VALUE}).")
    int iters;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "10",
            description = "Untimed calls per workload before timing, at least; 0 to " + MAX_CALLS
                    + " (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "2",
            description = "Seconds of untimed calls per workload before timing, at least: the JIT and the JVM's"
                    + " memory settle in time, not in calls (default: ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(names = "--chunk", paramLabel = "ROWS", defaultValue = "" + RolloutWorkload.DEFAULT_CHUNK,
            description = "Rollout rows per forward pass, 1 to " + RolloutWorkload.MAX_CHUNK
                    + " (default: ${DEFAULT-VALUE}; the peer uses 1000).")
    int chunk;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seed of the weights and data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print one JSON line.")
    boolean json;

    @Override
    public Integer call() {
        Set<Kind> kinds = parseWorkloads(workloads);
        if (iters < MIN_ITERS || iters > MAX_CALLS) {
            throw new UserError("--iters must be in [" + MIN_ITERS + ", " + MAX_CALLS + "] (a median and p10/p90 need"
                    + " at least " + MIN_ITERS + " timed calls), got " + iters);
        }
        if (warmup < 0 || warmup > MAX_CALLS) {
            throw new UserError("--warmup must be in [0, " + MAX_CALLS + "], got " + warmup);
        }
        if (!(warmupSeconds >= 0 && warmupSeconds <= 3600)) {
            throw new UserError("--warmup-seconds must be in [0, 3600], got " + warmupSeconds);
        }
        if (chunk < 1 || chunk > RolloutWorkload.MAX_CHUNK) {
            throw new UserError("--chunk must be in [1, " + RolloutWorkload.MAX_CHUNK + "], got " + chunk);
        }
        String backendWord = backendChoice;
        String backendSource = "--backend";
        String envBackend = System.getenv("MBPO4J_BACKEND");
        if (backendWord == null && envBackend != null && !envBackend.isBlank()) {
            backendWord = envBackend;
            backendSource = "MBPO4J_BACKEND";
        }
        ComputeConfig.Backend b = backendWord == null ? ComputeConfig.Backend.AUTO
                : choice(ComputeConfig.Backend.class, backendSource, backendWord);
        ComputeConfig.Kernels kk = choice(ComputeConfig.Kernels.class, "--kernels", kernelsChoice);

        BackendInfo backend = Backend.describe();
        Kernels k = Compute.kernels(new ComputeConfig(b, kk), backend, org.mbpo4j.run.Backend.cudaFallback(),
                spec.commandLine().getErr());
        PrintWriter err = spec.commandLine().getErr();
        Compute.slowBlasNote(backend, err);
        Runnable sync = backend.cuda() ? () -> Nd4j.getExecutioner().commit() : () -> { };
        List<Timing> timings = Benchmark.run(Benchmark.Settings.standard(kinds, warmup, warmupSeconds, iters, chunk, seed), k, sync,
                name -> {
                    if (!json) {
                        err.println("mbpo bench: timing " + name + " ...");
                        err.flush();
                    }
                });
        Map<String, Object> result = result(backend, k, kinds, timings, Rss.currentMb());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.line(result));
        } else {
            printTable(out, backend, k, timings, result);
        }
        out.flush();
        return 0;
    }

    /** The workloads named in a comma-separated list. */
    static Set<Kind> parseWorkloads(String list) {
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        for (String name : list.split(",", -1)) {
            Kind kind = Kind.byName(name);
            if (kind == null) {
                throw new UserError("--workloads: unknown workload '" + name.strip() + "'; allowed: " + Kind.names()
                        + " (comma-separated)");
            }
            kinds.add(kind);
        }
        return kinds;
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String option, String word) {
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            String name = e.name().toLowerCase(Locale.ROOT);
            if (name.equals(word.strip().toLowerCase(Locale.ROOT))) {
                return e;
            }
            allowed.append(allowed.length() == 0 ? "" : ", ").append(name);
        }
        throw new UserError(option + " must be one of: " + allowed + "; got '" + word + "'");
    }

    private Map<String, Object> result(BackendInfo backend, Kernels k, Set<Kind> kinds, List<Timing> timings,
                                       Double rssMb) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", backend.cuda() ? "cuda" : "cpu");
        m.put("kernels", k.name());
        m.put("device", device(backend));
        m.put("threads", backend.threads());
        for (Kind kind : Kind.values()) {
            Timing t = find(timings, kind);
            m.put(kind.key() + "_ms", t == null ? null : round(t.medianMs(), 3));
        }
        m.put("rss_mb", rssMb == null ? null : round(rssMb, 1));
        Double growth = timings.isEmpty() ? null : 0.0;
        for (Timing t : timings) {
            growth = growth == null || t.rssGrowthMb() == null ? null : growth + t.rssGrowthMb();
        }
        m.put("rss_growth_mb", growth == null ? null : round(growth, 1));
        for (Kind kind : Kind.values()) {
            Timing t = find(timings, kind);
            m.put(kind.key() + "_p10_ms", t == null ? null : round(t.p10Ms(), 3));
            m.put(kind.key() + "_p90_ms", t == null ? null : round(t.p90Ms(), 3));
            m.put(kind.key() + "_rss_growth_mb", t == null || t.rssGrowthMb() == null ? null
                    : round(t.rssGrowthMb(), 1));
            m.put(kind.key() + "_warmup_calls", t == null ? null : t.warmupCalls());
            m.put(kind.key() + "_others_cores", t == null || t.othersCores() == null ? null
                    : round(t.othersCores(), 3));
        }
        m.put("omp_wait_policy", Backend.ompWaitPolicy());
        m.put("omp_num_threads", Backend.ompNumThreads());
        m.put("blas_vendor", backend.blasVendor());
        m.put("openblas_coretype", org.mbpo4j.run.OpenBlasCore.coretype());
        m.put("cpu_avx512", org.mbpo4j.run.OpenBlasCore.cpuHasAvx512());
        m.put("workloads", kinds.stream().map(Kind::cliName).toList());
        m.put("iters", iters);
        m.put("warmup", warmup);
        m.put("warmup_seconds", warmupSeconds);
        m.put("chunk", chunk);
        m.put("seed", seed);
        m.put("java", System.getProperty("java.version"));
        return m;
    }

    private static String device(BackendInfo backend) {
        if (backend.cuda()) {
            return backend.device();
        }
        String cpu = HostInfo.cpuModel();
        return cpu == null ? backend.device() : "cpu: " + cpu;
    }

    private static Timing find(List<Timing> timings, Kind kind) {
        for (Timing t : timings) {
            if (t.name().equals(kind.cliName())) {
                return t;
            }
        }
        return null;
    }

    private static Double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }

    private void printTable(PrintWriter out, BackendInfo backend, Kernels k, List<Timing> timings,
                            Map<String, Object> result) {
        out.println("mbpo bench: " + backend.summary() + ", kernels " + k.name() + ", OMP_WAIT_POLICY="
                + (Backend.ompWaitPolicy() == null ? "(unset)" : Backend.ompWaitPolicy()));
        out.println("device: " + result.get("device"));
        out.println(iters + " timed calls per workload after at least " + warmup + " warm-up calls and "
                + warmupSeconds + " s, float32");
        out.println();
        String fmt = "%-30s %10s %10s %10s %14s %13s%n";
        out.printf(fmt, "WORKLOAD", "MEDIAN ms", "P10 ms", "P90 ms", "RSS GROWTH MB", "OTHERS CORES");
        for (Timing t : timings) {
            String label = t.name().equals(Kind.ROLLOUT.cliName())
                    ? "rollout (100k rows, chunk " + chunk + ")" : t.name();
            out.printf(fmt, label, String.format(Locale.ROOT, "%.3f", t.medianMs()),
                    String.format(Locale.ROOT, "%.3f", t.p10Ms()), String.format(Locale.ROOT, "%.3f", t.p90Ms()),
                    t.rssGrowthMb() == null ? "n/a" : String.format(Locale.ROOT, "%.1f", t.rssGrowthMb()),
                    t.othersCores() == null ? "n/a" : String.format(Locale.ROOT, "%.2f", t.othersCores()));
        }
        out.println();
        out.println("OTHERS CORES: cores other processes used while timing; above ~0.1 the times are contaminated.");
        Object rss = result.get("rss_mb");
        out.println("RSS at the end: " + (rss == null ? "n/a" : rss + " MB"));
    }
}

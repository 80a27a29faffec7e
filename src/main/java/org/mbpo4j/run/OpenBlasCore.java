package org.mbpo4j.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which OpenBLAS kernels the CPU backend's products run on, and whether the CPU could run faster
 * ones.
 *
 * <p>The OpenBLAS that ND4J 1.0.0-M2.1 ships (0.3.19) chooses its kernels once, when it loads:
 * by {@code OPENBLAS_CORETYPE} if set, else by CPU detection, which does not know CPUs released
 * after it (AMD Zen 4 and Zen 5 among them) and falls back to the AVX2 ("Haswell") kernels. On
 * an AVX-512 CPU the AVX-512 ("SkylakeX") kernels are about twice as fast: on this project's
 * 2-core Zen 5 machine a 1000 x 200 x 200 sgemm runs at 98 GFLOP/s per core with Haswell's and
 * at 195 with SkylakeX's. The launcher {@code ./mbpo} sets {@code OPENBLAS_CORETYPE=SKYLAKEX}
 * on such CPUs when the variable is unset, and keeps a value that is set; this class reports
 * the choice for the manifest and {@code bench}, and says when a set value holds the products
 * back ({@link #slowKernelNote}).
 */
public final class OpenBlasCore {
    /** The environment variable OpenBLAS reads. */
    public static final String VARIABLE = "OPENBLAS_CORETYPE";
    /** The AVX-512 instruction groups OpenBLAS's SkylakeX kernels use. */
    static final List<String> AVX512_FLAGS = List.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");
    /** OpenBLAS 0.3.19's core types whose sgemm uses AVX-512. */
    static final Set<String> AVX512_CORES = Set.of("skylakex", "cooperlake", "sapphirerapids");

    private OpenBlasCore() {
    }

    /** {@code OPENBLAS_CORETYPE} as set in this process's environment, or null. */
    public static String coretype() {
        String v = System.getenv(VARIABLE);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** Whether this CPU has the AVX-512 groups of {@link #AVX512_FLAGS}; null where unknown (no {@code /proc/cpuinfo}). */
    public static Boolean cpuHasAvx512() {
        Set<String> flags = cpuFlags(Path.of("/proc/cpuinfo"));
        return flags == null ? null : hasAvx512(flags);
    }

    /** Whether {@code flags} hold all of {@link #AVX512_FLAGS}. */
    static boolean hasAvx512(Set<String> flags) {
        return flags.containsAll(AVX512_FLAGS);
    }

    /** The first {@code flags} line of a {@code /proc/cpuinfo}-format file, as a set; null if unreadable or absent. */
    static Set<String> cpuFlags(Path cpuinfo) {
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(l -> l.startsWith("flags"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .map(s -> Stream.of(s.split("\\s+")).collect(Collectors.toUnmodifiableSet()))
                    .orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * A note for people when {@code coretype} names kernels without AVX-512 on a CPU that has
     * it ({@code avx512}); empty otherwise, and when either is unknown.
     */
    static Optional<String> slowKernelNote(String coretype, Boolean avx512) {
        if (coretype == null || avx512 == null || !avx512
                || AVX512_CORES.contains(coretype.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of(VARIABLE + "=" + coretype + " keeps OpenBLAS on kernels without AVX-512, though this CPU"
                + " has it; products (most of training and planning time) run about 2x faster with "
                + VARIABLE + "=SKYLAKEX, or with the variable unset (./mbpo then picks SKYLAKEX)");
    }

    /** {@link #slowKernelNote(String, Boolean)} for this process and CPU. */
    public static Optional<String> slowKernelNote() {
        return slowKernelNote(coretype(), cpuHasAvx512());
    }

    /** The manifest entry: {@code {"coretype": OPENBLAS_CORETYPE or null, "cpu_avx512": true/false/null}}. */
    public static Map<String, Object> manifestEntry() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("coretype", coretype());
        m.put("cpu_avx512", cpuHasAvx512());
        return m;
    }
}

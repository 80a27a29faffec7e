package org.mbpo4j.run;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Starts ND4J and reports which backend it runs on ({@link #describe()}), turning a failed
 * start (no native libraries for this platform, CUDA build without a GPU or driver) into one
 * {@link BackendUnavailableException} with a message a user can act on, instead of a wall of
 * linkage errors.
 *
 * <p>Also reports the OpenMP settings that matter for CPU speed ({@code OMP_NUM_THREADS},
 * {@code OMP_WAIT_POLICY}).
 */
public final class Backend {
    /** The artifact name of ND4J's CPU backend. */
    public static final String NATIVE = "nd4j-native";
    /** The artifact family name of ND4J's CUDA backend. */
    public static final String CUDA = "nd4j-cuda";

    static final String CPU_BACKEND_CLASS = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";
    static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";

    private static final Object LOCK = new Object();
    private static BackendInfo cached;
    private static BackendUnavailableException failure;
    private static String cudaFallback;

    private Backend() {
    }

    /**
     * Initialises ND4J (once per JVM; later calls return the same answer) and describes its
     * backend.
     *
     * @throws BackendUnavailableException if ND4J cannot start
     */
    public static BackendInfo describe() {
        synchronized (LOCK) {
            if (cached != null) {
                return cached;
            }
            if (failure != null) {
                throw failure;
            }
            // ND4J reports a backend it cannot load with a stack trace and a WARN line on
            // stderr; hold stderr while it starts so a user sees one clear message instead.
            PrintStream stderr = System.err;
            ByteArrayOutputStream held = new ByteArrayOutputStream();
            System.setErr(new PrintStream(held, true, StandardCharsets.UTF_8));
            try {
                cached = describeWith(classpathBackend(), Backend::probe);
            } catch (BackendUnavailableException e) {
                String first = firstErrorLine(held.toString(StandardCharsets.UTF_8));
                failure = first == null ? e : new BackendUnavailableException(e.backend(),
                        e.getMessage() + " (the loader said: " + first + ")", e.getCause());
                throw failure;
            } finally {
                System.setErr(stderr);
            }
            String said = held.toString(StandardCharsets.UTF_8);
            if (!cached.cuda() && CUDA.equals(classpathBackend())) {
                // ND4J skipped the CUDA backend (no device or driver) and started the CPU one.
                String first = firstErrorLine(said);
                cudaFallback = first == null ? "the CUDA backend did not start" : first;
            } else if (!said.isEmpty()) {
                stderr.print(said); // a normal start hides nothing
            }
            return cached;
        }
    }

    /** The first line of held stderr output that names an error, stripped, or null. */
    static String firstErrorLine(String text) {
        for (String line : text.split("\\R")) {
            String l = line.strip();
            if (!l.startsWith("at ") && (l.contains("Error") || l.contains("Exception"))) {
                return l;
            }
        }
        return null;
    }

    /**
     * Why a build that carries the CUDA backend is running on the CPU (ND4J skipped CUDA: no
     * device or driver), or empty. Meaningful after {@link #describe()}.
     */
    public static java.util.Optional<String> cudaFallback() {
        synchronized (LOCK) {
            return java.util.Optional.ofNullable(cudaFallback);
        }
    }

    /**
     * Which backend is on the classpath, without initialising it: {@link #CUDA},
     * {@link #NATIVE}, or {@code "none"}.
     */
    public static String classpathBackend() {
        if (present(CUDA_BACKEND_CLASS)) {
            return CUDA;
        }
        if (present(CPU_BACKEND_CLASS)) {
            return NATIVE;
        }
        return "none";
    }

    /** The environment variable {@code OMP_NUM_THREADS}, or {@code null} if unset. */
    public static String ompNumThreads() {
        return System.getenv("OMP_NUM_THREADS");
    }

    /** The environment variable {@code OMP_WAIT_POLICY}, or {@code null} if unset. */
    public static String ompWaitPolicy() {
        return System.getenv("OMP_WAIT_POLICY");
    }

    /** Runs {@code probe}, turning start-up failures into a {@link BackendUnavailableException}. */
    static BackendInfo describeWith(String backend, Callable<BackendInfo> probe) {
        try {
            return probe.call();
        } catch (BackendUnavailableException e) {
            throw e;
        } catch (LinkageError | Exception e) {
            // LinkageError: UnsatisfiedLinkError, ExceptionInInitializerError, NoClassDefFoundError
            throw unavailable(backend, e);
        }
    }

    /** The user-facing exception for a failed start of {@code backend}. */
    static BackendUnavailableException unavailable(String backend, Throwable cause) {
        String platform = System.getProperty("os.name") + " " + System.getProperty("os.arch");
        StringBuilder msg = new StringBuilder();
        if ("none".equals(backend)) {
            msg.append("No ND4J backend is on the classpath (neither nd4j-native nor nd4j-cuda)");
        } else {
            msg.append("ND4J could not start its ").append(backend).append(" backend on ").append(platform);
        }
        msg.append(": ").append(rootMessage(cause)).append(". ");
        if (CUDA.equals(backend)) {
            msg.append("No CUDA device or driver found (or the CUDA 11.6 runtime is missing); "
                    + "rebuild without -Pcuda to use the CPU backend, or run on a machine with an NVIDIA GPU "
                    + "and a driver that supports CUDA 11.6.");
        } else if (NATIVE.equals(backend)) {
            msg.append("The native libraries for this platform are missing or cannot be loaded; build mbpo4j "
                    + "on the machine that runs it (the build picks the native binaries for its own platform: "
                    + "linux-x86_64, linux-arm64, macosx-x86_64, macosx-arm64 or windows-x86_64), and check "
                    + "that the C/C++ runtime libraries (glibc, libstdc++, libgomp) are installed.");
        } else {
            msg.append("Build mbpo4j with Maven so that the nd4j-native dependency is included, "
                    + "or add -Pcuda for the CUDA backend.");
        }
        return new BackendUnavailableException(backend, msg.toString(), cause);
    }

    /** The deepest cause's class and message, e.g. {@code UnsatisfiedLinkError: no jnind4jcpu}. */
    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        String name = root.getClass().getSimpleName();
        if (m == null || m.isBlank()) {
            return name;
        }
        m = m.strip().replaceAll("\\s+", " ");
        if (m.endsWith(".")) {
            m = m.substring(0, m.length() - 1);
        }
        return name + ": " + m;
    }

    private static BackendInfo probe() {
        var nd4jBackend = Nd4j.getBackend();
        String backendClass = nd4jBackend.getClass().getName();
        boolean cuda = backendClass.toLowerCase(Locale.ROOT).contains("cublas")
                || backendClass.toLowerCase(Locale.ROOT).contains("cuda");
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String vendor = String.valueOf(Nd4j.factory().blas().getBlasVendor());
        int threads = Nd4j.getEnvironment().maxThreads();
        String device = cuda ? cudaDevice(env) : "cpu";
        return new BackendInfo(cuda ? CUDA : NATIVE, vendor, threads, device, cuda);
    }

    private static String cudaDevice(Properties env) {
        int index = Nd4j.getAffinityManager().getDeviceForCurrentThread();
        String name = null;
        Object infos = env.get("cuda.devicesInformation");
        if (infos instanceof List<?> list && index >= 0 && index < list.size()
                && list.get(index) instanceof Map<?, ?> info && info.get("cuda.deviceName") != null) {
            name = String.valueOf(info.get("cuda.deviceName"));
        }
        return "cuda:" + index + (name == null ? "" : " " + name);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Backend.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}

package org.mbpo4j.env.mujoco;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The MuJoCo library this JVM uses: found once, version-checked, bound and checked at start-up.
 *
 * <p><b>Where it is looked for</b>, first match wins:
 * <ol>
 *   <li>{@code MBPO4J_MUJOCO_LIB} (or the system property {@code mbpo4j.mujoco.lib}): a path to a
 *       {@code libmujoco.so.*} file, e.g. the official 3.14.0 release's or the one inside the
 *       {@code mujoco==3.14.0} Python wheel ({@code site-packages/mujoco/libmujoco.so.3.14.0});</li>
 *   <li>Debian's {@code libmujoco2.2.2} ({@code libmujoco.so.2.2.2} on the loader's path);</li>
 *   <li>a {@code libmujoco.so} on the loader's path.</li>
 * </ol>
 *
 * <p><b>Versions.</b> The structs' memory layout depends on the version, so only the versions in
 * {@link MjLayout} are accepted (chosen by {@code mj_version()}); any other is refused naming the
 * supported ones. The start-up check loads a small model and verifies the layout: its sizes are
 * the model's, {@code qpos} equals {@code qpos0} after {@code mj_resetData}, and one
 * {@code mj_step} advances {@code time} by exactly the timestep.
 *
 * <p>MuJoCo's warnings (such as a simulation that became unstable and was reset) go to standard
 * error once per kind (their numbers aside) instead of MuJoCo's default {@code MUJOCO_LOG.TXT}
 * in the working directory. A fatal MuJoCo error (MuJoCo's default handler waits for Enter, then
 * exits) prints one line and ends the process with status 1: MuJoCo's state cannot be trusted
 * after one, and its handler must not return.
 */
public final class MujocoLibrary {
    /** The environment variable naming the library file. */
    public static final String ENV_VAR = "MBPO4J_MUJOCO_LIB";
    /** The system property naming the library file (wins over {@link #ENV_VAR}). */
    public static final String PROPERTY = "mbpo4j.mujoco.lib";
    /** The one-line install hint, for messages and the README. */
    public static final String INSTALL = "sudo apt-get install libmujoco2.2.2";

    private static final Object LOCK = new Object();
    private static MujocoLibrary loaded;
    private static MujocoUnavailableException failure;
    /** Kept reachable for as long as the library may call it. */
    private static MessageHandler warningHandler;
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private final String path;
    private final MjLayout layout;
    private final String versionString;

    /** A library already bound ({@link MjNative} registered) whose memory layout is {@code layout}. */
    MujocoLibrary(String path, MjLayout layout, String versionString) {
        this.path = path;
        this.layout = layout;
        this.versionString = versionString;
    }

    /**
     * The library, loaded and checked on the first call.
     *
     * @throws MujocoUnavailableException saying how to install it or point at another copy (the
     *                                    same exception on every later call)
     */
    public static MujocoLibrary get() {
        synchronized (LOCK) {
            if (loaded != null) {
                return loaded;
            }
            if (failure != null) {
                throw failure;
            }
            try {
                loaded = load();
                return loaded;
            } catch (MujocoUnavailableException e) {
                failure = e;
                throw e;
            } catch (LinkageError | RuntimeException e) {
                // JNA's own native part, or the temporary copy of the models, failed: MuJoCo cannot be used here.
                failure = new MujocoUnavailableException("the MuJoCo library could not be loaded: " + e
                        + "; install it with `" + INSTALL + "`, or set " + ENV_VAR + " to a libmujoco.so.3.14.0", e);
                throw failure;
            }
        }
    }

    /** Whether {@link #get()} succeeds (loading the library if it was not yet). */
    public static boolean available() {
        try {
            get();
            return true;
        } catch (MujocoUnavailableException e) {
            return false;
        }
    }

    /** The library file, as loaded. */
    public String path() {
        return path;
    }

    /** The version, e.g. {@code 2.2.2}. */
    public String version() {
        return layout.name();
    }

    /** {@code mj_versionString()}. */
    public String versionString() {
        return versionString;
    }

    /**
     * Whether this version adds the contact margins of two geoms (MuJoCo 3.5 and later, as the
     * Gymnasium references) rather than taking the larger one.
     */
    public boolean sumsContactMargins() {
        return layout.sumsContactMargins();
    }

    MjLayout layout() {
        return layout;
    }

    /** What {@code manifest.json} records: {@code {"library", "version", "contact_margins"}}. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("library", path);
        m.put("version", versionString);
        m.put("contact_margins", layout.sumsContactMargins() ? "summed (MuJoCo >= 3.5, as Gymnasium's references)"
                : "max of two, so every geom margin is doubled after loading to simulate MuJoCo >= 3.5's sum");
        return m;
    }

    // ---- loading ------------------------------------------------------------------------------

    private static MujocoLibrary load() {
        String given = System.getProperty(PROPERTY);
        String source = "-D" + PROPERTY;
        if (given == null || given.isBlank()) {
            given = System.getenv(ENV_VAR);
            source = ENV_VAR;
        }
        return load(given, source);
    }

    /**
     * Loads the library named by {@code given} (from {@code source}, for messages), or searches
     * the default places when it is null or blank; then checks the version, binds and checks.
     */
    static MujocoLibrary load(String given, String source) {
        NativeLibrary lib;
        String where;
        if (given != null && !given.isBlank()) {
            Path p = Path.of(given).toAbsolutePath().normalize();
            if (!Files.isRegularFile(p)) {
                throw new MujocoUnavailableException(source + "=" + given + ": no such file; point it at a MuJoCo "
                        + "library file such as libmujoco.so.3.14.0, or unset it to use Debian's (" + INSTALL + ")");
            }
            where = p.toString();
            try {
                lib = NativeLibrary.getInstance(where);
            } catch (UnsatisfiedLinkError e) {
                throw new MujocoUnavailableException(source + "=" + given + " could not be loaded as a shared library: "
                        + firstLine(e.getMessage()), e);
            }
        } else {
            List<String> tried = new ArrayList<>();
            lib = null;
            where = null;
            for (String name : defaultCandidates()) {
                tried.add(name);
                try {
                    lib = NativeLibrary.getInstance(name);
                    where = libraryFile(lib, name);
                    break;
                } catch (UnsatisfiedLinkError e) {
                    // try the next one
                }
            }
            if (lib == null) {
                throw new MujocoUnavailableException("the MuJoCo tasks need the MuJoCo library, which was not found"
                        + " (tried " + String.join(", ", tried) + "). Install it with `" + INSTALL + "`, or set "
                        + ENV_VAR + " to a libmujoco.so.3.14.0 (from MuJoCo's release archive, or the mujoco==3.14.0"
                        + " Python wheel's site-packages/mujoco/)");
            }
        }
        int version;
        try {
            version = lib.getFunction("mj_version").invokeInt(new Object[0]);
        } catch (UnsatisfiedLinkError e) {
            throw new MujocoUnavailableException(where + " is not a MuJoCo library (it has no mj_version)", e);
        }
        MjLayout layout = MjLayout.forVersion(version);
        if (layout == null) {
            throw unsupported(where, version);
        }
        try {
            Native.register(MjNative.class, lib);
        } catch (UnsatisfiedLinkError | IllegalArgumentException e) {
            throw new MujocoUnavailableException(where + ": binding MuJoCo's functions failed: " + firstLine(e.getMessage()), e);
        }
        installHandlers(lib);
        MujocoLibrary m = new MujocoLibrary(where, layout, MjNative.mj_versionString());
        StartupCheck.run(m);
        return m;
    }

    /** The refusal of a library whose version has no memory layout here. */
    static MujocoUnavailableException unsupported(String where, int version) {
        return new MujocoUnavailableException(where + " is MuJoCo " + versionName(version) + ", which mbpo4j does"
                + " not support; supported: " + MjLayout.supportedNames() + ". Install Debian's with `" + INSTALL
                + "`, or set " + ENV_VAR + " to a libmujoco.so.3.14.0");
    }

    private static List<String> defaultCandidates() {
        List<String> c = new ArrayList<>();
        c.add("libmujoco.so.2.2.2");
        for (String dir : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib")) {
            Path p = Path.of(dir, "libmujoco.so.2.2.2");
            if (Files.isRegularFile(p)) {
                c.add(p.toString());
            }
        }
        c.add("mujoco");
        return c;
    }

    /**
     * The file a library found by name was loaded from: the process's memory map names it (JNA
     * only knows the name it was given).
     */
    private static String libraryFile(NativeLibrary lib, String name) {
        if (name.startsWith("/")) {
            return name;
        }
        Path maps = Path.of("/proc/self/maps");
        if (Files.isReadable(maps)) {
            try (java.util.stream.Stream<String> lines = Files.lines(maps)) {
                java.util.Optional<String> hit = lines.map(l -> l.substring(l.lastIndexOf(' ') + 1))
                        .filter(f -> f.startsWith("/") && Path.of(f).getFileName().toString().startsWith("libmujoco"))
                        .findFirst();
                if (hit.isPresent()) {
                    return hit.get();
                }
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                // fall back to the name
            }
        }
        return name;
    }

    /** 222 -> 2.2.2, 3014000 -> 3.14.0, as mj_version reports them. */
    static String versionName(int v) {
        if (v >= 1_000_000) {
            return (v / 1_000_000) + "." + (v / 1000 % 1000) + "." + (v % 1000);
        }
        return (v / 100) + "." + (v / 10 % 10) + "." + (v % 10);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "(no message)";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** MuJoCo's {@code void (*mju_user_warning)(const char*)} and {@code mju_user_error}. */
    public interface MessageHandler extends Callback {
        void invoke(String message);
    }

    /** Kept reachable for as long as the library may call it. */
    private static MessageHandler errorHandler;

    private static void installHandlers(NativeLibrary lib) {
        warningHandler = message -> {
            // Warnings carry the time and an index ("... at DOF 3. Time = 1.2340."): one line per kind.
            if (WARNED.size() < 100 && WARNED.add(message.replaceAll("[-+]?[0-9][0-9.eE+-]*", "#"))) {
                System.err.println("mbpo: MuJoCo warning: " + message.strip());
            }
        };
        errorHandler = message -> {
            System.err.println("mbpo: MuJoCo error: " + message.strip() + " (the process ends: MuJoCo cannot go on)");
            System.err.flush();
            Runtime.getRuntime().halt(1);
        };
        setHook(lib, "mju_user_warning", warningHandler);
        setHook(lib, "mju_user_error", errorHandler);
    }

    private static void setHook(NativeLibrary lib, String name, MessageHandler handler) {
        try {
            Pointer slot = lib.getGlobalVariableAddress(name);
            slot.setPointer(0, CallbackReference.getFunctionPointer(handler));
        } catch (UnsatisfiedLinkError e) {
            // an unusual build without the hook: MuJoCo keeps its own handler
        }
    }
}

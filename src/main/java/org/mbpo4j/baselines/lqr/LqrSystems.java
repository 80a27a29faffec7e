package org.mbpo4j.baselines.lqr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mbpo4j.io.TextFiles;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The built-in systems and the system file format.
 *
 * <p>Built-ins ({@link #NAMES}):
 * <ul>
 *   <li>{@code double-integrator}: A = [[1,1],[0,1]], B = [[0],[1]], Q = diag(1, 0), R = [[1]].</li>
 *   <li>{@code laplacian}: A = [[1.01,0.01,0],[0.01,1.01,0.01],[0,0.01,1.01]] (open-loop
 *       unstable), B = I3, Q = I3, R = 1000 I3 (Dean et al.'s and Recht's example).</li>
 * </ul>
 * Both use noise_std = 1, x0_std = 1 and horizon = 50.
 *
 * <p>A file (YAML, or JSON, which YAML reads too) holds a mapping with the keys {@code A},
 * {@code B}, {@code Q}, {@code R} (matrices as lists of rows; Q and R may also be a number s,
 * meaning s I), and optionally {@code noise_std}, {@code x0_std}, {@code horizon} (defaults as
 * above) and {@code name}. Any other key is an error.
 */
public final class LqrSystems {
    /** Names of the built-in systems. */
    public static final List<String> NAMES = List.of("double-integrator", "laplacian");
    /** Default noise standard deviation, initial-state standard deviation and episode length. */
    public static final double DEFAULT_NOISE_STD = 1;
    /** Default standard deviation of the initial state. */
    public static final double DEFAULT_X0_STD = 1;
    /** Default episode length. */
    public static final int DEFAULT_HORIZON = 50;
    private static final Set<String> KEYS = Set.of("name", "A", "B", "Q", "R", "noise_std", "x0_std", "horizon");

    private LqrSystems() {
    }

    /** A built-in by name, else null. */
    public static LqrSystem builtIn(String name) {
        return switch (name) {
            case "double-integrator" -> new LqrSystem(name, name, new double[][] {{1, 1}, {0, 1}},
                    new double[][] {{0}, {1}}, new double[][] {{1, 0}, {0, 0}}, new double[][] {{1}},
                    DEFAULT_NOISE_STD, DEFAULT_X0_STD, DEFAULT_HORIZON);
            case "laplacian" -> new LqrSystem(name, name,
                    new double[][] {{1.01, 0.01, 0}, {0.01, 1.01, 0.01}, {0, 0.01, 1.01}}, Mat.identity(3),
                    Mat.identity(3), Mat.scale(1000, Mat.identity(3)), DEFAULT_NOISE_STD, DEFAULT_X0_STD,
                    DEFAULT_HORIZON);
            default -> null;
        };
    }

    /**
     * A built-in name or a path to a system file.
     *
     * @throws InvalidSystemException naming the problem (unknown name, unreadable file, bad field)
     */
    public static LqrSystem resolve(String nameOrFile) {
        LqrSystem b = builtIn(nameOrFile);
        if (b != null) {
            return b;
        }
        Path file = Path.of(nameOrFile);
        if (!Files.isRegularFile(file)) {
            throw new InvalidSystemException("unknown system '" + nameOrFile + "': not a built-in " + NAMES
                    + " and no such file");
        }
        return load(file);
    }

    /** Reads a system file. */
    public static LqrSystem load(Path file) {
        String text;
        try {
            text = TextFiles.readUtf8(file);
        } catch (TextFiles.NotUtf8Exception e) {
            throw new InvalidSystemException(e.expected("a YAML or JSON system file with A, B, Q, R"), e);
        } catch (IOException e) {
            throw new InvalidSystemException(file + ": cannot read: " + e.getMessage(), e);
        }
        Object tree;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            tree = new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw new InvalidSystemException(file + ": invalid YAML/JSON: " + e.getMessage().replace('\n', ' '), e);
        }
        String fileName = file.getFileName().toString();
        return parse(tree, file.toString(), fileName.replaceFirst("\\.(ya?ml|json)$", ""));
    }

    /** A system from a parsed YAML/JSON tree; {@code source} names it in messages. */
    static LqrSystem parse(Object tree, String source, String defaultName) {
        if (!(tree instanceof Map<?, ?> raw)) {
            throw new InvalidSystemException(source + ": expected a mapping with keys A, B, Q, R, found "
                    + (tree == null ? "nothing" : tree.getClass().getSimpleName()));
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : raw.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (!KEYS.contains(key)) {
                throw new InvalidSystemException(source + ": unknown key '" + key + "'; allowed: "
                        + "A, B, Q, R, noise_std, x0_std, horizon, name");
            }
            map.put(key, e.getValue());
        }
        for (String required : List.of("A", "B", "Q", "R")) {
            if (!map.containsKey(required)) {
                throw new InvalidSystemException(source + ": missing key '" + required + "'");
            }
        }
        double[][] a = matrix(source, "A", map.get("A"), -1);
        double[][] b = matrix(source, "B", map.get("B"), -1);
        double[][] q = matrix(source, "Q", map.get("Q"), a.length);
        double[][] r = matrix(source, "R", map.get("R"), Mat.cols(b));
        double noise = map.containsKey("noise_std") ? number(source, "noise_std", map.get("noise_std"))
                : DEFAULT_NOISE_STD;
        double x0 = map.containsKey("x0_std") ? number(source, "x0_std", map.get("x0_std")) : DEFAULT_X0_STD;
        int horizon = DEFAULT_HORIZON;
        if (map.containsKey("horizon")) {
            double h = number(source, "horizon", map.get("horizon"));
            if (h != Math.rint(h) || h < 1 || h > 1e7) {
                throw new InvalidSystemException(source + ": horizon must be a whole number in [1, 10000000], got "
                        + map.get("horizon"));
            }
            horizon = (int) h;
        }
        String name = map.containsKey("name") ? String.valueOf(map.get("name")) : defaultName;
        return new LqrSystem(name, source, a, b, q, r, noise, x0, horizon);
    }

    /**
     * A matrix from a list of rows; with {@code identitySize >= 0} a plain number s also
     * stands for s I of that size.
     */
    public static double[][] matrix(String source, String field, Object value, int identitySize) {
        if (identitySize >= 0 && !(value instanceof List<?>)) {
            double s = number(source, field, value);
            return Mat.scale(s, Mat.identity(identitySize));
        }
        if (!(value instanceof List<?> rows) || rows.isEmpty()) {
            throw new InvalidSystemException(source + ": " + field + " must be a non-empty list of rows"
                    + (identitySize >= 0 ? " or a number" : "") + ", got " + value);
        }
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            if (!(rows.get(i) instanceof List<?> row)) {
                throw new InvalidSystemException(source + ": " + field + " row " + i + " must be a list of numbers,"
                        + " got " + rows.get(i));
            }
            m[i] = new double[row.size()];
            for (int j = 0; j < row.size(); j++) {
                m[i][j] = number(source, field + "[" + i + "][" + j + "]", row.get(j));
            }
        }
        return m;
    }

    static double number(String source, String field, Object value) {
        if (value instanceof Number num) {
            return num.doubleValue();
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new InvalidSystemException(source + ": " + field + " must be a number, got " + value);
    }
}

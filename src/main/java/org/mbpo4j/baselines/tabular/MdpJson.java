package org.mbpo4j.baselines.tabular;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.mbpo4j.io.AtomicFiles;
import org.mbpo4j.io.Json;
import org.mbpo4j.io.TextFiles;

/**
 * Reads and writes a {@link TabularMdp} as JSON:
 *
 * <pre>
 * {"states": S, "actions": A, "gamma": g,
 *  "P": [S][A][S], "R": [S][A] or [S][A][S], "start": [S],
 *  "terminal": [state ids],   (optional, default none)
 *  "horizon": H,              (optional, default none)
 *  "name": "...", "description": "...", "comment": "..."}   (optional)
 * </pre>
 *
 * <p>Reading is strict: a missing required field, a field whose name looks like a typo of a
 * known one ({@code "gama"}, {@code "terminals"}, {@code "p"}: same letters ignoring case and
 * punctuation, or within two edits of a known name of five letters or more), a duplicate field,
 * a value of the wrong type or shape, and every rule of {@link TabularMdp} are reported as an
 * {@link InvalidMdpException} whose message starts with the file name and names the field,
 * index and value. Other extra fields (e.g. {@code "source"}, {@code "_comment"}) are ignored,
 * with a warning passed to the caller's warning sink. {@code NaN} and {@code Infinity} tokens
 * are read (so that they can be reported as such), and {@code //} comments are allowed.
 * Writing then reading gives back an equal MDP (numbers are written as the shortest decimal
 * that parses back to the same double).
 */
public final class MdpJson {
    /** The fields a file may hold. */
    public static final Set<String> FIELDS = Set.of("states", "actions", "gamma", "P", "R", "start", "terminal",
            "horizon", "name", "description", "comment");
    private static final List<String> SEMANTIC = List.of("states", "actions", "gamma", "P", "R", "start",
            "terminal", "horizon");
    private static final List<String> REQUIRED = List.of("states", "actions", "gamma", "P", "R", "start");
    private static final String ALLOWED = "states, actions, gamma, P, R, start, terminal, horizon, name, description,"
            + " comment";

    private static final JsonMapper READER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private MdpJson() {
    }

    /**
     * Reads an MDP file; its name is the file's {@code name} field, else the file name without
     * {@code .json}.
     *
     * @throws InvalidMdpException if the file is not a valid MDP (message starts with the file)
     * @throws UncheckedIOException if the file cannot be read
     */
    public static TabularMdp read(Path file) {
        return read(file, w -> { });
    }

    /** {@link #read(Path)}, passing warnings (ignored extra fields) to {@code warnings}. */
    public static TabularMdp read(Path file, java.util.function.Consumer<String> warnings) {
        if (!Files.isRegularFile(file)) {
            throw new UncheckedIOException(new java.io.FileNotFoundException("no such file: " + file));
        }
        String text;
        try {
            text = TextFiles.readUtf8(file);
        } catch (TextFiles.NotUtf8Exception e) {
            throw new InvalidMdpException(e.expected("a JSON MDP file (see mbpo tabular --help)"), e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
        String stem = file.getFileName().toString().replaceFirst("(?i)\\.json$", "");
        return parse(text, file.toString(), stem, warnings);
    }

    /**
     * Parses an MDP from JSON text; {@code source} prefixes error messages, {@code defaultName}
     * is used when the text has no {@code name}.
     */
    public static TabularMdp parse(String json, String source, String defaultName) {
        return parse(json, source, defaultName, w -> { });
    }

    /** {@link #parse(String, String, String)}, passing warnings to {@code warnings}. */
    public static TabularMdp parse(String json, String source, String defaultName,
                                   java.util.function.Consumer<String> warnings) {
        try {
            JsonNode root = READER.readTree(json);
            TabularMdp mdp = parseTree(root, defaultName);
            for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!FIELDS.contains(f)) {
                    warnings.accept(source + ": field \"" + f + "\" is not part of the MDP format; ignored");
                }
            }
            return mdp;
        } catch (JsonProcessingException e) {
            throw new InvalidMdpException(source + ": invalid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"), e);
        } catch (InvalidMdpException e) {
            throw new InvalidMdpException(source + ": " + e.getMessage(), e);
        }
    }

    private static TabularMdp parseTree(JsonNode root, String defaultName) {
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw new InvalidMdpException("expected a JSON object with fields " + REQUIRED + ", found "
                    + (root == null || root.isMissingNode() ? "nothing" : root.getNodeType().toString().toLowerCase()));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            String like = lookalike(f);
            if (like != null) {
                throw new InvalidMdpException("unknown field \"" + f + "\" (did you mean \"" + like
                        + "\"?); fields: " + ALLOWED);
            }
        }
        for (String f : REQUIRED) {
            if (!root.has(f) || root.get(f).isNull()) {
                throw new InvalidMdpException("missing required field \"" + f + "\"");
            }
        }
        TabularMdp.Builder b = TabularMdp.builder();
        JsonNode nameNode = root.get("name");
        if (nameNode != null && !nameNode.isNull() && !nameNode.isTextual()) {
            throw new InvalidMdpException("name is " + nameNode + ", must be a string");
        }
        b.name(nameNode != null && nameNode.isTextual() && !nameNode.asText().isBlank() ? nameNode.asText()
                : defaultName);
        b.states(integer(root.get("states"), "states"));
        b.actions(integer(root.get("actions"), "actions"));
        b.gamma(number(root.get("gamma"), "gamma"));
        b.transitions(array3(root.get("P"), "P"));
        JsonNode r = root.get("R");
        if (isThreeDeep(r)) {
            b.transitionRewards(array3(r, "R"));
        } else {
            b.rewards(array2(r, "R"));
        }
        b.start(array1(root.get("start"), "start"));
        JsonNode t = root.get("terminal");
        if (t != null && !t.isNull()) {
            if (!t.isArray()) {
                throw new InvalidMdpException("terminal is " + t + ", must be a list of state ids");
            }
            int[] ids = new int[t.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = integer(t.get(i), "terminal[" + i + "]");
            }
            b.terminal(ids);
        }
        JsonNode h = root.get("horizon");
        if (h != null && !h.isNull()) {
            int horizon = integer(h, "horizon");
            if (horizon < 1) {
                throw new InvalidMdpException("horizon is " + horizon + ", must be an integer in [1, "
                        + TabularMdp.MAX_HORIZON + "] (leave it out for no horizon)");
            }
            b.horizon(horizon);
        }
        return b.build();
    }

    /**
     * The MDP field that {@code f} looks like a typo of, or null (always null for a known field,
     * and for names starting with {@code _}, a common way of writing comments).
     */
    static String lookalike(String f) {
        if (FIELDS.contains(f) || f.startsWith("_")) {
            return null;
        }
        String plain = f.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "");
        for (String known : SEMANTIC) {
            String k = known.toLowerCase(java.util.Locale.ROOT);
            if (plain.equals(k) || known.length() >= 5 && (editDistance(plain, k) <= 2 || plain.startsWith(k))) {
                return known;
            }
        }
        return null;
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Whether {@code R} is given per transition: its first innermost element is a list. */
    private static boolean isThreeDeep(JsonNode r) {
        if (!r.isArray()) {
            throw new InvalidMdpException("R is " + brief(r) + ", must be a list R[S][A] or R[S][A][S]");
        }
        for (JsonNode row : r) {
            if (row.isArray() && row.size() > 0) {
                return row.get(0).isArray();
            }
        }
        return false;
    }

    private static int integer(JsonNode n, String field) {
        if (n == null || !n.isNumber() || !(n.isIntegralNumber() || isWhole(n.doubleValue()))) {
            throw new InvalidMdpException(field + " is " + brief(n) + ", must be an integer");
        }
        if (!n.canConvertToInt() && n.isIntegralNumber() || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
            throw new InvalidMdpException(field + " is " + brief(n) + ", which is out of range");
        }
        return (int) n.doubleValue();
    }

    private static boolean isWhole(double x) {
        return Double.isFinite(x) && x == Math.rint(x);
    }

    private static double number(JsonNode n, String field) {
        if (n == null || !n.isNumber()) {
            throw new InvalidMdpException(field + " is " + brief(n) + ", must be a number");
        }
        return n.doubleValue();
    }

    private static double[] array1(JsonNode n, String field) {
        if (n == null || !n.isArray()) {
            throw new InvalidMdpException(field + " is " + brief(n) + ", must be a list of numbers");
        }
        double[] x = new double[n.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = number(n.get(i), field + "[" + i + "]");
        }
        return x;
    }

    private static double[][] array2(JsonNode n, String field) {
        if (n == null || !n.isArray()) {
            throw new InvalidMdpException(field + " is " + brief(n) + ", must be a list of lists");
        }
        double[][] x = new double[n.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = array1(n.get(i), field + "[" + i + "]");
        }
        return x;
    }

    private static double[][][] array3(JsonNode n, String field) {
        if (n == null || !n.isArray()) {
            throw new InvalidMdpException(field + " is " + brief(n) + ", must be a list of lists of lists");
        }
        double[][][] x = new double[n.size()][][];
        for (int i = 0; i < x.length; i++) {
            x[i] = array2(n.get(i), field + "[" + i + "]");
        }
        return x;
    }

    private static String brief(JsonNode n) {
        if (n == null || n.isNull()) {
            return "null";
        }
        String s = n.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    /**
     * The MDP as JSON text: one field per line, {@code P} and {@code R} one state per line,
     * ending with a newline.
     */
    public static String toJson(TabularMdp mdp) {
        List<String> fields = new ArrayList<>();
        fields.add("\"name\": " + Json.line(mdp.name()));
        fields.add("\"states\": " + mdp.states());
        fields.add("\"actions\": " + mdp.actions());
        fields.add("\"gamma\": " + Json.line(mdp.gamma()));
        if (mdp.hasHorizon()) {
            fields.add("\"horizon\": " + mdp.horizon());
        }
        if (mdp.hasTerminalStates()) {
            fields.add("\"terminal\": " + Json.line(mdp.terminalStates()));
        }
        fields.add("\"start\": " + Json.line(mdp.start()));
        fields.add("\"P\": " + perState(mdp.transitions()));
        fields.add("\"R\": " + (mdp.rewardsPerTransition() ? perState(mdp.transitionRewards())
                : perState(mdp.stateActionRewards())));
        return "{\n  " + String.join(",\n  ", fields) + "\n}\n";
    }

    /** Writes {@link #toJson} to {@code file}, atomically. */
    public static void write(Path file, TabularMdp mdp) {
        AtomicFiles.writeString(file, toJson(mdp));
    }

    private static String perState(Object[] rows) {
        List<String> lines = new ArrayList<>();
        for (Object row : rows) {
            lines.add(Json.line(row));
        }
        return "[\n    " + String.join(",\n    ", lines) + "\n  ]";
    }
}

package org.mbpo4j.env;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import org.mbpo4j.io.TextFiles;

/**
 * Reading trajectories recorded from Gymnasium, one JSON case per line (the {@code gymref} and
 * {@code mujocoref} formats), for the replays that check ports against them: the cases, their
 * fields, and the errors between recorded and replayed numbers.
 */
public final class RecordedCases {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What a reference file holds, for messages about one that does not. */
    public static final String EXPECTED = "JSON lines, one case of a recorded Gymnasium trajectory per line";

    private RecordedCases() {
    }

    /**
     * Calls {@code replay} with every case of {@code in} (the text of {@code file}) and where it
     * is ({@code file:line}); blank lines are skipped. Returns the number of cases.
     *
     * @throws IllegalArgumentException naming file and line of a line that is not JSON, or of a
     *     byte that is not UTF-8
     */
    public static int forEach(InputStream in, Path file, BiConsumer<JsonNode, String> replay) throws IOException {
        TextFiles.LineReader lines = new TextFiles.LineReader(in, file);
        int lineNo = 0;
        int cases = 0;
        for (String line = next(lines); line != null; line = next(lines)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode c;
            try {
                c = MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(file + ":" + lineNo + ": not valid JSON: " + e.getOriginalMessage());
            }
            replay.accept(c, file + ":" + lineNo);
            cases++;
        }
        return cases;
    }

    private static String next(TextFiles.LineReader lines) throws IOException {
        try {
            return lines.readLine();
        } catch (TextFiles.NotUtf8Exception e) {
            throw new IllegalArgumentException(e.expected(EXPECTED), e);
        }
    }

    /**
     * {@code dir} as a directory of reference recordings.
     *
     * @throws IllegalArgumentException telling a missing path from one that is not a directory
     */
    public static void requireDirectory(Path dir) {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (!Files.exists(dir)) {
            throw new IllegalArgumentException("reference directory " + dir + " does not exist");
        }
        boolean file = Files.isRegularFile(dir);
        // A recording itself (set/Pendulum-v1.jsonl, set/meta.json): its directory is what was meant.
        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
        boolean recording = file && dir.getParent() != null && (name.endsWith(".jsonl") || name.endsWith(".jsonl.gz")
                || name.equals("meta.json") || name.matches("seed\\d+\\.csv"));
        throw new IllegalArgumentException("reference directory " + dir + " is " + (file ? "a file" : "not a directory")
                + ": give the directory that holds the recordings (<id>.jsonl or <id>.jsonl.gz, or meta.json and"
                + " seed<k>.csv)" + (recording ? ", here " + dir.getParent() : ""));
    }

    /** Field {@code name} of case {@code c}, or an {@link IllegalArgumentException} naming where it is missing. */
    public static JsonNode field(JsonNode c, String name, String where) {
        JsonNode v = c.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(where + ": missing field '" + name + "'");
        }
        return v;
    }

    /** A JSON array of numbers. */
    public static double[] doubles(JsonNode arr) {
        double[] d = new double[arr.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = arr.get(i).asDouble();
        }
        return d;
    }

    /** The largest {@code |a[i] - b[i]|}; infinite for different lengths or a NaN. */
    public static double maxAbsDiff(double[] a, double[] b) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs(a[i] - b[i]);
            m = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(m, d);
        }
        return m;
    }
}

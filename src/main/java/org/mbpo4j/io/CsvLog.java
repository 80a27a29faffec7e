package org.mbpo4j.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A small CSV table with a fixed header, kept in memory and rewritten to its file (atomically,
 * through {@link AtomicFiles}) after every {@link #append}: the file on disk is always
 * complete, even if the process dies mid-run. Meant for the few thousand rows of a run's
 * metrics and evaluations, not for bulk data.
 *
 * <p>Cells are formatted compactly: integers as integers; doubles and floats with the
 * shortest decimal that parses back exactly ({@link Double#toString}), {@code inf} and
 * {@code -inf} for infinities, and an empty cell for NaN or {@code null}; booleans as
 * {@code true}/{@code false}; everything else with {@code toString()}, quoted per RFC 4180
 * where it contains a comma, quote or line break. Lines end with {@code \n}.
 *
 * <p>Thread-safe: appends from several threads are serialised.
 */
public final class CsvLog {
    private final Path file;
    private final List<String> header;
    private final Map<String, Integer> index;
    private final List<List<String>> rows = new ArrayList<>();

    private CsvLog(Path file, List<String> header) {
        this.file = file; // null: held in memory only
        Objects.requireNonNull(header, "header");
        if (header.isEmpty()) {
            throw new IllegalArgumentException("CSV header must have at least one column");
        }
        if (new LinkedHashSet<>(header).size() != header.size()) {
            throw new IllegalArgumentException("duplicate column in CSV header " + header);
        }
        for (String h : header) {
            if (h == null || h.isEmpty()) {
                throw new IllegalArgumentException("empty column name in CSV header " + header);
            }
        }
        this.header = List.copyOf(header);
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            idx.put(header.get(i), i);
        }
        this.index = idx;
    }

    /**
     * A new table for {@code file}, which must not exist yet (a run never overwrites an
     * earlier log); the header line is written immediately.
     *
     * @throws IllegalStateException if {@code file} exists
     */
    public static CsvLog create(Path file, List<String> header) {
        CsvLog log = new CsvLog(file, header);
        AtomicFiles.writeNewString(file, log.render());
        return log;
    }

    /** A table held in memory only, written nowhere (a run without a run directory). */
    public static CsvLog inMemory(List<String> header) {
        return new CsvLog(null, header);
    }

    /**
     * The table in {@code file}, with its rows loaded, if the file exists (to resume a run);
     * otherwise a new table as by {@link #create}.
     *
     * @throws IllegalArgumentException if the file's header differs from {@code header} or a
     *     row has the wrong number of cells
     */
    public static CsvLog open(Path file, List<String> header) {
        if (!Files.exists(file)) {
            return create(file, header);
        }
        return load(file, header);
    }

    /**
     * As {@link #open}, for a log whose columns grow between versions (a run's
     * {@code metrics.csv}, resumed by a newer mbpo4j that logs more): a file whose columns are
     * all in {@code header} is carried over into {@code header}'s columns, each old cell under
     * its own name and the new columns empty in the old rows; the file itself is rewritten in
     * the new layout by the next append or truncation. A file column that {@code header} lacks
     * is still refused, as dropping it would lose data.
     *
     * @throws IllegalArgumentException naming the file and the columns {@code header} lacks, or
     *     if a row has the wrong number of cells
     */
    public static CsvLog openAddingColumns(Path file, List<String> header) {
        if (!Files.exists(file)) {
            return create(file, header);
        }
        CsvLog old = load(file, null);
        if (old.header.equals(header)) {
            return old;
        }
        List<String> lost = new ArrayList<>(old.header);
        lost.removeAll(header);
        if (!lost.isEmpty()) {
            throw new IllegalArgumentException(file + " has columns " + String.join(",", lost)
                    + " that this version does not log (its columns are " + String.join(",", header)
                    + "); resume it with the mbpo4j that wrote it");
        }
        CsvLog log = new CsvLog(file, header);
        for (List<String> rec : old.rows) {
            String[] row = new String[header.size()];
            java.util.Arrays.fill(row, "");
            for (int c = 0; c < rec.size(); c++) {
                row[log.index.get(old.header.get(c))] = rec.get(c);
            }
            log.rows.add(List.of(row));
        }
        return log;
    }

    /**
     * The existing table in {@code file}, whatever its columns: the header is the file's first
     * line (for reading logs whose columns vary, such as another run's {@code metrics.csv}).
     *
     * @throws IllegalArgumentException if the file is empty or a row has the wrong number of cells
     */
    public static CsvLog read(Path file) {
        return load(file, null);
    }

    /** Loads {@code file}; its header must equal {@code header} unless that is null. */
    private static CsvLog load(Path file, List<String> header) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
        List<List<String>> records = parse(text, file);
        if (records.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty; expected "
                    + (header == null ? "a header line" : "the header " + String.join(",", header)));
        }
        if (header != null && !records.get(0).equals(header)) {
            throw new IllegalArgumentException(file + " has header " + String.join(",", records.get(0))
                    + " but " + String.join(",", header) + " was expected");
        }
        CsvLog log = new CsvLog(file, records.get(0));
        for (int r = 1; r < records.size(); r++) {
            List<String> rec = records.get(r);
            if (rec.size() != log.header.size()) {
                throw new IllegalArgumentException(file + " row " + r + " has " + rec.size()
                        + " cells, the header has " + log.header.size());
            }
            log.rows.add(List.copyOf(rec));
        }
        return log;
    }

    /** The file this table is written to; null for a table {@link #inMemory in memory}. */
    public Path file() {
        return file;
    }

    /** The column names, in order. */
    public List<String> header() {
        return header;
    }

    /** Number of data rows. */
    public synchronized int size() {
        return rows.size();
    }

    /** The data rows as their formatted cell texts, unquoted (unmodifiable snapshot). */
    public synchronized List<List<String>> rows() {
        return List.copyOf(rows);
    }

    /**
     * Appends a row given cell by cell in header order, then rewrites the file.
     *
     * @throws IllegalArgumentException if the number of values differs from the header's
     */
    public synchronized void append(List<?> values) {
        Objects.requireNonNull(values, "values");
        if (values.size() != header.size()) {
            throw new IllegalArgumentException("CSV row for " + file.getFileName() + " has " + values.size()
                    + " values but the header has " + header.size() + " columns " + header);
        }
        List<String> row = new ArrayList<>(values.size());
        for (Object v : values) {
            row.add(format(v));
        }
        addAndWrite(row);
    }

    /**
     * Appends a row given by column name, then rewrites the file; columns not in the map are
     * left empty.
     *
     * @throws IllegalArgumentException naming the column if a key is not in the header
     */
    public synchronized void append(Map<String, ?> values) {
        Objects.requireNonNull(values, "values");
        String[] row = new String[header.size()];
        java.util.Arrays.fill(row, "");
        for (Map.Entry<String, ?> e : values.entrySet()) {
            Integer i = index.get(e.getKey());
            if (i == null) {
                throw new IllegalArgumentException("unknown column '" + e.getKey() + "' for "
                        + file.getFileName() + "; the header is " + header);
            }
            row[i] = format(e.getValue());
        }
        addAndWrite(List.of(row));
    }

    /** Drops every row after the first {@code rowCount} (e.g. rows logged after the checkpoint a run resumes from), then rewrites the file. */
    public synchronized void truncate(int rowCount) {
        if (rowCount < 0 || rowCount > rows.size()) {
            throw new IllegalArgumentException("cannot truncate " + rows.size() + " rows to " + rowCount);
        }
        if (rowCount == rows.size()) {
            return;
        }
        List<List<String>> kept = new ArrayList<>(rows.subList(0, rowCount));
        List<List<String>> old = new ArrayList<>(rows);
        rows.clear();
        rows.addAll(kept);
        if (file == null) {
            return;
        }
        try {
            AtomicFiles.writeString(file, render());
        } catch (RuntimeException e) {
            rows.clear();
            rows.addAll(old);
            throw e;
        }
    }

    /**
     * The values of one column parsed as doubles (an empty cell is NaN, {@code inf} and
     * {@code -inf} are infinities).
     *
     * @throws IllegalArgumentException if the column is unknown or holds a non-number
     */
    public synchronized double[] column(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("unknown column '" + name + "' for " + file.getFileName()
                    + "; the header is " + header);
        }
        double[] out = new double[rows.size()];
        for (int r = 0; r < out.length; r++) {
            String cell = rows.get(r).get(i);
            try {
                out[r] = parseNumber(cell);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("column '" + name + "' row " + (r + 1) + " of "
                        + file.getFileName() + " is not a number: '" + cell + "'", e);
            }
        }
        return out;
    }

    /**
     * The text of one cell as {@link CsvLog} formats it (see the class comment), before any
     * CSV quoting.
     */
    public static String format(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) {
                return "";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "inf" : "-inf";
            }
            return v instanceof Float f ? Float.toString(f) : Double.toString(d);
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            return v.toString();
        }
        if (v instanceof BigDecimal b) {
            return b.toString();
        }
        return v.toString();
    }

    static double parseNumber(String cell) {
        String s = cell.trim();
        if (s.isEmpty() || s.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        if (s.equalsIgnoreCase("inf") || s.equalsIgnoreCase("infinity") || s.equalsIgnoreCase("+inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (s.equalsIgnoreCase("-inf") || s.equalsIgnoreCase("-infinity")) {
            return Double.NEGATIVE_INFINITY;
        }
        return Double.parseDouble(s);
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private void addAndWrite(List<String> row) {
        rows.add(row);
        if (file == null) {
            return;
        }
        try {
            AtomicFiles.writeString(file, render());
        } catch (RuntimeException e) {
            rows.remove(rows.size() - 1);
            throw e;
        }
        FaultPoint.reach(FaultPoint.CSV_APPENDED);
    }

    private String render() {
        StringBuilder sb = new StringBuilder(64 * (rows.size() + 1));
        appendLine(sb, header);
        for (List<String> row : rows) {
            appendLine(sb, row);
        }
        return sb.toString();
    }

    private static void appendLine(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(quote(cells.get(i)));
        }
        sb.append('\n');
    }

    /** RFC 4180 parser: records of unquoted cell texts. */
    private static List<List<String>> parse(String text, Path file) {
        List<List<String>> records = new ArrayList<>();
        List<String> rec = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int i = 0;
        int n = text.length();
        if (n == 0) {
            return records;
        }
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    cell.append(c);
                }
                i++;
                continue;
            }
            if (c == '"' && cell.length() == 0 && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                rec.add(cell.toString());
                cell.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                rec.add(cell.toString());
                cell.setLength(0);
                wasQuoted = false;
                records.add(rec);
                rec = new ArrayList<>();
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                cell.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new IllegalArgumentException(file + " ends inside a quoted cell");
        }
        if (cell.length() > 0 || wasQuoted || !rec.isEmpty()) {
            rec.add(cell.toString());
            records.add(rec);
        }
        return records;
    }
}

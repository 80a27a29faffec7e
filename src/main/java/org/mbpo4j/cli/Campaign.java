package org.mbpo4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mbpo4j.run.CsvLog;
import org.mbpo4j.run.Json;
import org.mbpo4j.run.Plots;
import org.mbpo4j.run.RunDirectory;

/**
 * Several training variants (configs, or one config with a swept key) over seeds 0..N-1, each
 * run a normal run directory under {@code out/<variant>/seed<s>}, then one CSV and one PNG of
 * the mean +- std evaluation return against env steps per variant. A run whose directory
 * already holds a complete {@code summary.json} is not run again, so an interrupted campaign
 * continues where it stopped.
 */
final class Campaign {
    /** One thing to compare: a config file and overrides, shown under {@code name}. */
    record Variant(String name, Path config, List<String> overrides) {
    }

    static final String CSV = "compare.csv";
    static final String PNG = "compare.png";
    static final String SUMMARY = "compare.json";

    private final List<Variant> variants;
    private final int seeds;
    private final Path out;
    private final Double threshold;
    private final PrintWriter log;

    Campaign(List<Variant> variants, int seeds, Path out, Double threshold, PrintWriter log) {
        this.variants = variants;
        this.seeds = seeds;
        this.out = out;
        this.threshold = threshold;
        this.log = log;
    }

    /** Runs what is missing, then writes the table, the plot and the summary; returns the summary. */
    Map<String, Object> run(String title) {
        for (Variant v : variants) {
            for (int s = 0; s < seeds; s++) {
                Path dir = runDir(v, s);
                if (complete(dir)) {
                    log.println("  " + v.name() + " seed " + s + ": complete, kept (" + dir + ")");
                    continue;
                }
                if (Files.exists(dir)) {
                    throw new UserError(dir + " holds an incomplete run: resume it with `mbpo train --resume "
                            + dir + "` or delete it, then run this again");
                }
                List<String> args = new ArrayList<>(List.of("train", "-c", v.config().toString(), "--seed",
                        Integer.toString(s), "--out", dir.toString(), "-q"));
                for (String o : v.overrides()) {
                    args.add("--set");
                    args.add(o);
                }
                StringWriter err = new StringWriter();
                StringWriter outText = new StringWriter();
                long t0 = System.nanoTime();
                int code = Main.run(args.toArray(new String[0]), new PrintWriter(outText, true),
                        new PrintWriter(err, true));
                if (code != 0) {
                    throw new UserError(v.name() + " seed " + s + " failed (exit " + code + "): " + err.toString().strip());
                }
                log.printf("  %s seed %d: final eval %.1f, %.0f s%n", v.name(), s,
                        summary(dir).path("final_eval_return").asDouble(Double.NaN), (System.nanoTime() - t0) / 1e9);
                log.flush();
            }
        }
        return aggregate(title);
    }

    Path runDir(Variant v, int seed) {
        return out.resolve(safe(v.name())).resolve("seed" + seed);
    }

    static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._=-]", "_");
    }

    private static boolean complete(Path dir) {
        return Files.isRegularFile(dir.resolve(RunDirectory.SUMMARY)) && summary(dir).path("complete").asBoolean();
    }

    private static JsonNode summary(Path dir) {
        try {
            return new ObjectMapper().readTree(dir.resolve(RunDirectory.SUMMARY).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + dir.resolve(RunDirectory.SUMMARY), e);
        }
    }

    private Map<String, Object> aggregate(String title) {
        List<Plots.Curve> curves = new ArrayList<>();
        Path csvFile = out.resolve(CSV);
        try {
            Files.deleteIfExists(csvFile);
        } catch (IOException e) {
            throw new UncheckedIOException("could not replace " + csvFile, e);
        }
        CsvLog csv = CsvLog.create(csvFile, List.of("variant", "env_steps", "mean_return", "std_return", "seeds"));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("seeds", seeds);
        summary.put("threshold", threshold);
        Map<String, Object> perVariant = new LinkedHashMap<>();
        for (Variant v : variants) {
            TreeMap<Long, List<Double>> byStep = new TreeMap<>();
            List<Map<String, Object>> runs = new ArrayList<>();
            for (int s = 0; s < seeds; s++) {
                Path dir = runDir(v, s);
                List<double[]> rows = evalRows(dir);
                Long first = null;
                for (double[] r : rows) {
                    byStep.computeIfAbsent((long) r[0], k -> new ArrayList<>()).add(r[1]);
                    if (first == null && threshold != null && r[1] >= threshold) {
                        first = (long) r[0];
                    }
                }
                JsonNode sm = summary(dir);
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("seed", s);
                run.put("final_eval_return", sm.path("final_eval_return").asDouble(Double.NaN));
                run.put("best_eval_return", sm.path("best_eval_return").asDouble(Double.NaN));
                run.put("sec_per_1k_steps", sm.path("sec_per_1k_steps").asDouble(Double.NaN));
                run.put("wall_s", sm.path("wall_s").asDouble(Double.NaN));
                if (threshold != null) {
                    run.put("first_step_at_threshold", first);
                }
                run.put("run_dir", dir.toString());
                runs.add(run);
            }
            double[] x = new double[byStep.size()];
            double[] mean = new double[x.length];
            double[] std = new double[x.length];
            int i = 0;
            for (Map.Entry<Long, List<Double>> e : byStep.entrySet()) {
                double m = e.getValue().stream().mapToDouble(d -> d).average().orElse(Double.NaN);
                double var = e.getValue().stream().mapToDouble(d -> (d - m) * (d - m)).average().orElse(Double.NaN);
                x[i] = e.getKey();
                mean[i] = m;
                std[i] = Math.sqrt(var);
                csv.append(List.of(v.name(), e.getKey(), m, std[i], e.getValue().size()));
                i++;
            }
            curves.add(new Plots.Curve(v.name(), x, mean, std));
            perVariant.put(v.name(), runs);
        }
        summary.put("variants", perVariant);
        Plots.curves(out.resolve(PNG), title + " (mean \u00b1 std over " + seeds + " seed" + (seeds == 1 ? "" : "s")
                + ")", "env steps", "evaluation return", curves);
        org.mbpo4j.run.AtomicFiles.write(out.resolve(SUMMARY), (Json.pretty(summary) + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return summary;
    }

    private static List<double[]> evalRows(Path dir) {
        List<double[]> rows = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(dir.resolve(RunDirectory.EVAL));
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.split(",");
                if (c.length >= 2 && !c[1].isEmpty()) {
                    rows.add(new double[] {Double.parseDouble(c[0]), Double.parseDouble(c[1])});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + dir.resolve(RunDirectory.EVAL), e);
        }
        return rows;
    }
}

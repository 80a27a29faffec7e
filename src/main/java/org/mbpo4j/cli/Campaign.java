package org.mbpo4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mbpo4j.io.CsvLog;
import org.mbpo4j.io.Json;
import org.mbpo4j.io.Plots;
import org.mbpo4j.run.RunDirectory;
import org.mbpo4j.run.config.ConfigLoader;

/**
 * Several training variants (configs, or one config with a swept key) over seeds 0..N-1, each
 * run a normal run directory under {@code out/<variant>/seed<s>}, then CSVs and PNGs of the
 * mean +- std evaluation return per variant against env steps ({@code compare.csv/png}) and
 * against wall-clock seconds ({@code compare-wall.csv/png}); see {@link RunCurve} for what a
 * run's curve is (MPC runs: the return of every training episode). A run whose directory
 * already holds a complete {@code summary.json} is not run again, and an incomplete one (the same
 * config, stopped or killed) is resumed from its checkpoint, so an interrupted campaign continues
 * where it stopped.
 */
final class Campaign {
    /** One thing to compare: a config file and overrides, shown under {@code name}. */
    record Variant(String name, Path config, List<String> overrides) {
    }

    static final String CSV = "compare.csv";
    static final String PNG = "compare.png";
    static final String SUMMARY = "compare.json";
    static final String WALL_CSV = "compare-wall.csv";
    static final String WALL_PNG = "compare-wall.png";

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
                if (RunDirectory.isComplete(dir)) {
                    log.println("  " + v.name() + " seed " + s + ": complete, kept (" + dir + ")");
                    continue;
                }
                boolean resume = Files.isRegularFile(dir.resolve(RunDirectory.CONFIG));
                if (resume) {
                    // An interrupted run of this campaign: it continues from its checkpoint (or from
                    // step 0 if it stopped before its first), provided it is the same run.
                    requireSameRun(v, s, dir);
                    log.println("  " + v.name() + " seed " + s + ": incomplete, resuming (" + dir + ")");
                    log.flush();
                } else if (Files.exists(dir) && !isEmptyDir(dir)) {
                    throw new UserError(dir + " holds files but no run (no " + RunDirectory.CONFIG
                            + "): delete it, then run this again");
                }
                // The run's own start line and summary are not the campaign's: they go nowhere.
                PrintWriter runOut = new PrintWriter(Writer.nullWriter());
                StringWriter err = new StringWriter();
                PrintWriter runErr = new PrintWriter(err, true);
                long t0 = System.nanoTime();
                try {
                    if (resume) {
                        TrainCommand.resume(dir, new ConfigShortcuts(List.of()).addCompute(null, null), false, true,
                                runOut, runErr);
                    } else {
                        TrainCommand.startNew(v.config(), newRunOverrides(v, s, dir), true, runOut, runErr);
                    }
                } catch (RuntimeException e) {
                    if (!Main.isUserError(e)) {
                        throw e;
                    }
                    throw new UserError(v.name() + " seed " + s + " failed: " + e.getMessage()
                            + (err.toString().isBlank() ? "" : " (" + err.toString().strip() + ")"));
                }
                log.printf("  %s seed %d: final eval %.1f, %.0f s%n", v.name(), s,
                        summary(dir).path("final_eval_return").asDouble(Double.NaN), (System.nanoTime() - t0) / 1e9);
                log.flush();
            }
        }
        return aggregate(title);
    }

    /** The overrides of a new run of {@code v} with seed {@code seed} in {@code dir}, as `train --seed --out --set` gives them. */
    private static ConfigShortcuts newRunOverrides(Variant v, int seed, Path dir) {
        return new ConfigShortcuts(v.overrides()).add("--seed", "seed", Integer.toString(seed),
                Integer.toString(seed)).addPath("--out", "out", dir.toString()).addCompute(null, null);
    }

    /** Refuses to resume a run directory whose config is not what this campaign would train there. */
    static void requireSameRun(Variant v, int seed, Path dir) {
        List<String> overrides = new ArrayList<>(v.overrides());
        overrides.add("seed=" + seed);
        String wanted = ConfigLoader.toYaml(ConfigLoader.load(v.config(), overrides)
                .withOut(dir.toAbsolutePath().normalize().toString()));
        String found = ConfigLoader.toYaml(ConfigLoader.load(dir.resolve(RunDirectory.CONFIG), List.of()));
        if (!wanted.equals(found)) {
            throw new UserError(dir + " holds an incomplete run of another config than " + v.name() + " seed " + seed
                    + " (its " + RunDirectory.CONFIG + " differs): delete it, or give the campaign its options,"
                    + " then run this again");
        }
    }

    static boolean isEmptyDir(Path dir) {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (java.io.IOException e) {
            return false;
        }
    }

    Path runDir(Variant v, int seed) {
        return out.resolve(safe(v.name())).resolve("seed" + seed);
    }

    static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._=-]", "_");
    }


    private static JsonNode summary(Path dir) {
        try {
            return new ObjectMapper().readTree(dir.resolve(RunDirectory.SUMMARY).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + dir.resolve(RunDirectory.SUMMARY), e);
        }
    }

    private Map<String, Object> aggregate(String title) {
        return aggregate(title, false);
    }

    /**
     * The table, the plots and the summary of the runs complete so far, for a campaign whose runs
     * train elsewhere (Slurm): a variant none of whose runs is complete has no curve, and the
     * summary lists the runs left out under {@code incomplete_runs}. With every run complete it
     * writes what {@link #run} writes.
     */
    Map<String, Object> aggregateComplete(String title) {
        return aggregate(title, true);
    }

    /** Whether the run in {@code dir} is complete; a damaged summary: not complete. */
    static boolean completeRun(Path dir) {
        try {
            return RunDirectory.isComplete(dir);
        } catch (RuntimeException damagedSummary) {
            return false;
        }
    }

    private Map<String, Object> aggregate(String title, boolean completeOnly) {
        List<Plots.Curve> byStep = new ArrayList<>();
        List<Plots.Curve> byWall = new ArrayList<>();
        CsvLog csv = freshCsv(CSV, "env_steps");
        CsvLog wallCsv = freshCsv(WALL_CSV, "wall_s");
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("seeds", seeds);
        summary.put("threshold", threshold);
        Map<String, Object> perVariant = new LinkedHashMap<>();
        List<Map<String, Object>> incomplete = new ArrayList<>();
        int fewest = Integer.MAX_VALUE;
        int most = 0;
        for (Variant v : variants) {
            List<double[]> steps = new ArrayList<>();
            List<double[]> walls = new ArrayList<>();
            List<double[]> returns = new ArrayList<>();
            List<Map<String, Object>> runs = new ArrayList<>();
            for (int s = 0; s < seeds; s++) {
                Path dir = runDir(v, s);
                if (completeOnly && !completeRun(dir)) {
                    Map<String, Object> left = new LinkedHashMap<>();
                    left.put("variant", v.name());
                    left.put("seed", s);
                    incomplete.add(left);
                    continue;
                }
                RunCurve c = RunCurve.read(dir);
                steps.add(c.steps());
                walls.add(c.wall());
                returns.add(c.returns());
                JsonNode sm = summary(dir);
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("seed", s);
                run.put("curve", c.source());
                run.put("final_eval_return", sm.path("final_eval_return").asDouble(Double.NaN));
                run.put("best_eval_return", sm.path("best_eval_return").asDouble(Double.NaN));
                run.put("sec_per_1k_steps", sm.path("sec_per_1k_steps").asDouble(Double.NaN));
                run.put("wall_s", sm.path("wall_s").asDouble(Double.NaN));
                if (threshold != null) {
                    int first = -1;
                    for (int i = 0; i < c.returns().length && first < 0; i++) {
                        first = c.returns()[i] >= threshold ? i : -1;
                    }
                    run.put("first_step_at_threshold", first < 0 ? null : (long) c.steps()[first]);
                    run.put("first_wall_s_at_threshold", first < 0 ? null : c.wall()[first]);
                }
                run.put("run_dir", dir.toString());
                runs.add(run);
            }
            if (!runs.isEmpty()) {
                byStep.add(curve(v.name(), steps, returns, csv));
                byWall.add(curve(v.name(), walls, returns, wallCsv));
                fewest = Math.min(fewest, runs.size());
                most = Math.max(most, runs.size());
            }
            perVariant.put(v.name(), runs);
        }
        summary.put("variants", perVariant);
        if (!incomplete.isEmpty()) {
            summary.put("incomplete_runs", incomplete);
        }
        String what = " (mean \u00b1 std over " + (fewest == most ? Integer.toString(most) : fewest + " to " + most)
                + " seed" + (most == 1 ? "" : "s") + ")";
        Plots.curves(out.resolve(PNG), title + what, "env steps", "evaluation return", byStep);
        Plots.curves(out.resolve(WALL_PNG), title + what, "wall-clock seconds", "evaluation return", byWall);
        org.mbpo4j.io.AtomicFiles.write(out.resolve(SUMMARY), (Json.pretty(summary) + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return summary;
    }

    private CsvLog freshCsv(String name, String x) {
        Path f = out.resolve(name);
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            throw new UncheckedIOException("could not replace " + f, e);
        }
        return CsvLog.create(f, List.of("variant", x, "mean_return", "std_return", "seeds"));
    }

    /** One variant's mean +- std curve over its seeds, also appended to {@code csv}. */
    private Plots.Curve curve(String name, List<double[]> xs, List<double[]> ys, CsvLog csv) {
        double[][] ms = RunCurve.meanStd(xs, ys);
        for (int i = 0; i < ms[0].length; i++) {
            csv.append(List.of(name, ms[0][i] == Math.rint(ms[0][i]) ? (Object) (long) ms[0][i] : ms[0][i],
                    ms[1][i], ms[2][i], xs.size()));
        }
        return new Plots.Curve(name, ms[0], ms[1], ms[2]);
    }
}

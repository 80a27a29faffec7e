package org.mbpo4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.mbpo4j.io.CsvLog;
import org.mbpo4j.run.RunDirectory;

/**
 * One finished run's learning curve as {@code mbpo compare} plots it: returns against env steps,
 * and the wall-clock seconds at each point.
 *
 * <p>The returns are the deterministic evaluations of {@code eval.csv}; a run with none (an MPC
 * run, whose planner is too slow to evaluate separately) uses the return of every training
 * episode from {@code mpc-episodes.csv}, the way PETS results are reported. Wall seconds come
 * from {@code metrics.csv}'s cumulative {@code wall_s}, interpolated linearly in env steps.
 *
 * @param source  {@code eval.csv} or {@code mpc-episodes.csv}
 * @param steps   env steps of each point, ascending
 * @param returns the return at each point
 * @param wall    wall-clock seconds since the run started at each point
 */
record RunCurve(String source, double[] steps, double[] returns, double[] wall) {
    static final String MPC_EPISODES = "mpc-episodes.csv";

    /** Reads the curve of the run in {@code dir}. */
    static RunCurve read(Path dir) {
        String source = RunDirectory.EVAL;
        List<double[]> rows = columns(dir.resolve(RunDirectory.EVAL), "env_steps", "mean_return");
        if (rows.isEmpty() && Files.isRegularFile(dir.resolve(MPC_EPISODES))) {
            source = MPC_EPISODES;
            rows = columns(dir.resolve(MPC_EPISODES), "env_steps", "return");
        }
        List<double[]> clock = Files.isRegularFile(dir.resolve(RunDirectory.METRICS))
                ? columns(dir.resolve(RunDirectory.METRICS), "env_steps", "wall_s") : List.of();
        double[] steps = new double[rows.size()];
        double[] returns = new double[rows.size()];
        double[] wall = new double[rows.size()];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = rows.get(i)[0];
            returns[i] = rows.get(i)[1];
            wall[i] = interpolate(clock, steps[i]);
        }
        return new RunCurve(source, steps, returns, wall);
    }

    /** Wall seconds at {@code step}: linear between the metrics rows around it, from (0, 0); NaN past the last row. */
    static double interpolate(List<double[]> clock, double step) {
        double x0 = 0;
        double y0 = 0;
        for (double[] r : clock) {
            if (r[0] >= step) {
                return r[0] == x0 ? r[1] : y0 + (r[1] - y0) * (step - x0) / (r[0] - x0);
            }
            x0 = r[0];
            y0 = r[1];
        }
        return Double.NaN;
    }

    /** The named columns of a CSV file with a header row, as numbers; rows with an empty cell are skipped. */
    static List<double[]> columns(Path csv, String... names) {
        CsvLog log;
        try {
            log = CsvLog.read(csv);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        double[][] cols = new double[names.length][];
        for (int j = 0; j < names.length; j++) {
            if (!log.header().contains(names[j])) {
                throw new UserError(csv + " has no column '" + names[j] + "' (columns: "
                        + String.join(", ", log.header()) + ")");
            }
            try {
                cols[j] = log.column(names[j]);
            } catch (IllegalArgumentException e) {
                throw new UserError(csv + ": " + e.getMessage());
            }
        }
        List<double[]> out = new ArrayList<>();
        for (int r = 0; r < log.size(); r++) {
            double[] row = new double[names.length];
            boolean ok = true;
            for (int j = 0; j < names.length && ok; j++) {
                row[j] = cols[j][r];
                ok = !Double.isNaN(row[j]);
            }
            if (ok) {
                out.add(row);
            }
        }
        return out;
    }

    /**
     * Mean and std over runs of the return against {@code x} (env steps, or wall seconds). Runs
     * evaluated at the same x (the same schedule) are averaged point by point. Otherwise (MPC
     * episodes end when they end) each run's curve is a step function holding its latest return,
     * read at every x where some run has a point and every run has started.
     *
     * @param xs      per run, the x of its points (ascending)
     * @param ys      per run, the return at each point
     * @return {x, mean, std}
     */
    static double[][] meanStd(List<double[]> xs, List<double[]> ys) {
        boolean aligned = xs.stream().allMatch(x -> Arrays.equals(x, xs.get(0)));
        double[] grid;
        if (aligned) {
            grid = xs.get(0);
        } else {
            double start = Double.NEGATIVE_INFINITY;
            TreeSet<Double> all = new TreeSet<>();
            for (double[] x : xs) {
                if (x.length == 0) {
                    return new double[][] {new double[0], new double[0], new double[0]};
                }
                start = Math.max(start, x[0]);
                for (double v : x) {
                    if (Double.isFinite(v)) {
                        all.add(v);
                    }
                }
            }
            grid = all.tailSet(start, true).stream().mapToDouble(Double::doubleValue).toArray();
        }
        double[] mean = new double[grid.length];
        double[] std = new double[grid.length];
        int runs = xs.size();
        int[] at = new int[runs];
        for (int g = 0; g < grid.length; g++) {
            double s = 0;
            double s2 = 0;
            for (int r = 0; r < runs; r++) {
                double v;
                if (aligned) {
                    v = ys.get(r)[g];
                } else {
                    double[] x = xs.get(r);
                    while (at[r] + 1 < x.length && x[at[r] + 1] <= grid[g]) {
                        at[r]++;
                    }
                    v = ys.get(r)[at[r]];
                }
                s += v;
                s2 += v * v;
            }
            mean[g] = s / runs;
            std[g] = Math.sqrt(Math.max(0, s2 / runs - mean[g] * mean[g]));
        }
        return new double[][] {grid, mean, std};
    }
}

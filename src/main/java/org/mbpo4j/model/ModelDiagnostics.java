package org.mbpo4j.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mbpo4j.io.CsvLog;
import org.mbpo4j.io.Plots;

/**
 * Writes what users of other MBPO ports ask for and rarely get, into a run directory:
 * <ul>
 *   <li>{@value #TRAIN_CSV}: one row per model training (env steps, epochs, train NLL, holdout
 *       MSE per member, elites, calibration, seconds, rejected rows);</li>
 *   <li>{@value #HORIZON_CSV}: the open-loop error by horizon ({@link HorizonError}) at the
 *       trainings chosen for diagnostics;</li>
 *   <li>{@value #HORIZON_PNG}: normalised error against horizon for the last
 *       {@value #PLOTTED} of them, log scale.</li>
 * </ul>
 * Files are reopened when they exist (a resumed run appends to them); every write is atomic.
 */
public final class ModelDiagnostics {
    public static final String TRAIN_CSV = "model-train.csv";
    public static final String HORIZON_CSV = "model-horizon-error.csv";
    public static final String HORIZON_PNG = "model-horizon-error.png";
    /** How many trainings' curves the plot shows. */
    public static final int PLOTTED = 5;
    static final List<String> HORIZON_HEADER = List.of("training", "env_steps", "horizon", "mse", "normalised_mse",
            "count");

    private final Path dir;
    private final CsvLog train;
    private final CsvLog horizon;

    /** Diagnostics in {@code dir} for an ensemble of {@code members}. */
    public ModelDiagnostics(Path dir, int members) {
        this.dir = dir;
        this.train = CsvLog.open(dir.resolve(TRAIN_CSV), trainHeader(members));
        this.horizon = CsvLog.open(dir.resolve(HORIZON_CSV), HORIZON_HEADER);
    }

    static List<String> trainHeader(int members) {
        List<String> h = new ArrayList<>();
        h.add("training");
        h.add("env_steps");
        h.addAll(dummyReport(members).toMap().keySet());
        return h;
    }

    private static TrainReport dummyReport(int members) {
        return new TrainReport(0, 0, 0, 0, 0, "", 0, new double[members], new int[0], 0, 0, 0, 0, 0);
    }

    /** Trainings recorded so far (including those of a resumed run). */
    public int trainings() {
        return train.size();
    }

    /** Rows of the horizon-error table so far. */
    public int horizonRows() {
        return horizon.size();
    }

    /** Drops the rows written after a checkpoint: keeps the first {@code trainings} and {@code horizonRows}. */
    public void truncate(int trainings, int horizonRows) {
        train.truncate(trainings);
        horizon.truncate(horizonRows);
    }

    /** Appends one training's report; returns its 1-based index. */
    public int recordTraining(long envSteps, TrainReport report) {
        List<Object> row = new ArrayList<>();
        int index = train.size() + 1;
        row.add(index);
        row.add(envSteps);
        for (Map.Entry<String, Object> e : report.toMap().entrySet()) {
            row.add(e.getValue());
        }
        train.append(row);
        return index;
    }

    /** Appends one horizon-error measurement and redraws the plot. */
    public void recordHorizon(int training, long envSteps, HorizonError h) {
        for (int s = 0; s < h.horizon(); s++) {
            horizon.append(List.of(training, envSteps, s + 1, h.mse()[s], h.normalisedMse()[s], h.count()[s]));
        }
        plot();
    }

    private void plot() {
        // rows are grouped by training, in order: collect the last PLOTTED groups
        List<List<String>> rows = horizon.rows();
        List<Plots.Line> lines = new ArrayList<>();
        int end = rows.size();
        while (end > 0 && lines.size() < PLOTTED) {
            String training = rows.get(end - 1).get(0);
            int begin = end;
            while (begin > 0 && rows.get(begin - 1).get(0).equals(training)) {
                begin--;
            }
            double[] x = new double[end - begin];
            double[] y = new double[end - begin];
            for (int i = begin; i < end; i++) {
                x[i - begin] = Double.parseDouble(rows.get(i).get(2));
                String v = rows.get(i).get(4);
                y[i - begin] = v.isEmpty() ? Double.NaN : Double.parseDouble(v);
            }
            lines.add(0, new Plots.Line("training " + training + " (" + rows.get(begin).get(1) + " steps)", x, y));
            end = begin;
        }
        Plots.lines(dir.resolve(HORIZON_PNG), "open-loop model error by horizon (elite mean)",
                "horizon (steps)", "normalised MSE", lines, true);
    }
}

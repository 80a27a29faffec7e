package org.mbpo4j.baselines.tabular;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mbpo4j.io.AtomicFiles;
import org.mbpo4j.io.Plots;

/**
 * The files of a tabular run's learning curves, one curve per mode: a CSV table and two
 * plots of the exact value gap {@code V*(start) - V^pi(start)}, against the real transitions
 * used and against iterations. All are written atomically.
 */
public final class LearningCurves {
    /** The CSV table. */
    public static final String CSV = "learning-curve.csv";
    /** Value gap against real transitions. */
    public static final String GAP_PNG = "gap-vs-real-transitions.png";
    /** Value gap against iterations. */
    public static final String GAP_BY_ITERATION_PNG = "gap-vs-iteration.png";
    /** The CSV's columns. */
    public static final List<String> HEADER = List.of("mode", "real_ratio", "iteration", "real_transitions",
            "fake_transitions", "v_pi_start", "gap", "greedy_optimal");

    private LearningCurves() {
    }

    /** The CSV text of the runs' curves (one row per evaluation, runs one after another). */
    public static String csv(List<AgentResult> runs) {
        StringBuilder b = new StringBuilder(String.join(",", HEADER)).append('\n');
        for (AgentResult r : runs) {
            for (CurvePoint p : r.curve()) {
                b.append(r.mode().id()).append(',').append(r.realRatio()).append(',').append(p.iteration())
                        .append(',').append(p.realTransitions()).append(',').append(p.fakeTransitions()).append(',')
                        .append(p.vPiStart()).append(',').append(p.gap()).append(',').append(p.greedyOptimal())
                        .append('\n');
            }
        }
        return b.toString();
    }

    /** Writes {@link #CSV} and both plots into {@code dir}; returns the files written. */
    public static List<Path> write(Path dir, String title, List<AgentResult> runs) {
        Path csv = dir.resolve(CSV);
        AtomicFiles.writeString(csv, csv(runs));
        List<Plots.Line> byReal = new ArrayList<>();
        List<Plots.Line> byIteration = new ArrayList<>();
        for (AgentResult r : runs) {
            int n = r.curve().size();
            double[] real = new double[n];
            double[] it = new double[n];
            double[] gap = new double[n];
            for (int i = 0; i < n; i++) {
                CurvePoint p = r.curve().get(i);
                real[i] = p.realTransitions();
                it[i] = p.iteration();
                gap[i] = p.gap();
            }
            String name = r.mode() == Mode.MIXED ? "mixed (real ratio " + r.realRatio() + ")" : r.mode().id();
            byReal.add(new Plots.Line(name, real, gap));
            byIteration.add(new Plots.Line(name, it, gap));
        }
        Path gapPng = dir.resolve(GAP_PNG);
        Plots.lines(gapPng, title + ": value gap vs real transitions", "real transitions",
                "V*(start) - V^pi(start) (log)", byReal, true);
        Path iterPng = dir.resolve(GAP_BY_ITERATION_PNG);
        Plots.lines(iterPng, title + ": value gap vs iterations", "iteration", "V*(start) - V^pi(start) (log)",
                byIteration, true);
        return List.of(csv, gapPng, iterPng);
    }
}

package org.mbpo4j.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * PNG plots of a run (learning curves, comparisons, model error by horizon), written atomically.
 *
 * <p>The drawing uses XChart, an optional dependency for an application that embeds mbpo4j: if it
 * is not on the class path, every method here writes nothing and says so once on stderr; the
 * CSV files beside each plot hold the same numbers.
 */
public final class Plots {
    /** Width of the plots in pixels. */
    public static final int WIDTH = 800;
    /** Height of the plots in pixels. */
    public static final int HEIGHT = 500;

    private static final AtomicBoolean WARNED = new AtomicBoolean();
    private static volatile Boolean available;

    private Plots() {
    }

    /** Whether XChart is on the class path, so that plots are drawn. */
    public static boolean available() {
        Boolean a = available;
        if (a == null) {
            try {
                Class.forName("org.knowm.xchart.XYChart", false, Plots.class.getClassLoader());
                a = true;
            } catch (ClassNotFoundException | LinkageError e) {
                a = false;
            }
            available = a;
        }
        if (!a && WARNED.compareAndSet(false, true)) {
            System.err.println("mbpo4j: plots are skipped: XChart (org.knowm.xchart:xchart) is not on the class path;"
                    + " the CSV files hold the same numbers");
        }
        return a;
    }

    /**
     * Draws the learning curve into {@code png}: the evaluation mean return against env steps,
     * with a band of plus/minus one standard deviation (error bars when there is a single
     * evaluation), and, if given, the returns of training episodes as faint points.
     * Non-finite values are skipped (a NaN std draws no band). With no evaluation yet the plot
     * still gets written, saying so.
     *
     * @param envSteps env steps of each evaluation
     * @param mean mean evaluation return at each of {@code envSteps}
     * @param std standard deviation of the evaluation returns, or {@code null} for none
     * @param episodeSteps env step at which each training episode ended, or {@code null}
     * @param episodeReturns return of each training episode, or {@code null}
     */
    public static void learningCurve(Path png, String title, double[] envSteps, double[] mean, double[] std,
                                     double[] episodeSteps, double[] episodeReturns) {
        Objects.requireNonNull(png, "png");
        if (available()) {
            XChartPlots.learningCurve(png, title, envSteps, mean, std, episodeSteps, episodeReturns);
        }
    }

    /**
     * The PNG bytes of {@link #learningCurve}, without writing them.
     *
     * @throws IllegalStateException if XChart is not on the class path
     */
    public static byte[] learningCurvePng(String title, double[] envSteps, double[] mean, double[] std,
                                          double[] episodeSteps, double[] episodeReturns) {
        if (!available()) {
            throw new IllegalStateException("drawing a plot needs XChart (org.knowm.xchart:xchart) on the class path");
        }
        return XChartPlots.learningCurvePng(title, envSteps, mean, std, episodeSteps, episodeReturns);
    }

    /** One named mean curve with a +- std band, for {@link #curves}. */
    public record Curve(String name, double[] x, double[] mean, double[] std) {
        public Curve {
            Objects.requireNonNull(name, "name");
            if (x.length != mean.length || x.length != std.length) {
                throw new IllegalArgumentException("curve '" + name + "' has " + x.length + " x, " + mean.length
                        + " means and " + std.length + " stds");
            }
        }
    }

    /** One named curve of {@link #lines}. */
    public record Line(String name, double[] x, double[] y) {
        public Line {
            Objects.requireNonNull(name, "name");
            if (x.length != y.length) {
                throw new IllegalArgumentException("line '" + name + "' has " + x.length + " x but " + y.length
                        + " y values");
            }
        }
    }

    /**
     * Mean curves with translucent +- std bands, one colour each (return against env steps, for
     * comparing configurations over seeds), written atomically to {@code png}.
     */
    public static void curves(Path png, String title, String xLabel, String yLabel, List<Curve> curves) {
        Objects.requireNonNull(png, "png");
        if (available()) {
            XChartPlots.curves(png, title, xLabel, yLabel, curves);
        }
    }

    /**
     * Draws curves into {@code png} (written atomically). Points with a non-finite value, or a
     * non-positive y on a logarithmic axis, are skipped; a line left empty is not drawn.
     */
    public static void lines(Path png, String title, String xLabel, String yLabel, List<Line> lines, boolean logY) {
        Objects.requireNonNull(png, "png");
        if (available()) {
            XChartPlots.lines(png, title, xLabel, yLabel, lines, logY);
        }
    }
}

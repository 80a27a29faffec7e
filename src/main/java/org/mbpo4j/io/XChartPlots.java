package org.mbpo4j.io;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.AnnotationTextPanel;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The drawing behind {@link Plots}: PNG plots drawn with XChart without any display ({@code java.awt.headless} is
 * set to {@code true} before this class touches AWT) and written atomically.
 */
final class XChartPlots {

    private static final Color EVAL = new Color(31, 119, 180);
    private static final Color BAND = new Color(31, 119, 180, 60);
    private static final Color EPISODES = new Color(255, 127, 14, 90);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private XChartPlots() {
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
    static void learningCurve(Path png, String title, double[] envSteps, double[] mean, double[] std,
                                     double[] episodeSteps, double[] episodeReturns) {
        Objects.requireNonNull(png, "png");
        byte[] bytes = learningCurvePng(title, envSteps, mean, std, episodeSteps, episodeReturns);
        AtomicFiles.write(png, bytes);
    }

    /** The PNG bytes of {@link #learningCurve}, without writing them. */
    static byte[] learningCurvePng(String title, double[] envSteps, double[] mean, double[] std,
                                          double[] episodeSteps, double[] episodeReturns) {
        double[] xs = envSteps == null ? new double[0] : envSteps;
        double[] ys = mean == null ? new double[0] : mean;
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("envSteps has " + xs.length + " values but mean has " + ys.length);
        }
        if (std != null && std.length != xs.length) {
            throw new IllegalArgumentException("envSteps has " + xs.length + " values but std has " + std.length);
        }
        double[] es = episodeSteps == null ? new double[0] : episodeSteps;
        double[] er = episodeReturns == null ? new double[0] : episodeReturns;
        if (es.length != er.length) {
            throw new IllegalArgumentException("episodeSteps has " + es.length
                    + " values but episodeReturns has " + er.length);
        }

        List<double[]> eval = finitePoints(xs, ys, std);
        List<double[]> episodes = finitePoints(es, er, null);

        XYChart chart = chart(title, "env steps", "return", Styler.LegendPosition.InsideNW, 6);
        org.knowm.xchart.style.XYStyler styler = chart.getStyler();
        styler.setErrorBarsColorSeriesColor(true);

        if (!episodes.isEmpty()) {
            XYSeries s = chart.addSeries("training episodes", column(episodes, 0), column(episodes, 1));
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(EPISODES);
        }
        if (eval.size() >= 2) {
            addBand(chart, eval);
        }
        if (!eval.isEmpty()) {
            double[] ex = column(eval, 0);
            double[] ey = column(eval, 1);
            XYSeries s;
            if (eval.size() == 1 && Double.isFinite(eval.get(0)[2])) {
                s = chart.addSeries("evaluation mean \u00b1 std", ex, ey, column(eval, 2));
            } else {
                s = chart.addSeries("evaluation mean", ex, ey);
            }
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(EVAL);
            s.setLineColor(EVAL);
        }
        if (eval.isEmpty()) {
            if (episodes.isEmpty()) {
                // XChart needs a series to lay out axes: an invisible point at the origin.
                XYSeries s = chart.addSeries(" ", new double[] {0}, new double[] {0});
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.NONE);
                s.setShowInLegend(false);
                styler.setLegendVisible(false);
            }
            chart.addAnnotation(new AnnotationTextPanel("no evaluation yet", Plots.WIDTH / 2.0 - 60, Plots.HEIGHT / 2.0, true));
        }
        return png(chart, title);
    }

    /** A white, antialiased chart of the standard size with these titles, legend place and marker size. */
    private static XYChart chart(String title, String xLabel, String yLabel, Styler.LegendPosition legend,
                                 int markerSize) {
        XYChart chart = new XYChart(Plots.WIDTH, Plots.HEIGHT);
        chart.setTitle(title == null ? "" : title);
        chart.setXAxisTitle(xLabel);
        chart.setYAxisTitle(yLabel);
        Styler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setLegendPosition(legend);
        styler.setAntiAlias(true);
        styler.setMarkerSize(markerSize);
        return chart;
    }

    /**
     * For a chart with nothing to draw: an invisible point at {@code (0, y)} (XChart needs a
     * series to lay out axes), no legend, and {@code text} in the middle.
     */
    private static void placeholder(XYChart chart, double y, String text, double textOffset) {
        XYSeries s = chart.addSeries(" ", new double[] {0}, new double[] {y});
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(false);
        chart.getStyler().setLegendVisible(false);
        chart.addAnnotation(new AnnotationTextPanel(text, Plots.WIDTH / 2.0 - textOffset, Plots.HEIGHT / 2.0, true));
    }

    private static byte[] png(XYChart chart, String title) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not render " + (title == null ? "plot" : title) + ": "
                    + e.getMessage(), e);
        }
    }


    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127)};

    /**
     * Mean curves with translucent +- std bands, one colour each (return against env steps, for
     * comparing configurations over seeds), written atomically to {@code png}.
     */
    static void curves(Path png, String title, String xLabel, String yLabel, List<Plots.Curve> curves) {
        Objects.requireNonNull(png, "png");
        XYChart chart = chart(title, xLabel, yLabel, Styler.LegendPosition.InsideSE, 4);
        int i = 0;
        for (Plots.Curve c : curves) {
            Color color = PALETTE[i++ % PALETTE.length];
            List<double[]> pts = finitePoints(c.x(), c.mean(), c.std());
            if (pts.isEmpty()) {
                continue;
            }
            if (pts.size() >= 2) {
                int n = pts.size();
                double[] bx = new double[2 * n];
                double[] by = new double[2 * n];
                for (int j = 0; j < n; j++) {
                    double[] p = pts.get(j);
                    double[] q = pts.get(n - 1 - j);
                    bx[j] = p[0];
                    by[j] = p[1] + (Double.isNaN(p[2]) ? 0 : p[2]);
                    bx[n + j] = q[0];
                    by[n + j] = q[1] - (Double.isNaN(q[2]) ? 0 : q[2]);
                }
                XYSeries band = chart.addSeries(c.name() + " \u00b1 std", bx, by);
                band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                band.setMarker(SeriesMarkers.NONE);
                Color translucent = new Color(color.getRed(), color.getGreen(), color.getBlue(), 50);
                band.setFillColor(translucent);
                band.setLineColor(translucent);
                band.setShowInLegend(false);
            }
            XYSeries s = chart.addSeries(c.name(), column(pts, 0), column(pts, 1));
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineColor(color);
            s.setMarkerColor(color);
        }
        if (chart.getSeriesMap().isEmpty()) {
            placeholder(chart, 0, "no evaluation yet", 60);
        }
        AtomicFiles.write(png, png(chart, title));
    }


    /**
     * Draws curves into {@code png} (written atomically). Points with a non-finite value, or a
     * non-positive y on a logarithmic axis, are skipped; a line left empty is not drawn.
     */
    static void lines(Path png, String title, String xLabel, String yLabel, List<Plots.Line> lines, boolean logY) {
        Objects.requireNonNull(png, "png");
        XYChart chart = chart(title, xLabel, yLabel, Styler.LegendPosition.InsideNW, 5);
        int drawn = 0;
        for (Plots.Line line : lines) {
            List<double[]> pts = new ArrayList<>();
            for (int i = 0; i < line.x().length; i++) {
                double x = line.x()[i];
                double y = line.y()[i];
                if (Double.isFinite(x) && Double.isFinite(y) && (!logY || y > 0)) {
                    pts.add(new double[] {x, y});
                }
            }
            if (pts.isEmpty()) {
                continue;
            }
            XYSeries series = chart.addSeries(line.name(), column(pts, 0), column(pts, 1));
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            series.setMarker(SeriesMarkers.CIRCLE);
            drawn++;
        }
        if (drawn == 0) {
            placeholder(chart, logY ? 1 : 0, "no data", 30);
        } else {
            chart.getStyler().setYAxisLogarithmic(logY);
        }
        AtomicFiles.write(png, png(chart, title));
    }

    private static void addBand(XYChart chart, List<double[]> eval) {
        List<double[]> withStd = new ArrayList<>();
        for (double[] p : eval) {
            if (Double.isFinite(p[2])) {
                withStd.add(p);
            }
        }
        if (withStd.size() < 2) {
            return;
        }
        int n = withStd.size();
        double[] bx = new double[2 * n];
        double[] by = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double[] p = withStd.get(i);
            bx[i] = p[0];
            by[i] = p[1] + p[2];
            double[] q = withStd.get(n - 1 - i);
            bx[n + i] = q[0];
            by[n + i] = q[1] - q[2];
        }
        XYSeries band = chart.addSeries("\u00b1 std", bx, by);
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        band.setMarker(SeriesMarkers.NONE);
        band.setFillColor(BAND);
        band.setLineColor(BAND);
    }

    /** Points {x, y, std} with finite x and y (std NaN when absent or not finite), sorted by x. */
    private static List<double[]> finitePoints(double[] x, double[] y, double[] std) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                double s = std == null || !Double.isFinite(std[i]) ? Double.NaN : Math.abs(std[i]);
                out.add(new double[] {x[i], y[i], s});
            }
        }
        out.sort((a, b) -> Double.compare(a[0], b[0]));
        return out;
    }

    private static double[] column(List<double[]> points, int c) {
        double[] out = new double[points.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = points.get(i)[c];
        }
        return out;
    }
}

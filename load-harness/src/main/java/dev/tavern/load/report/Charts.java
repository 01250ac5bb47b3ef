package dev.tavern.load.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Line charts over a scenario's seconds, written as PNG files beside the report. */
public final class Charts {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 420;

    /** One point of a series: seconds since the scenario started, and the value then. */
    public record Point(double seconds, double value) {
    }

    private Charts() {
    }

    /**
     * Draws one line per series and answers the Markdown that shows it.
     *
     * @param logarithmic a log scale for latencies, whose tails span orders of magnitude (points at 0 are left out)
     */
    public static String lines(Path dir, String fileName, String title, String valueLabel,
                               Map<String, List<Point>> series, boolean logarithmic) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        series.forEach((name, points) -> {
            XYSeries line = new XYSeries(name, false, true);
            points.stream().filter(point -> !logarithmic || point.value() > 0).forEach(point -> line.add(point.seconds(), point.value()));
            dataset.addSeries(line);
        });
        JFreeChart chart = ChartFactory.createXYLineChart(title, "seconds", valueLabel, dataset);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        if (logarithmic) {
            LogAxis axis = new LogAxis(valueLabel);
            axis.setSmallestValue(0.01);
            plot.setRangeAxis(axis);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < dataset.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(1.6f));
        }
        plot.setRenderer(renderer);
        try {
            ChartUtils.saveChartAsPNG(dir.resolve(fileName).toFile(), chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write chart " + fileName, e);
        }
        return "![" + title + "](" + fileName + ")\n";
    }
}

package io.marketplace.stats.service;

import io.marketplace.stats.service.StatsService.Period;
import io.marketplace.stats.service.StatsService.Stats;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * An SVG line chart of a statistics series: installs in blue, uninstalls in red, time across, counts up, with ticks,
 * axis titles, a legend and a title naming the integration, the language and the period.
 */
public final class ChartRenderer {

    static final String INSTALLS_COLOUR = "#1f6feb";
    static final String UNINSTALLS_COLOUR = "#d1242f";
    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;
    private static final int LEFT = 70;
    private static final int RIGHT = 30;
    private static final int TOP = 60;
    private static final int BOTTOM = 70;
    private static final int MAX_X_LABELS = 10;
    private static final int MAX_MARKERS = 62;

    private ChartRenderer() {
    }

    public static String render(Stats stats) {
        List<Period> series = stats.series();
        long max = Math.max(1, series.stream().mapToLong(p -> Math.max(p.installs(), p.uninstalls())).max().orElse(0));
        long step = niceStep(max);
        long top = (max + step - 1) / step * step;
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;

        StringBuilder svg = new StringBuilder(8192);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\" role=\"img\">\n");
        String title = stats.widgetCode() + " — installs and uninstalls, "
                + (stats.language() == null ? "all languages" : "language " + stats.language()) + ", "
                + stats.from() + " to " + stats.to() + " (per " + stats.interval() + ")";
        svg.append("<title>").append(escape(title)).append("</title>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.append("<text x=\"").append(WIDTH / 2).append("\" y=\"28\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">")
                .append(escape(title)).append("</text>\n");

        // count axis: gridlines and ticks at a 1-2-5 step
        svg.append("<g class=\"y-axis\">\n");
        for (long value = 0; value <= top; value += step) {
            double y = TOP + plotHeight - value * plotHeight / top;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e5e7eb\"/>%n",
                    LEFT, WIDTH - RIGHT, y, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" dominant-baseline=\"middle\">%d</text>%n",
                    LEFT - 8, y, value));
        }
        svg.append(String.format(Locale.ROOT,
                "<text transform=\"translate(18 %.1f) rotate(-90)\" text-anchor=\"middle\">Count per %s</text>%n",
                TOP + plotHeight / 2, stats.interval()));
        svg.append("</g>\n");

        // time axis: at most ten labels, evenly spread
        int n = series.size();
        svg.append("<g class=\"x-axis\">\n");
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#374151\"/>%n",
                LEFT, WIDTH - RIGHT, TOP + plotHeight, TOP + plotHeight));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%.1f\" stroke=\"#374151\"/>%n",
                LEFT, LEFT, TOP, TOP + plotHeight));
        int every = Math.max(1, (int) Math.ceil(n / (double) MAX_X_LABELS));
        DateTimeFormatter format = stats.interval().equals("month") ? DateTimeFormatter.ofPattern("yyyy-MM")
                : DateTimeFormatter.ISO_LOCAL_DATE;
        for (int i = 0; i < n; i += every) {
            double x = x(i, n, plotWidth);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#374151\"/>%n",
                    x, x, TOP + plotHeight, TOP + plotHeight + 5));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>%n",
                    x, TOP + plotHeight + 20, series.get(i).period().format(format)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">Time (%s)</text>%n",
                LEFT + plotWidth / 2, HEIGHT - 18, stats.interval().equals("day") ? "days" : stats.interval() + "s"));
        svg.append("</g>\n");

        line(svg, "installs", INSTALLS_COLOUR, series, Period::installs, top, plotWidth, plotHeight);
        line(svg, "uninstalls", UNINSTALLS_COLOUR, series, Period::uninstalls, top, plotWidth, plotHeight);
        if (series.stream().allMatch(p -> p.installs() == 0 && p.uninstalls() == 0)) {
            // both lines lie on the axis; say so rather than leave a reader wondering whether the chart broke
            svg.append(String.format(Locale.ROOT,
                    "<text class=\"no-data\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#6b7280\" font-size=\"14\">"
                            + "No installs or uninstalls in this period</text>%n", LEFT + plotWidth / 2, TOP + plotHeight / 2));
        }

        // legend, top right
        int legendX = WIDTH - RIGHT - 190;
        svg.append("<g class=\"legend\">\n");
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"48\" y2=\"48\" stroke=\"%s\" stroke-width=\"3\"/>%n",
                legendX, legendX + 24, INSTALLS_COLOUR));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"52\">Installs</text>%n", legendX + 30));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"48\" y2=\"48\" stroke=\"%s\" stroke-width=\"3\"/>%n",
                legendX + 95, legendX + 119, UNINSTALLS_COLOUR));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"52\">Uninstalls</text>%n", legendX + 125));
        svg.append("</g>\n</svg>\n");
        return svg.toString();
    }

    private static void line(StringBuilder svg, String name, String colour, List<Period> series, ToLongFunction<Period> value,
            long top, double plotWidth, double plotHeight) {
        int n = series.size();
        svg.append("<g class=\"").append(name).append("\">\n<polyline fill=\"none\" stroke=\"").append(colour)
                .append("\" stroke-width=\"2\" points=\"");
        for (int i = 0; i < n; i++) {
            svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(i, n, plotWidth),
                    TOP + plotHeight - value.applyAsLong(series.get(i)) * plotHeight / top));
        }
        svg.append("\"/>\n");
        if (n <= MAX_MARKERS) {
            for (int i = 0; i < n; i++) {
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x(i, n, plotWidth),
                        TOP + plotHeight - value.applyAsLong(series.get(i)) * plotHeight / top, colour));
            }
        }
        svg.append("</g>\n");
    }

    private static double x(int index, int count, double plotWidth) {
        return count == 1 ? LEFT + plotWidth / 2 : LEFT + index * plotWidth / (count - 1);
    }

    /** The tick step: 1, 2 or 5 times a power of ten, giving about five ticks up to {@code max}. */
    static long niceStep(long max) {
        double raw = Math.max(1, max / 5.0);
        long magnitude = (long) Math.pow(10, Math.floor(Math.log10(raw)));
        for (long multiple : new long[] {1, 2, 5, 10}) {
            if (multiple * magnitude >= raw) {
                return Math.max(1, multiple * magnitude);
            }
        }
        return 10 * magnitude;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

package io.tradehost.backtest.report;

import io.tradehost.api.value.Price;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no script, nothing fetched)
 * with the equity and drawdown curves, each symbol's price with its fills marked (entries filled,
 * exits hollow; buys green, sells red), the metrics, the trades, rejections and trading-state
 * transitions. Curves are thinned to at most {@value #MAX_POINTS} points; the first
 * {@value #MAX_TRADE_ROWS} trades are listed.
 */
public final class ReportHtml {
    static final int MAX_POINTS = 1500;
    static final int MAX_TRADE_ROWS = 500;
    private static final int WIDTH = 960;
    private static final int HEIGHT = 220;

    private ReportHtml() {
    }

    /** The page. */
    public static String of(Report r) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>tradehost backtest: ")
                .append(escape(r.title())).append("</title>\n<style>")
                .append("body{font:14px system-ui,sans-serif;margin:24px;color:#222;max-width:1000px}")
                .append("h1{font-size:20px}h2{font-size:16px;margin-top:28px}")
                .append("table{border-collapse:collapse;margin:8px 0}td,th{padding:3px 10px;border-bottom:1px solid #ddd;")
                .append("text-align:right}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}")
                .append("svg{background:#fafafa;border:1px solid #e4e4e4}.axis{font-size:11px;fill:#666}")
                .append("</style></head><body>\n<h1>Backtest: ").append(escape(r.title())).append("</h1>\n");
        ReportCollector c = r.collector();
        List<Long> at = c.sampleNanos();
        List<Double> equity = c.periodEquity().stream().map(m -> m.toDouble()).toList();
        h.append("<h2>Equity</h2>\n").append(lineChart(at, equity, "#1f6fb2", List.of(), null));
        List<Double> drawdown = c.sampleDrawdown().stream().map(d -> -d * 100).toList();
        h.append("<h2>Drawdown (%)</h2>\n").append(lineChart(at, drawdown, "#b23a1f", List.of(), null));
        for (Map.Entry<Symbol, List<Price>> e : c.samplePrices().entrySet()) {
            List<Double> prices = new ArrayList<>();
            for (Price p : e.getValue()) {
                prices.add(p == null ? null : p.toDouble());
            }
            List<Marker> marks = c.markers().stream().filter(m -> m.symbol().equals(e.getKey())).toList();
            h.append("<h2>").append(escape(e.getKey().value())).append(": price and fills</h2>\n")
                    .append(lineChart(at, prices, "#444", marks, e.getKey()));
        }
        h.append("<h2>Metrics</h2>\n<table>");
        for (String[] row : ReportTable.rows(r)) {
            h.append("<tr><td>").append(escape(row[0])).append("</td><td>").append(escape(row[1])).append("</td></tr>");
        }
        h.append("</table>\n<h2>Trades (").append(r.trades().size()).append(")</h2>\n<table><tr><th>symbol</th>")
                .append("<th>direction</th><th>entry</th><th>exit</th><th>size</th><th>entry price</th>")
                .append("<th>exit price</th><th>PnL</th><th>fees</th><th>entry</th><th>exit</th><th>exit kind</th></tr>");
        r.trades().stream().limit(MAX_TRADE_ROWS).forEach(t -> h.append("<tr><td>").append(escape(t.symbol().value()))
                .append("</td><td>").append(t.direction()).append("</td><td>").append(ReportJson.time(t.entryNanos()))
                .append("</td><td>").append(ReportJson.time(t.exitNanos())).append("</td><td>").append(t.size())
                .append("</td><td>").append(t.entryPrice()).append("</td><td>").append(t.exitPrice())
                .append("</td><td>").append(t.pnl()).append("</td><td>").append(t.fees()).append("</td><td>")
                .append(escape(t.entryTag())).append("</td><td>").append(escape(t.exitTag())).append("</td><td>")
                .append(t.exitKind().label()).append("</td></tr>"));
        h.append("</table>\n");
        if (r.trades().size() > MAX_TRADE_ROWS) {
            h.append("<p>").append(r.trades().size() - MAX_TRADE_ROWS).append(" more in report.json.</p>\n");
        }
        h.append("<h2>Rejections by code</h2>\n<table><tr><th>code</th><th>count</th></tr>");
        r.rejections().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> h.append("<tr><td>")
                .append(escape(e.getKey())).append("</td><td>").append(e.getValue()).append("</td></tr>"));
        h.append("</table>\n<h2>Trading-state transitions</h2>\n<table><tr><th>at</th><th>from</th><th>to</th>")
                .append("<th>reasons</th></tr>");
        r.transitions().forEach(t -> h.append("<tr><td>").append(ReportJson.time(t.nanos())).append("</td><td>")
                .append(t.from()).append("</td><td>").append(t.to()).append("</td><td>")
                .append(escape(String.join(", ", t.reasons()))).append("</td></tr>"));
        h.append("</table>\n</body></html>\n");
        return h.toString();
    }

    private static String lineChart(List<Long> at, List<Double> values, String colour, List<Marker> markers,
                                    Symbol symbol) {
        int n = at.size();
        int stride = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Double v : values) {
            if (v != null) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        for (Marker m : markers) {
            min = Math.min(min, m.price().toDouble());
            max = Math.max(max, m.price().toDouble());
        }
        StringBuilder s = new StringBuilder();
        s.append("<svg width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" role=\"img\"");
        if (symbol != null) {
            s.append(" data-symbol=\"").append(escape(symbol.value())).append('"');
        }
        s.append(">");
        if (n == 0 || min == Double.POSITIVE_INFINITY) {
            return s.append("</svg>\n").toString();
        }
        if (max == min) {
            max = min + 1;
        }
        long t0 = at.get(0);
        long t1 = Math.max(at.get(n - 1), t0 + 1);
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < n; i += stride) {
            appendPoint(points, at.get(i), values.get(i), t0, t1, min, max);
        }
        if ((n - 1) % stride != 0) {
            appendPoint(points, at.get(n - 1), values.get(n - 1), t0, t1, min, max);
        }
        s.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.2\" points=\"")
                .append(points.toString().strip()).append("\"/>");
        for (Marker m : markers) {
            double x = x(m.nanos(), t0, t1);
            double y = y(m.price().toDouble(), min, max);
            String fill = m.side() == Side.BUY ? "#1a8a3a" : "#c0392b";
            String shape = m.side() == Side.BUY
                    ? fmt(x) + "," + fmt(y + 6) + " " + fmt(x - 5) + "," + fmt(y + 14) + " " + fmt(x + 5) + "," + fmt(y + 14)
                    : fmt(x) + "," + fmt(y - 6) + " " + fmt(x - 5) + "," + fmt(y - 14) + " " + fmt(x + 5) + "," + fmt(y - 14);
            s.append("<polygon class=\"").append(m.entry() ? "entry" : "exit").append("\" points=\"").append(shape)
                    .append("\" fill=\"").append(m.entry() ? fill : "none").append("\" stroke=\"").append(fill)
                    .append("\"/>");
        }
        s.append("<text class=\"axis\" x=\"4\" y=\"12\">").append(label(max)).append("</text>")
                .append("<text class=\"axis\" x=\"4\" y=\"").append(HEIGHT - 4).append("\">").append(label(min))
                .append("</text><text class=\"axis\" x=\"").append(WIDTH - 4).append("\" y=\"").append(HEIGHT - 4)
                .append("\" text-anchor=\"end\">").append(ReportJson.time(t1)).append("</text>")
                .append("<text class=\"axis\" x=\"60\" y=\"").append(HEIGHT - 4).append("\">")
                .append(ReportJson.time(t0)).append("</text></svg>\n");
        return s.toString();
    }

    private static void appendPoint(StringBuilder points, long t, Double v, long t0, long t1, double min, double max) {
        if (v != null) {
            points.append(fmt(x(t, t0, t1))).append(',').append(fmt(y(v, min, max))).append(' ');
        }
    }

    private static double x(long t, long t0, long t1) {
        return 4 + (WIDTH - 8) * (double) (t - t0) / (t1 - t0);
    }

    private static double y(double v, double min, double max) {
        return 18 + (HEIGHT - 36) * (1 - (v - min) / (max - min));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String label(double v) {
        return String.format(Locale.ROOT, "%.6g", v == 0 ? 0.0 : v); // no "-0" on a drawdown axis
    }

    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}

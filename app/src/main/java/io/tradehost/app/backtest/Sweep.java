package io.tradehost.app.backtest;

import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.backtest.report.Metrics;
import io.tradehost.backtest.report.Report;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A parameter grid: every combination of the {@code --sweep KEY=V1,V2,...} values, each a backtest
 * of its own (own host, kernel and clock) run in parallel over the cores, the data scanned once.
 * Results come back in grid order whatever order the runs finish in. Values are TOML literals and
 * may not contain commas.
 */
public final class Sweep {
    /** One axis of the grid. */
    public record Axis(String key, List<String> values) {
        /**
         * Parses {@code KEY=V1,V2,...}.
         *
         * @throws IllegalArgumentException saying what is wrong
         */
        public static Axis parse(String text) {
            int eq = text.indexOf('=');
            if (eq <= 0 || eq == text.length() - 1) {
                throw new IllegalArgumentException("--sweep '" + text + "': expected KEY=V1,V2,...");
            }
            List<String> values = new ArrayList<>();
            for (String v : text.substring(eq + 1).split(",", -1)) {
                if (v.isBlank()) {
                    throw new IllegalArgumentException("--sweep '" + text + "': an empty value");
                }
                values.add(v.strip());
            }
            return new Axis(text.substring(0, eq).strip(), List.copyOf(values));
        }
    }

    /** One run of the grid: its settings and its report. */
    public record Result(List<String> settings, Report report) {
    }

    private Sweep() {
    }

    /** Every combination of {@code axes}, the first axis varying slowest, as {@code KEY=VALUE} lists. */
    public static List<List<String>> grid(List<Axis> axes) {
        List<List<String>> grid = new ArrayList<>();
        grid.add(List.of());
        for (Axis axis : axes) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> partial : grid) {
                for (String value : axis.values()) {
                    List<String> settings = new ArrayList<>(partial);
                    settings.add(axis.key() + "=" + value);
                    next.add(List.copyOf(settings));
                }
            }
            grid = next;
        }
        return grid;
    }

    /**
     * Runs the grid on {@code threads} threads.
     *
     * @param reportRoot where each run's report goes ({@code run-<n>}), or null for none
     */
    public static List<Result> run(BacktestSpec spec, PluginCatalog catalog, List<List<String>> grid,
                                   Backtest.Scan scan, Path reportRoot, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, grid.size())));
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (int i = 0; i < grid.size(); i++) {
                List<String> settings = grid.get(i);
                Path dir = reportRoot == null ? null : reportRoot.resolve("run-" + (i + 1));
                futures.add(pool.submit(() -> {
                    Report report = new Backtest(spec.withOverrides(settings), catalog, dir).run(scan, Progress.NONE);
                    if (dir != null) {
                        ReportFiles.write(dir, report);
                    }
                    return new Result(settings, report);
                }));
            }
            List<Result> results = new ArrayList<>();
            for (Future<Result> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the sweep was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("a sweep run failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One row of the table: a run's settings and its figures, as {@link #figures} gives them. */
    public record Row(List<String> settings, List<String> figures) {
        public Row {
            settings = List.copyOf(settings);
            figures = List.copyOf(figures);
        }
    }

    /** How many figures {@link #figures} gives. */
    public static final int FIGURES = 7;

    /** A run's figures as the table shows them: final equity, return, Sharpe, drawdown, trades, win rate, fees. */
    public static List<String> figures(Report report) {
        Metrics m = report.metrics();
        return List.of(report.finalEquity().toString(), fmt(m.totalReturn()), fmt(m.sharpe()), fmt(m.maxDrawdown()),
                Long.toString(m.trades()), fmt(m.winRate()), report.fees().toString());
    }

    /** The rows of {@code results}, in their order. */
    public static List<Row> rows(List<Result> results) {
        return results.stream().map(r -> new Row(r.settings(), figures(r.report()))).toList();
    }

    /** The comparison table as CSV: one row per run, settings then figures. */
    public static String csv(List<Axis> axes, List<Result> results) {
        return csvOf(axes.stream().map(Axis::key).toList(), rows(results));
    }

    /**
     * The comparison table as CSV from rows: the same text whether the runs ran here or on workers (the
     * rows' figures are {@link #figures}'s).
     */
    public static String csvOf(List<String> keys, List<Row> rows) {
        StringBuilder b = new StringBuilder("run");
        keys.forEach(k -> b.append(',').append(k));
        b.append(",final_equity,total_return,sharpe,max_drawdown,trades,win_rate,fees\n");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            b.append(i + 1);
            r.settings().forEach(s -> b.append(',').append(s.substring(s.indexOf('=') + 1)));
            r.figures().forEach(f -> b.append(',').append(f));
            b.append('\n');
        }
        return b.toString();
    }

    /** The comparison table aligned for a terminal. */
    public static String table(List<Axis> axes, List<Result> results) {
        return table(csv(axes, results));
    }

    /** A CSV table of {@link #csv} aligned for a terminal. */
    public static String table(String csv) {
        List<String[]> rows = new ArrayList<>();
        for (String line : csv.split("\n")) {
            rows.add(line.split(",", -1));
        }
        int[] widths = new int[rows.getFirst().length];
        rows.forEach(r -> {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        });
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                b.append(String.format(Locale.ROOT, i == 0 ? "%-" + widths[i] + "s" : "  %" + widths[i] + "s", r[i]));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String fmt(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.6f", v);
    }

    /** Writes {@code sweep.csv} into {@code directory}. */
    public static void writeCsv(Path directory, List<Axis> axes, List<Result> results) {
        writeCsv(directory, csv(axes, results));
    }

    /** Writes {@code csv} as {@code sweep.csv} into {@code directory}, atomically. */
    public static void writeCsv(Path directory, String csv) {
        try {
            Files.createDirectories(directory);
            ReportFiles.atomically(directory.resolve("sweep.csv"), csv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + directory.resolve("sweep.csv"), e);
        }
    }
}

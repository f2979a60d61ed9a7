package io.tradehost.app.cli;

import io.tradehost.api.value.Symbol;
import io.tradehost.app.backtest.Backtest;
import io.tradehost.app.backtest.BacktestSpec;
import io.tradehost.app.backtest.ReportFiles;
import io.tradehost.app.backtest.Sweep;
import io.tradehost.app.backtest.SweepJob;
import io.tradehost.app.config.ConfigError;
import io.tradehost.app.config.ConfigLoader;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.backtest.report.Report;
import io.tradehost.backtest.report.ReportTable;
import io.tradehost.backtest.tape.TapeFormat;
import io.tradehost.backtest.tape.Timestamps;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tradehost backtest}: the host over recorded market data on the virtual clock, against the
 * simulated matching venue; prints the metrics and writes the report.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Replay recorded market data (trades, quotes or bars CSV) through the whole host against a"
                + " simulated matching venue; print the metrics and, with --report, write report.json, report.html"
                + " and the journal.")
public final class BacktestCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE", arity = "1..*", required = true,
            description = "Recorded market data, CSV or gzipped CSV; several files replay as one tape in time order")
    private List<Path> data = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "trades, quotes or bars (default: from the header)")
    private String format;

    @Option(names = "--symbol", paramLabel = "SYMBOL",
            description = "The symbol of a file without a symbol column: once for all files, or once per file")
    private List<String> symbols = new ArrayList<>();

    @Option(names = "--from", paramLabel = "T", description = "Replay from this time (epoch seconds/ms or ISO-8601)")
    private String from;

    @Option(names = "--to", paramLabel = "T", description = "Replay up to (not including) this time")
    private String to;

    @Option(names = "--strategy", paramLabel = "NAME", description = "Strategy to run (sets strategy.name)")
    private String strategy;

    @Option(names = "--config", paramLabel = "FILE", description = "TOML configuration (default: embedded defaults);"
            + " its [backtest] table configures the simulated venue")
    private Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one key, e.g. --set backtest.slippage_bps=2")
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--report", paramLabel = "DIR", description = "Write report.json, report.html and journal.db here")
    private Path report;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "The run's seed (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--skip-bad-rows", description = "Skip and count bad rows instead of stopping at the first")
    private boolean skipBadRows;

    @Option(names = "--sweep", paramLabel = "KEY=V1,V2,...",
            description = "Run every combination of these values in parallel and write one comparison table")
    private List<String> sweeps = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", description = "Parallel runs of a sweep (default: the cores)")
    private Integer threads;

    @Mixin
    private PluginDirectoryOption plugins;

    @Mixin
    private QueueOptions queue;

    /** Picocli instantiates it. */
    public BacktestCommand() {
        // fields are injected by picocli
    }

    @Override
    public Integer call() {
        List<String> settings = new ArrayList<>(overrides);
        if (strategy != null) {
            settings.add("strategy.name=\"" + strategy + "\"");
        }
        BacktestSpec backtest;
        try {
            backtest = new BacktestSpec(data, format == null ? null : TapeFormat.of(format),
                    symbols.stream().map(BacktestCommand::symbol).toList(), instant("--from", from, Long.MIN_VALUE),
                    instant("--to", to, Long.MAX_VALUE), skipBadRows, config, settings, seed);
        } catch (IllegalArgumentException e) {
            throw new ConfigError("command line", e.getMessage());
        }
        List<Sweep.Axis> axes;
        try {
            axes = sweeps.stream().map(Sweep.Axis::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new ConfigError("command line", e.getMessage());
        }
        PluginCatalog catalog = plugins.catalog(ConfigLoader.load(config, settings).plugins().pins());
        if (strategy != null && !catalog.strategyNames().contains(strategy)) {
            throw new ConfigError("--strategy", "no strategy named '" + strategy + "' (found: "
                    + String.join(", ", catalog.strategyNames()) + ")");
        }
        if (queue.given() && axes.isEmpty()) {
            throw new ConfigError("--queue", "a queue holds the points of a sweep: give --sweep KEY=V1,V2,...");
        }
        if (queue.given() && report != null) {
            throw new ConfigError("--report", "a queued sweep's table comes from `tradehost sweep results --report"
                    + " DIR`; its runs write no report of their own");
        }
        Backtest.Scan scan = new Backtest(backtest, catalog, null).scan(); // bad data fails here, not on the workers
        if (queue.given()) {
            if (scan.skipped() > 0) {
                spec.commandLine().getErr().println("tradehost: skipped " + scan.skipped() + " bad rows; the first: "
                        + String.join("; ", scan.badRows()));
            }
            return enqueue(backtest, axes);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (scan.skipped() > 0) {
            err.println("tradehost: skipped " + scan.skipped() + " bad rows; the first: " + String.join("; ",
                    scan.badRows()));
        }
        if (!axes.isEmpty()) {
            int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            List<Sweep.Result> results = Sweep.run(backtest, catalog, Sweep.grid(axes), scan, report, n);
            out.print(Sweep.table(axes, results));
            if (report != null) {
                Sweep.writeCsv(report, axes, results);
                out.println("sweep: " + results.size() + " runs; reports in " + report + "/run-<n>, table in "
                        + report.resolve("sweep.csv"));
            }
            out.flush();
            return 0;
        }
        Report result = new Backtest(backtest, catalog, report).run(scan, ProgressBar.onTerminal(scan.events()));
        out.print(ReportTable.text(result));
        if (report != null) {
            ReportFiles.write(report, result);
            out.println("report: " + report.resolve("report.html") + ", " + report.resolve("report.json")
                    + "; journal: " + report.resolve("journal.db"));
        }
        out.flush();
        return 0;
    }

    /** Puts the grid into the queue for workers on any machine; the data is checked here first. */
    private int enqueue(BacktestSpec backtest, List<Sweep.Axis> axes) {
        SweepJob job;
        try {
            job = SweepJob.of(backtest, axes, TradehostCommand.Version.module());
        } catch (java.io.UncheckedIOException e) {
            throw new ConfigError(config != null && e.getMessage().contains(config.toString()) ? "--config" : "--data",
                    e.getMessage());
        }
        List<List<String>> grid = Sweep.grid(axes);
        long id;
        try (io.tradehost.journal.SweepQueue q = queue.open(System.getenv())) {
            id = q.submit(job.toJson(), grid);
        } catch (io.tradehost.journal.JournalException e) {
            spec.commandLine().getErr().println("tradehost: cannot queue the sweep: "
                    + io.tradehost.api.host.PrintableText.clip(e.getMessage(), 400));
            spec.commandLine().getErr().flush();
            return TradehostCommand.EXIT_FAILURE;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("sweep " + id + ": " + grid.size() + " points queued; run `tradehost worker --queue "
                + queue.url + "` on any machine that has the data at the same paths, then `tradehost sweep results"
                + " --queue " + queue.url + " --id " + id + " --report DIR`");
        out.flush();
        return 0;
    }

    private static Symbol symbol(String text) {
        try {
            return Symbol.of(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigError("--symbol", e.getMessage());
        }
    }

    private static long instant(String option, String text, long none) {
        if (text == null) {
            return none;
        }
        try {
            return Timestamps.detect(text).toNanos(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigError(option, e.getMessage());
        }
    }
}

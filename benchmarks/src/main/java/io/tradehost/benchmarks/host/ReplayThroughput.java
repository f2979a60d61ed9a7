package io.tradehost.benchmarks.host;

import io.tradehost.api.event.QuoteReceived;
import io.tradehost.api.market.Quote;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import io.tradehost.app.backtest.Backtest;
import io.tradehost.app.backtest.BacktestSpec;
import io.tradehost.app.backtest.Progress;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.backtest.report.Report;
import io.tradehost.backtest.tape.MarketEvent;
import io.tradehost.backtest.tape.MarketTape;
import io.tradehost.backtest.tape.Tape;
import io.tradehost.backtest.tape.TapeFormat;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VirtualClock;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Replay throughput on one kernel thread, in market events per second: the host (the simulated
 * venue, the whole pipeline with each built-in strategy, the journal (SQLite) in memory, as a
 * backtest keeps it, and written through to a file as a live run does: WAL, synchronous NORMAL) over
 * rows already in memory, the same backtest reading its CSV, the CSV reading alone, and the
 * baseline of the same run: as many quote events moved through the kernel's queue to one handler
 * that does nothing. Each figure is the best of
 * {@code rounds} after one warm-up round. Usage: {@code ReplayThroughput [EVENTS] [ROUNDS]}.
 */
public final class ReplayThroughput {
    private ReplayThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("tradehost-bench");
        Path data = dir.resolve("quotes.csv");
        generate(data, events, List.of("BTC-PERP"));
        PluginCatalog catalog = BuiltIns.catalog();
        List<MarketEvent> rows = read(data);
        System.out.printf(Locale.ROOT, "replay throughput, %,d quotes of one symbol, best of %d rounds%n", events,
                rounds);
        double parse = best(rounds, () -> parseOnly(data));
        double baseline = best(rounds, () -> baseline(events));
        System.out.printf(Locale.ROOT, "  %-52s %,12.0f events/s%n", "baseline: kernel queue, one no-op handler",
                baseline);
        System.out.printf(Locale.ROOT, "  %-52s %,12.0f events/s%n", "CSV reading and checking alone", parse);
        for (String strategy : List.of("ma-crossover", "breakout")) {
            for (boolean sqlite : new boolean[] {false, true}) {
                Path journal = sqlite ? dir.resolve("journal-" + strategy) : null;
                String journalName = sqlite ? "on a file" : "in memory";
                double host = best(rounds, () -> backtest(data, () -> MarketTape.of(rows), catalog, strategy,
                        journal));
                System.out.printf(Locale.ROOT, "  %-52s %,12.0f events/s  (the baseline is %.0fx faster)%n",
                        "host, " + strategy + ", journal " + journalName + ", rows in memory", host, baseline / host);
                double whole = best(rounds, () -> backtest(data, null, catalog, strategy, journal));
                System.out.printf(Locale.ROOT, "  %-52s %,12.0f events/s%n", "backtest from CSV, " + strategy
                        + ", journal " + journalName, whole);
            }
        }
    }

    private static List<MarketEvent> read(Path data) {
        List<MarketEvent> rows = new ArrayList<>();
        try (MarketTape tape = spec(data, List.of()).openTape()) {
            MarketEvent e;
            while ((e = tape.next()) != null) {
                rows.add(e);
            }
        }
        return rows;
    }

    private static BacktestSpec spec(Path data, List<String> settings) {
        return new BacktestSpec(List.of(data), TapeFormat.QUOTES, List.of(), Long.MIN_VALUE, Long.MAX_VALUE, false,
                null, settings, 1);
    }

    interface Round {
        double eventsPerSecond() throws Exception;
    }

    private static double best(int rounds, Round round) throws Exception {
        round.eventsPerSecond();
        double best = 0;
        for (int i = 0; i < rounds; i++) {
            best = Math.max(best, round.eventsPerSecond());
        }
        return best;
    }

    /** One backtest's replay, timed without its check of the data; {@code rows} null reads the CSV. */
    static double backtest(Path data, Supplier<MarketTape> rows, PluginCatalog catalog, String strategy,
                           Path journal) {
        BacktestSpec spec = spec(data, List.of("strategy.name=\"" + strategy + "\"",
                "runtime_guards.config.daily-loss.max_loss=\"100000000\"",
                "runtime_guards.config.drawdown.max_drawdown=\"0.99\""));
        Backtest backtest = rows == null ? new Backtest(spec, catalog, journal, spec::openTape, journal != null)
                : new Backtest(spec, catalog, journal, rows, journal != null);
        Backtest.Scan scan = backtest.scan();
        long start = System.nanoTime();
        Report report = backtest.run(scan, Progress.NONE);
        long elapsed = System.nanoTime() - start;
        if (report.events() != scan.events() || report.fills() == 0) {
            throw new IllegalStateException("replayed " + report.events() + " of " + scan.events() + " with "
                    + report.fills() + " fills");
        }
        return scan.events() / (elapsed / 1e9);
    }

    static double parseOnly(Path data) {
        long start = System.nanoTime();
        try (Tape tape = spec(data, List.of()).openTape()) {
            while (tape.next() != null) {
                // each row parsed and checked, as in a backtest
            }
            return tape.events() / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** The same number of quote events through the kernel's queue to a handler that only counts them. */
    static double baseline(int events) {
        Kernel kernel = new Kernel(new VirtualClock(Instant.parse("2026-01-05T00:00:00Z")));
        long[] seen = new long[1];
        kernel.subscribe(QuoteReceived.class, "count", Kernel.FailurePolicy.LOG_AND_COUNT, q -> seen[0]++);
        List<QuoteReceived> quotes = new ArrayList<>(1024);
        Symbol symbol = Symbol.of("BTC-PERP");
        for (int i = 0; i < 1024; i++) {
            quotes.add(new QuoteReceived(new Quote(symbol, Price.ofUnits(100 + i), Quantity.ofUnits(1),
                    Price.ofUnits(101 + i), Quantity.ofUnits(1), i)));
        }
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            kernel.publish(quotes.get(i & 1023));
            kernel.runUntilIdle();
        }
        long elapsed = System.nanoTime() - start;
        if (seen[0] != events) {
            throw new IllegalStateException("dispatched " + seen[0]);
        }
        return events / (elapsed / 1e9);
    }

    /** {@code events} quotes, 250 ms apart on average, of seeded random walks with a 0.01 tick. */
    static void generate(Path file, int events, List<String> symbols) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        long[] mids = new long[symbols.size()];
        Arrays.fill(mids, 6_000_000L);
        long time = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file),
                StandardCharsets.UTF_8), 1 << 16)) {
            out.write("timestamp,symbol,bid,ask,bid_size,ask_size\n");
            for (int i = 0; i < events; i++) {
                time += random.nextInt(500);
                int s = random.nextInt(symbols.size());
                mids[s] = Math.max(10_000, mids[s] + random.nextInt(-300, 301));
                out.write(time + "," + symbols.get(s) + "," + cents(mids[s] - 5) + "," + cents(mids[s] + 5)
                        + ",50,50\n");
            }
        }
    }

    private static String cents(long value) {
        return value / 100 + "." + String.format(Locale.ROOT, "%02d", value % 100);
    }
}

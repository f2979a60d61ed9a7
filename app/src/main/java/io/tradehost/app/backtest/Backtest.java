package io.tradehost.app.backtest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.api.config.ConfigException;
import io.tradehost.api.order.Position;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Symbol;
import io.tradehost.app.config.ConfigError;
import io.tradehost.app.config.ConfigLoader;
import io.tradehost.app.config.HostConfig;
import io.tradehost.app.host.Host;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.app.wiring.HostComponent;
import io.tradehost.app.wiring.HostInputs;
import io.tradehost.backtest.report.Metrics;
import io.tradehost.backtest.report.Report;
import io.tradehost.backtest.report.ReportCollector;
import io.tradehost.backtest.tape.MarketEvent;
import io.tradehost.backtest.tape.MarketTape;
import io.tradehost.backtest.tape.SymbolStats;
import io.tradehost.backtest.tape.Tape;
import io.tradehost.backtest.tape.TapeFormat;
import io.tradehost.backtest.tape.TapeException;
import io.tradehost.backtest.venue.SimulatedVenue;
import io.tradehost.backtest.venue.SimulatedVenueFactory;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VirtualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One backtest: the whole host (strategy, guards, execution, trading state, runtime guards,
 * journal) on a virtual clock that starts at the first recorded row, trading against the
 * {@link SimulatedVenue}. Each row moves the clock to its time (timers due on the way fire first),
 * goes to the venue, and is handled whole by the kernel before the next. The data is read twice:
 * once to check every row and find the symbols before anything starts, once to replay (which also
 * counts what the report says of each symbol). Same data,
 * configuration and seed: the same messages, report and journal. Decisions are not timed (a replay
 * judges a strategy's logic, not the machine it ran on), so the decision budget never quarantines.
 */
public final class Backtest {
    private static final Logger LOG = LoggerFactory.getLogger(Backtest.class);

    private final BacktestSpec spec;
    private final PluginCatalog catalog;
    private final Path journalDirectory;
    private final Supplier<MarketTape> tapes;
    private final boolean writeThrough;

    /**
     * A backtest of the spec's files.
     *
     * @param catalog the plugins (strategies, guards) the host may use
     * @param journalDirectory where {@code journal.db} is written (an earlier one is replaced), or
     *     null to keep the journal in memory
     */
    public Backtest(BacktestSpec spec, PluginCatalog catalog, Path journalDirectory) {
        this(spec, catalog, journalDirectory, spec::openTape);
    }

    /**
     * A backtest of the rows {@code tapes} gives (a fresh tape of the same rows each time it is
     * asked), configured by {@code spec} (whose files are then only named in the title).
     */
    public Backtest(BacktestSpec spec, PluginCatalog catalog, Path journalDirectory, Supplier<MarketTape> tapes) {
        this(spec, catalog, journalDirectory, tapes, false);
    }

    /**
     * @param writeThrough write the journal to its file as the run goes, as a live run does (the
     *     benchmarks measure that); else it is kept in memory and saved to the file at the end, the
     *     same contents without a disk write per order
     */
    public Backtest(BacktestSpec spec, PluginCatalog catalog, Path journalDirectory, Supplier<MarketTape> tapes,
                    boolean writeThrough) {
        this.spec = spec;
        this.catalog = catalog;
        this.journalDirectory = journalDirectory;
        this.tapes = tapes;
        this.writeThrough = writeThrough;
    }

    /**
     * What the data holds, read through once.
     *
     * @param spacing the median time between two rows of one symbol (over the first million)
     * @param trades whether every row is a trade (strategies' bars are then built from them)
     * @param quotes whether any row is a quote (the venue then publishes one level of depth from them)
     */
    public record Scan(long events, long firstNanos, long lastNanos, Set<Symbol> symbols, long skipped,
                       List<String> badRows, Duration spacing, boolean trades, boolean quotes) {
    }

    /**
     * Reads every row once.
     *
     * @throws TapeException at the first bad row (unless skipped) or row out of time order
     */
    public Scan scan() {
        try (MarketTape tape = tapes.get()) {
            Map<Symbol, Long> previous = new HashMap<>();
            long[] gaps = new long[1 << 20];
            int count = 0;
            MarketEvent event;
            boolean trades = true;
            boolean quotes = false;
            while ((event = tape.next()) != null) {
                trades &= event.format() == TapeFormat.TRADES;
                quotes |= event.format() == TapeFormat.QUOTES;
                Long before = previous.put(event.symbol(), event.timestampNanos());
                if (before != null && count < gaps.length) {
                    gaps[count++] = event.timestampNanos() - before;
                }
            }
            if (tape.events() == 0) {
                throw new TapeException(spec.data().getFirst(), "no rows to replay" + (spec.fromNanos() != Long.MIN_VALUE
                        || spec.toNanos() != Long.MAX_VALUE ? " between --from and --to" : ""));
            }
            Map<Symbol, SymbolStats> stats = tape.stats();
            long first = stats.values().stream().mapToLong(SymbolStats::firstNanos).min().orElseThrow();
            long last = stats.values().stream().mapToLong(SymbolStats::lastNanos).max().orElseThrow();
            long skipped = tape instanceof Tape files ? files.skipped() : 0;
            List<String> bad = tape instanceof Tape files ? files.badRows() : List.of();
            return new Scan(tape.events(), first, last, new TreeSet<>(stats.keySet()), skipped, bad,
                    Duration.ofNanos(median(gaps, count)), trades, quotes);
        }
    }

    /**
     * Replays the data and reports.
     *
     * @throws ConfigError if the configuration is wrong
     * @throws TapeException if the data is
     */
    public Report run(Scan scan, Progress progress) {
        SimulatedVenueFactory venueFactory = new SimulatedVenueFactory(scan.symbols(), scan.trades(), scan.quotes());
        HostConfig config = config(scan);
        VirtualClock clock = new VirtualClock(Instant.ofEpochSecond(0, scan.firstNanos()));
        String runId = config.runId() != null ? config.runId() : "bt";
        Path journalDir = journalDirectory();
        HostInputs inputs = new HostInputs(Map.of(), spec.seed(), runId, () -> 0L, writeThrough ? journalDir : null,
                true, HostInputs.VIRTUAL_CALL_WAIT);
        Host host;
        try {
            host = HostComponent.wire(config, inputs, catalog.withVenue(venueFactory), clock);
        } catch (ConfigException e) {
            throw ConfigError.of(config.source(), e);
        }
        ReportCollector collector = new ReportCollector(scan.firstNanos(),
                periodFor(scan.lastNanos() - scan.firstNanos()), scan.symbols());
        host.watch("backtest.report", collector);
        if (journalDir != null && !writeThrough) {
            host.journal().saveOnClose(journalDir.resolve("journal.db"));
        }
        Money starting;
        List<SymbolStats> stats;
        try {
            host.start();
            host.kernel().advanceBy(Duration.ZERO); // start-up dispatched, then event strategies start
            SimulatedVenue venue = venueFactory.venue();
            starting = venue.equity();
            collector.begin(starting);
            stats = replay(host.kernel(), clock, venue, collector, progress);
        } catch (ConfigException e) {
            host.abandon();
            throw ConfigError.of(config.source(), e);
        } catch (RuntimeException | Error e) {
            host.abandon();
            throw e;
        }
        return finish(host, venueFactory.venue(), collector, scan, starting, stats);
    }

    /** Replays every row; answers what the tape held of each symbol. */
    private List<SymbolStats> replay(Kernel kernel, VirtualClock clock, SimulatedVenue venue, ReportCollector collector,
                                     Progress progress) {
        try (MarketTape tape = tapes.get()) {
            MarketEvent event;
            long count = 0;
            long firstWall = 0;
            while ((event = tape.next()) != null) {
                if (count == 0) {
                    firstWall = System.nanoTime(); // the replay's speed, from its first event: not the wiring's
                }
                long at = event.timestampNanos();
                long now = clock.nanos();
                if (at > now) {
                    kernel.advanceBy(Duration.ofNanos(at - now));
                }
                venue.onMarket(event);
                kernel.runUntilIdle();
                collector.observe(at, event.symbol(), event.price(), venue.equity());
                progress.update(++count, at);
            }
            collector.replayTiming(count, count == 0 ? 0 : System.nanoTime() - firstWall);
            return List.copyOf(tape.stats().values());
        } finally {
            progress.done();
        }
    }

    private Report finish(Host host, SimulatedVenue venue, ReportCollector collector, Scan scan, Money starting,
                          List<SymbolStats> stats) {
        Money finalEquity = venue.equity();
        collector.finish(scan.lastNanos(), finalEquity);
        host.stop();
        Money realized = Money.ZERO;
        Money unrealized = Money.ZERO;
        Money fees = Money.ZERO;
        Money funding = Money.ZERO;
        for (Position p : host.portfolio().positions()) {
            realized = realized.plus(p.realizedPnl());
            fees = fees.plus(p.fees());
            funding = funding.plus(host.portfolio().funding(p.symbol()));
            if (!p.isFlat()) {
                Price last = venue.priceOf(p.symbol());
                unrealized = unrealized.plus(p.unrealizedPnl(last));
            }
        }
        Metrics metrics = Metrics.compute(scan.firstNanos(), scan.lastNanos(), starting, finalEquity,
                collector.periodEquity(), collector.periodNanos(), collector.drawdown(), collector.trades(),
                collector.exposureNanos());
        Report report = new Report(title(), scan.events(), scan.skipped(), scan.firstNanos(), scan.lastNanos(), stats,
                starting, finalEquity, realized, unrealized, fees, funding, Report.buyAndHold(stats), collector.fills(),
                metrics,
                collector.rejections(), collector.transitions(), collector.trades(), collector);
        if (!report.bookedEquity().equals(finalEquity)) {
            LOG.warn("the host's books ({}) and the simulated venue's account ({}) differ by {}", report.bookedEquity(),
                    finalEquity, finalEquity.minus(report.bookedEquity()));
        }
        return report;
    }

    private String title() {
        List<String> names = spec.data().stream().map(p -> p.getFileName().toString()).toList();
        String settings = spec.overrides().isEmpty() ? "" : " " + String.join(" ", spec.overrides());
        return String.join(", ", names) + settings;
    }

    private HostConfig config(Scan scan) {
        return ConfigLoader.load(spec.config(), spec.overrides(), Map.of(), tree -> {
            simulatedVenue(tree, scan.symbols());
            Cadence.apply(tree, scan.spacing(), catalog.runtimeGuards());
        });
    }

    /** The file's venue gives way to the simulated one, configured by the {@code [backtest]} table. */
    private static void simulatedVenue(ObjectNode tree, Set<Symbol> symbols) {
        ObjectNode venue = tree.withObject("/venue");
        venue.put("name", SimulatedVenueFactory.NAME);
        ObjectNode block = tree.get("backtest") instanceof ObjectNode b ? b.deepCopy() : tree.objectNode();
        venue.set("config", block);
        var list = tree.withObject("/host").putArray("symbols");
        symbols.forEach(s -> list.add(s.value()));
    }

    private Path journalDirectory() {
        if (journalDirectory == null) {
            return null;
        }
        try {
            Files.createDirectories(journalDirectory);
            for (String name : List.of("journal.db", "journal.db-wal", "journal.db-shm", "journal.db-intents")) {
                Files.deleteIfExists(journalDirectory.resolve(name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + journalDirectory, e);
        }
        return journalDirectory;
    }

    private static long median(long[] values, int count) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return sorted[count / 2];
    }

    /**
     * The return period for a replay of {@code durationNanos}: a day from 60 days, an hour from 2
     * days, else a minute.
     */
    public static long periodFor(long durationNanos) {
        Duration d = Duration.ofNanos(durationNanos);
        Duration period = d.compareTo(Duration.ofDays(60)) >= 0 ? Duration.ofDays(1)
                : d.compareTo(Duration.ofDays(2)) >= 0 ? Duration.ofHours(1) : Duration.ofMinutes(1);
        return period.toNanos();
    }
}

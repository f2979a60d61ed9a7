package io.tradehost.benchmarks.host;

import io.tradehost.api.command.RecordIntent;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.market.Quote;
import io.tradehost.api.order.AccountSnapshot;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.strategy.Decision;
import io.tradehost.api.strategy.Strategy;
import io.tradehost.api.strategy.StrategyFactory;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.Venue;
import io.tradehost.api.venue.VenueContext;
import io.tradehost.api.venue.VenueException;
import io.tradehost.api.venue.VenueFactory;
import io.tradehost.api.venue.VenueListener;
import io.tradehost.app.config.ConfigLoader;
import io.tradehost.app.config.HostConfig;
import io.tradehost.app.host.Host;
import io.tradehost.app.wiring.HostComponent;
import io.tradehost.app.wiring.HostInputs;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.plugins.venue.paper.PaperVenueFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Tick to order on the paper venue: from the venue handing a quote to the host
 * ({@code VenueListener.onQuote}) to the host calling {@code Venue.place} for the order that
 * quote's mark decided, through the whole pipeline (telemetry, the strategy, sizing, the default
 * guard chain, the journal's write of the intent, placement) on one kernel thread driven on the
 * virtual clock. A strategy that trades every mark (buy when flat, else close) makes every quote an
 * order. Also split at the intent's hand-off to the journal ({@code RecordIntent} dispatched), so
 * the decision path and the journal's write are seen apart. Journal: as a live host has it, a file
 * in a temporary directory with its writer thread and intent log, {@code normal} (the default: the
 * intent survives a kill of the process) or {@code full} ({@code msync} per intent: it survives a
 * power loss); or {@code memory}, SQLite in memory written on the kernel thread (the intent waits for
 * its write). Usage: {@code TickToOrder [ORDERS] [normal|full|memory]}.
 */
public final class TickToOrder {
    private static long quoteAt;
    private static long recordAt;
    /** An intent was handed to the journal and its order not placed yet (a journal that answers later). */
    private static boolean awaitingPlacement;
    private static long late;
    private static final Histogram TOTAL = new Histogram(3_600_000_000_000L, 3);
    private static final Histogram DECISION = new Histogram(3_600_000_000_000L, 3);
    private static final Histogram JOURNAL = new Histogram(3_600_000_000_000L, 3);
    private static boolean measuring;

    private TickToOrder() {
    }

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        String journal = args.length < 2 ? "normal" : args[1];
        if (!List.of("normal", "full", "memory", "postgresql").contains(journal)) {
            throw new IllegalArgumentException("journal: normal, full, memory or postgresql, not " + journal);
        }
        boolean onFile = !journal.equals("memory");
        boolean postgres = journal.equals("postgresql");
        java.nio.file.Path directory = onFile ? java.nio.file.Files.createTempDirectory("tick-to-order") : null;
        VirtualClock clock = new VirtualClock(Instant.parse("2026-01-05T00:00:00Z"));
        List<String> settings = new java.util.ArrayList<>(List.of("host.symbols=[\"BTC-PERP\"]",
                "strategy.name=\"flip\"", "venue.config.tick_interval=\"1s\"",
                "venue.config.starting_cash=\"100000000\"",
                "guards.config.order-rate.per_second=100000", "guards.config.order-rate.per_minute=1000000",
                "runtime_guards.config.daily-loss.max_loss=\"100000000\"",
                "runtime_guards.config.drawdown.max_drawdown=\"0.99\"", "admin.listen=\"off\"",
                "telemetry.status_interval=\"1d\"",
                "journal.durability=\"" + (onFile && !postgres ? journal : postgres ? "full" : "normal") + "\""));
        // a PostgreSQL server of its own on loopback (Debian's postgresql package), fsync off: the round trip
        io.tradehost.testkit.PostgresServer server = postgres ? io.tradehost.testkit.PostgresServer.start() : null;
        Map<String, String> environment = Map.of();
        if (server != null) {
            settings.addAll(List.of("journal.url=\"" + server.url() + "\"", "journal.user=\"" + server.user() + "\""));
            environment = Map.of(io.tradehost.app.wiring.JournalStores.PASSWORD_VARIABLE, server.password());
        }
        HostConfig config = ConfigLoader.load(null, settings);
        HostInputs inputs = HostInputs.of("bench", clock, 1, environment);
        Host host = HostComponent.wire(config, onFile ? inputs.withDataDirectory(directory, false) : inputs,
                BuiltIns.catalog(new Flip()).withVenue(new TimedPaper()), clock);
        host.kernel().observe(m -> {
            if (measuring && m instanceof RecordIntent) {
                recordAt = System.nanoTime();
                awaitingPlacement = true;
            }
        });
        host.start();
        host.kernel().runUntilIdle();
        int warmup = Math.max(20_000, orders / 5);
        run(host, warmup);
        TOTAL.reset();
        DECISION.reset();
        JOURNAL.reset();
        run(host, orders);
        host.stop();
        if (server != null) {
            server.close();
        }
        if (directory != null) {
            try (var files = java.nio.file.Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        System.out.printf(Locale.ROOT, "tick to order, paper venue, journal %s, %,d orders after %,d warm-up (ns)%n",
                postgres ? "on PostgreSQL over loopback (synchronous_commit on, the server's fsync off)"
                        : onFile ? "on file behind its intent log, durability " + journal : "in memory on the kernel thread",
                TOTAL.getTotalCount(),
                warmup);
        print("quote to Venue.place", TOTAL);
        print("  quote to intent handed to the journal", DECISION);
        print("  journal write of the intent to Venue.place", JOURNAL);
        if (late > 0) {
            System.out.printf(Locale.ROOT, "  (%,d placement(s) of an earlier quote's intent not counted)%n", late);
        }
    }

    private static void run(Host host, int orders) {
        measuring = true;
        long before = TOTAL.getTotalCount();
        int ticks = 0;
        while (TOTAL.getTotalCount() - before < orders && ticks++ < orders * 3) {
            host.kernel().advanceBy(Duration.ofSeconds(1));
            // a journal whose answer comes from its writer thread (PostgreSQL): the order goes out when the
            // answer is run on the kernel, before the next quote
            long giveUp = System.nanoTime() + 1_000_000_000L;
            while (awaitingPlacement && System.nanoTime() < giveUp) {
                host.kernel().advanceBy(Duration.ZERO); // the answer is a task the writer scheduled for now
                Thread.onSpinWait();
            }
            awaitingPlacement = false;
        }
        measuring = false;
    }

    private static void print(String what, Histogram h) {
        System.out.printf(Locale.ROOT, "  %-46s p50 %,8d  p99 %,8d  p99.9 %,9d  max %,11d  mean %,8.0f%n", what,
                h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(),
                h.getMean());
    }

    /** Buys when flat, closes otherwise: an order on every mark. */
    static final class Flip implements StrategyFactory {
        @Override
        public String name() {
            return "flip";
        }

        @Override
        public String description() {
            return "an order on every mark (benchmark)";
        }

        @Override
        public Strategy create(PluginConfig config) {
            Decision buy = Decision.buy(Money.of("1000"), "flat: buy");
            Decision close = Decision.close("long: close");
            return context -> context.position().isFlat() ? buy : close;
        }
    }

    /** The paper venue, with the quote's hand-over and the placement timed. */
    static final class TimedPaper implements VenueFactory {
        private final PaperVenueFactory paper = new PaperVenueFactory();

        @Override
        public String name() {
            return paper.name();
        }

        @Override
        public String description() {
            return paper.description();
        }

        @Override
        public List<String> requiredCredentials() {
            return paper.requiredCredentials();
        }

        @Override
        public Venue create(PluginConfig config, VenueContext context) {
            VenueListener host = context.listener();
            VenueListener timed = new VenueListener() {
                @Override
                public void onQuote(Quote quote) {
                    quoteAt = System.nanoTime();
                    host.onQuote(quote);
                }

                @Override
                public void onOrderAccepted(ClientOrderId id, Symbol symbol, String venueOrderId) {
                    host.onOrderAccepted(id, symbol, venueOrderId);
                }

                @Override
                public void onOrderRejected(ClientOrderId id, Symbol symbol, RejectionCode code, String message) {
                    host.onOrderRejected(id, symbol, code, message);
                }

                @Override
                public void onFill(Fill fill) {
                    host.onFill(fill);
                }

                @Override
                public void onOrderCancelled(ClientOrderId id, Symbol symbol, String reason) {
                    host.onOrderCancelled(id, symbol, reason);
                }

                @Override
                public void onConnectionChanged(boolean connected, String detail) {
                    host.onConnectionChanged(connected, detail);
                }

                @Override
                public void onFunding(FundingPayment payment) {
                    host.onFunding(payment);
                }

                @Override
                public void onTrade(io.tradehost.api.market.Trade trade) {
                    host.onTrade(trade);
                }

                @Override
                public void onBook(io.tradehost.api.market.BookDepth book) {
                    host.onBook(book);
                }

                @Override
                public void onFundingRate(io.tradehost.api.market.FundingRate funding) {
                    host.onFundingRate(funding);
                }

                @Override
                public void onMarketDataStale(Symbol symbol, String reason) {
                    host.onMarketDataStale(symbol, reason);
                }

                @Override
                public void onOrderAmended(ClientOrderId id, Symbol symbol, Price price, Quantity quantity) {
                    host.onOrderAmended(id, symbol, price, quantity);
                }

                @Override
                public void onAmendRejected(ClientOrderId id, Symbol symbol, RejectionCode code, String message) {
                    host.onAmendRejected(id, symbol, code, message);
                }
            };
            Venue venue = paper.create(config, new VenueContext(context.clock(), context.scheduler(), timed,
                    context.credentials(), context.seed(), context.dataDirectoryIfAny().orElse(null)));
            return new TimedVenue(venue);
        }
    }

    private record TimedVenue(Venue venue) implements Venue {
        @Override
        public void place(OrderRequest request) throws VenueException {
            awaitingPlacement = false;
            if (measuring && recordAt < quoteAt) {
                late++; // a placement of an earlier quote's intent (a retry): not a tick-to-order span
            } else if (measuring) {
                long now = System.nanoTime();
                TOTAL.recordValue(now - quoteAt);
                DECISION.recordValue(recordAt - quoteAt);
                JOURNAL.recordValue(now - recordAt);
            }
            venue.place(request);
        }

        @Override
        public void connect() throws VenueException {
            venue.connect();
        }

        @Override
        public List<Product> products() throws VenueException {
            return venue.products();
        }

        @Override
        public void subscribe(Set<Symbol> symbols) throws VenueException {
            venue.subscribe(symbols);
        }

        @Override
        public boolean supportsNatively(OrderType type) {
            return venue.supportsNatively(type);
        }

        @Override
        public boolean publishesTrades() {
            return venue.publishesTrades();
        }

        @Override
        public boolean publishesDepth() {
            return venue.publishesDepth();
        }

        @Override
        public boolean supportsAmend() {
            return venue.supportsAmend();
        }

        @Override
        public void amend(ClientOrderId id, Price price, Quantity quantity) throws VenueException {
            venue.amend(id, price, quantity);
        }

        @Override
        public void cancel(ClientOrderId id) throws VenueException {
            venue.cancel(id);
        }

        @Override
        public Optional<Order> order(ClientOrderId id) throws VenueException {
            return venue.order(id);
        }

        @Override
        public List<Fill> fills(ClientOrderId id) throws VenueException {
            return venue.fills(id);
        }

        @Override
        public List<Order> openOrders() throws VenueException {
            return venue.openOrders();
        }

        @Override
        public AccountSnapshot account() throws VenueException {
            return venue.account();
        }

        @Override
        public List<FundingPayment> fundingPayments() throws VenueException {
            return venue.fundingPayments();
        }

        @Override
        public void close() {
            venue.close();
        }
    }
}

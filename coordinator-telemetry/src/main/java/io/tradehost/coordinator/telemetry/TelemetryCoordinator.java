package io.tradehost.coordinator.telemetry;

import io.tradehost.api.event.MarkUpdated;
import io.tradehost.api.event.MarketDataStale;
import io.tradehost.api.event.QuoteReceived;
import io.tradehost.api.host.Coordinator;
import io.tradehost.api.host.EventBus;
import io.tradehost.api.host.Health;
import io.tradehost.api.host.HealthRegistry;
import io.tradehost.api.host.HealthStatus;
import io.tradehost.api.host.OrderCounters;
import io.tradehost.api.host.PortfolioView;
import io.tradehost.api.host.StartupException;
import io.tradehost.api.host.Throwables;
import io.tradehost.api.host.TradingStateView;
import io.tradehost.api.host.VenueAccess;
import io.tradehost.api.market.Mark;
import io.tradehost.api.market.Quote;
import io.tradehost.api.time.Clock;
import io.tradehost.api.time.ScheduledTask;
import io.tradehost.api.time.Scheduler;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.VenueException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * Subscribes to the venue's market data, validates each quote (traded symbol, usable book, not older
 * than the last one) into a mark, keeps the mark windows, aggregates every coordinator's health and
 * logs a status line on an interval. Kernel thread only.
 */
public final class TelemetryCoordinator implements Coordinator {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryCoordinator.class);

    private TelemetrySettings settings;
    private final VenueAccess venues;
    private final PortfolioView portfolio;
    private final TradingStateView tradingState;
    private final HealthRegistry healthRegistry;
    private final EventBus bus;
    private final Clock clock;
    private final Scheduler scheduler;
    private final MarkBook marks;
    private final Map<String, Long> droppedQuotes = new LinkedHashMap<>();
    private Set<Symbol> traded = Set.of();
    private ScheduledTask statusTimer;
    private long quotes;
    private long staleFlags;

    /**
     * @param marks the mark windows this coordinator fills; created up front so that execution and
     *     strategy can read them as their {@link io.tradehost.api.host.MarketView}
     */
    public TelemetryCoordinator(TelemetrySettings settings, MarkBook marks, VenueAccess venues, PortfolioView portfolio,
                                TradingStateView tradingState, HealthRegistry healthRegistry, EventBus bus,
                                Clock clock, Scheduler scheduler) {
        this.settings = settings;
        this.venues = venues;
        this.portfolio = portfolio;
        this.tradingState = tradingState;
        this.healthRegistry = healthRegistry;
        this.bus = bus;
        this.clock = clock;
        this.scheduler = scheduler;
        this.marks = marks;
    }

    /** The mark windows, readable by the other coordinators as a {@link io.tradehost.api.host.MarketView}. */
    public MarkBook marks() {
        return marks;
    }

    @Override
    public String name() {
        return "telemetry";
    }

    @Override
    public void initialize() {
        traded = Set.copyOf(venues.symbols());
        LOG.info("telemetry keeps {} marks per symbol for {}", settings.markWindow(), venues.symbols());
    }

    @Override
    public void start() {
        subscribe(venues.symbols(), "market data");
        statusTimer = scheduler.scheduleAtFixedRate(settings.statusInterval(), settings.statusInterval(),
                () -> LOG.info(statusLine()));
    }

    /**
     * Streams market data for every traded symbol again, after symbols were added: the venue is
     * given the whole set (a venue may replace its subscription with it). Kernel thread.
     *
     * @throws StartupException if the venue refuses; the symbols it streamed before stay traded
     */
    public void follow(List<Symbol> symbols) {
        subscribe(symbols, "market data for " + symbols);
        traded = Set.copyOf(symbols);
        LOG.info("telemetry streams {}", symbols);
    }

    /** Hands the venue the whole set to stream; whatever the plugin throws (but a JVM failure) is a StartupException. */
    private void subscribe(List<Symbol> symbols, String what) {
        try {
            venues.venue().subscribe(new LinkedHashSet<>(symbols));
        } catch (VenueException e) {
            throw new StartupException("could not subscribe to " + what + ": " + e.getMessage() + " [" + e.code() + "]",
                    e);
        } catch (Throwable e) {
            Throwables.rethrowIfFatal(e);
            throw new StartupException("the venue plugin failed subscribing to " + what + ": " + Throwables.describe(e),
                    e);
        }
    }

    /**
     * Switches to {@code next}, as a reloaded configuration asks: the mark windows keep their
     * prices (see {@link MarkBook#resize}) and a running status timer restarts at the new interval.
     * Kernel thread.
     */
    public void reconfigure(TelemetrySettings next) {
        if (next.markWindow() != marks.capacity()) {
            marks.resize(next.markWindow());
        }
        if (statusTimer != null && !next.statusInterval().equals(settings.statusInterval())) {
            statusTimer.cancel();
            statusTimer = scheduler.scheduleAtFixedRate(next.statusInterval(), next.statusInterval(),
                    () -> LOG.info(statusLine()));
        }
        settings = next;
    }

    @Override
    public void stop() {
        if (statusTimer != null) {
            statusTimer.cancel();
        }
    }

    /** Validates a venue's quote into a mark, or drops it with a counted reason. */
    public void onQuote(QuoteReceived received) {
        accept(received.quote());
    }

    private void accept(Quote quote) {
        quotes++;
        if (!traded.contains(quote.symbol())) {
            drop("untraded symbol", quote);
            return;
        }
        String defect = quote.defect();
        if (defect != null) {
            drop(defect, quote);
            return;
        }
        Mark last = marks.lastMark(quote.symbol());
        if (last != null && quote.timestampNanos() < last.timestampNanos()) {
            drop("older than the last mark", quote);
            return;
        }
        Mark mark = Mark.of(quote);
        marks.update(mark);
        bus.publish(new MarkUpdated(mark, quote));
    }

    /**
     * The venue lost its data for a symbol: its last mark is flagged stale until the next one, so no
     * order is priced from a broken book (the quote-quality guard refuses, health is degraded).
     */
    public void onMarketDataStale(MarketDataStale stale) {
        if (traded.contains(stale.symbol()) && marks.flagStale(stale.symbol(), stale.reason())) {
            staleFlags++;
            LOG.warn("market data for {} flagged stale until its next mark: {}", stale.symbol(), stale.reason());
        }
    }

    private void drop(String why, Quote quote) {
        String kind = why.contains("(") ? why.substring(0, why.indexOf(" (")) : why;
        long n = droppedQuotes.merge(kind, 1L, Long::sum);
        if (Long.bitCount(n) == 1) {
            LOG.warn("quote for {} dropped: {} ({} dropped for this reason so far)", quote.symbol(), why, n);
        }
    }

    /** Dropped quotes by reason. */
    public Map<String, Long> droppedQuotes() {
        return Map.copyOf(droppedQuotes);
    }

    /** The worst health of every coordinator, with each one's status. */
    public Health aggregateHealth() {
        HealthStatus worst = HealthStatus.HEALTHY;
        Map<String, String> details = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (Health h : healthRegistry.all()) {
            worst = worst.worst(h.status());
            details.put(h.component(), h.status().name());
            if (h.error() != null) {
                errors.add(h.component() + ": " + h.error());
            }
        }
        return Health.of("host", worst, details, errors.isEmpty() ? null : String.join("; ", errors));
    }

    /** One line for operators: state, equity, orders, marks, health. */
    public String statusLine() {
        OrderCounters c = portfolio.counters();
        long fresh = venues.symbols().stream().filter(this::isFresh).count();
        Health health = aggregateHealth();
        return "status state=" + tradingState.state() + " equity=" + portfolio.equity() + " cash=" + portfolio.cash()
                + " gross=" + portfolio.grossExposure() + " orders attempted=" + c.attempted() + " filled=" + c.filled()
                + " rejected=" + c.rejected() + " marks=" + fresh + "/" + venues.symbols().size() + " fresh"
                + " health=" + health.status() + (health.error() == null ? "" : " (" + health.error() + ")");
    }

    private boolean isFresh(Symbol symbol) {
        Mark mark = marks.lastMark(symbol);
        return mark != null && !marks.isStale(symbol)
                && clock.nanos() - mark.timestampNanos() <= settings.staleAfter().toNanos();
    }

    @Override
    public Map<String, Long> totals() {
        Map<String, Long> totals = new LinkedHashMap<>();
        totals.put("quotes", quotes);
        totals.put("dropped", droppedQuotes.values().stream().mapToLong(Long::longValue).sum());
        totals.put("stale_flags", staleFlags);
        return totals;
    }

    @Override
    public Health health() {
        List<String> stale = venues.symbols().stream().filter(s -> !isFresh(s)).map(Symbol::value).toList();
        Map<String, String> details = new LinkedHashMap<>();
        totals().forEach((k, v) -> details.put(k, Long.toString(v)));
        details.put("stale", String.join(",", stale));
        List<String> why = stale.stream().map(s -> marks.staleReason(Symbol.of(s)) == null ? s
                : s + " (" + marks.staleReason(Symbol.of(s)) + ")").toList();
        return stale.isEmpty() ? Health.healthy(name(), details)
                : Health.of(name(), HealthStatus.DEGRADED, details, "no fresh mark for " + String.join(", ", why));
    }
}

package io.tradehost.admin.metrics;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import io.tradehost.admin.snapshot.HostSnapshot;
import io.tradehost.api.event.ConfigReloaded;
import io.tradehost.api.event.Event;
import io.tradehost.api.event.FundingBooked;
import io.tradehost.api.event.IntentRejected;
import io.tradehost.api.event.MarketDataStale;
import io.tradehost.api.event.OperatorActed;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.event.OrderSubmitted;
import io.tradehost.api.event.QuoteReceived;
import io.tradehost.api.event.StrategyQuarantined;
import io.tradehost.api.event.TradingStateChanged;
import io.tradehost.api.event.VenueConnectionChanged;
import io.tradehost.api.host.Health;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Symbol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
/**
 * The host's Prometheus metrics, on the official Java client. Gauges and the coordinators' running
 * totals are read from the newest {@link HostSnapshot} at scrape time; what only events tell
 * (fills, guard rejections, transitions, quarantines, connection changes, operator actions,
 * tick-to-order latency) is counted by {@link #onEvent} on the kernel thread; the journal's write
 * latency is observed on whichever thread reports it. {@link #scrape()} is thread-safe.
 *
 * <p>Names follow Prometheus conventions: the {@code tradehost_} prefix, {@code _total} on
 * counters, base units ({@code _seconds}); amounts are in the account's quote currency.
 */
public final class HostMetrics {
    /**
     * Snapshot counters ({@code <coordinator>.<total>} as {@code Coordinator.totals()} names them,
     * and the alert counts), with the metric each feeds and its help.
     */
    static final Map<String, String[]> COUNTERS = Map.ofEntries(
            Map.entry("strategy.cycles", new String[] {"tradehost_strategy_decisions", "Strategy decisions asked for"}),
            Map.entry("strategy.failures", new String[] {"tradehost_strategy_failures", "Strategy decisions that threw"}),
            Map.entry("strategy.lateDecisions", new String[] {"tradehost_strategy_late_decisions",
                    "Isolated strategy decisions that missed the decision budget and were discarded"}),
            Map.entry("strategy.slowDecisions", new String[] {"tradehost_strategy_slow_decisions",
                    "Strategy decisions that took longer than the decision budget"}),
            Map.entry("telemetry.quotes", new String[] {"tradehost_quotes", "Quotes received from the venue"}),
            Map.entry("runtime.reconciliations", new String[] {"tradehost_reconciliations",
                    "Reconciliations of the journal with the venue"}),
            Map.entry("runtime.reconciliationRepairs", new String[] {"tradehost_reconciliation_differences",
                    "Differences reconciliation found between journal and venue"}),
            Map.entry("runtime.reconciliationFailures", new String[] {"tradehost_reconciliation_failures",
                    "Reconciliations that could not complete"}),
            Map.entry("execution.placementRetries", new String[] {"tradehost_venue_retries",
                    "Order placements retried after a transient venue failure"}),
            Map.entry("execution.unknownOutcomesResolved", new String[] {"tradehost_venue_unknown_outcomes_resolved",
                    "Placements of unknown outcome resolved by asking the venue"}),
            Map.entry("execution.duplicateFills", new String[] {"tradehost_duplicate_fills_ignored",
                    "Fills reported twice and booked once"}),
            Map.entry("alerts.sent", new String[] {"tradehost_alerts_sent", "Alert messages a receiver accepted"}),
            Map.entry("alerts.failed", new String[] {"tradehost_alerts_failed",
                    "Alert messages given up after their last attempt"}),
            Map.entry("alerts.retries", new String[] {"tradehost_alerts_retries", "Alert delivery attempts repeated"}),
            Map.entry("alerts.dropped", new String[] {"tradehost_alerts_dropped",
                    "Alerts dropped because a sink's queue was full"}),
            Map.entry("alerts.rate_limited", new String[] {"tradehost_alerts_rate_limited",
                    "Alerts not sent because a sink reached its limit per minute"}),
            Map.entry("alerts.suppressed", new String[] {"tradehost_alerts_suppressed",
                    "Repeats of an alert within the repeat window, not sent"}));

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Supplier<HostSnapshot> snapshots;
    private final LongSupplier stallNanos;
    private final Counter fills;
    private final Counter guardRejections;
    private final Counter transitions;
    private final Counter quarantines;
    private final Counter connectionChanges;
    private final Counter fundingPayments;
    private final Counter fundingPaid;
    private final Counter fundingReceived;
    private final Counter staleFlags;
    private final Counter operatorActions;
    private final Counter configReloads;
    private final Histogram tickToOrder;
    private final Histogram journalWrites;
    private final Map<Symbol, Long> lastQuoteNanos = new HashMap<>();
    /** The fencing token this host trades with; 0 while it stands by; -1 for a host that trades alone. */
    private volatile long leaseToken = -1;

    /**
     * @param snapshots the newest snapshot, or null before the first (thread-safe)
     * @param stallNanos how long ago, in real time, the kernel last published (thread-safe)
     */
    public HostMetrics(Supplier<HostSnapshot> snapshots, LongSupplier stallNanos) {
        this.snapshots = snapshots;
        this.stallNanos = stallNanos;
        fills = Counter.builder().name("tradehost_fills").help("Fills booked, by symbol and side")
                .labelNames("symbol", "side").register(registry);
        guardRejections = Counter.builder().name("tradehost_guard_rejections")
                .help("Order intents refused before the venue, by stage (a guard's name, sizing, in-flight) and code")
                .labelNames("guard", "code").register(registry);
        transitions = Counter.builder().name("tradehost_trading_state_transitions")
                .help("Trading-state changes, by the state entered").labelNames("to").register(registry);
        quarantines = Counter.builder().name("tradehost_strategy_quarantines")
                .help("Symbols quarantined because their strategy kept failing or overrunning")
                .labelNames("symbol").register(registry);
        connectionChanges = Counter.builder().name("tradehost_venue_connection_changes")
                .help("Venue connection changes, by direction").labelNames("connected").register(registry);
        fundingPayments = Counter.builder().name("tradehost_funding_payments")
                .help("Funding payments booked, by symbol").labelNames("symbol").register(registry);
        fundingPaid = Counter.builder().name("tradehost_funding_paid")
                .help("Funding paid, in quote currency, by symbol").labelNames("symbol").register(registry);
        fundingReceived = Counter.builder().name("tradehost_funding_received")
                .help("Funding received, in quote currency, by symbol").labelNames("symbol").register(registry);
        staleFlags = Counter.builder().name("tradehost_market_data_stale")
                .help("Times the venue flagged a symbol's market data stale").labelNames("symbol").register(registry);
        operatorActions = Counter.builder().name("tradehost_operator_actions")
                .help("Operator requests carried out, by action and whether anything changed")
                .labelNames("action", "changed").register(registry);
        configReloads = Counter.builder().name("tradehost_config_reloads")
                .help("Configuration reloads, by outcome (applied, reduce-only, stopping, refused, unchanged) and"
                        + " most severe change").labelNames("outcome", "severity").register(registry);
        tickToOrder = Histogram.builder().name("tradehost_tick_to_order_seconds").unit(Unit.SECONDS)
                .help("Host time from a symbol's latest quote to an order for it leaving for the venue")
                .classicOnly().classicUpperBounds(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                        0.05, 0.1, 0.25, 0.5, 1, 2.5).register(registry);
        journalWrites = Histogram.builder().name("tradehost_journal_write_seconds").unit(Unit.SECONDS)
                .help("Journal writes, from hand-off to the writer until the kernel hears the outcome")
                .classicOnly().classicUpperBounds(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                        0.05, 0.1, 0.25, 0.5, 1).register(registry);
        registerSnapshotMetrics();
        GaugeWithCallback.builder().name("tradehost_primary")
                .help("1 while this host holds its account's lease and trades, 0 while it stands by (absent for a"
                        + " host that trades alone)")
                .callback(cb -> {
                    long token = leaseToken;
                    if (token >= 0) {
                        cb.call(token > 0 ? 1 : 0);
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("tradehost_lease_token")
                .help("The fencing token of the account lease this host trades with; a new one at each takeover"
                        + " (absent unless this host is a primary)")
                .callback(cb -> {
                    long token = leaseToken;
                    if (token > 0) {
                        cb.call(token);
                    }
                }).register(registry);
        JvmMetrics.builder().register(registry);
    }

    /**
     * Shows this host's place in its account's fleet: {@code token} is the fencing token it trades with,
     * or 0 while it stands by. Thread-safe; a host that never calls it trades alone and shows neither.
     */
    public void lease(long token) {
        if (token < 0) {
            throw new IllegalArgumentException("a fencing token is never negative: " + token);
        }
        this.leaseToken = token;
    }

    private void registerSnapshotMetrics() {
        gauge("tradehost_equity", "Cash plus positions at the marks, in quote currency", s -> s.equity().toDouble());
        gauge("tradehost_cash", "Cash in the account's quote currency", s -> s.cash().toDouble());
        gauge("tradehost_gross_exposure", "Sum of absolute position values at the marks",
                s -> s.grossExposure().toDouble());
        gauge("tradehost_open_orders", "Orders not yet finished: at the venue, or held by the host until their trigger", s -> s.openOrders().size());
        gauge("tradehost_kernel_queue_depth", "Messages waiting for the kernel thread", s -> s.kernel().queueDepth());
        gauge("tradehost_journal_queue_depth", "Journal writes waiting for the disk", s -> s.journal().backlog());
        GaugeWithCallback.builder().name("tradehost_kernel_stall_seconds").unit(Unit.SECONDS)
                .help("Real time since the kernel thread last published a snapshot (about the snapshot interval"
                        + " when healthy)")
                .callback(cb -> cb.call(Math.min(stallNanos.getAsLong(), Long.MAX_VALUE / 2) / 1e9))
                .register(registry);
        perSymbol("tradehost_position", "Signed position size, in base units",
                r -> r.position().quantity().toDouble());
        perSymbol("tradehost_position_notional", "Signed position value at the mark",
                r -> r.notional().toDouble());
        perSymbol("tradehost_realized_pnl", "PnL booked by closing fills, before fees",
                r -> r.position().realizedPnl().toDouble());
        perSymbol("tradehost_unrealized_pnl", "PnL of the open size at the mark", r -> r.unrealizedPnl().toDouble());
        perSymbol("tradehost_fees_paid", "Fees paid", r -> r.position().fees().toDouble());
        GaugeWithCallback.builder().name("tradehost_mark_age_seconds").unit(Unit.SECONDS)
                .help("Host time since each symbol's last mark (absent until the first)").labelNames("symbol")
                .callback(cb -> each(s -> s.symbols().stream().filter(r -> r.markAgeNanos() >= 0)
                        .forEach(r -> cb.call(r.markAgeNanos() / 1e9, r.symbol().value())))).register(registry);
        GaugeWithCallback.builder().name("tradehost_trading_state")
                .help("1 for the host's trading state, 0 for the others").labelNames("state")
                .callback(cb -> each(s -> {
                    for (TradingState state : TradingState.values()) {
                        cb.call(state == s.state() ? 1 : 0, state.name());
                    }
                })).register(registry);
        GaugeWithCallback.builder().name("tradehost_symbol_trading_state")
                .help("1 for each symbol's effective trading state, 0 for the others").labelNames("symbol", "state")
                .callback(cb -> each(s -> s.symbolStates().forEach((symbol, current) -> {
                    for (TradingState state : TradingState.values()) {
                        cb.call(state == current ? 1 : 0, symbol.value(), state.name());
                    }
                }))).register(registry);
        GaugeWithCallback.builder().name("tradehost_active_reasons")
                .help("Active trading-state reasons (1 each), by code, source and effect")
                .labelNames("code", "source", "effect")
                .callback(cb -> each(s -> {
                    for (StateReason r : s.reasons()) {
                        cb.call(1, r.code().value(), r.source().name(), r.effect().name());
                    }
                })).register(registry);
        GaugeWithCallback.builder().name("tradehost_health")
                .help("1 for each component's health status").labelNames("component", "status")
                .callback(cb -> each(s -> {
                    for (Health h : s.health()) {
                        cb.call(1, h.component(), h.status().name());
                    }
                })).register(registry);
        registerSnapshotCounters();
    }

    private void registerSnapshotCounters() {
        CounterWithCallback.builder().name("tradehost_orders")
                .help("Order intents by outcome, as the run summary counts them").labelNames("result")
                .callback(cb -> each(s -> {
                    cb.call(s.orders().attempted(), "attempted");
                    cb.call(s.orders().submitted(), "submitted");
                    cb.call(s.orders().filled(), "filled");
                    cb.call(s.orders().rejected(), "rejected");
                })).register(registry);
        CounterWithCallback.builder().name("tradehost_order_rejections")
                .help("Orders and intents rejected, by rejection code").labelNames("code")
                .callback(cb -> each(s -> s.orders().rejectionsByCode().forEach((code, n) -> cb.call(n, code))))
                .register(registry);
        CounterWithCallback.builder().name("tradehost_dropped_quotes")
                .help("Quotes telemetry refused, by reason").labelNames("reason")
                .callback(cb -> each(s -> s.droppedQuotes().forEach((reason, n) -> cb.call(n, reason))))
                .register(registry);
        CounterWithCallback.builder().name("tradehost_venue_calls")
                .help("Calls into the venue plugin, by operation").labelNames("operation")
                .callback(cb -> each(s -> s.venueCalls().forEach((op, n) -> cb.call(n, op)))).register(registry);
        CounterWithCallback.builder().name("tradehost_venue_errors")
                .help("Venue calls that failed, by operation and rejection code").labelNames("operation", "code")
                .callback(cb -> each(s -> s.venueErrors().forEach((op, byCode) -> byCode.forEach((code, n) ->
                        cb.call(n, op, code))))).register(registry);
        CounterWithCallback.builder().name("tradehost_kernel_dispatched")
                .help("Messages the kernel dispatched")
                .callback(cb -> each(s -> cb.call(s.kernel().dispatched()))).register(registry);
        CounterWithCallback.builder().name("tradehost_kernel_handler_failures")
                .help("Handler and timer failures the kernel caught, by handler").labelNames("handler")
                .callback(cb -> each(s -> s.kernel().failuresByHandler().forEach((h, n) -> cb.call(n, h))))
                .register(registry);
        CounterWithCallback.builder().name("tradehost_journal_write_failures")
                .help("Journal writes that failed")
                .callback(cb -> each(s -> cb.call(s.journal().failedWrites()))).register(registry);
        COUNTERS.forEach((key, metric) -> CounterWithCallback.builder().name(metric[0]).help(metric[1])
                .callback(cb -> each(s -> {
                    Long value = s.counters().get(key);
                    if (value != null) {
                        cb.call(value);
                    }
                })).register(registry));
    }

    private void gauge(String name, String help, Function<HostSnapshot, Number> value) {
        GaugeWithCallback.builder().name(name).help(help)
                .callback(cb -> each(s -> cb.call(value.apply(s).doubleValue()))).register(registry);
    }

    private void perSymbol(String name, String help, Function<HostSnapshot.SymbolRow, Double> value) {
        GaugeWithCallback.builder().name(name).help(help).labelNames("symbol")
                .callback(cb -> each(s -> s.symbols().forEach(r -> cb.call(value.apply(r), r.symbol().value()))))
                .register(registry);
    }

    private void each(Consumer<HostSnapshot> action) {
        HostSnapshot s = snapshots.get();
        if (s != null) {
            action.accept(s);
        }
    }

    /** Counts what only events tell. Kernel thread only. */
    public void onEvent(Event event) {
        switch (event) {
            case QuoteReceived q -> lastQuoteNanos.put(q.quote().symbol(), q.quote().timestampNanos());
            case OrderSubmitted s -> {
                Long quoted = lastQuoteNanos.get(s.request().symbol());
                if (quoted != null && s.timestampNanos() >= quoted) {
                    tickToOrder.observe((s.timestampNanos() - quoted) / 1e9);
                }
            }
            case OrderFilled f -> fills.labelValues(f.fill().symbol().value(), f.fill().side().name()).inc();
            case IntentRejected r -> guardRejections.labelValues(r.stage(), r.code().value()).inc();
            case TradingStateChanged t -> transitions.labelValues(t.to().name()).inc();
            case StrategyQuarantined q -> quarantines.labelValues(q.symbol().value()).inc();
            case VenueConnectionChanged c -> connectionChanges.labelValues(Boolean.toString(c.connected())).inc();
            case FundingBooked f -> {
                String symbol = f.payment().symbol().value();
                fundingPayments.labelValues(symbol).inc();
                double amount = f.payment().amount().toBigDecimal().doubleValue();
                (amount < 0 ? fundingPaid : fundingReceived).labelValues(symbol).inc(Math.abs(amount));
            }
            case MarketDataStale s -> staleFlags.labelValues(s.symbol().value()).inc();
            case OperatorActed a -> operatorActions.labelValues(a.action().path(), Boolean.toString(a.changed())).inc();
            case ConfigReloaded c -> configReloads.labelValues(c.outcome(), c.severity()).inc();
            default -> {
                // not counted here
            }
        }
    }

    /** Observes one journal write's latency. Thread-safe. */
    public void journalWrite(long nanos) {
        journalWrites.observe(nanos / 1e9);
    }

    /** The Prometheus text exposition (format 0.0.4). Thread-safe. */
    public String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
        try {
            writer.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The content type of {@link #scrape()}. */
    public String contentType() {
        return writer.getContentType();
    }
}

package io.tradehost.coordinator.strategy;

import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.event.Event;
import io.tradehost.api.event.IntentNotRecorded;
import io.tradehost.api.event.IntentRecorded;
import io.tradehost.api.event.IntentRejected;
import io.tradehost.api.event.MarkUpdated;
import io.tradehost.api.event.OrderAccepted;
import io.tradehost.api.event.OrderAmendRejected;
import io.tradehost.api.event.OrderAmended;
import io.tradehost.api.event.OrderCancelRejected;
import io.tradehost.api.event.OrderCancelled;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.event.OrderReconciled;
import io.tradehost.api.event.OrderRejected;
import io.tradehost.api.event.PositionChanged;
import io.tradehost.api.event.TradeReceived;
import io.tradehost.api.event.BookReceived;
import io.tradehost.api.event.FundingRateReceived;
import io.tradehost.api.event.StopMoved;
import io.tradehost.api.event.StrategyFailed;
import io.tradehost.api.event.StrategyQuarantined;
import io.tradehost.api.host.CommandBus;
import io.tradehost.api.host.Coordinator;
import io.tradehost.api.host.EventBus;
import io.tradehost.api.host.Health;
import io.tradehost.api.host.HealthStatus;
import io.tradehost.api.host.MarketView;
import io.tradehost.api.host.PluginIsolation;
import io.tradehost.api.host.PortfolioView;
import io.tradehost.api.host.TradingStateView;
import io.tradehost.api.host.VenueAccess;
import io.tradehost.api.journal.OrderJournal;
import io.tradehost.api.strategy.Action;
import io.tradehost.api.strategy.Strategy;
import io.tradehost.api.strategy.StrategyFactory;
import io.tradehost.api.time.Clock;
import io.tradehost.api.time.ScheduledTask;
import io.tradehost.api.time.Scheduler;
import io.tradehost.api.value.Symbol;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * Runs the host's strategies in their two forms. A simple-form strategy ({@code Strategy.decide}) has
 * one instance per symbol and decides in trading cycles ({@link DecideCycle}: on every mark or on a
 * timer) with an immutable context; an actionable decision becomes an {@link OrderIntent}. An
 * event-driven strategy ({@code EventStrategy}) has one instance over all the symbols assigned to it
 * and hears the data it subscribed to, its orders' events, position and trading-state changes and its
 * timers ({@link EventStrategies}); it trades by handle ({@link HandleDesk}).
 *
 * <p>Whatever a strategy does stays with its instance ({@link Supervision}). A call that throws
 * anything (an {@link Error} too, but for a failure of the JVM itself), answers null or asks for more
 * than {@link StrategySettings#maxDecisionLeverage()} times equity has failed: logged, counted, a
 * {@link StrategyFailed} published. A call that overruns its budget is slow (inline: measured, never
 * preempted) or late (isolated: abandoned at the budget and its result discarded when it comes; while
 * it still runs, that instance's cycles and events are skipped). An instance that fails
 * {@code quarantineAfterFailures} times in a row, or overruns {@code quarantineAfterSlow} times in a
 * row, is quarantined: a {@link StrategyQuarantined} per symbol asks the runtime to hold its symbols
 * in reduce-only, while the other symbols trade on. Kernel thread only.
 */
public final class StrategyCoordinator implements Coordinator {
    private static final Logger LOG = LoggerFactory.getLogger(StrategyCoordinator.class);

    private StrategySettings settings;
    private final VenueAccess venues;
    private final Scheduler scheduler;
    private final Map<Symbol, SimpleInstance> instances = new LinkedHashMap<>();
    private final Supervision supervision;
    private final EventStrategies events;
    private final InstanceBuilder builder;
    private final DecideCycle decide;
    private ScheduledTask timer;
    private boolean started;
    private long intentSequence;

    /**
     * A coordinator whose event-driven strategies get nothing back at a restart and save no state.
     *
     * @param isolation how each strategy instance is called: inline or on a worker of its own
     */
    public StrategyCoordinator(StrategySettings settings, List<StrategyFactory> factories, VenueAccess venues,
                               MarketView market, PortfolioView portfolio, TradingStateView tradingState,
                               EventBus bus, CommandBus commands, Clock clock, Scheduler scheduler,
                               PluginIsolation isolation) {
        this(settings, factories, venues, market, portfolio, tradingState, bus, commands, clock, scheduler, isolation,
                null);
    }

    /**
     * @param isolation how each strategy instance is called: inline or on a worker of its own
     * @param journal where an event-driven strategy's open orders and saved state come back from at a
     *     restart, and its state is saved to (through the {@code RecordStrategyState} command); null for
     *     none
     */
    public StrategyCoordinator(StrategySettings settings, List<StrategyFactory> factories, VenueAccess venues,
                               MarketView market, PortfolioView portfolio, TradingStateView tradingState,
                               EventBus bus, CommandBus commands, Clock clock, Scheduler scheduler,
                               PluginIsolation isolation, OrderJournal journal) {
        this.settings = settings;
        this.venues = venues;
        this.scheduler = scheduler;
        this.supervision = new Supervision(() -> this.settings, bus);
        this.decide = new DecideCycle(() -> this.settings, venues, market, portfolio, tradingState, commands, clock,
                supervision, () -> ++intentSequence);
        this.events = new EventStrategies(() -> this.settings, venues, market, portfolio, tradingState, commands, clock,
                scheduler, supervision, () -> ++intentSequence, journal);
        this.builder = new InstanceBuilder(List.copyOf(factories), isolation, instances, events);
    }

    @Override
    public String name() {
        return "strategy";
    }

    /**
     * Creates one instance per symbol of each simple strategy, and one instance per event-driven
     * strategy over all its symbols, each through its own calls (so the factory of an isolated
     * strategy runs on its worker too, within the calls' start-up budget).
     */
    @Override
    public void initialize() {
        InstanceBuilder.Created created = builder.create(settings, venues.symbols());
        instances.putAll(created.simple());
        created.driven().forEach(events::add);
        Map<String, String> described = new LinkedHashMap<>();
        instances.forEach((symbol, i) -> described.put(symbol.value(), i.name + (i.calls.isolated() ? " (isolated)"
                : "")));
        events.instances().forEach(i -> described.put(i.watched.where(), i.name + " (event-driven"
                + (i.watched.calls.isolated() ? ", isolated)" : ")")));
        LOG.info("strategies {}{}", described, instances.isEmpty() ? "" : "; simple ones decide "
                + (settings.mode() == CycleMode.ON_MARK ? "on every mark" : "every " + settings.interval()));
    }

    @Override
    public void start() {
        started = true;
        startTimer();
        // after what the coordinators started before published (start-up reconciliation's repairs) is
        // dispatched, so that an event-driven strategy gets back its orders as the venue holds them
        scheduler.schedule(java.time.Duration.ZERO, () -> {
            if (started) {
                events.start();
            }
        });
    }

    private void startTimer() {
        if (settings.mode() == CycleMode.INTERVAL) {
            timer = scheduler.scheduleAtFixedRate(settings.interval(), settings.interval(), this::cycleAll);
        }
    }

    /**
     * Switches to {@code next}, as a reloaded configuration asks. A symbol keeps its strategy
     * instance, with all it has learnt, unless its strategy is another one now or that strategy's
     * block is in {@code changedStrategies}; then a fresh instance takes over (the position stays
     * the books'). A quarantined symbol stays quarantined. The cycle timer restarts if the mode or
     * interval changed. Kernel thread.
     *
     * @return the symbols whose strategy instance was replaced
     * @throws io.tradehost.api.config.ConfigException if a new instance refuses its block; nothing changes then
     * @throws io.tradehost.api.host.StartupException if a factory fails or does not return in time
     */
    public Set<Symbol> reconfigure(StrategySettings next, Set<String> changedStrategies) {
        Set<Symbol> replaced = builder.rebuild(next, changedStrategies, List.of(), started);
        boolean retime = next.mode() != settings.mode() || !next.interval().equals(settings.interval());
        settings = next;
        if (started && retime) {
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
            startTimer();
        }
        return replaced;
    }

    /**
     * Trades {@code added} too, each with a fresh instance of its strategy under the current
     * settings (an event-driven strategy that trades more symbols now is started afresh over all of
     * them); symbols already traded keep theirs. All or nothing. Kernel thread.
     *
     * @throws io.tradehost.api.config.ConfigException if a strategy refuses its block
     * @throws io.tradehost.api.host.StartupException if a factory fails or does not return in time
     */
    public void addSymbols(List<Symbol> added) {
        List<Symbol> traded = builder.traded();
        builder.rebuild(settings, Set.of(), added.stream().filter(s -> !traded.contains(s)).toList(), started);
    }

    /** The strategy instance deciding for {@code symbol}, or null if it trades none: to tell a kept instance from a new one. */
    public Strategy strategy(Symbol symbol) {
        SimpleInstance i = instances.get(symbol);
        return i == null ? null : i.strategy;
    }

    /**
     * Stops the timer, the event-driven instances (their open orders cancelled if
     * {@link StrategySettings#cancelOnStop()}), and the isolated strategies' workers, without waiting
     * for a strategy still deciding.
     */
    @Override
    public void stop() {
        started = false;
        if (timer != null) {
            timer.cancel();
        }
        events.stop(settings.cancelOnStop());
        instances.values().forEach(i -> i.calls.close());
        events.instances().forEach(i -> i.watched.calls.close());
    }

    /**
     * Whether the event-driven strategies' orders the stop cancelled are all closed (always, when
     * {@link StrategySettings#cancelOnStop()} is off: their orders stay open on purpose).
     */
    @Override
    public boolean settled() {
        return !settings.cancelOnStop() || events.instances().stream().allMatch(i -> i.open.isEmpty());
    }

    /** In {@link CycleMode#ON_MARK}, runs a cycle for the symbol of every accepted mark. */
    public void onMark(MarkUpdated updated) {
        if (!started) {
            return; // a stopping host runs its kernel a little longer: nothing decides then
        }
        if (settings.mode() == CycleMode.ON_MARK) {
            cycle(updated.mark().symbol());
        }
        events.onMark(updated.mark(), updated.quote());
    }

    /** Runs one cycle for every traded symbol, in configuration order. */
    public void cycleAll() {
        if (!started) {
            return;
        }
        instances.keySet().forEach(this::cycle);
    }

    private void cycle(Symbol symbol) {
        SimpleInstance instance = instances.get(symbol);
        if (instance != null) {
            decide.run(symbol, instance);
        }
    }

    /** Symbols whose strategy is quarantined. */
    public Set<Symbol> quarantined() {
        return supervision.quarantined();
    }

    /** Decisions taken so far, by action. */
    public Map<Action, Long> decisionCounts() {
        return Map.copyOf(decide.decisions);
    }

    /** A public trade: bars and {@code onTrade} for the event-driven strategies that subscribed. */
    public void onTrade(TradeReceived received) {
        events.onTrade(received.trade());
    }

    /** A venue's book depth: {@code onBook} for the event-driven strategies that subscribed. */
    public void onBook(BookReceived received) {
        events.onBook(received.book());
    }

    /** The venue's market data of a symbol went stale: the last book is not handed to new subscribers. */
    public void onMarketDataStale(io.tradehost.api.event.MarketDataStale stale) {
        events.onMarketDataStale(stale.symbol());
    }

    /** A perpetual's funding rate: {@code onFundingRate} for the event-driven strategies that subscribed. */
    public void onFundingRate(FundingRateReceived received) {
        events.onFundingRate(received.funding());
    }

    /** Binds a strategy's order to the client order id the journal recorded it under. */
    public void onIntentRecorded(IntentRecorded recorded) {
        events.desk().onIntentRecorded(recorded);
    }

    public void onIntentNotRecorded(IntentNotRecorded notRecorded) {
        events.desk().onIntentNotRecorded(notRecorded);
    }

    public void onIntentRejected(IntentRejected rejected) {
        events.desk().onIntentRejected(rejected);
    }

    public void onAccepted(OrderAccepted accepted) {
        events.desk().onAccepted(accepted);
    }

    public void onRejected(OrderRejected rejected) {
        events.desk().onRejected(rejected);
    }

    public void onCancelled(OrderCancelled cancelled) {
        events.desk().onCancelled(cancelled);
    }

    public void onCancelRejected(OrderCancelRejected rejected) {
        events.desk().onCancelRejected(rejected);
    }

    public void onAmended(OrderAmended amended) {
        events.desk().onAmended(amended);
    }

    public void onAmendRejected(OrderAmendRejected rejected) {
        events.desk().onAmendRejected(rejected);
    }

    public void onStopMoved(StopMoved moved) {
        events.desk().onStopMoved(moved);
    }

    public void onReconciled(OrderReconciled reconciled) {
        events.desk().onReconciled(reconciled);
    }

    /**
     * A fill the venue reported: its order's strategy hears it (once per trade id), in the order the venue's
     * reports came, before a cancel that followed it.
     */
    public void onFilled(OrderFilled filled) {
        events.desk().onFill(filled.fill());
    }

    /** A booked fill: every event-driven strategy of the symbol hears the position. */
    public void onPositionChanged(PositionChanged changed) {
        events.onPositionChanged(changed);
    }

    /** The host's state or a symbol's reasons changed: event-driven strategies hear their symbols' new states. */
    public void onTradingStateMoved(Event event) {
        events.onTradingStateMoved();
    }

    @Override
    public Map<String, Long> totals() {
        Map<String, Long> totals = new LinkedHashMap<>();
        totals.put("cycles", decide.cycles);
        totals.put("failures", supervision.failures);
        totals.put("skipped", decide.skipped);
        totals.put("slowDecisions", supervision.slow);
        totals.put("lateDecisions", supervision.late);
        totals.put("busySkips", supervision.busy);
        totals.put("lateAnswersDiscarded", instances.values().stream()
                .mapToLong(i -> i.calls.lateAnswersDiscarded()).sum() + events.late());
        totals.put("eventsDiscarded", events.discarded());
        totals.put("ordersSubmitted", events.desk().submits);
        totals.put("cancelsAsked", events.desk().cancels);
        totals.put("modifiesAsked", events.desk().modifies);
        totals.put("barsDelivered", events.barsDelivered());
        totals.put("suspended", events.suspended);
        totals.put("lateBarData", events.lateBarData());
        return totals;
    }

    /**
     * DEGRADED while a strategy is quarantined or failing, or once any call of a strategy ran late or
     * an event was discarded because its strategy was still busy (the counts say how many).
     */
    @Override
    public Health health() {
        long failing = instances.values().stream().filter(i -> i.watched.consecutiveFailures > 0).count()
                + events.instances().stream().filter(i -> i.watched.consecutiveFailures > 0).count();
        Map<String, String> details = new LinkedHashMap<>();
        totals().forEach((k, v) -> details.put(k, Long.toString(v)));
        details.put("failingInstances", Long.toString(failing));
        Set<Symbol> quarantined = supervision.quarantined();
        details.put("quarantined", quarantined.toString());
        if (!quarantined.isEmpty()) {
            return Health.of(name(), HealthStatus.DEGRADED, details, "strategy quarantined on " + quarantined);
        }
        if (failing > 0) {
            return Health.of(name(), HealthStatus.DEGRADED, details, failing + " strategy instance(s) failing");
        }
        long late = supervision.late + supervision.busy;
        return late == 0 ? Health.healthy(name(), details) : Health.of(name(), HealthStatus.DEGRADED, details,
                supervision.late + " strategy call(s) ran past their budget and " + supervision.busy
                        + " were skipped or discarded while a strategy was still busy");
    }
}

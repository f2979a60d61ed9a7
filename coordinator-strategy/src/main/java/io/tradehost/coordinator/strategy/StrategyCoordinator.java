package io.tradehost.coordinator.strategy;

import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.event.MarkUpdated;
import io.tradehost.api.event.StrategyFailed;
import io.tradehost.api.event.StrategyQuarantined;
import io.tradehost.api.host.CommandBus;
import io.tradehost.api.host.Coordinator;
import io.tradehost.api.host.EventBus;
import io.tradehost.api.host.Health;
import io.tradehost.api.host.HealthStatus;
import io.tradehost.api.host.MarketView;
import io.tradehost.api.host.PortfolioView;
import io.tradehost.api.host.Throwables;
import io.tradehost.api.host.TradingStateView;
import io.tradehost.api.host.VenueAccess;
import io.tradehost.api.market.Mark;
import io.tradehost.api.order.Position;
import io.tradehost.api.strategy.Action;
import io.tradehost.api.strategy.Decision;
import io.tradehost.api.strategy.Strategy;
import io.tradehost.api.strategy.StrategyFactory;
import io.tradehost.api.time.Clock;
import io.tradehost.api.time.ScheduledTask;
import io.tradehost.api.time.Scheduler;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * Runs trading cycles: for a symbol with a mark and positive equity, builds its
 * {@link io.tradehost.api.strategy.StrategyContext}, asks its strategy instance, and publishes an
 * {@link OrderIntent} for any actionable decision. A strategy that throws (or answers null) is
 * isolated: logged, counted, a {@link StrategyFailed} published, that symbol skipped this cycle.
 *
 * <p>Each decision is timed (measured, never preempted). A symbol whose strategy fails
 * {@code quarantineAfterFailures} times in a row, or overruns its decision budget
 * {@code quarantineAfterSlow} times in a row, is quarantined: a {@link StrategyQuarantined} event
 * asks the runtime to hold that symbol in reduce-only, so it stops opening positions while closes
 * still go and the other symbols trade on. Kernel thread only.
 */
public final class StrategyCoordinator implements Coordinator {
    private static final Logger LOG = LoggerFactory.getLogger(StrategyCoordinator.class);

    private final StrategySettings settings;
    private final List<StrategyFactory> factories;
    private final VenueAccess venues;
    private final MarketView market;
    private final PortfolioView portfolio;
    private final TradingStateView tradingState;
    private final EventBus bus;
    private final CommandBus commands;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Map<Symbol, Strategy> strategies = new LinkedHashMap<>();
    private final Map<Symbol, String> names = new LinkedHashMap<>();
    private final Map<Symbol, Integer> consecutiveFailures = new LinkedHashMap<>();
    private final Map<Symbol, Integer> consecutiveSlow = new LinkedHashMap<>();
    private final Set<Symbol> quarantined = new LinkedHashSet<>();
    private final Map<Action, Long> decisions = new EnumMap<>(Action.class);
    private final LongSupplier monotonicNanos;
    private ScheduledTask timer;
    private long intentSequence;
    private long cycles;
    private long failures;
    private long skipped;
    private long slowDecisions;

    /**
     * @param monotonicNanos a monotonic nanosecond counter that times decisions; {@code System::nanoTime}
     *     live, a scripted one in tests
     */
    public StrategyCoordinator(StrategySettings settings, List<StrategyFactory> factories, VenueAccess venues,
                               MarketView market, PortfolioView portfolio, TradingStateView tradingState,
                               EventBus bus, CommandBus commands, Clock clock, Scheduler scheduler,
                               LongSupplier monotonicNanos) {
        this.settings = settings;
        this.factories = List.copyOf(factories);
        this.venues = venues;
        this.market = market;
        this.portfolio = portfolio;
        this.tradingState = tradingState;
        this.bus = bus;
        this.commands = commands;
        this.clock = clock;
        this.scheduler = scheduler;
        this.monotonicNanos = monotonicNanos;
    }

    @Override
    public String name() {
        return "strategy";
    }

    @Override
    public void initialize() {
        Map<String, PluginConfig> configs = new LinkedHashMap<>();
        for (Symbol symbol : venues.symbols()) {
            String name = settings.strategyFor(symbol);
            StrategyFactory factory = factories.stream().filter(f -> f.name().equals(name)).findFirst()
                    .orElseThrow(() -> new ConfigException(settings.assignments().containsKey(symbol)
                            ? "strategy.symbols." + symbol : "strategy.name", "no strategy plugin named '" + name
                            + "' (found: " + String.join(", ", factories.stream().map(StrategyFactory::name).toList())
                            + ")"));
            PluginConfig config = configs.computeIfAbsent(name, settings.configFor());
            strategies.put(symbol, factory.create(config));
            names.put(symbol, name);
            consecutiveFailures.put(symbol, 0);
            consecutiveSlow.put(symbol, 0);
        }
        configs.forEach((name, config) -> {
            List<String> unread = config.unreadKeys();
            if (!unread.isEmpty()) {
                throw new ConfigException(unread.getFirst(), "unknown key for strategy '" + name + "'");
            }
        });
        LOG.info("strategies {} decide {}", names, settings.mode() == CycleMode.ON_MARK ? "on every mark"
                : "every " + settings.interval());
    }

    @Override
    public void start() {
        if (settings.mode() == CycleMode.INTERVAL) {
            timer = scheduler.scheduleAtFixedRate(settings.interval(), settings.interval(), this::cycleAll);
        }
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.cancel();
        }
    }

    /** In {@link CycleMode#ON_MARK}, runs a cycle for the symbol of every accepted mark. */
    public void onMark(MarkUpdated updated) {
        if (settings.mode() == CycleMode.ON_MARK) {
            cycle(updated.mark().symbol());
        }
    }

    /** Runs one cycle for every traded symbol, in configuration order. */
    public void cycleAll() {
        strategies.keySet().forEach(this::cycle);
    }

    private void cycle(Symbol symbol) {
        Strategy strategy = strategies.get(symbol);
        Mark mark = market.lastMark(symbol);
        if (strategy == null || mark == null) {
            return;
        }
        Money equity = portfolio.equity();
        if (!equity.isPositive()) {
            skipped++;
            LOG.debug("{}: cycle skipped, equity {} is not positive", symbol, equity);
            return;
        }
        cycles++;
        Position position = portfolio.position(symbol);
        SymbolContext context = new SymbolContext(venues.product(symbol), mark, market.recentMarks(symbol), position,
                equity, tradingState.state(symbol), clock.nanos());
        Decision decision;
        long started = monotonicNanos.getAsLong();
        try {
            decision = strategy.decide(context);
            if (decision == null) {
                throw new IllegalStateException("decide returned null");
            }
        } catch (Throwable e) {
            Throwables.rethrowIfFatal(e);
            fail(symbol, e);
            return;
        }
        timed(symbol, monotonicNanos.getAsLong() - started);
        consecutiveFailures.put(symbol, 0);
        if (cycles == 1) {
            LOG.info("first decision: {} {} ({})", symbol, decision.action(), decision.reason());
        }
        decisions.merge(decision.action(), 1L, Long::sum);
        if (!decision.isActionable() || (decision.action() == Action.CLOSE && position.isFlat())) {
            return;
        }
        commands.send(intent(symbol, decision, mark));
    }

    private OrderIntent intent(Symbol symbol, Decision decision, Mark mark) {
        boolean close = decision.action() == Action.CLOSE;
        Side side = switch (decision.action()) {
            case BUY -> Side.BUY;
            case SELL -> Side.SELL;
            default -> null;
        };
        return new OrderIntent(++intentSequence, symbol, side, close, decision.quantity(), decision.notional(),
                decision.type(), decision.limitPrice(), decision.timeInForce(), decision.reduceOnly() || close,
                decision.postOnly(), names.get(symbol), decision.reason(), mark.price(), clock.nanos());
    }

    private void fail(Symbol symbol, Throwable e) {
        failures++;
        int count = consecutiveFailures.merge(symbol, 1, Integer::sum);
        String error = Throwables.describe(e);
        if (quarantined.contains(symbol)) {
            LOG.debug("quarantined strategy '{}' failed again for {}: {}", names.get(symbol), symbol, error);
        } else {
            LOG.warn("strategy '{}' failed for {} ({} in a row); symbol skipped this cycle: {}", names.get(symbol),
                    symbol, count, error);
        }
        bus.publish(new StrategyFailed(symbol, names.get(symbol), error, count));
        if (count >= settings.quarantineAfterFailures()) {
            quarantine(symbol, "failed " + count + " times in a row, last: " + error);
        }
    }

    private void timed(Symbol symbol, long elapsedNanos) {
        if (elapsedNanos <= settings.decisionBudget().toNanos()) {
            consecutiveSlow.put(symbol, 0);
            return;
        }
        slowDecisions++;
        int count = consecutiveSlow.merge(symbol, 1, Integer::sum);
        LOG.debug("strategy '{}' took {} us for {} (budget {} us)", names.get(symbol), elapsedNanos / 1_000, symbol,
                settings.decisionBudget().toNanos() / 1_000);
        if (count >= settings.quarantineAfterSlow()) {
            quarantine(symbol, "took longer than its budget of " + settings.decisionBudget().toMillis() + " ms "
                    + count + " times in a row, last " + elapsedNanos / 1_000 + " us");
        }
    }

    private void quarantine(Symbol symbol, String reason) {
        if (quarantined.add(symbol)) {
            LOG.warn("strategy '{}' quarantined on {}: it {}; the symbol may only reduce until an operator clears it",
                    names.get(symbol), symbol, reason);
            bus.publish(new StrategyQuarantined(symbol, names.get(symbol), reason));
        }
    }

    /** Symbols whose strategy is quarantined. */
    public Set<Symbol> quarantined() {
        return Set.copyOf(quarantined);
    }

    /** Decisions taken so far, by action. */
    public Map<Action, Long> decisionCounts() {
        return Map.copyOf(decisions);
    }

    @Override
    public Health health() {
        long failing = consecutiveFailures.values().stream().filter(n -> n > 0).count();
        Map<String, String> details = Map.of("cycles", Long.toString(cycles), "failures", Long.toString(failures),
                "skipped", Long.toString(skipped), "failingSymbols", Long.toString(failing),
                "slowDecisions", Long.toString(slowDecisions), "quarantined", quarantined.toString());
        if (!quarantined.isEmpty()) {
            return Health.of(name(), HealthStatus.DEGRADED, details, "strategy quarantined on " + quarantined);
        }
        return failing == 0 ? Health.healthy(name(), details)
                : Health.of(name(), HealthStatus.DEGRADED, details, failing + " symbol(s) with a failing strategy");
    }
}

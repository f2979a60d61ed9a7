package io.tradehost.coordinator.strategy;

import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.config.PluginFactories;
import io.tradehost.api.event.MarkUpdated;
import io.tradehost.api.event.StrategyFailed;
import io.tradehost.api.event.StrategyQuarantined;
import io.tradehost.api.host.CommandBus;
import io.tradehost.api.host.Coordinator;
import io.tradehost.api.host.EventBus;
import io.tradehost.api.host.Health;
import io.tradehost.api.host.HealthStatus;
import io.tradehost.api.host.MarketView;
import io.tradehost.api.host.PluginCalls.Outcome;
import io.tradehost.api.host.PluginCalls;
import io.tradehost.api.host.PluginIsolation;
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
import io.tradehost.api.value.ValueOutOfRangeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * Runs trading cycles: for a symbol with a mark and positive equity, builds its
 * {@link io.tradehost.api.strategy.StrategyContext} (an immutable snapshot), asks its strategy
 * instance through the instance's {@link PluginCalls}, and sends an {@link OrderIntent} for an
 * actionable decision.
 *
 * <p>Whatever a strategy does stays with its symbol. One that throws anything (an {@link Error}
 * too, but for a failure of the JVM itself), answers null or asks for more than
 * {@link StrategySettings#maxDecisionLeverage()} times equity has failed: logged, counted, a
 * {@link StrategyFailed} published, the symbol skipped this cycle. A decision that overruns its
 * budget is slow (inline: measured, never preempted) or late (isolated: abandoned at the budget and
 * discarded when it comes; while the strategy is still busy with it, its symbol's cycles are
 * skipped). A symbol whose strategy fails {@code quarantineAfterFailures} times in a row, or
 * overruns {@code quarantineAfterSlow} times in a row, is quarantined: a {@link StrategyQuarantined}
 * asks the runtime to hold that symbol in reduce-only, so it stops opening positions while the
 * other symbols trade on. Kernel thread only.
 */
public final class StrategyCoordinator implements Coordinator {
    private static final Logger LOG = LoggerFactory.getLogger(StrategyCoordinator.class);

    private StrategySettings settings;
    private final List<StrategyFactory> factories;
    private final VenueAccess venues;
    private final MarketView market;
    private final PortfolioView portfolio;
    private final TradingStateView tradingState;
    private final EventBus bus;
    private final CommandBus commands;
    private final Clock clock;
    private final Scheduler scheduler;
    private final PluginIsolation isolation;
    private final Map<Symbol, Instance> instances = new LinkedHashMap<>();
    private final Set<Symbol> quarantined = new LinkedHashSet<>();
    private final Map<Action, Long> decisions = new EnumMap<>(Action.class);
    private ScheduledTask timer;
    private boolean started;
    private long intentSequence;
    private long cycles;
    private long failures;
    private long skipped;
    private long slowDecisions;
    private long lateDecisions;
    private long busySkips;

    /** One symbol's strategy: its instance, how it is called, and its run of bad decisions. */
    private static final class Instance {
        final String name;
        final Strategy strategy;
        final PluginCalls calls;
        int consecutiveFailures;
        int consecutiveOverruns;

        Instance(String name, Strategy strategy, PluginCalls calls) {
            this.name = name;
            this.strategy = strategy;
            this.calls = calls;
        }
    }

    /**
     * @param isolation how each symbol's strategy instance is called: inline or on a worker of its own
     */
    public StrategyCoordinator(StrategySettings settings, List<StrategyFactory> factories, VenueAccess venues,
                               MarketView market, PortfolioView portfolio, TradingStateView tradingState,
                               EventBus bus, CommandBus commands, Clock clock, Scheduler scheduler,
                               PluginIsolation isolation) {
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
        this.isolation = isolation;
    }

    @Override
    public String name() {
        return "strategy";
    }

    /**
     * Creates one strategy instance per symbol, each through its own calls (so the factory of an
     * isolated strategy runs on its worker too, within the calls' start-up budget).
     */
    @Override
    public void initialize() {
        instances.putAll(create(settings, venues.symbols()));
        Map<Symbol, String> isolated = new LinkedHashMap<>();
        instances.forEach((symbol, i) -> isolated.put(symbol, i.name + (i.calls.isolated() ? " (isolated)" : "")));
        LOG.info("strategies {} decide {}", isolated, settings.mode() == CycleMode.ON_MARK ? "on every mark"
                : "every " + settings.interval());
    }

    private Map<Symbol, Instance> create(StrategySettings with, List<Symbol> symbols) {
        Map<String, PluginConfig> configs = new LinkedHashMap<>();
        Map<Symbol, Instance> created = new LinkedHashMap<>();
        try {
            for (Symbol symbol : symbols) {
                String name = with.strategyFor(symbol);
                String key = with.assignments().containsKey(symbol) ? "strategy.symbols." + symbol : "strategy.name";
                PluginCalls calls = isolation.calls("strategy", name, symbol.value());
                Strategy strategy = PluginFactories.create("strategy", key, name, factories, StrategyFactory::name,
                        configs.computeIfAbsent(name, with.configFor()), (factory, config) ->
                                calls.start(() -> factory.create(config), "strategy '" + name + "' for " + symbol));
                created.put(symbol, new Instance(name, strategy, calls));
            }
        } catch (RuntimeException | Error e) {
            created.values().forEach(i -> i.calls.close());
            throw e;
        }
        return created;
    }

    @Override
    public void start() {
        started = true;
        startTimer();
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
        List<Symbol> replaced = new ArrayList<>();
        instances.forEach((symbol, i) -> {
            String name = next.strategyFor(symbol);
            if (!name.equals(i.name) || changedStrategies.contains(name)) {
                replaced.add(symbol);
            }
        });
        Map<Symbol, Instance> fresh = create(next, replaced);
        fresh.forEach((symbol, i) -> instances.put(symbol, i).calls.close());
        boolean retime = next.mode() != settings.mode() || !next.interval().equals(settings.interval());
        settings = next;
        if (started && retime) {
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
            startTimer();
        }
        return new LinkedHashSet<>(replaced);
    }

    /**
     * Decides for {@code added} too, each with a fresh instance of its strategy under the current
     * settings; symbols already traded keep theirs. All or nothing. Kernel thread.
     *
     * @throws io.tradehost.api.config.ConfigException if a strategy refuses its block
     * @throws io.tradehost.api.host.StartupException if a factory fails or does not return in time
     */
    public void addSymbols(List<Symbol> added) {
        instances.putAll(create(settings, added.stream().filter(s -> !instances.containsKey(s)).toList()));
    }

    /** The strategy instance deciding for {@code symbol}, or null if it trades none: to tell a kept instance from a new one. */
    public Strategy strategy(Symbol symbol) {
        Instance i = instances.get(symbol);
        return i == null ? null : i.strategy;
    }

    /** Stops the timer and the isolated strategies' workers, without waiting for a strategy still deciding. */
    @Override
    public void stop() {
        started = false;
        if (timer != null) {
            timer.cancel();
        }
        instances.values().forEach(i -> i.calls.close());
    }

    /** In {@link CycleMode#ON_MARK}, runs a cycle for the symbol of every accepted mark. */
    public void onMark(MarkUpdated updated) {
        if (settings.mode() == CycleMode.ON_MARK) {
            cycle(updated.mark().symbol());
        }
    }

    /** Runs one cycle for every traded symbol, in configuration order. */
    public void cycleAll() {
        instances.keySet().forEach(this::cycle);
    }

    private void cycle(Symbol symbol) {
        Instance instance = instances.get(symbol);
        Mark mark = market.lastMark(symbol);
        if (instance == null || mark == null) {
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
        switch (instance.calls.call(() -> instance.strategy.decide(context))) {
            case Outcome.Returned<Decision> r -> {
                if (r.value() == null) {
                    fail(symbol, instance, "decide returned null");
                    return;
                }
                String absurd = absurdity(r.value(), mark, equity);
                if (absurd != null) {
                    fail(symbol, instance, absurd);
                    return;
                }
                decision = r.value();
                if (!instance.calls.isolated()) {
                    timed(symbol, instance, r.nanos());
                } else {
                    instance.consecutiveOverruns = 0;
                }
            }
            case Outcome.Threw<Decision> t -> {
                fail(symbol, instance, Throwables.describe(t.error()));
                return;
            }
            case Outcome.Late<Decision> late -> {
                lateDecisions++;
                overran(symbol, instance, "did not decide within its budget of " + millis(instance.calls.budget())
                        + "; the decision is discarded when it comes");
                return;
            }
            case Outcome.Busy<Decision> busy -> {
                busySkips++;
                overran(symbol, instance, "is still busy with a late decision (" + busy.runningNanos() / 1_000_000
                        + " ms); cycle skipped");
                return;
            }
        }
        instance.consecutiveFailures = 0;
        if (cycles == 1) {
            LOG.info("first decision: {} {} ({})", symbol, decision.action(), decision.reason());
        }
        decisions.merge(decision.action(), 1L, Long::sum);
        if (!decision.isActionable() || (decision.action() == Action.CLOSE && position.isFlat())) {
            return;
        }
        commands.send(intent(symbol, instance.name, decision, mark));
    }

    /**
     * Why an opening decision is not one a sound strategy makes (a notional beyond
     * {@code maxDecisionLeverage} times equity, or beyond what the arithmetic holds), or null.
     */
    private String absurdity(Decision decision, Mark mark, Money equity) {
        if (decision.action() != Action.BUY && decision.action() != Action.SELL) {
            return null;
        }
        try {
            Money notional = decision.notional() != null ? decision.notional().abs()
                    : decision.quantity() != null ? mark.price().times(decision.quantity()).abs() : Money.ZERO;
            Money ceiling = equity.times(settings.maxDecisionLeverage());
            return notional.isGreaterThan(ceiling) ? "asked to " + decision.action() + " a notional of " + notional
                    + ", more than " + settings.maxDecisionLeverage() + " x equity " + equity + "; decision refused"
                    : null;
        } catch (ValueOutOfRangeException e) {
            return "asked for a size out of range (" + e.getMessage() + "); decision refused";
        }
    }

    private OrderIntent intent(Symbol symbol, String strategy, Decision decision, Mark mark) {
        boolean close = decision.action() == Action.CLOSE;
        Side side = switch (decision.action()) {
            case BUY -> Side.BUY;
            case SELL -> Side.SELL;
            default -> null;
        };
        return new OrderIntent(++intentSequence, symbol, side, close, decision.quantity(), decision.notional(),
                decision.type(), decision.limitPrice(), decision.timeInForce(), decision.reduceOnly() || close,
                decision.postOnly(), strategy, decision.reason(), mark.price(), clock.nanos(), decision.stopPrice());
    }

    private void fail(Symbol symbol, Instance instance, String error) {
        failures++;
        int count = ++instance.consecutiveFailures;
        if (quarantined.contains(symbol)) {
            LOG.debug("quarantined strategy '{}' failed again for {}: {}", instance.name, symbol, error);
        } else {
            LOG.warn("strategy '{}' failed for {} ({} in a row); symbol skipped this cycle: {}", instance.name,
                    symbol, count, error);
        }
        bus.publish(new StrategyFailed(symbol, instance.name, error, count));
        if (count >= settings.quarantineAfterFailures()) {
            quarantine(symbol, instance, "failed " + count + " times in a row, last: " + error);
        }
    }

    private void timed(Symbol symbol, Instance instance, long elapsedNanos) {
        if (elapsedNanos <= settings.decisionBudget().toNanos()) {
            instance.consecutiveOverruns = 0;
            return;
        }
        slowDecisions++;
        int count = ++instance.consecutiveOverruns;
        LOG.debug("strategy '{}' took {} us for {} (budget {} us)", instance.name, elapsedNanos / 1_000, symbol,
                settings.decisionBudget().toNanos() / 1_000);
        if (count >= settings.quarantineAfterSlow()) {
            quarantine(symbol, instance, "took longer than its budget of " + millis(settings.decisionBudget()) + " "
                    + count + " times in a row, last " + elapsedNanos / 1_000 + " us");
        }
    }

    private void overran(Symbol symbol, Instance instance, String what) {
        int count = ++instance.consecutiveOverruns;
        if (count == 1 && !quarantined.contains(symbol)) {
            LOG.warn("strategy '{}' for {} {}", instance.name, symbol, what);
        }
        if (count >= settings.quarantineAfterSlow()) {
            quarantine(symbol, instance, "overran its budget of " + millis(instance.calls.budget()) + " " + count
                    + " times in a row: it " + what);
        }
    }

    private void quarantine(Symbol symbol, Instance instance, String reason) {
        if (quarantined.add(symbol)) {
            LOG.warn("strategy '{}' quarantined on {}: it {}; the symbol may only reduce until an operator clears it",
                    instance.name, symbol, reason);
            bus.publish(new StrategyQuarantined(symbol, instance.name, reason));
        }
    }

    private static String millis(Duration d) {
        return d.toNanos() % 1_000_000 == 0 ? d.toMillis() + " ms" : d.toNanos() / 1_000 + " us";
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
    public Map<String, Long> totals() {
        Map<String, Long> totals = new LinkedHashMap<>();
        totals.put("cycles", cycles);
        totals.put("failures", failures);
        totals.put("skipped", skipped);
        totals.put("slowDecisions", slowDecisions);
        totals.put("lateDecisions", lateDecisions);
        totals.put("busySkips", busySkips);
        totals.put("lateAnswersDiscarded", instances.values().stream()
                .mapToLong(i -> i.calls.lateAnswersDiscarded()).sum());
        return totals;
    }

    @Override
    public Health health() {
        long failing = instances.values().stream().filter(i -> i.consecutiveFailures > 0).count();
        Map<String, String> details = new LinkedHashMap<>();
        totals().forEach((k, v) -> details.put(k, Long.toString(v)));
        details.put("failingSymbols", Long.toString(failing));
        details.put("quarantined", quarantined.toString());
        if (!quarantined.isEmpty()) {
            return Health.of(name(), HealthStatus.DEGRADED, details, "strategy quarantined on " + quarantined);
        }
        return failing == 0 ? Health.healthy(name(), details)
                : Health.of(name(), HealthStatus.DEGRADED, details, failing + " symbol(s) with a failing strategy");
    }
}

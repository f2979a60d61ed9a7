package io.tradehost.app.reload;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradehost.api.event.Event;
import io.tradehost.api.host.PortfolioView;
import io.tradehost.api.market.Mark;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.ClearingRule;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.time.Clock;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Symbol;
import io.tradehost.app.config.ConfigDiff;
import io.tradehost.app.config.ConfigTrees;
import io.tradehost.app.config.DriftRules;
import io.tradehost.app.config.Exposure;
import io.tradehost.app.config.HostConfig;
import io.tradehost.app.config.Severity;
import io.tradehost.app.plugins.IsolationPolicy;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.app.wiring.CoordinatorSettings;
import io.tradehost.coordinator.execution.ExecutionCoordinator;
import io.tradehost.coordinator.execution.GuardChain;
import io.tradehost.coordinator.runtime.RuntimeCoordinator;
import io.tradehost.coordinator.runtime.operator.OperatorConsole;
import io.tradehost.coordinator.runtime.state.TradingStateMachine;
import io.tradehost.coordinator.runtime.venue.VenueBootstrap;
import io.tradehost.coordinator.strategy.StrategyCoordinator;
import io.tradehost.coordinator.telemetry.MarkBook;
import io.tradehost.coordinator.telemetry.TelemetryCoordinator;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration a running host trades on, and how it changes: safe and high changes are
 * hot-applied to the coordinators between two events (guards, runtime guards and strategies keep
 * their instances, and what they learnt, unless their own block changed; mark windows keep their
 * prices; orders and books are untouched). What is open, measured for the drift rules, and the
 * {@code config_drift} reason, cleared when the exposure is back within the new limits. Kernel
 * thread only.
 */
public final class LiveConfig {
    private static final Logger LOG = LoggerFactory.getLogger(LiveConfig.class);
    private static final long DAY_NANOS = Duration.ofDays(1).toNanos();

    private final StrategyCoordinator strategy;
    private final ExecutionCoordinator execution;
    private final RuntimeCoordinator runtime;
    private final TelemetryCoordinator telemetry;
    private final TradingStateMachine state;
    private final PluginCatalog plugins;
    private final IsolationPolicy isolation;
    private final PortfolioView portfolio;
    private final MarkBook marks;
    private final VenueBootstrap venues;
    private final OperatorConsole operator;
    private final Clock clock;
    private final long seed;
    private HostConfig running;
    /** The running configuration's values by key, made when first needed after a change. */
    private Map<String, JsonNode> values;
    private Set<String> driftKeys = Set.of();
    private long day = Long.MIN_VALUE;
    private Money dayStartEquity;

    public LiveConfig(HostConfig running, StrategyCoordinator strategy, ExecutionCoordinator execution,
                      RuntimeCoordinator runtime, TelemetryCoordinator telemetry, TradingStateMachine state,
                      PluginCatalog plugins, IsolationPolicy isolation, PortfolioView portfolio, MarkBook marks,
                      VenueBootstrap venues, OperatorConsole operator, Clock clock, long seed) {
        this.operator = operator;
        this.running = running;
        this.strategy = strategy;
        this.execution = execution;
        this.runtime = runtime;
        this.telemetry = telemetry;
        this.state = state;
        this.plugins = plugins;
        this.isolation = isolation;
        this.portfolio = portfolio;
        this.marks = marks;
        this.venues = venues;
        this.clock = clock;
        this.seed = seed;
    }

    /** The configuration in effect. */
    public HostConfig running() {
        return running;
    }

    /**
     * Applies the safe and high changes of {@code next} (the caller has ruled out critical ones).
     * Plugins are created before anything is switched where a plugin kind allows it.
     *
     * @throws io.tradehost.api.config.ConfigException if a plugin refuses its new block
     * @throws io.tradehost.api.host.StartupException if a plugin's factory fails or does not return in time
     */
    public void apply(HostConfig next, List<DriftRules.Classified> changes) {
        Set<String> keys = new LinkedHashSet<>();
        changes.stream().filter(c -> c.severity() == Severity.SAFE || c.severity() == Severity.HIGH)
                .forEach(c -> keys.add(c.change().key()));
        if (keys.contains("host.symbols")) {
            trade(next.symbols());
        }
        GuardChain chain = execution.guards();
        if (touches(keys, "guards.")) {
            chain = chain.rebuild(plugins.guards(), next.guardOrder(), next::guardConfig,
                    blocks(keys, "guards.config."), isolation);
        }
        if (touches(keys, "strategy.")) {
            Set<Symbol> replaced = strategy.reconfigure(CoordinatorSettings.strategy(next),
                    blocks(keys, "strategy.config."));
            if (!replaced.isEmpty()) {
                LOG.info("config: new strategy instances for {} (their strategy or its parameters changed)", replaced);
            }
        }
        if (touches(keys, "runtime_guards.")) {
            runtime.guards().reconfigure(plugins.runtimeGuards(), next.runtimeGuardOrder(), next::runtimeGuardConfig,
                    blocks(keys, "runtime_guards.config."), isolation);
        }
        if (touches(keys, "guards.") || touches(keys, "execution.")) {
            execution.reconfigure(CoordinatorSettings.execution(next, seed), chain);
        }
        if (touches(keys, "telemetry.")) {
            telemetry.reconfigure(CoordinatorSettings.telemetry(next));
        }
        if (keys.contains("runtime.reduce_only")) {
            hold(next.reduceOnly(), ReasonCode.CONFIG_REDUCE_ONLY, TradingState.REDUCE_ONLY, "runtime.reduce_only");
        }
        if (keys.contains("runtime.halted")) {
            hold(next.halted(), ReasonCode.CONFIG_HALTED, TradingState.HALTED, "runtime.halted");
        }
        running = next;
        values = null;
    }

    /**
     * Trades the symbols of {@code all} not traded yet: a strategy instance each (harmless until
     * marks arrive), then the venue's products, the market data and the operator's close.
     */
    private void trade(List<Symbol> all) {
        List<Symbol> added = all.stream().filter(s -> !venues.symbols().contains(s)).toList();
        if (added.isEmpty()) {
            return;
        }
        strategy.addSymbols(added);
        venues.addSymbols(added);
        telemetry.follow(venues.symbols());
        operator.addSymbols(added);
        LOG.info("config: now trading {} too", added);
    }

    /** Raises {@code config_drift} (reduce-only) for the keys that tightened a limit below what is open. */
    public void drifted(List<DriftRules.Classified> high) {
        Set<String> keys = new TreeSet<>(driftKeys);
        high.forEach(c -> keys.add(c.change().key()));
        driftKeys = Set.copyOf(keys);
        Map<String, String> metadata = new LinkedHashMap<>();
        high.forEach(c -> metadata.put(c.change().key(), c.change().shownBefore() + " -> " + c.change().shownAfter()));
        String message = "configuration tightened " + String.join(", ", keys) + " below what is open; reduce-only"
                + " until the exposure is back within the new limits or an operator clears config_drift";
        if (!state.raise(new StateReason(ReasonCode.CONFIG_DRIFT, ReasonSource.DRIFT, TradingState.REDUCE_ONLY,
                message, metadata, clock.nanos(), null, ClearingRule.LIMITS_MET))) {
            LOG.warn("config_drift stays active, now for {}", keys);
        }
    }

    /** What is open now, for the drift rules. */
    public Exposure exposure() {
        Money equity = portfolio.equity();
        Set<String> held = new TreeSet<>();
        BigDecimal largestSymbol = BigDecimal.ZERO;
        BigDecimal largestOrder = BigDecimal.ZERO;
        BigDecimal maxLeverage = BigDecimal.ONE;
        for (Symbol symbol : venues.symbols()) {
            maxLeverage = maxLeverage.max(venues.product(symbol).maxLeverage().toBigDecimal());
        }
        for (Position p : portfolio.positions()) {
            if (p.quantity().isZero()) {
                continue;
            }
            held.add(p.symbol().value());
            Mark mark = marks.lastMark(p.symbol());
            if (mark != null && equity.isPositive()) {
                BigDecimal notional = p.quantity().abs().toBigDecimal().multiply(mark.price().toBigDecimal());
                largestSymbol = largestSymbol.max(notional.divide(equity.toBigDecimal(), MathContext.DECIMAL64));
            }
        }
        for (OrderRequest order : execution.openRequests()) {
            held.add(order.symbol().value());
            Mark mark = marks.lastMark(order.symbol());
            BigDecimal price = order.limitPrice() != null ? order.limitPrice().toBigDecimal()
                    : mark == null ? null : mark.price().toBigDecimal();
            if (price != null) {
                largestOrder = largestOrder.max(order.quantity().toBigDecimal().multiply(price));
            }
        }
        BigDecimal leverage = equity.isPositive() ? portfolio.grossExposure().toBigDecimal()
                .divide(equity.toBigDecimal(), MathContext.DECIMAL64) : null;
        BigDecimal loss = dayStartEquity == null ? BigDecimal.ZERO
                : dayStartEquity.toBigDecimal().subtract(equity.toBigDecimal()).max(BigDecimal.ZERO);
        return new Exposure(leverage, equity.isPositive() ? largestSymbol : null, largestOrder, loss, held,
                maxLeverage);
    }

    /**
     * Hears what moves the exposure (marks, positions, orders ending): keeps the start-of-day
     * equity for the daily-loss rule and, while {@code config_drift} is active, clears it once the
     * drifted limits hold again.
     */
    public void onExposureMoved(Event event) {
        long today = Math.floorDiv(clock.nanos(), DAY_NANOS);
        if (today != day) {
            day = today;
            dayStartEquity = portfolio.equity();
        }
        if (driftKeys.isEmpty()) {
            return;
        }
        if (!isActive(ReasonCode.CONFIG_DRIFT)) {
            driftKeys = Set.of(); // an operator cleared it
            return;
        }
        if (withinLimits()) {
            LOG.info("config_drift: exposure is back within the new limits of {}", driftKeys);
            driftKeys = Set.of();
            state.clear(ReasonCode.CONFIG_DRIFT, "exposure back within the new limits");
        }
    }

    /** Whether every drifted limit holds against what is open now. */
    boolean withinLimits() {
        if (values == null) {
            values = ConfigDiff.flat(ConfigTrees.of(running));
        }
        List<ConfigDiff.Change> now = driftKeys.stream()
                .map(k -> new ConfigDiff.Change(k, values.get(k), values.get(k))).toList();
        return DriftRules.classify(now, exposure()).stream().noneMatch(c -> c.severity() == Severity.HIGH);
    }

    /** The keys {@code config_drift} is active for; empty when it is not. */
    public Set<String> driftKeys() {
        return driftKeys;
    }

    private boolean isActive(ReasonCode code) {
        return state.reasons().stream().anyMatch(r -> r.code().equals(code));
    }

    private void hold(boolean on, ReasonCode code, TradingState effect, String key) {
        if (on) {
            state.raise(new StateReason(code, ReasonSource.CONFIG, effect, "configuration sets " + key, Map.of(),
                    clock.nanos()));
        } else {
            state.clear(code, "configuration reload (" + key + " = false)");
        }
    }

    private static boolean touches(Set<String> keys, String prefix) {
        return keys.stream().anyMatch(k -> k.startsWith(prefix));
    }

    /** The plugin names whose block under {@code prefix} has a changed key. */
    private static Set<String> blocks(Set<String> keys, String prefix) {
        Set<String> names = new LinkedHashSet<>();
        for (String key : keys) {
            if (key.startsWith(prefix)) {
                String rest = key.substring(prefix.length());
                int dot = rest.indexOf('.');
                names.add((dot < 0 ? rest : rest.substring(0, dot)).replace("\"", ""));
            }
        }
        return names;
    }
}

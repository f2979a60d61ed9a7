package io.tradehost.plugins.guards;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.guard.RuntimeGuard;
import io.tradehost.api.guard.RuntimeGuardContext;
import io.tradehost.api.guard.RuntimeGuardFactory;
import io.tradehost.api.market.Mark;
import io.tradehost.api.state.ClearingRule;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Symbol;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
/**
 * Samples each symbol's mark every check and computes the annualised standard deviation of the
 * last {@code window} log returns. At or above {@code warn} it logs; at or above {@code reduce_only}
 * it holds the symbol in REDUCE_ONLY, at or above {@code halt} it halts it
 * ({@code volatility.<SYMBOL>}); the reason clears once volatility is back below
 * {@code reduce_only} and {@code cooldown} has passed since the last trigger. Not thread-safe.
 */
public final class VolatilityBreaker implements RuntimeGuard {
    private static final System.Logger LOG = System.getLogger(VolatilityBreaker.class.getName());
    private static final double SECONDS_PER_YEAR = 365.0 * 24 * 3600;

    private final int window;
    private final double warn;
    private final double reduceOnly;
    private final double halt;
    private final Duration cooldown;
    private final Duration interval;
    private final RuntimeGuardContext context;
    private final Map<Symbol, ArrayDeque<Double>> samples = new HashMap<>();
    private final Map<Symbol, Long> triggeredAt = new HashMap<>();
    private final Map<Symbol, TradingState> raised = new HashMap<>();
    private final Set<Symbol> warned = new HashSet<>();

    public VolatilityBreaker(int window, double warn, double reduceOnly, double halt, Duration cooldown,
                             Duration interval, RuntimeGuardContext context) {
        this.window = window;
        this.warn = warn;
        this.reduceOnly = reduceOnly;
        this.halt = halt;
        this.cooldown = cooldown;
        this.interval = interval;
        this.context = context;
    }

    /** Code of the reason raised for {@code symbol}. */
    public static ReasonCode code(Symbol symbol) {
        return ReasonCode.of("volatility").forSymbol(symbol);
    }

    @Override
    public Duration interval() {
        return interval;
    }

    /** Whether {@code symbol} is past the warning level now (logged once, when it crossed). */
    public boolean isWarning(Symbol symbol) {
        return warned.contains(symbol);
    }

    @Override
    public void evaluate() {
        for (Symbol symbol : context.symbols()) {
            Mark mark = context.market().lastMark(symbol);
            if (mark == null) {
                continue;
            }
            ArrayDeque<Double> prices = samples.computeIfAbsent(symbol, s -> new ArrayDeque<>());
            prices.addLast(mark.price().toDouble());
            if (prices.size() > window + 1) {
                prices.removeFirst();
            }
            if (prices.size() == window + 1) {
                judge(symbol, annualised(prices));
            }
        }
    }

    private double annualised(ArrayDeque<Double> prices) {
        double[] returns = new double[window];
        Double previous = null;
        int i = 0;
        for (double p : prices) {
            if (previous != null) {
                returns[i++] = Math.log(p / previous);
            }
            previous = p;
        }
        double mean = 0;
        for (double r : returns) {
            mean += r;
        }
        mean /= window;
        double variance = 0;
        for (double r : returns) {
            variance += (r - mean) * (r - mean);
        }
        variance /= window - 1;
        return Math.sqrt(variance) * Math.sqrt(SECONDS_PER_YEAR / (interval.toMillis() / 1000.0));
    }

    private void judge(Symbol symbol, double volatility) {
        long now = context.clock().nanos();
        ReasonCode code = code(symbol);
        if (!context.isActive(code)) {
            raised.remove(symbol);
        }
        TradingState wanted = volatility >= halt ? TradingState.HALTED
                : volatility >= reduceOnly ? TradingState.REDUCE_ONLY : TradingState.ACTIVE;
        TradingState current = raised.get(symbol);
        if (wanted != TradingState.ACTIVE) {
            triggeredAt.put(symbol, now);
            if (current == null || wanted.compareTo(current) > 0) {
                if (current != null) {
                    context.clear(code);
                }
                context.raise(reason(symbol, wanted, volatility, now));
                raised.put(symbol, wanted);
            }
        } else if (current != null && now - triggeredAt.get(symbol) >= cooldown.toNanos()) {
            context.clear(code);
            raised.remove(symbol);
        }
        if (volatility >= warn && wanted == TradingState.ACTIVE) {
            if (warned.add(symbol)) {
                LOG.log(System.Logger.Level.WARNING, "{0} annualised volatility {1} is above the warning level {2}",
                        symbol, String.format("%.3f", volatility), warn);
            }
        } else {
            warned.remove(symbol);
        }
    }

    private StateReason reason(Symbol symbol, TradingState effect, double volatility, long now) {
        boolean halting = effect == TradingState.HALTED;
        return new StateReason(code(symbol), ReasonSource.VOLATILITY, effect,
                String.format("%s annualised volatility %.3f >= %s level %.3f", symbol, volatility,
                        halting ? "halt" : "reduce-only", halting ? halt : reduceOnly),
                Map.of("volatility", String.format("%.4f", volatility)), now, symbol, ClearingRule.COOLDOWN);
    }

    /**
     * {@code volatility}: keys {@code window} (20), {@code warn} (0.15), {@code reduce_only} (0.20),
     * {@code halt} (0.25), {@code cooldown} ("30m"), {@code check_interval} ("60s").
     */
    public static final class Factory implements RuntimeGuardFactory {
        public Factory() {
            // stateless
        }

        @Override
        public String name() {
            return "volatility";
        }

        @Override
        public String description() {
            return "annualised stdev of returns per symbol: warn, then REDUCE_ONLY, then HALTED on that symbol; "
                    + "clears below reduce_only after the cooldown";
        }

        @Override
        public List<String> keys() {
            return List.of("window=20", "warn=0.15", "reduce_only=0.20", "halt=0.25", "cooldown=30m",
                    "check_interval=60s");
        }

        @Override
        public RuntimeGuard create(PluginConfig config, RuntimeGuardContext context) {
            int window = (int) config.integer("window", 20, 2, 10_000);
            double warn = config.ratio("warn", "0.15", "0", "1000").toDouble();
            double reduce = config.ratio("reduce_only", "0.20", "0", "1000").toDouble();
            double halt = config.ratio("halt", "0.25", "0", "1000").toDouble();
            if (!(warn <= reduce && reduce <= halt)) {
                throw new ConfigException(config.path(),
                        "levels must rise: warn <= reduce_only <= halt (" + warn + ", " + reduce + ", " + halt + ")");
            }
            return new VolatilityBreaker(window, warn, reduce, halt,
                    config.duration("cooldown", Duration.ofMinutes(30), Duration.ZERO, Duration.ofDays(1)),
                    config.duration("check_interval", Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofHours(1)),
                    context);
        }
    }
}

package io.tradehost.plugins.guards;

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
import java.util.HashSet;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
/**
 * Watches each symbol's last mark: older than {@code warn_after} logs a warning; older than
 * {@code halt_after} halts that symbol ({@code mark_staleness.<SYMBOL>}, HALTED on the symbol);
 * fresh again clears it. A symbol that never had a mark counts from the guard's first check. Not
 * thread-safe.
 */
public final class MarkStalenessGuard implements RuntimeGuard {
    private static final System.Logger LOG = System.getLogger(MarkStalenessGuard.class.getName());

    private final Duration warnAfter;
    private final Duration haltAfter;
    private final Duration interval;
    private final RuntimeGuardContext context;
    private final Set<Symbol> warned = new HashSet<>();
    /** Each symbol's code, built once: the check runs every second per symbol and codes are validated. */
    private final Map<Symbol, ReasonCode> codes = new HashMap<>();
    private long firstCheck = Long.MIN_VALUE;
    /** The instant of the last check: what its verdict, and the instant it holds until, are reckoned from. */
    private long lastCheck;

    public MarkStalenessGuard(Duration warnAfter, Duration haltAfter, Duration interval, RuntimeGuardContext context) {
        this.warnAfter = warnAfter;
        this.haltAfter = haltAfter;
        this.interval = interval;
        this.context = context;
    }

    /** Code of the reason raised for {@code symbol}. */
    public static ReasonCode code(Symbol symbol) {
        return ReasonCode.of("mark_staleness").forSymbol(symbol);
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
        long now = context.clock().nanos();
        if (firstCheck == Long.MIN_VALUE) {
            firstCheck = now;
        }
        lastCheck = now;
        for (Symbol symbol : context.symbols()) {
            Mark mark = context.market().lastMark(symbol);
            long age = now - (mark == null ? firstCheck : mark.timestampNanos());
            ReasonCode code = codes.computeIfAbsent(symbol, MarkStalenessGuard::code);
            if (age > haltAfter.toNanos()) {
                context.raise(new StateReason(code, ReasonSource.STALENESS, TradingState.HALTED,
                        symbol + " has no mark for " + age / 1_000_000_000L + " s (halt after " + haltAfter.toSeconds()
                                + " s)", Map.of("ageSeconds", Long.toString(age / 1_000_000_000L)), now, symbol,
                        ClearingRule.MARKS_FRESH));
            } else if (age > warnAfter.toNanos()) {
                if (warned.add(symbol)) {
                    LOG.log(System.Logger.Level.WARNING, "{0} has no mark for {1} s (warn after {2} s)", symbol,
                            age / 1_000_000_000L, warnAfter.toSeconds());
                }
            } else {
                warned.remove(symbol);
                if (context.isActive(code)) {
                    context.clear(code);
                }
            }
        }
    }

    /**
     * The first instant a symbol's mark, with no new one, crosses its next level: past {@code warn_after}
     * for a fresh one, past {@code halt_after} for a warned one; a halted one changes only with a mark
     * (an event). Reckoned from the last check's instant, not the clock's now: a level crossed in between
     * would otherwise be neither raised nor waited for. Before the first check: every tick.
     */
    @Override
    public long sameVerdictUntilNanos() {
        if (firstCheck == Long.MIN_VALUE) {
            return EVERY_TICK;
        }
        long now = lastCheck;
        long until = UNTIL_AN_EVENT;
        for (Symbol symbol : context.symbols()) {
            Mark mark = context.market().lastMark(symbol);
            long since = mark == null ? firstCheck : mark.timestampNanos();
            long age = now - since;
            if (age <= haltAfter.toNanos()) {
                long level = age <= warnAfter.toNanos() ? warnAfter.toNanos() : haltAfter.toNanos();
                until = Math.min(until, since + level + 1); // the check's own test: age > level
            }
        }
        return until;
    }

    /** {@code mark-staleness}: keys {@code warn_after} ("180s"), {@code halt_after} ("360s"), {@code check_interval} ("1s"). */
    public static final class Factory implements RuntimeGuardFactory {
        public Factory() {
            // stateless
        }

        @Override
        public String name() {
            return "mark-staleness";
        }

        @Override
        public String description() {
            return "a symbol without a mark for warn_after logs; for halt_after halts that symbol; clears when fresh";
        }

        @Override
        public List<String> keys() {
            return List.of("warn_after=180s", "halt_after=360s", "check_interval=1s");
        }

        @Override
        public RuntimeGuard create(PluginConfig config, RuntimeGuardContext context) {
            Duration warn = config.duration("warn_after", Duration.ofSeconds(180), Duration.ofMillis(1), Duration.ofDays(1));
            Duration halt = config.duration("halt_after", Duration.ofSeconds(360), warn, Duration.ofDays(1));
            return new MarkStalenessGuard(warn, halt, config.duration("check_interval", Duration.ofSeconds(1),
                    Duration.ofMillis(10), Duration.ofHours(1)), context);
        }
    }
}

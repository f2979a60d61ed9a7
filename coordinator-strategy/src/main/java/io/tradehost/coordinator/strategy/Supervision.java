package io.tradehost.coordinator.strategy;

import io.tradehost.api.event.StrategyFailed;
import io.tradehost.api.event.StrategyQuarantined;
import io.tradehost.api.host.EventBus;
import io.tradehost.api.host.PluginCalls;
import io.tradehost.api.host.PluginCalls.Outcome;
import io.tradehost.api.host.Throwables;
import io.tradehost.api.value.Symbol;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches strategy calls for both forms of strategy: counts failures and overruns per instance, logs
 * them, publishes {@link StrategyFailed}, and quarantines the symbols of an instance that fails or
 * overruns too often in a row ({@link StrategyQuarantined}: the runtime holds them in reduce-only).
 * Kernel thread only.
 */
final class Supervision {
    private static final Logger LOG = LoggerFactory.getLogger(Supervision.class);

    /** One supervised instance: its strategy's name, the symbols it trades, its calls and its runs of trouble. */
    static final class Watched {
        final String name;
        final List<Symbol> symbols;
        final PluginCalls calls;
        int consecutiveFailures;
        int consecutiveOverruns;
        /** Failures in all, to tell whether one happened during a call. */
        long failed;
        boolean quarantined;

        Watched(String name, List<Symbol> symbols, PluginCalls calls) {
            this.name = name;
            this.symbols = List.copyOf(symbols);
            this.calls = calls;
        }

        String where() {
            return symbols.size() == 1 ? symbols.getFirst().value() : symbols.toString();
        }
    }

    private final Supplier<StrategySettings> settings;
    private final EventBus bus;
    private final Set<Symbol> quarantined = new LinkedHashSet<>();
    long failures;
    long slow;
    long late;
    long busy;

    Supervision(Supplier<StrategySettings> settings, EventBus bus) {
        this.settings = settings;
        this.bus = bus;
    }

    /**
     * How a kind of call is named in messages.
     *
     * @param prefix put before what a call threw, e.g. {@code "onBar: "}
     * @param verb what the call does, e.g. {@code decide}
     * @param noun what it produces, e.g. {@code decision}
     * @param skipped what a busy instance costs, e.g. {@code cycle skipped}
     */
    record Call(String prefix, String verb, String noun, String skipped) {
        static final Call DECIDE = new Call("", "decide", "decision", "cycle skipped");

        static Call callback(String name) {
            return new Call(name + ": ", "return from " + name, name + " callback", "event discarded");
        }
    }

    /**
     * The outcome if the call returned, or null after recording why there is none (it threw, ran late,
     * or the instance is still busy with a late call). A returned value still has to be checked by the
     * caller, who then calls {@link #succeeded} or {@link #fail}.
     */
    <T> Outcome.Returned<T> settle(Watched w, Outcome<T> outcome, Call call) {
        switch (outcome) {
            case Outcome.Returned<T> r -> {
                return r;
            }
            case Outcome.Threw<T> t -> fail(w, call.prefix() + Throwables.describe(t.error()));
            case Outcome.Late<T> l -> {
                late++;
                overran(w, "did not " + call.verb() + " within its budget of " + millis(w.calls.budget()) + "; the "
                        + call.noun() + " is discarded when it comes");
            }
            case Outcome.Busy<T> b -> {
                busy++;
                // the late call may be another kind than this one (a timer still running when a quote came)
                overran(w, "is still busy with a late call (" + b.runningNanos() / 1_000_000 + " ms); this "
                        + call.noun() + ": " + call.skipped());
            }
        }
        return null;
    }

    /** A call returned a sound result after {@code nanos}: resets the failure run, times an inline call. */
    void succeeded(Watched w, long nanos) {
        w.consecutiveFailures = 0;
        if (w.calls.isolated()) {
            w.consecutiveOverruns = 0;
            return;
        }
        Duration budget = settings.get().decisionBudget();
        if (nanos <= budget.toNanos()) {
            w.consecutiveOverruns = 0;
            return;
        }
        slow++;
        int count = ++w.consecutiveOverruns;
        LOG.debug("strategy '{}' took {} us for {} (budget {} us)", w.name, nanos / 1_000, w.where(),
                budget.toNanos() / 1_000);
        if (count >= settings.get().quarantineAfterSlow()) {
            quarantine(w, "took longer than its budget of " + millis(budget) + " " + count + " times in a row, last "
                    + nanos / 1_000 + " us");
        }
    }

    /** The instance failed: logged (quietly once quarantined), counted, published; quarantined after too many. */
    void fail(Watched w, String error) {
        failures++;
        w.failed++;
        int count = ++w.consecutiveFailures;
        if (quarantined.containsAll(w.symbols)) {
            LOG.debug("quarantined strategy '{}' failed again for {}: {}", w.name, w.where(), error);
        } else {
            LOG.warn("strategy '{}' failed for {} ({} in a row); skipped this cycle: {}", w.name, w.where(), count,
                    error);
        }
        for (Symbol symbol : w.symbols) {
            bus.publish(new StrategyFailed(symbol, w.name, error, count));
        }
        if (count >= settings.get().quarantineAfterFailures()) {
            quarantine(w, "failed " + count + " times in a row, last: " + error);
        }
    }

    private void overran(Watched w, String what) {
        int count = ++w.consecutiveOverruns;
        if (count == 1 && !quarantined.containsAll(w.symbols)) {
            LOG.warn("strategy '{}' for {} {}", w.name, w.where(), what);
        }
        if (count >= settings.get().quarantineAfterSlow()) {
            quarantine(w, "overran its budget of " + millis(w.calls.budget()) + " " + count + " times in a row: it "
                    + what);
        }
    }

    private void quarantine(Watched w, String reason) {
        w.quarantined = true;
        for (Symbol symbol : w.symbols) {
            if (quarantined.add(symbol)) {
                LOG.warn("strategy '{}' quarantined on {}: it {}; the symbol may only reduce until an operator "
                        + "clears it", w.name, symbol, reason);
                bus.publish(new StrategyQuarantined(symbol, w.name, reason));
            }
        }
    }

    static String millis(Duration d) {
        return d.toNanos() % 1_000_000 == 0 ? d.toMillis() + " ms" : d.toNanos() / 1_000 + " us";
    }

    Set<Symbol> quarantined() {
        return Set.copyOf(quarantined);
    }
}

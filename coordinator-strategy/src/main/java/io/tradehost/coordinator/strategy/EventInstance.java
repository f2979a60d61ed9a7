package io.tradehost.coordinator.strategy;

import io.tradehost.api.host.PluginCalls.Outcome;
import io.tradehost.api.market.BarInterval;
import io.tradehost.api.strategy.event.EventStrategy;
import io.tradehost.api.strategy.event.StrategyHost;
import io.tradehost.api.time.ScheduledTask;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.market.Quote;
import io.tradehost.api.value.Symbol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One instance of an event-driven strategy: the symbols it trades, what it subscribed to, its open
 * orders and timers, and its {@link StrategyHost} ({@link InstanceHost}). Every callback goes through
 * {@link #deliver}: called through the instance's plugin calls, watched by {@link Supervision}, and
 * what the callback asked for (orders, cancels, timers, subscriptions) is collected in a {@link Batch}
 * and carried out on the kernel thread once it returned normally; a callback that threw or ran late
 * has its batch dropped. State is written on the kernel thread only.
 */
final class EventInstance {
    /**
     * What one callback asked for, in order; dropped if the callback failed. The strategy's thread adds
     * to it while the callback runs; the kernel thread closes it when the call returned or was given up,
     * after which nothing more is added (a late worker's adds fail), so the kernel reads it alone.
     */
    static final class Batch {
        // made on the first command: most callbacks give none, and this runs for every event
        private List<Op> ops;
        private List<Handle> submitted;
        private boolean closed;
        /** Why the callback gave too many commands, or null: it fails even if it caught the refusal. */
        private String overflow;

        synchronized void add(String what, String strategy, Op op) {
            if (closed) {
                throw new IllegalStateException(what + " only from inside a callback of strategy '" + strategy
                        + "'");
            }
            if (ops == null) {
                ops = new ArrayList<>();
                submitted = new ArrayList<>();
            }
            if (ops.size() >= MAX_COMMANDS) {
                overflow = "more than " + MAX_COMMANDS + " commands in one callback of strategy '" + strategy
                        + "'; none of them is carried out";
                throw new IllegalStateException(overflow);
            }
            ops.add(op);
            if (op instanceof Op.Submit s) {
                submitted.add(s.handle());
            } else if (op instanceof Op.SubmitList s) {
                submitted.addAll(s.list().members());
            }
        }

        synchronized void close() {
            closed = true;
        }

        /** Empties a closed batch for the next callback; only where no late call can still add to it. */
        synchronized Batch reopen() {
            ops = null;
            submitted = null;
            overflow = null;
            closed = false;
            return this;
        }

        synchronized String overflow() {
            return overflow;
        }

        synchronized List<Handle> submitted() {
            return submitted == null ? List.of() : List.copyOf(submitted);
        }

        /** The requests, once closed. */
        List<Op> ops() {
            synchronized (this) {
                if (!closed) {
                    throw new IllegalStateException("a batch is read once closed");
                }
                return ops == null ? List.of() : ops;
            }
        }
    }

    /** One request of a callback. */
    sealed interface Op {
        record Submit(Handle handle) implements Op {
        }

        record SubmitList(ListState list) implements Op {
        }

        record Cancel(Handle handle) implements Op {
        }

        record CancelAll(Symbol symbol) implements Op {
        }

        record Modify(Handle handle, Price price, Quantity quantity) implements Op {
        }

        record SetTimer(String name, Duration delay, boolean repeating) implements Op {
        }

        record CancelTimer(String name) implements Op {
        }

        record Subscribe(String kind, Symbol symbol, BarInterval interval, int levels) implements Op {
        }
    }

    final String name;
    final EventStrategy strategy;
    final Supervision.Watched watched;
    final Set<Symbol> quotes = new LinkedHashSet<>();
    final Set<Symbol> trades = new LinkedHashSet<>();
    /** Per symbol, the levels of its book subscribed to. */
    final Map<Symbol, Integer> books = new HashMap<>();
    final Set<Symbol> funding = new LinkedHashSet<>();
    final Map<Symbol, List<BarSeries>> bars = new LinkedHashMap<>();
    final Map<String, ScheduledTask> timers = new LinkedHashMap<>();
    final Map<Long, Handle> open = new LinkedHashMap<>();
    final Map<Symbol, io.tradehost.api.state.TradingState> states = new HashMap<>();
    private final EventStrategies owner;
    private final StrategyHost host;
    private volatile Batch batch;
    /**
     * The batch inline calls reuse: an inline call has returned when it is settled, so nothing can add
     * to its batch afterwards. An isolated call's late worker could, so each of those gets a new one.
     */
    private final Batch inlineBatch = new Batch();
    /**
     * Whether {@link #inlineBatch} is the batch of a delivery still running. Callbacks a command causes
     * are deferred until the running one ends ({@link CallbackQueue}), so none nests today; one that
     * did would get a batch of its own rather than empty the running one's.
     */
    private boolean inlineBatchInUse;
    boolean started;
    /** Replaced by a reload: what reaches its orders from now on goes to its successor. */
    boolean retired;
    /** Quarantined and silenced: a later start (a reload of another strategy) leaves it so. */
    boolean suspended;
    /** Per symbol, the book last delivered, so that a change below the levels asked for is not repeated. */
    final Map<Symbol, io.tradehost.api.market.BookDepth> booksSent = new HashMap<>();
    long discarded;

    EventInstance(String name, EventStrategy strategy, Supervision.Watched watched, EventStrategies owner) {
        this.name = name;
        this.strategy = strategy;
        this.watched = watched;
        this.owner = owner;
        this.host = new InstanceHost(this, owner);
    }

    StrategyHost host() {
        return host;
    }

    List<Symbol> symbols() {
        return watched.symbols;
    }

    /** The most commands one callback may give; more fail the callback (a strategy flooding the host). */
    static final int MAX_COMMANDS = 1_000;
    /**
     * The most order commands (submits, modifies, cancels) an instance may give in one second of host
     * time, over all its callbacks: a strategy answering each refusal with a new order would otherwise
     * keep the kernel busy forever. More fail the callback.
     */
    static final int MAX_ORDER_COMMANDS_PER_SECOND = 1_000;
    /** The most timers an instance may hold at once. */
    static final int MAX_TIMERS = 1_000;

    /** Counts things in the current second of host time, up to {@link #PER_SECOND}. */
    static final class Rate {
        /** The most order commands, or timer firings, an instance gets in one second of host time. */
        static final int PER_SECOND = MAX_ORDER_COMMANDS_PER_SECOND;
        private long second = Long.MIN_VALUE;
        private int count;

        boolean admit(long nowNanos) {
            long now = Math.floorDiv(nowNanos, 1_000_000_000L);
            if (now != second) {
                second = now;
                count = 0;
            }
            return ++count <= PER_SECOND;
        }
    }

    final Rate rate = new Rate();
    /** Timer firings: a thousand 1 ms timers would otherwise keep the kernel calling the strategy and nothing else. */
    final Rate timerRate = new Rate();

    /** The quote {@link #onQuote} hands an inline strategy: set only while that call runs. */
    private Quote quoteDelivered;
    /** One callback body for every quote of an inline strategy: a quote reaches it without an allocation. */
    private final Runnable onQuote = this::quoteToStrategy;

    /**
     * {@code onQuote(quote)} as one callback. Inline, the body is made once and reads the quote from a
     * field (the call has returned when it is settled); isolated, a late worker could read the field
     * after the next quote replaced it, so each call captures its own.
     */
    void deliverQuote(Supervision.Call call, Quote quote) {
        if (watched.calls.isolated()) {
            deliver(call, () -> strategy.onQuote(quote));
            return;
        }
        Quote before = quoteDelivered;
        quoteDelivered = quote;
        try {
            deliver(call, onQuote);
        } finally {
            quoteDelivered = before;
        }
    }

    private void quoteToStrategy() {
        strategy.onQuote(quoteDelivered);
    }

    /** Calls {@code body} (one callback) through the instance's calls and carries out what it asked for. */
    void deliver(Supervision.Call call, Runnable body) {
        deliver(call, body, watched.calls.budget(), true);
    }

    /**
     * As {@link #deliver(Supervision.Call, Runnable)}, for the news that a failed callback's orders were
     * dropped: hearing it well does not end the strategy's run of failures (else a strategy failing on
     * every quote would never be quarantined).
     */
    void deliverEcho(Supervision.Call call, Runnable body) {
        deliver(call, body, watched.calls.budget(), false);
    }

    /**
     * As {@link #deliver(Supervision.Call, Runnable)} within {@code budget} ({@code onStart} gets the
     * start-up budget: the first call on a fresh worker loads the plugin's classes).
     */
    void deliver(Supervision.Call call, Runnable body, java.time.Duration budget, boolean endsFailures) {
        if (!started) {
            return;
        }
        owner.queue().entering();
        boolean reuse = !watched.calls.isolated() && !inlineBatchInUse;
        try {
            Batch b = reuse ? inlineBatch.reopen() : new Batch();
            inlineBatchInUse |= reuse;
            batch = b;
            Outcome<Boolean> outcome = watched.calls.call(() -> {
                body.run();
                return Boolean.TRUE;
            }, budget);
            batch = null;
            b.close();
            Outcome.Returned<Boolean> returned = owner.supervision().settle(watched, outcome, call);
            if (returned != null && b.overflow() != null) {
                // the strategy caught the refusal and returned: the limit holds all the same
                owner.supervision().fail(watched, call.prefix() + b.overflow());
                returned = null;
            }
            if (returned == null) {
                boolean late = !(outcome instanceof Outcome.Threw<Boolean>) && !(outcome instanceof Outcome.Returned);
                if (late) {
                    discarded++;
                }
                // a strategy still running its late call could not hear it: its handles just show it
                owner.desk().dropped(b.submitted(), "the " + call.noun() + " that submitted it failed", !late);
            } else {
                // a command the host refuses as the strategy's failure (an absurd size, a flood) fails the
                // callback: only a callback whose every command was sound ends a run of failures
                long failedBefore = watched.failed;
                owner.apply(this, b);
                if (watched.failed == failedBefore && endsFailures) {
                    owner.supervision().succeeded(watched, returned.nanos());
                }
            }
            suspendIfQuarantined();
        } finally {
            if (reuse) {
                inlineBatchInUse = false;
            }
            owner.queue().leaving();
        }
    }

    /**
     * Asks the strategy for a value ({@code saveState}) through its calls, watched like a callback; no
     * commands may be given meanwhile.
     *
     * @return the value, or null if the call failed or ran late
     */
    <T> T ask(Supervision.Call call, java.util.function.Supplier<T> body) {
        Outcome<T> outcome = watched.calls.call(body);
        Outcome.Returned<T> returned = owner.supervision().settle(watched, outcome, call);
        if (returned == null) {
            if (!(outcome instanceof Outcome.Threw<T>)) {
                discarded++;
            }
            return null;
        }
        // the host's own periodic question answered well says nothing of the strategy's callbacks: it
        // must not end their run of failures or overruns
        return returned.value();
    }

    /** A quarantined instance is suspended at once, whatever call got it quarantined. */
    void suspendIfQuarantined() {
        if (watched.quarantined && started) {
            owner.suspend(this);
        }
    }

    /** The batch of the callback running, or null between callbacks. */
    Batch batch() {
        return batch;
    }

    /** Adds a command to the batch of the callback running; outside a callback it throws. */
    void add(String what, Op op) {
        Batch b = batch;
        if (b == null) {
            throw new IllegalStateException(what + " only from inside a callback of strategy '" + name + "'");
        }
        b.add(what, name, op);
    }

    /** {@code symbol}, if the instance trades it; else it throws. */
    Symbol mine(Symbol symbol) {
        if (!watched.symbols.contains(Objects.requireNonNull(symbol, "symbol"))) {
            throw new IllegalArgumentException("strategy '" + name + "' does not trade " + symbol + " (it trades "
                    + watched.symbols + ")");
        }
        return symbol;
    }
}

package io.tradehost.coordinator.strategy;

import io.tradehost.api.event.PositionChanged;
import io.tradehost.api.host.CommandBus;
import io.tradehost.api.host.MarketView;
import io.tradehost.api.host.PortfolioView;
import io.tradehost.api.host.Throwables;
import io.tradehost.api.host.TradingStateView;
import io.tradehost.api.host.VenueAccess;
import io.tradehost.api.journal.OrderJournal;
import io.tradehost.api.market.BookDepth;
import io.tradehost.api.market.FundingRate;
import io.tradehost.api.market.Mark;
import io.tradehost.api.market.Quote;
import io.tradehost.api.market.Trade;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.strategy.event.Restored;
import io.tradehost.api.time.Clock;
import io.tradehost.api.time.ScheduledTask;
import io.tradehost.api.time.Scheduler;
import io.tradehost.api.value.Symbol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instances of event-driven strategies and what they hear: quotes, trades, book depth, funding
 * rates and bars ({@link EventBars}) of the symbols they subscribed to, their orders' events
 * ({@link HandleDesk}), position and trading-state changes, their timers. Starts and stops them (their
 * state restored by {@link Restorer} and saved by {@link StateSaver}), suspends a quarantined one,
 * and carries out what their callbacks asked for. Kernel thread only.
 */
final class EventStrategies {
    private static final Logger LOG = LoggerFactory.getLogger(EventStrategies.class);
    private static final Supervision.Call ON_START = Supervision.Call.callback("onStart");
    private static final Supervision.Call ON_QUOTE = Supervision.Call.callback("onQuote");
    private static final Supervision.Call ON_TRADE = Supervision.Call.callback("onTrade");
    private static final Supervision.Call ON_POSITION = Supervision.Call.callback("onPositionChanged");
    private static final Supervision.Call ON_STATE = Supervision.Call.callback("onTradingStateChanged");
    private static final Supervision.Call ON_TIMER = Supervision.Call.callback("onTimer");
    private static final Supervision.Call ON_STOP = Supervision.Call.callback("onStop");

    private final Supplier<StrategySettings> settings;
    private final VenueAccess venues;
    private final MarketView market;
    private final PortfolioView portfolio;
    private final TradingStateView tradingState;
    private final CommandBus commands;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Supervision supervision;
    private final LongSupplier intentSequence;
    private final HandleDesk desk;
    private final CallbackQueue queue = new CallbackQueue();
    private final List<EventInstance> instances = new ArrayList<>();
    private final Restorer restorer;
    private final EventBars bars;
    private final StateSaver saver;
    long suspended;
    private final DepthAndFunding depth = new DepthAndFunding(instances, queue);

    EventStrategies(Supplier<StrategySettings> settings, VenueAccess venues, MarketView market,
                    PortfolioView portfolio, TradingStateView tradingState, CommandBus commands, Clock clock,
                    Scheduler scheduler, Supervision supervision, LongSupplier intentSequence,
                    OrderJournal journal) {
        this.desk = new HandleDesk(this, journal != null, journal == null ? 0 : journal.lastOrderListId());
        this.restorer = new Restorer(journal, desk);
        this.settings = settings;
        this.venues = venues;
        this.market = market;
        this.portfolio = portfolio;
        this.tradingState = tradingState;
        this.commands = commands;
        this.clock = clock;
        this.scheduler = scheduler;
        this.supervision = supervision;
        this.intentSequence = intentSequence;
        this.bars = new EventBars(settings, venues, clock, scheduler);
        this.saver = new StateSaver(journal, commands, clock, scheduler, supervision);
    }

    StrategySettings settings() {
        return settings.get();
    }

    Supervision supervision() {
        return supervision;
    }

    HandleDesk desk() {
        return desk;
    }

    CallbackQueue queue() {
        return queue;
    }

    VenueAccess venues() {
        return venues;
    }

    MarketView market() {
        return market;
    }

    PortfolioView portfolio() {
        return portfolio;
    }

    TradingStateView tradingState() {
        return tradingState;
    }

    CommandBus commands() {
        return commands;
    }

    Clock clock() {
        return clock;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    long nextIntentSequence() {
        return intentSequence.getAsLong();
    }

    List<EventInstance> instances() {
        return instances;
    }

    /** The started instance of {@code retired}'s strategy that trades the symbols it traded, or null. */
    EventInstance successorOf(EventInstance retired) {
        return instances.stream().filter(i -> i != retired && !i.retired && i.name.equals(retired.name)
                && i.symbols().containsAll(retired.symbols())).findFirst().orElse(null);
    }

    void add(EventInstance instance) {
        instances.add(instance);
    }

    /**
     * A quarantined event-driven instance is suspended: a strategy that keeps failing cannot manage
     * orders, so it hears nothing more, its timers stop and its open orders are cancelled, until a
     * reload or a restart creates it afresh. The position stays the books'.
     */
    void suspend(EventInstance instance) {
        suspended++;
        instance.suspended = true;
        LOG.warn("strategy '{}' suspended for {}: it is quarantined; it hears nothing more until a reload or a "
                + "restart, and its {} open order(s) are cancelled", instance.name, instance.watched.where(),
                instance.open.size());
        quiet(instance);
        desk.cancelAll(instance, null, "strategy '" + instance.name + "' suspended");
    }

    /** The instance stops hearing anything: no more callbacks, timers, bars or saves. */
    private void quiet(EventInstance instance) {
        instance.started = false;
        instance.timers.values().forEach(ScheduledTask::cancel);
        instance.timers.clear();
        bars.stop(instance);
        saver.stop(instance);
    }

    /** Starts every instance not yet started: its symbols' trading states noted, then {@code onStart}. */
    void start() {
        bars.chooseSource();
        for (EventInstance instance : instances) {
            if (!instance.started && !instance.suspended) {
                instance.symbols().forEach(s -> instance.states.put(s, tradingState.state(s)));
                instance.started = true;
                Restored restored = restorer.restore(instance);
                instance.deliver(ON_START, () -> instance.strategy.onStart(instance.host(), restored),
                        instance.watched.calls.startupBudget(), true);
                if (instance.started) { // not suspended by what onStart did
                    saver.start(instance);
                }
            }
        }
    }

    /** Stops every instance: {@code onStop}, its timers, and (if {@code cancelOrders}) its open orders. */
    void stop(boolean cancelOrders) {
        for (EventInstance instance : instances) {
            stop(instance, cancelOrders);
        }
    }

    void stop(EventInstance instance, boolean cancelOrders) {
        if (!instance.started) {
            return;
        }
        instance.deliver(ON_STOP, instance.strategy::onStop);
        saver.saveLast(instance);
        quiet(instance);
        if (cancelOrders && !instance.open.isEmpty()) {
            LOG.info("strategy '{}' stopped: cancelling its {} open order(s)", instance.name, instance.open.size());
            desk.cancelAll(instance, null, "strategy '" + instance.name + "' stopped");
        } else {
            // the orders stay for a successor (or the next start), which re-arms their good-till times from
            // the journal: this instance's timers would cancel them under it
            desk.releaseGoodTillTimes(instance);
        }
    }

    /** Carries out what a callback asked for, in order. */
    void apply(EventInstance instance, EventInstance.Batch batch) {
        for (EventInstance.Op op : batch.ops()) {
            if (op instanceof EventInstance.Op.Submit || op instanceof EventInstance.Op.SubmitList
                    || op instanceof EventInstance.Op.Modify
                    || op instanceof EventInstance.Op.Cancel || op instanceof EventInstance.Op.CancelAll) {
                if (!instance.rate.admit(clock.nanos())) {
                    supervision.fail(instance.watched, "flooded the host with more than "
                            + EventInstance.MAX_ORDER_COMMANDS_PER_SECOND + " order commands in one second of host "
                            + "time; the rest of the callback's commands are dropped");
                    dropRest(instance, batch, "the strategy flooded the host");
                    return;
                }
            }
            try {
                carryOut(instance, op);
            } catch (Throwable e) {
                // whatever a command's values make the host's arithmetic or timers throw is the strategy's
                // failure, never the kernel's: the other instances still hear the event
                Throwables.rethrowIfFatal(e);
                supervision.fail(instance.watched, "a command failed (" + Throwables.describe(e) + "); the rest "
                        + "of the callback's commands are dropped");
                dropRest(instance, batch, "a command of its callback failed");
                return;
            }
        }
    }

    /** The orders of {@code batch} not carried out yet: never sent, told rejected. */
    private void dropRest(EventInstance instance, EventInstance.Batch batch, String why) {
        desk.dropped(batch.submitted().stream().filter(h -> (h.status() == io.tradehost.api.strategy.event
                .HandleStatus.PENDING || h.status() == io.tradehost.api.strategy.event.HandleStatus.WAITING)
                && !instance.open.containsKey(h.id())).toList(), why, true);
    }

    private void carryOut(EventInstance instance, EventInstance.Op op) {
        switch (op) {
            case EventInstance.Op.Submit s -> desk.submit(instance, s.handle());
            case EventInstance.Op.SubmitList s -> desk.lists().submit(instance, s.list());
            case EventInstance.Op.Cancel c -> desk.cancel(c.handle(), "cancelled by strategy '" + instance.name
                    + "'");
            case EventInstance.Op.CancelAll c -> desk.cancelAll(instance, c.symbol(), "cancel-all by strategy '"
                    + instance.name + "'");
            case EventInstance.Op.Modify m -> desk.modify(m.handle(), m.price(), m.quantity());
            case EventInstance.Op.SetTimer t -> setTimer(instance, t.name(), t.delay(), t.repeating());
            case EventInstance.Op.CancelTimer t -> {
                ScheduledTask task = instance.timers.remove(t.name());
                if (task != null) {
                    task.cancel();
                }
            }
            case EventInstance.Op.Subscribe s -> subscribe(instance, s);
        }
    }

    private void setTimer(EventInstance instance, String name, Duration delay, boolean repeating) {
        if (instance.timers.size() >= EventInstance.MAX_TIMERS && !instance.timers.containsKey(name)) {
            throw new IllegalStateException("strategy '" + instance.name + "' has " + EventInstance.MAX_TIMERS
                    + " timers already");
        }
        ScheduledTask previous = instance.timers.remove(name);
        if (previous != null) {
            previous.cancel();
        }
        Runnable fire = () -> {
            if (!repeating) {
                instance.timers.remove(name);
            }
            if (instance.started && !instance.timerRate.admit(clock.nanos())) {
                supervision.fail(instance.watched, "its timers fired more than " + EventInstance.Rate.PER_SECOND
                        + " times in one second of host time; timer '" + name + "' skipped");
                instance.suspendIfQuarantined();
                return;
            }
            if (instance.started) {
                instance.deliver(ON_TIMER, () -> instance.strategy.onTimer(name, clock.nanos()));
            }
        };
        instance.timers.put(name, repeating ? scheduler.scheduleAtFixedRate(delay, delay, fire)
                : scheduler.schedule(delay, fire));
    }

    private void subscribe(EventInstance instance, EventInstance.Op.Subscribe s) {
        switch (s.kind()) {
            case "quotes" -> instance.quotes.add(s.symbol());
            case "trades" -> instance.trades.add(s.symbol());
            case "book" -> depth.subscribeBook(instance, s.symbol(), s.levels());
            case "funding" -> depth.subscribeFunding(instance, s.symbol());
            default -> bars.subscribe(instance, s.symbol(), s.interval());
        }
    }

    /**
     * A validated quote and the mark taken from it: bars from mids where the venue publishes no
     * trades, then {@code onQuote} with the quote itself (immutable, shared by every instance).
     */
    void onMark(Mark mark, Quote quote) {
        desk.lists().onMark(mark);
        for (EventInstance instance : instances) {
            bars.onMark(instance, mark);
            if (instance.started && instance.quotes.contains(mark.symbol())) {
                instance.deliverQuote(ON_QUOTE, quote);
            }
        }
    }

    /** A public trade: bars where the venue publishes trades, then {@code onTrade}. */
    void onTrade(Trade trade) {
        for (EventInstance instance : instances) {
            bars.onTrade(instance, trade);
            if (instance.started && instance.trades.contains(trade.symbol())) {
                instance.deliver(ON_TRADE, () -> instance.strategy.onTrade(trade));
            }
        }
    }

    /** A venue's book depth: each instance subscribed to the symbol hears its top levels. */
    void onBook(BookDepth book) {
        depth.onBook(book);
    }

    /** The venue's market data of a symbol went stale: its last book is no longer handed out. */
    void onMarketDataStale(io.tradehost.api.value.Symbol symbol) {
        depth.onStale(symbol);
    }

    /** A perpetual's funding rate: each instance subscribed to the symbol hears it. */
    void onFundingRate(FundingRate funding) {
        depth.onFundingRate(funding);
    }

    /** A booked fill: every instance trading the symbol hears the position (its order heard the fill before). */
    void onPositionChanged(PositionChanged changed) {
        for (EventInstance instance : instances) {
            if (instance.started && instance.symbols().contains(changed.position().symbol())) {
                instance.deliver(ON_POSITION, () -> instance.strategy.onPositionChanged(changed.position()));
            }
        }
    }

    /** The trading state may have changed: each instance hears the symbols whose state did. */
    void onTradingStateMoved() {
        for (EventInstance instance : instances) {
            if (!instance.started) {
                continue;
            }
            for (Symbol symbol : instance.symbols()) {
                TradingState now = tradingState.state(symbol);
                if (instance.states.put(symbol, now) != now) {
                    instance.deliver(ON_STATE, () -> instance.strategy.onTradingStateChanged(symbol, now));
                }
            }
        }
    }

    long late() {
        return instances.stream().mapToLong(i -> i.watched.calls.lateAnswersDiscarded()).sum();
    }

    long discarded() {
        return instances.stream().mapToLong(i -> i.discarded).sum();
    }

    long barsDelivered() {
        return bars.delivered;
    }

    long lateBarData() {
        return instances.stream().flatMap(i -> i.bars.values().stream()).flatMap(List::stream)
                .mapToLong(s -> s.late).sum();
    }
}

package io.tradehost.api.strategy.event;

import io.tradehost.api.market.Bar;
import io.tradehost.api.market.BookDepth;
import io.tradehost.api.market.FundingRate;
import io.tradehost.api.market.Quote;
import io.tradehost.api.market.Trade;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Symbol;

/**
 * A strategy driven by events: it subscribes to the data it wants in {@link #onStart}, trades through
 * the {@link StrategyHost} by {@link OrderHandle}, and hears what happens to its orders. One instance
 * trades every symbol assigned to its name (a pair, a basket, or each symbol of a market maker).
 *
 * <p>Threading: the host calls an instance from one thread at a time, in the order the events
 * happened: the kernel thread for built-ins, a worker of the instance's own with a budget per call
 * for drop-ins. Every callback is contained: one that throws is counted and logged, one that
 * outlasts its budget is abandoned (its commands dropped) and the events that arrive while it still
 * runs are discarded and counted; too many in a row quarantine the instance's symbols to reduce-only.
 * A callback must not block, sleep or read the wall clock; use {@link StrategyHost#nowNanos()}.
 *
 * <p>Values passed to a callback are immutable, but are only promised valid during the call: keep
 * what you need from them, not the objects, so that the host may reuse them. Every method has an
 * empty default, so implement only what the strategy needs.
 */
public interface EventStrategy {
    /**
     * The host is ready: subscribe here. Called once, after reconciliation with the venue, before any
     * other callback.
     *
     * @param host the instance's way to the host; valid until {@link #onStop}, also outside callbacks
     *     for reading (on the same thread the host calls the instance from)
     * @param restored the instance's open orders and saved state from before a restart (empty on a
     *     first start)
     */
    default void onStart(StrategyHost host, Restored restored) {
    }

    /** A validated top of book of a subscribed symbol (after the mark it produced was taken). */
    default void onQuote(Quote quote) {
    }

    /** A trade on the public tape of a subscribed symbol. */
    default void onTrade(Trade trade) {
    }

    /** A subscribed bar closed. */
    default void onBar(Bar bar) {
    }

    /**
     * The subscribed top levels of a symbol's order book changed (cut to the levels asked for in
     * {@link StrategyHost#subscribeBook}).
     */
    default void onBook(BookDepth book) {
    }

    /** A subscribed perpetual's funding rate or next funding time was reported. */
    default void onFundingRate(FundingRate funding) {
    }

    /** Something happened to one of this instance's orders; the handle already shows it. */
    default void onOrderEvent(OrderEvent event) {
    }

    /** A fill changed the position in one of this instance's symbols (a fill of any order of the host). */
    default void onPositionChanged(Position position) {
    }

    /**
     * The trading state of one of this instance's symbols changed (the host's state, or a reason scoped
     * to that symbol): under REDUCE_ONLY only orders that shrink the position go through, under HALTED
     * none; cancels always do.
     */
    default void onTradingStateChanged(Symbol symbol, TradingState state) {
    }

    /** A timer set with {@link StrategyHost#setTimer} or {@link StrategyHost#setRepeatingTimer} fired. */
    default void onTimer(String name, long nowNanos) {
    }

    /**
     * The state to keep across a restart, or {@code null} for none: asked for every second (and kept
     * by the journal when it changed) and at stop; the last bytes saved are handed back in
     * {@link Restored#savedState()}. At most {@link Restored#MAX_STATE_BYTES}.
     */
    default byte[] saveState() {
        return null;
    }

    /** The host stops the instance (an orderly stop or a reload that replaces it). Orders go on the host's rules. */
    default void onStop() {
    }
}

package io.tradehost.api.strategy.event;

import io.tradehost.api.market.BarInterval;
import io.tradehost.api.market.Mark;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A strategy instance's way to the host: its symbols and the data it subscribes to, its orders by
 * handle, timers on the host's clock, and the portfolio. Call it only on the thread the host calls
 * the instance on (inside a callback, or for reading between them).
 *
 * <p>Orders: what a callback submits, cancels or modifies is carried out when the callback returns
 * (a callback that throws or runs past its budget has its commands dropped, and the handles it
 * submitted end REJECTED with {@code STRATEGY_FAILED}). Every submit and modification passes the
 * trading-state check and the guard chain like any order of the host; cancels always go through,
 * also when trading is halted. Any number of orders may rest per symbol.
 */
public interface StrategyHost {
    /** The strategy's name. */
    String name();

    /** The symbols assigned to this instance, in configuration order. */
    List<Symbol> symbols();

    /** The product of one of the instance's symbols. */
    Product product(Symbol symbol);

    /** The host's clock (the virtual clock in tests and backtests), nanoseconds since the epoch. */
    long nowNanos();

    /** Validated quotes of {@code symbol} from now on ({@link EventStrategy#onQuote}). */
    void subscribeQuotes(Symbol symbol);

    /** Public trades of {@code symbol} from now on ({@link EventStrategy#onTrade}), where the venue publishes them. */
    void subscribeTrades(Symbol symbol);

    /**
     * Bars of {@code symbol} every {@code interval} from now on ({@link EventStrategy#onBar}); several
     * intervals per symbol may be subscribed. Built from trades, or from quote mids where the venue
     * publishes no trades.
     */
    void subscribeBars(Symbol symbol, BarInterval interval);

    /**
     * The best {@code levels} levels per side of {@code symbol}'s order book ({@link
     * EventStrategy#onBook}), where the venue publishes depth ({@code Venue.publishesDepth}): the last
     * book the host heard at once, then whenever those levels change. A second call with other levels
     * changes them; the same call again does nothing.
     *
     * @throws IllegalArgumentException if {@code levels} is not between 1 and {@link
     *     io.tradehost.api.market.BookDepth#MAX_LEVELS}
     */
    void subscribeBook(Symbol symbol, int levels);

    /**
     * The funding rate of perpetual {@code symbol} ({@link EventStrategy#onFundingRate}): the last one the
     * venue reported at once, then each one it reports.
     */
    void subscribeFundingRate(Symbol symbol);

    /**
     * Asks for an order; it is checked, journaled and sent once the callback returns.
     *
     * @return its handle, {@link HandleStatus#PENDING} until the host has checked it
     * @throws IllegalArgumentException if the symbol is not one of the instance's
     */
    OrderHandle submit(OrderSpec spec);

    /**
     * Asks for a contingent order list ({@link OrderListSpec}: bracket, OCO, OTO): its orders are
     * checked, journaled and sent once the callback returns (the exits of an entry once it fills), each
     * judged like any order; the list is journaled first, so a restart finds it and arms what the
     * entry's fills call for. Its handles are cancelled, modified (an exit's price only) and reported
     * like any.
     *
     * @return the list, its handles PENDING (exits of an entry WAITING)
     * @throws IllegalArgumentException if the symbol is not one of the instance's
     */
    OrderList submit(OrderListSpec list);

    /** Asks to cancel the order; nothing happens if it is already terminal or being cancelled. */
    void cancel(OrderHandle order);

    /** Cancels every open order of this instance on {@code symbol}. */
    void cancelAll(Symbol symbol);

    /**
     * Changes the limit price and/or quantity of a working order, judged like a new order (trading
     * state, guards). A resting limit order at a venue that amends ({@code Venue.supportsAmend}) is
     * changed in place, same client order id: {@link OrderEvent.Modified} once the venue confirms,
     * {@link OrderEvent.ModifyRejected} if the host or the venue refuses or the venue does not answer
     * within 10 s (the order works on as it was); one amend per order is on its way at a time, and of
     * the modifications asked meanwhile the latest is sent after the answer. Any other order is cancelled and the replacement (minus what filled
     * meanwhile) placed under the same handle, which reports {@link OrderEvent.Modified}; if the order
     * filled first, the fill wins and nothing is replaced; a replacement the trading state or a guard
     * refuses leaves the order cancelled and reports {@link OrderEvent.Rejected}. A new total no more
     * than what filled cancels the order. A modification beyond reason is refused at once as the
     * strategy's failure ({@link OrderEvent.ModifyRejected}, {@code STRATEGY_FAILED}).
     *
     * @param price the new limit, or {@code null} to keep it
     * @param quantity the new total quantity, or {@code null} to keep it
     */
    void modify(OrderHandle order, Price price, Quantity quantity);

    /** This instance's open orders on {@code symbol}, oldest first. */
    List<OrderHandle> openOrders(Symbol symbol);

    /**
     * Runs {@link EventStrategy#onTimer} once after {@code delay}; a timer of the same name is replaced.
     * An instance holds at most 1 000 timers, and its timers fire at most 1 000 times a second of host
     * time (more is its failure).
     *
     * @throws IllegalArgumentException if {@code delay} is not between 1 ms and 366 days
     */
    void setTimer(String name, Duration delay);

    /**
     * Runs {@link EventStrategy#onTimer} every {@code period}; a timer of the same name is replaced.
     * The limits of {@link #setTimer} hold.
     *
     * @throws IllegalArgumentException if {@code period} is not between 1 ms and 366 days
     */
    void setRepeatingTimer(String name, Duration period);

    /** Cancels the timer of that name, if any. */
    void cancelTimer(String name);

    /** The latest mark (validated top of book) of {@code symbol}, or {@code null} before the first. */
    Mark mark(Symbol symbol);

    /** The host's position in {@code symbol}; flat if none. */
    Position position(Symbol symbol);

    /** Account equity in quote currency. */
    Money equity();

    /** Sum over the host's products of |position value at the mark|. */
    Money grossExposure();

    /** The trading state that applies to {@code symbol} now. */
    TradingState tradingState(Symbol symbol);

    /** The names of the timers set now. */
    Set<String> timers();
}

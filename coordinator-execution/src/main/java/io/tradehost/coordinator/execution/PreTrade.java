package io.tradehost.coordinator.execution;

import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.guard.OrderCheck;
import io.tradehost.api.host.MarketView;
import io.tradehost.api.host.TradingStateView;
import io.tradehost.api.host.VenueAccess;
import io.tradehost.api.market.Mark;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.Position;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.time.Clock;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.api.value.ValueOutOfRangeException;

/**
 * Decides whether an intent becomes an order, in order: the per-symbol in-flight lock (not for a
 * managed intent), a mark, a fresh one (closing and reduce-only intents excepted), sizing (and a
 * trailing stop's first trigger, from the mark), the values
 * every guard computes (one out of range is {@link RejectionCode#VALUE_OUT_OF_RANGE}, the order's
 * fault), the guard chain. Changes nothing. Kernel thread only.
 */
final class PreTrade {
    /** An order to send ({@code request}), or the stage, code and words of a refusal. */
    record Verdict(OrderRequest request, String stage, RejectionCode code, String message) {
        static Verdict refuse(String stage, RejectionCode code, String message) {
            return new Verdict(null, stage, code, message);
        }

        boolean admitted() {
            return request != null;
        }
    }

    private final OrderTracker tracker;
    private final MarketView market;
    private final VenueAccess venues;
    private final Ledger ledger;
    private final TradingStateView tradingState;
    private final Clock clock;

    PreTrade(OrderTracker tracker, MarketView market, VenueAccess venues, Ledger ledger,
             TradingStateView tradingState, Clock clock) {
        this.tracker = tracker;
        this.market = market;
        this.venues = venues;
        this.ledger = ledger;
        this.tradingState = tradingState;
        this.clock = clock;
    }

    /** Checks {@code intent} as order {@code id} (its time in force {@code defaultTif} unless it has one) against {@code guards}. */
    Verdict check(OrderIntent intent, ClientOrderId id, TimeInForce defaultTif, GuardChain guards) {
        Symbol symbol = intent.symbol();
        ClientOrderId busy = intent.managed() ? null : tracker.inFlight(symbol);
        if (busy != null) {
            return Verdict.refuse("in-flight", RejectionCode.IN_FLIGHT, "order " + busy + " for " + symbol
                    + " is still in flight");
        }
        Mark mark = market.lastMark(symbol);
        if (mark == null) {
            return Verdict.refuse("execution", RejectionCode.NO_MARK, "no mark for " + symbol + " yet");
        }
        Product product = venues.product(symbol);
        Position position = ledger.position(symbol);
        if (market.isStale(symbol) && !intent.close() && !intent.reduceOnly()) {
            return Verdict.refuse("execution", RejectionCode.MARK_STALE, "the venue flagged " + symbol
                    + "'s market data stale; only closing and reduce-only orders go until the next mark");
        }
        OrderRequest request;
        try {
            Sizer.Sized sized = Sizer.size(intent, product, position, mark.price());
            if (!sized.ok()) {
                return Verdict.refuse("sizing", sized.code(), sized.message());
            }
            if (intent.trail() != null && intent.type() != OrderType.STOP_MARKET) {
                return Verdict.refuse("execution", RejectionCode.of("TRAIL_NOT_STOP_MARKET"), "only a stop-market "
                        + "order trails, not a " + intent.type() + " order");
            }
            // a trailing stop starts where its trail puts it from the mark (or from its activation price)
            Price stop = intent.trail() == null ? intent.stopPrice() : intent.trail().triggerFor(sized.side(),
                    intent.trail().isActive() ? mark.price() : intent.trail().activation(), product);
            if (intent.trail() != null && !stop.isPositive()) {
                return Verdict.refuse("execution", RejectionCode.of("TRAIL_TOO_WIDE"), "a trail of "
                        + intent.trail().format() + " puts the stop at " + stop + " from the mark " + mark.price());
            }
            request = new OrderRequest(id, symbol, sized.side(), intent.type(), sized.quantity(), intent.limitPrice(),
                    intent.timeInForce() != null ? intent.timeInForce() : defaultTif,
                    intent.reduceOnly() || intent.close(), intent.postOnly(), stop);
        } catch (ValueOutOfRangeException e) {
            return Verdict.refuse("execution", RejectionCode.VALUE_OUT_OF_RANGE, symbol + ": " + e.getMessage());
        }
        return guarded(request, mark, product, position, guards);
    }

    /**
     * Judges {@code request}, an order already sized (a stop the host held, now triggered), against
     * {@code guards} at the last mark, as {@link #check} judges a new one.
     */
    Verdict judge(OrderRequest request, GuardChain guards) {
        Mark mark = market.lastMark(request.symbol());
        if (mark == null) {
            return Verdict.refuse("execution", RejectionCode.NO_MARK, "no mark for " + request.symbol() + " yet");
        }
        return guarded(request, mark, venues.product(request.symbol()), ledger.position(request.symbol()), guards);
    }

    private Verdict guarded(OrderRequest request, Mark mark, Product product, Position position, GuardChain guards) {
        Symbol symbol = request.symbol();
        OrderCheck check;
        try {
            check = new OrderCheck(request, product, mark, position, ledger.equity(), ledger.grossExposure(),
                    tradingState.state(symbol), clock.nanos(), ledger.liquidationPrice(symbol));
            // what every guard computes, computed once: a value out of range is the order's fault, not a guard's
            check.orderNotional();
            check.grossExposureAfter();
        } catch (ValueOutOfRangeException e) {
            return Verdict.refuse("execution", RejectionCode.VALUE_OUT_OF_RANGE, symbol + ": " + e.getMessage());
        }
        GuardChain.Result outcome = guards.check(check);
        if (!outcome.allowed()) {
            return Verdict.refuse(outcome.guard(), outcome.verdict().code(), outcome.verdict().message());
        }
        return new Verdict(request, null, null, null);
    }
}

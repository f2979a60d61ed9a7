package io.tradehost.api.venue;

import io.tradehost.api.market.BookDepth;
import io.tradehost.api.market.FundingRate;
import io.tradehost.api.market.Trade;
import io.tradehost.api.market.Quote;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
/**
 * Where a venue reports market data and order outcomes. Thread-safe and non-blocking: call it
 * from any thread, including from inside {@link Venue#place}; the host queues what it hears for
 * the kernel thread.
 */
public interface VenueListener {
    void onQuote(Quote quote);

    void onOrderAccepted(ClientOrderId clientOrderId, Symbol symbol, String venueOrderId);

    void onOrderRejected(ClientOrderId clientOrderId, Symbol symbol, RejectionCode code, String message);

    void onFill(Fill fill);

    void onOrderCancelled(ClientOrderId clientOrderId, Symbol symbol, String reason);

    /**
     * The venue changed open order {@code clientOrderId} in place ({@link Venue#amend}): it now rests at
     * {@code limitPrice} for a total of {@code quantity}, the filled part included.
     */
    default void onOrderAmended(ClientOrderId clientOrderId, Symbol symbol, Price limitPrice, Quantity quantity) {
        // a venue that never amends never calls it; the host's adapter overrides it
    }

    /** The venue refused to change open order {@code clientOrderId}; it stands as it was. */
    default void onAmendRejected(ClientOrderId clientOrderId, Symbol symbol, RejectionCode code, String message) {
        // a venue that never amends never calls it; the host's adapter overrides it
    }

    /**
     * The connection to the venue was lost ({@code connected} false) or is back (true). After a
     * reconnect the host reconciles its orders against the venue.
     *
     * @param detail what happened, for the log
     */
    void onConnectionChanged(boolean connected, String detail);

    /**
     * The venue's market data for {@code symbol} can no longer be trusted (a sequence gap, a lost or
     * silent feed, a book that failed to apply): the host flags its last mark stale until the next
     * quote. A venue calls it once per symbol when it loses the data, not per missed message.
     */
    default void onMarketDataStale(Symbol symbol, String reason) {
        // a venue that never loses data need not care; the host's adapter overrides it
    }

    /**
     * A trade on the public tape of a subscribed symbol (anyone's). Venues that publish trades say so
     * with {@link Venue#publishesTrades()}; the host builds bars from them.
     */
    default void onTrade(Trade trade) {
        // a venue without a public tape never calls it; the host's adapter overrides it
    }

    /**
     * The top levels of {@code book.symbol()}'s order book changed. Venues that publish depth say so
     * with {@link Venue#publishesDepth()}; send at most {@link BookDepth#MAX_LEVELS} per side.
     */
    default void onBook(BookDepth book) {
        // a venue without depth never calls it; the host's adapter overrides it
    }

    /** A perpetual's current funding rate and next funding time, whenever the venue reports them. */
    default void onFundingRate(FundingRate funding) {
        // a spot-only venue never reports funding; the host's adapter overrides it
    }

    /** A funding payment on a perpetual position (each payment once; the host de-duplicates by its id). */
    default void onFunding(FundingPayment payment) {
        // a spot-only venue never pays funding; the host's adapter overrides it
    }

    /** A convenience for venues that report a fill object they built. */
    default void onFills(Iterable<Fill> fills) {
        fills.forEach(this::onFill);
    }
}

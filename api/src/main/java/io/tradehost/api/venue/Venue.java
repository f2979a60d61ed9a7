package io.tradehost.api.venue;

import io.tradehost.api.order.AccountSnapshot;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An exchange adapter. The host calls it on the kernel thread. {@link #place}, {@link #cancel} and
 * {@link #amend} must not block: they hand the request off and report the outcome through the
 * {@link VenueListener} (a simulated venue may report synchronously). Queries may block briefly;
 * the host calls them at start-up and on timers, not per tick.
 */
public interface Venue {
    /** Connects and loads products. Called once, before anything else. */
    void connect() throws VenueException;

    /** Every product the venue lists. */
    List<Product> products() throws VenueException;

    /**
     * Starts market data for {@code symbols}; quotes go to the listener. The host calls it again
     * with the whole, larger set when a reload adds symbols: the new set replaces the old one (a
     * venue that only adds to its subscription is right too, as the set only grows).
     */
    void subscribe(Set<Symbol> symbols) throws VenueException;

    /**
     * Whether the venue takes orders of {@code type} itself. The host emulates the stop types a venue
     * does not take: it holds the stop and sends the market or limit order once a mark reaches the
     * trigger. Market and limit orders every venue must take.
     */
    default boolean supportsNatively(OrderType type) {
        return !type.isStop();
    }

    /**
     * Whether the venue reports public trades of the subscribed symbols through
     * {@link VenueListener#onTrade}. Strategies' bars are built from trades where it does, from quote
     * mids where it does not.
     */
    default boolean publishesTrades() {
        return false;
    }

    /** Whether this venue reports order-book depth through {@link VenueListener#onBook}. */
    default boolean publishesDepth() {
        return false;
    }

    /**
     * Whether this venue changes a resting limit order's price and quantity in place ({@link #amend}).
     * Where it does not, the host modifies an order by cancelling it and placing the rest anew.
     */
    default boolean supportsAmend() {
        return false;
    }

    /**
     * Asks to change open limit order {@code clientOrderId} to rest at {@code limitPrice} for a total
     * of {@code quantity} (the filled part included). Must not block: the outcome comes through the
     * listener, {@link VenueListener#onOrderAmended} or {@link VenueListener#onAmendRejected}. The host
     * calls it only where {@link #supportsAmend()} says so.
     *
     * @throws VenueException if the venue refuses the change at once (the order is unknown or closed,
     *     the quantity is below what filled) or cannot be reached; the order then stands as it was
     */
    default void amend(ClientOrderId clientOrderId, Price limitPrice, Quantity quantity) throws VenueException {
        throw VenueException.refused(RejectionCode.of("AMEND_UNSUPPORTED"), "this venue does not amend orders");
    }

    /** Sends an order; the outcome comes through the listener. */
    void place(OrderRequest request) throws VenueException;

    /** Asks to cancel an open order; the outcome comes through the listener. */
    void cancel(ClientOrderId clientOrderId) throws VenueException;

    /** The venue's view of one order, if it knows the id. */
    Optional<Order> order(ClientOrderId clientOrderId) throws VenueException;

    /**
     * Every execution of order {@code clientOrderId} the venue knows, oldest first; empty for an
     * unknown order. Reconciliation uses it to find fills the host missed.
     */
    List<Fill> fills(ClientOrderId clientOrderId) throws VenueException;

    /** Orders still open at the venue. */
    List<Order> openOrders() throws VenueException;

    /** Cash and positions. */
    AccountSnapshot account() throws VenueException;

    /**
     * Every funding payment the venue booked on this account, oldest first; reconciliation books the
     * ones the host missed. Empty for a venue without perpetuals.
     */
    default List<FundingPayment> fundingPayments() throws VenueException {
        return List.of();
    }

    /** Stops market data and releases resources; idempotent, never throws. */
    void close();
}

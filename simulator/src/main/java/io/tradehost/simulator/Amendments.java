package io.tradehost.simulator;

import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.venue.VenueException;
import java.util.List;

/**
 * The rules of an amend ({@link MatchingEngine#amend}). An order that cannot be changed at all is
 * refused at once, with Coinbase's edit reasons; new terms are judged as a placement's would be
 * (size and price on the product's grid, post-only, what the account can take) and a refusal of them
 * is an {@code AmendRejected}, the order standing as it was. Accepted terms that cross the book take
 * liquidity as a new marketable limit would: what remains fills at the touch, as taker.
 */
final class Amendments {
    private Amendments() {
    }

    /**
     * Refuses at once an amend of {@code order} (null: unknown) to a total of {@code total}.
     *
     * @throws VenueException {@code ORDER_NOT_FOUND}, {@code ONLY_OPEN_ORDERS_CAN_BE_EDITED} (not resting),
     *     {@code ONLY_LIMIT_ORDER_EDITS_SUPPORTED} (stops, triggered ones included),
     *     {@code CANNOT_EDIT_TO_BELOW_FILLED_SIZE} (a total not above what filled)
     */
    static void refuseAtOnce(ClientOrderId id, Order order, boolean resting, Quantity total) throws VenueException {
        if (order == null) {
            throw VenueException.refused(RejectionCode.of("ORDER_NOT_FOUND"), "no order " + id);
        }
        if (!resting) {
            throw VenueException.refused(RejectionCode.of("ONLY_OPEN_ORDERS_CAN_BE_EDITED"), "order " + id + " is "
                    + order.status());
        }
        if (order.request().type() != OrderType.LIMIT) {
            throw VenueException.refused(RejectionCode.of("ONLY_LIMIT_ORDER_EDITS_SUPPORTED"), "order " + id
                    + " is a " + order.request().type());
        }
        if (!total.isGreaterThan(order.filledQuantity())) {
            throw VenueException.refused(RejectionCode.of("CANNOT_EDIT_TO_BELOW_FILLED_SIZE"), "order " + id
                    + " has filled " + order.filledQuantity() + ", the new total " + total + " is not above it");
        }
    }

    /**
     * How resting order {@code changed}, with its new terms, meets its market: marketable when its new
     * limit crosses the touch (then it takes as a new order would: walking the levels shown, else at the
     * touch, slipped, as taker), and refused for a size or
     * price off the product's grid, a post-only order that would take, or a fill the account cannot
     * take (at the touch, or at the new limit as maker).
     */
    static Markets.Entry entry(Order changed, Markets markets, Account account) {
        OrderRequest r = changed.request();
        Product product = markets.product(r.symbol());
        Price touch = markets.get(r.symbol()).touch(r.side());
        boolean marketable = Markets.crosses(r.side(), r.limitPrice(), touch);
        // through the touch it walks the book as a new order would, judged at its worst level
        List<Markets.Level> levels = marketable ? markets.walk(r, changed.remaining()) : null;
        Price price = levels != null ? levels.getLast().price() : marketable ? markets.slipped(r, touch)
                : r.limitPrice();
        Refusal refusal = Refusal.size(product, r.quantity());
        if (refusal == null) {
            refusal = Refusal.price(product, r.limitPrice());
        }
        if (refusal == null) {
            refusal = marketable && r.postOnly() ? Refusal.postOnly(touch)
                    : account.refusal(r, changed.remaining(), price, markets.fee(marketable));
        }
        return new Markets.Entry(false, marketable, touch, price, refusal, levels);
    }

    /**
     * The amend asked while {@code order} was on its way, now that it reached the book: applied to what
     * rests, or refused ({@code ONLY_OPEN_ORDERS_CAN_BE_EDITED}) when the order filled or ended on arrival.
     */
    static List<EngineEvent> onArrival(MatchingEngine engine, Order order, OrderRequest amended, boolean resting,
                                       long nowNanos) {
        if (!resting) {
            return List.of(new EngineEvent.AmendRejected(order, RejectionCode.of("ONLY_OPEN_ORDERS_CAN_BE_EDITED"),
                    "order " + order.clientOrderId() + " is " + order.status() + " on reaching the book"));
        }
        try {
            return engine.amend(order.clientOrderId(), amended.limitPrice(), amended.quantity(), nowNanos);
        } catch (VenueException e) {
            return List.of(new EngineEvent.AmendRejected(order, e.code(), e.getMessage()));
        }
    }
}

package io.tradehost.strategy.testkit;

import io.tradehost.api.command.AmendOrder;
import io.tradehost.api.command.CancelOrder;
import io.tradehost.api.command.CancelOrders;
import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.event.IntentRecorded;
import io.tradehost.api.event.IntentRejected;
import io.tradehost.api.event.OrderAccepted;
import io.tradehost.api.event.OrderAmendRejected;
import io.tradehost.api.event.OrderAmended;
import io.tradehost.api.event.OrderCancelled;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.event.OrderRejected;
import io.tradehost.api.event.PositionChanged;
import io.tradehost.api.host.EventBus;
import io.tradehost.api.market.Mark;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.time.Clock;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.testkit.StubMarket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The harness's stand-in for execution and the venue: every intent is recorded and accepted at once
 * (unless the test refuses it); a market order fills at the touch, a post-only limit that would take
 * is rejected ({@code POST_ONLY_WOULD_TAKE}), other orders rest until the test fills or cancels them;
 * cancels are confirmed at once, and so are amends where the test made the venue amend. Stops (a trailing
 * stop too, its trigger set once from the mark) rest like limits: the test fills them. Kernel thread only.
 */
final class HarnessExecution {
    private final EventBus bus;
    private final Clock clock;
    private final StubMarket market;
    private final HarnessBook book;
    private final Function<Symbol, Product> products;
    private final List<OrderRequest> sent = new ArrayList<>();
    private final Map<ClientOrderId, Order> open = new LinkedHashMap<>();
    private final List<ClientOrderId> cancels = new ArrayList<>();
    private final List<AmendOrder> amends = new ArrayList<>();
    private RejectionCode refuseNext;
    private String refuseMessage;
    private long sequence;
    private long trades;

    HarnessExecution(EventBus bus, Clock clock, StubMarket market, HarnessBook book,
                     Function<Symbol, Product> products) {
        this.bus = bus;
        this.clock = clock;
        this.market = market;
        this.book = book;
        this.products = products;
    }

    void refuseNext(RejectionCode code, String message) {
        refuseNext = code;
        refuseMessage = message;
    }

    void place(OrderIntent intent) {
        if (refuseNext != null) {
            bus.publish(new IntentRejected(intent, "harness", refuseNext, refuseMessage));
            refuseNext = null;
            return;
        }
        Product product = products.apply(intent.symbol());
        OrderRequest request = new OrderRequest(ClientOrderId.of("h", ++sequence), intent.symbol(), intent.side(),
                intent.type(), product.roundSize(intent.quantity()), intent.limitPrice(),
                intent.timeInForce() == null ? TimeInForce.GTC : intent.timeInForce(), intent.reduceOnly(),
                intent.postOnly(), stopOf(intent, product));
        sent.add(request);
        bus.publish(new IntentRecorded(request, intent.sequence(), clock.nanos()));
        Price touch = touch(request.symbol(), request.side());
        boolean marketable = touch != null && (request.type() == OrderType.MARKET || request.type() == OrderType.LIMIT
                && (request.side() == Side.BUY ? !touch.isGreaterThan(request.limitPrice())
                : !touch.isLessThan(request.limitPrice())));
        if (marketable && request.postOnly()) {
            bus.publish(new OrderRejected(request.clientOrderId(), request.symbol(),
                    RejectionCode.of("POST_ONLY_WOULD_TAKE"), "post-only order would take at " + touch, clock.nanos()));
            return;
        }
        bus.publish(new OrderAccepted(request.clientOrderId(), request.symbol(), "v-" + request.clientOrderId(),
                clock.nanos()));
        open.put(request.clientOrderId(), new Order(request, OrderStatus.ACCEPTED, Quantity.ZERO, "v"));
        if (marketable) {
            fill(request.clientOrderId(), request.quantity(), request.type() == OrderType.MARKET ? touch
                    : request.limitPrice(), Liquidity.TAKER);
        }
    }

    /**
     * The stop price an intent rests with: a trailing stop's first trigger is set from the mark (or its
     * activation price) as execution sets it; the harness does not move it after.
     */
    private static Price stopOf(OrderIntent intent, Product product) {
        if (intent.trail() == null) {
            return intent.stopPrice();
        }
        return intent.trail().triggerFor(intent.side(), intent.trail().isActive() ? intent.markPrice()
                : intent.trail().activation(), product);
    }

    /**
     * An amend, as a venue that amends would take it: refused if the test said so, or if the order is not
     * open or the new total is not above what filled; a post-only order amended to take is refused; else
     * the order takes its new terms, and fills the rest at once if it now crosses.
     */
    void amend(AmendOrder command) {
        amends.add(command);
        Order order = open.get(command.clientOrderId());
        RejectionCode code = null;
        String refusal = null;
        Price touch = order == null ? null : touch(command.symbol(), order.request().side());
        boolean crosses = touch != null && (order.request().side() == Side.BUY
                ? !touch.isGreaterThan(command.limitPrice()) : !touch.isLessThan(command.limitPrice()));
        if (refuseNext != null) {
            code = refuseNext;
            refusal = refuseMessage;
            refuseNext = null;
        } else if (order == null) {
            code = RejectionCode.of("ORDER_NOT_FOUND");
            refusal = "no open order " + command.clientOrderId();
        } else if (!command.quantity().isGreaterThan(order.filledQuantity())) {
            code = RejectionCode.of("CANNOT_EDIT_TO_BELOW_FILLED_SIZE");
            refusal = "the new total is not above the " + order.filledQuantity() + " filled";
        } else if (crosses && order.request().postOnly()) {
            code = RejectionCode.of("POST_ONLY_WOULD_TAKE");
            refusal = "post-only order would take at " + touch;
        }
        if (code != null) {
            bus.publish(new OrderAmendRejected(command.clientOrderId(), command.symbol(), code, refusal,
                    clock.nanos()));
            return;
        }
        open.put(order.clientOrderId(), new Order(order.request().amended(command.limitPrice(), command.quantity()),
                order.status(), order.filledQuantity(), order.venueOrderId()));
        bus.publish(new OrderAmended(order.clientOrderId(), command.symbol(), command.limitPrice(),
                command.quantity(), clock.nanos()));
        if (crosses) {
            fill(order.clientOrderId(), command.quantity().minus(order.filledQuantity()), command.limitPrice(),
                    Liquidity.TAKER);
        }
    }

    private Price touch(Symbol symbol, Side side) {
        Mark mark = market.lastMark(symbol);
        return mark == null ? null : side == Side.BUY ? mark.ask() : mark.bid();
    }

    void cancel(CancelOrder command) {
        cancels.add(command.clientOrderId());
        cancelled(command.clientOrderId(), "cancelled: " + command.reason());
    }

    void cancelAll(CancelOrders command) {
        List.copyOf(open.values()).stream()
                .filter(o -> command.symbol() == null || command.symbol().equals(o.request().symbol()))
                .forEach(o -> cancel(new CancelOrder(o.clientOrderId(), o.request().symbol(), command.reason(),
                        command.timestampNanos())));
    }

    void cancelled(ClientOrderId id, String reason) {
        Order order = open.remove(id);
        if (order != null) {
            bus.publish(new OrderCancelled(id, order.request().symbol(), reason, clock.nanos()));
        }
    }

    void rejected(ClientOrderId id, RejectionCode code) {
        Order order = open.remove(id);
        if (order != null) {
            bus.publish(new OrderRejected(id, order.request().symbol(), code, "rejected by the test", clock.nanos()));
        }
    }

    Fill fill(ClientOrderId id, Quantity quantity, Price price, Liquidity liquidity) {
        Order order = open.get(id);
        if (order == null) {
            throw new IllegalStateException("no open order " + id + " (open: " + open.keySet() + ")");
        }
        Quantity filled = order.filledQuantity().plus(quantity);
        if (filled.isGreaterThan(order.request().quantity())) {
            throw new IllegalArgumentException("fills " + filled + " of an order for " + order.request().quantity());
        }
        if (filled.equals(order.request().quantity())) {
            open.remove(id);
        } else {
            open.put(id, new Order(order.request(), OrderStatus.PARTIALLY_FILLED, filled, order.venueOrderId()));
        }
        Fill fill = new Fill("ht-" + (++trades), id, order.request().symbol(), order.request().side(), quantity, price,
                Money.ZERO, liquidity, clock.nanos());
        bus.publish(new OrderFilled(fill)); // the venue's report, then execution's booking of it
        bus.publish(new PositionChanged(book.book(fill), fill, book.cash()));
        return fill;
    }

    List<OrderRequest> sent() {
        return List.copyOf(sent);
    }

    List<Order> open() {
        return List.copyOf(open.values());
    }

    List<ClientOrderId> cancels() {
        return List.copyOf(cancels);
    }

    List<AmendOrder> amends() {
        return List.copyOf(amends);
    }
}

package io.tradehost.simulator;

import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.ProductKind;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import java.util.List;

/**
 * The engine the tests run: taker 10 bps, maker 2 bps, no slippage, native stops, ids {@code V-n} and
 * {@code T-n}, 10 000 USD, three products, and builders of the orders and of the events expected.
 */
final class Fixture {
    static final Symbol SOL = Symbol.of("SOL-USD");
    static final Symbol BTC = Symbol.of("BTC-PERP");
    static final Symbol ETH = Symbol.of("ETH-PERP");
    /** Spot: tick 0.01, lot 0.01. */
    static final Product SOL_USD = new Product(SOL, "SOL", "USD", ProductKind.SPOT, Price.of("0.01"),
            Quantity.of("0.01"), Quantity.of("0.01"), Ratio.ONE);
    /** Perpetual: tick 0.5, lot 0.001, 5x. */
    static final Product BTC_PERP = new Product(BTC, "BTC", "USD", ProductKind.PERPETUAL, Price.of("0.5"),
            Quantity.of("0.001"), Quantity.of("0.001"), Ratio.ofUnits(5));
    /** Perpetual: tick 0.1, lot 0.01, 10x. */
    static final Product ETH_PERP = new Product(ETH, "ETH", "USD", ProductKind.PERPETUAL, Price.of("0.1"),
            Quantity.of("0.01"), Quantity.of("0.01"), Ratio.ofUnits(10));
    static final EngineRules RULES = new EngineRules(Ratio.of("10"), Ratio.of("2"), Ratio.ZERO, true, "V-", "T-");
    static final long NOW = 1_000;

    private Fixture() {
    }

    /** The engine with {@code cash}, SOL at 99.99/100.01 (mark 100), BTC at 49999.5/50000.5 (mark 50000). */
    static MatchingEngine engine(EngineRules rules, String cash) {
        MatchingEngine engine = new MatchingEngine(rules, List.of(SOL_USD, BTC_PERP, ETH_PERP), Money.of(cash));
        engine.market(SOL, p("99.99"), p("100.01"), p("100"));
        engine.market(BTC, p("49999.5"), p("50000.5"), p("50000"));
        return engine;
    }

    static MatchingEngine engine() {
        return engine(RULES, "10000");
    }

    static Price p(String price) {
        return Price.of(price);
    }

    static Quantity q(String quantity) {
        return Quantity.of(quantity);
    }

    static Money m(String money) {
        return Money.of(money);
    }

    static OrderRequest market(String id, Symbol symbol, Side side, String quantity) {
        return OrderRequest.market(ClientOrderId.of(id), symbol, side, q(quantity));
    }

    static OrderRequest limit(String id, Symbol symbol, Side side, String quantity, String price, TimeInForce tif,
                              boolean reduceOnly, boolean postOnly) {
        return new OrderRequest(ClientOrderId.of(id), symbol, side, OrderType.LIMIT, q(quantity), p(price), tif,
                reduceOnly, postOnly);
    }

    static OrderRequest limit(String id, Symbol symbol, Side side, String quantity, String price) {
        return limit(id, symbol, side, quantity, price, TimeInForce.GTC, false, false);
    }

    static OrderRequest stop(String id, Symbol symbol, Side side, String quantity, String stopPrice, String limit) {
        return new OrderRequest(ClientOrderId.of(id), symbol, side, limit == null ? OrderType.STOP_MARKET
                : OrderType.STOP_LIMIT, q(quantity), limit == null ? null : p(limit), TimeInForce.GTC, false, false,
                p(stopPrice));
    }

    static OrderRequest reduceOnly(String id, Symbol symbol, Side side, String quantity) {
        return new OrderRequest(ClientOrderId.of(id), symbol, side, OrderType.MARKET, q(quantity), null,
                TimeInForce.GTC, true, false);
    }

    static Order accepted(OrderRequest r, String venueOrderId) {
        return new Order(r, OrderStatus.ACCEPTED, Quantity.ZERO, venueOrderId);
    }

    static EngineEvent.Accepted acceptedEvent(OrderRequest r, String venueOrderId) {
        return new EngineEvent.Accepted(accepted(r, venueOrderId));
    }

    static EngineEvent.Rejected rejected(OrderRequest r, String code, String words) {
        return new EngineEvent.Rejected(new Order(r, OrderStatus.REJECTED, Quantity.ZERO, null),
                RejectionCode.of(code), code + ": " + words);
    }

    static EngineEvent.Cancelled cancelled(OrderRequest r, String venueOrderId, String reason) {
        return new EngineEvent.Cancelled(new Order(r, OrderStatus.CANCELLED, Quantity.ZERO, venueOrderId), reason);
    }

    /** The fill of all of {@code r} (its quantity) and the order it leaves filled. */
    static EngineEvent.Filled filled(OrderRequest r, String venueOrderId, String tradeId, String quantity,
                                     String price, String fee, Liquidity liquidity) {
        return new EngineEvent.Filled(new Order(r, OrderStatus.FILLED, r.quantity(), venueOrderId),
                new Fill(tradeId, r.clientOrderId(), r.symbol(), r.side(), q(quantity), p(price), m(fee), liquidity,
                        NOW));
    }

    static EngineEvent.Filled filled(OrderRequest r, String venueOrderId, String tradeId, String price, String fee,
                                     Liquidity liquidity) {
        return filled(r, venueOrderId, tradeId, r.quantity().toString(), price, fee, liquidity);
    }
}

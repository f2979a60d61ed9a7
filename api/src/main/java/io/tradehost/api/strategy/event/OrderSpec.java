package io.tradehost.api.strategy.event;

import io.tradehost.api.order.Trail;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An order a strategy asks for. Immutable; start from {@link #market}, {@link #limit}, {@link #stop}
 * or {@link #stopLimit} and refine with the {@code with...} and {@code as...} methods.
 *
 * @param symbol the product; one of the instance's symbols
 * @param side buy or sell
 * @param type market, limit, stop-market or stop-limit
 * @param quantity positive base quantity; the host rounds it down to the product's lot
 * @param limitPrice the limit of a limit or stop-limit order, else {@code null}
 * @param stopPrice the trigger of a stop order, else {@code null}
 * @param timeInForce GTC, IOC or FOK, or {@code null} for the host's default
 * @param expireAtNanos good till this clock time (the host cancels the order then and reports it
 *     expired), or 0 for no expiry
 * @param postOnly whether the order must not take liquidity
 * @param reduceOnly whether it may only shrink the position
 * @param tag the strategy's words for it (an entry tag, an exit reason): it reaches the journal, the
 *     order views and reports; never null, at most {@link #MAX_TAG} characters
 * @param trail how a trailing stop's trigger follows the market ({@link #trailingStop}), else {@code null}:
 *     its stop price is then the host's (set from the mark when it is placed, moved as the mark moves)
 */
public record OrderSpec(Symbol symbol, Side side, OrderType type, Quantity quantity, Price limitPrice, Price stopPrice,
                        TimeInForce timeInForce, long expireAtNanos, boolean postOnly, boolean reduceOnly, String tag,
                        Trail trail) {
    /** The longest tag. */
    public static final int MAX_TAG = 64;

    /** @throws IllegalArgumentException if the quantity is not positive or a price the type needs is missing */
    public OrderSpec {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(quantity, "quantity");
        tag = tag == null ? "" : tag;
        if (!quantity.isPositive()) {
            throw new IllegalArgumentException("an order needs a positive quantity, not " + quantity);
        }
        if (type.hasLimit() != (limitPrice != null) || limitPrice != null && !limitPrice.isPositive()) {
            throw new IllegalArgumentException(type + " order: a positive limit price "
                    + (type.hasLimit() ? "is needed" : "is not allowed"));
        }
        if (trail != null && type != OrderType.STOP_MARKET) {
            throw new IllegalArgumentException("only a stop-market order trails, not a " + type + " order");
        }
        if (type.isStop() != (stopPrice != null || trail != null) || stopPrice != null && !stopPrice.isPositive()) {
            throw new IllegalArgumentException(type + " order: a positive stop price "
                    + (type.isStop() ? "is needed" : "is not allowed"));
        }
        if (expireAtNanos < 0) {
            throw new IllegalArgumentException("expiry must be a clock time or 0, not " + expireAtNanos);
        }
        if (tag.length() > MAX_TAG) {
            throw new IllegalArgumentException("a tag has at most " + MAX_TAG + " characters");
        }
    }

    /** An order that does not trail. */
    public OrderSpec(Symbol symbol, Side side, OrderType type, Quantity quantity, Price limitPrice, Price stopPrice,
                     TimeInForce timeInForce, long expireAtNanos, boolean postOnly, boolean reduceOnly, String tag) {
        this(symbol, side, type, quantity, limitPrice, stopPrice, timeInForce, expireAtNanos, postOnly, reduceOnly, tag,
                null);
    }

    /**
     * A trailing stop-market, held by the host on every venue: its trigger follows the mark as {@code trail}
     * says (a sell stop below the best mark, a buy stop above it), and it is sent as a market order when the
     * mark reaches it. The host sets its stop price from the mark when it is placed; the handle shows it.
     * Reduce-only: it protects a position, and goes when triggered whatever the guards would say of a new
     * order (the venue keeps it from growing the position).
     */
    public static OrderSpec trailingStop(Symbol symbol, Side side, Quantity quantity, Trail trail) {
        return new OrderSpec(symbol, side, OrderType.STOP_MARKET, quantity, null, null, null, 0, false, true, "",
                Objects.requireNonNull(trail, "trail"));
    }

    public static OrderSpec market(Symbol symbol, Side side, Quantity quantity) {
        return new OrderSpec(symbol, side, OrderType.MARKET, quantity, null, null, null, 0, false, false, "");
    }

    public static OrderSpec limit(Symbol symbol, Side side, Quantity quantity, Price price) {
        return new OrderSpec(symbol, side, OrderType.LIMIT, quantity, price, null, null, 0, false, false, "");
    }

    /** A stop-market: a buy triggers when the market rises to {@code trigger}, a sell when it falls to it. */
    public static OrderSpec stop(Symbol symbol, Side side, Quantity quantity, Price trigger) {
        return new OrderSpec(symbol, side, OrderType.STOP_MARKET, quantity, null, trigger, null, 0, false, false, "");
    }

    public static OrderSpec stopLimit(Symbol symbol, Side side, Quantity quantity, Price trigger, Price limit) {
        return new OrderSpec(symbol, side, OrderType.STOP_LIMIT, quantity, limit, trigger, null, 0, false, false, "");
    }

    public OrderSpec withTag(String newTag) {
        return new OrderSpec(symbol, side, type, quantity, limitPrice, stopPrice, timeInForce, expireAtNanos, postOnly,
                reduceOnly, newTag, trail);
    }

    public OrderSpec withTimeInForce(TimeInForce tif) {
        return new OrderSpec(symbol, side, type, quantity, limitPrice, stopPrice, tif, expireAtNanos, postOnly,
                reduceOnly, tag, trail);
    }

    /** Good till {@code nanos} on the host's clock. */
    public OrderSpec expiringAt(long nanos) {
        return new OrderSpec(symbol, side, type, quantity, limitPrice, stopPrice, timeInForce, nanos, postOnly,
                reduceOnly, tag, trail);
    }

    public OrderSpec asPostOnly() {
        return new OrderSpec(symbol, side, type, quantity, limitPrice, stopPrice, timeInForce, expireAtNanos, true,
                reduceOnly, tag, trail);
    }

    public OrderSpec asReduceOnly() {
        return new OrderSpec(symbol, side, type, quantity, limitPrice, stopPrice, timeInForce, expireAtNanos, postOnly,
                true, tag, trail);
    }

    /** This order with trigger {@code price} (a trailing stop's, as the host moves it). */
    public OrderSpec withStopPrice(Price price) {
        return new OrderSpec(symbol, side, type, quantity, limitPrice, price, timeInForce, expireAtNanos, postOnly,
                reduceOnly, tag, trail);
    }

    /** This order for {@code newQuantity}. */
    public OrderSpec withQuantity(Quantity newQuantity) {
        return new OrderSpec(symbol, side, type, newQuantity, limitPrice, stopPrice, timeInForce, expireAtNanos,
                postOnly, reduceOnly, tag, trail);
    }

    /**
     * The journal's text of this order: {@code key=value} pairs separated by {@code ;}, the tag and the
     * trail URL-encoded. {@link #parse} reads it back equal.
     */
    public String format() {
        return "symbol=" + symbol.value() + ";side=" + side + ";type=" + type + ";qty=" + quantity
                + (limitPrice == null ? "" : ";limit=" + limitPrice) + (stopPrice == null ? "" : ";stop=" + stopPrice)
                + (timeInForce == null ? "" : ";tif=" + timeInForce) + (expireAtNanos == 0 ? "" : ";expire=" + expireAtNanos)
                + (postOnly ? ";post" : "") + (reduceOnly ? ";reduce" : "")
                + (tag.isEmpty() ? "" : ";tag=" + URLEncoder.encode(tag, StandardCharsets.UTF_8))
                + (trail == null ? "" : ";trail=" + URLEncoder.encode(trail.format(), StandardCharsets.UTF_8));
    }

    /**
     * Reads {@link #format()}'s text.
     *
     * @throws IllegalArgumentException if it is not such a text, naming what is wrong
     */
    public static OrderSpec parse(String text) {
        java.util.Map<String, String> fields = new java.util.HashMap<>();
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            if (!KEYS.contains(key) || fields.put(key, eq < 0 ? "" : part.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("not an order spec (field '" + key + "'): " + text);
            }
        }
        try {
            String trail = fields.get("trail");
            String tag = fields.get("tag");
            String tif = fields.get("tif");
            return new OrderSpec(Symbol.of(fields.get("symbol")), Side.valueOf(fields.get("side")),
                    OrderType.valueOf(fields.get("type")), Quantity.of(fields.get("qty")), price(fields.get("limit")),
                    price(fields.get("stop")), tif == null ? null : TimeInForce.valueOf(tif),
                    fields.containsKey("expire") ? Long.parseLong(fields.get("expire")) : 0,
                    fields.containsKey("post"), fields.containsKey("reduce"),
                    tag == null ? "" : URLDecoder.decode(tag, StandardCharsets.UTF_8),
                    trail == null ? null : Trail.parse(URLDecoder.decode(trail, StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an order spec (" + e.getMessage() + "): " + text, e);
        }
    }

    private static final java.util.Set<String> KEYS = java.util.Set.of("symbol", "side", "type", "qty", "limit",
            "stop", "tif", "expire", "post", "reduce", "tag", "trail");

    private static Price price(String text) {
        return text == null ? null : Price.of(text);
    }

    /** This order at another limit price and quantity, as a modification asks. */
    public OrderSpec modified(Price price, Quantity newQuantity) {
        return new OrderSpec(symbol, side, type, newQuantity, price, stopPrice, timeInForce, expireAtNanos, postOnly,
                reduceOnly, tag, trail);
    }
}

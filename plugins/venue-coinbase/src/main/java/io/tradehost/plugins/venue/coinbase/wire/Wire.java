package io.tradehost.plugins.venue.coinbase.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.api.market.FundingRate;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.FixedPoint;
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
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Coinbase's JSON to the host's types and back: products, orders (every status mapped, a partial
 * fill being OPEN with a completion below 100), fills, the create-order body and business
 * rejection codes. Lenient where Coinbase's shapes vary (numbers as strings or numbers, missing
 * optional fields), strict where a wrong guess would cost money (sizes, prices, sides). Stateless.
 */
public final class Wire {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Wire() {
    }

    /** A product, or empty for one the host cannot trade (expiring futures, disabled). */
    public static Optional<Product> product(JsonNode p) {
        String id = text(p, "product_id");
        String type = p.path("product_type").asText("SPOT");
        JsonNode future = p.path("future_product_details");
        boolean perpetual = type.equals("FUTURE") && future.path("contract_expiry_type").asText("").equals("PERPETUAL");
        if (type.equals("FUTURE") && !perpetual || p.path("is_disabled").asBoolean(false)) {
            return Optional.empty();
        }
        String base = p.path("base_currency_id").asText(p.path("base_display_symbol").asText(id.split("-")[0]));
        String quote = p.path("quote_currency_id").asText(p.path("quote_display_symbol").asText(""));
        Price tick = Price.of(p.path("price_increment").asText(p.path("quote_increment").asText()));
        Quantity lot = Quantity.of(text(p, "base_increment"));
        Quantity min = Quantity.of(p.path("base_min_size").asText("0"));
        Ratio leverage = Ratio.ONE;
        if (perpetual) {
            String max = future.path("perpetual_details").path("max_leverage").asText("1");
            leverage = Ratio.of(max.isBlank() ? "1" : max);
            if (leverage.compareTo(Ratio.ONE) < 0) {
                leverage = Ratio.ONE;
            }
        }
        return Optional.of(new Product(Symbol.of(id), base, quote, perpetual ? ProductKind.PERPETUAL : ProductKind.SPOT,
                tick, lot, min, leverage));
    }

    /**
     * A perpetual's funding as its product shows it: {@code perpetual_details.funding_rate} (else
     * {@code future_product_details.funding_rate}) and {@code funding_time}, the next payment, read
     * the same way. Empty for a product that is no perpetual or shows no rate. A product without a
     * readable {@code funding_time} gives {@code nextFundingNanos} 0: the venue did not say, and the
     * time is not guessed from {@code funding_interval}.
     *
     * @param readNanos when the product was read, the report's time (the product carries none)
     * @throws IllegalArgumentException if the rate is there but is no number
     */
    public static Optional<FundingRate> fundingRate(JsonNode p, long readNanos) {
        JsonNode future = p.path("future_product_details");
        JsonNode perpetual = future.path("perpetual_details");
        if (!future.path("contract_expiry_type").asText("").equals("PERPETUAL")) {
            return Optional.empty();
        }
        String rate = perpetual.path("funding_rate").asText("");
        if (rate.isBlank()) {
            rate = future.path("funding_rate").asText("");
        }
        if (rate.isBlank()) {
            return Optional.empty();
        }
        String time = perpetual.path("funding_time").asText("");
        long next = nanos(time.isBlank() ? future.path("funding_time").asText("") : time);
        return Optional.of(new FundingRate(Symbol.of(text(p, "product_id")), Ratio.of(rate.trim()), next, readNanos));
    }

    /** The create-order body for {@code r}. */
    public static ObjectNode orderBody(OrderRequest r) {
        ObjectNode body = JSON.createObjectNode();
        body.put("client_order_id", r.clientOrderId().value());
        body.put("product_id", r.symbol().value());
        body.put("side", r.side() == Side.BUY ? "BUY" : "SELL");
        ObjectNode configs = body.putObject("order_configuration");
        String size = r.quantity().toString();
        if (r.type() == OrderType.MARKET) {
            configs.putObject("market_market_ioc").put("base_size", size);
            return body;
        }
        if (r.type() == OrderType.STOP_MARKET) {
            throw new IllegalArgumentException("Coinbase takes no stop-market orders: the host holds them");
        }
        String price = r.limitPrice().toString();
        if (r.type() == OrderType.STOP_LIMIT) {
            // a buy stop waits for the price to rise to its trigger, a sell stop for it to fall
            configs.putObject("stop_limit_stop_limit_gtc").put("base_size", size).put("limit_price", price)
                    .put("stop_price", r.stopPrice().toString())
                    .put("stop_direction", r.side() == Side.BUY ? "STOP_DIRECTION_STOP_UP" : "STOP_DIRECTION_STOP_DOWN");
            return body;
        }
        switch (r.timeInForce()) {
            case IOC -> configs.putObject("sor_limit_ioc").put("base_size", size).put("limit_price", price);
            case FOK -> configs.putObject("limit_limit_fok").put("base_size", size).put("limit_price", price);
            default -> configs.putObject("limit_limit_gtc").put("base_size", size).put("limit_price", price)
                    .put("post_only", r.postOnly());
        }
        return body;
    }

    /** The batch-cancel body for one order. */
    public static ObjectNode cancelBody(String orderId) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("order_ids").add(orderId);
        return body;
    }

    /** The host's view of a Coinbase order object. */
    public static Order order(JsonNode o) {
        JsonNode configs = o.path("order_configuration");
        String configName = configs.fieldNames().hasNext() ? configs.fieldNames().next() : "market_market_ioc";
        JsonNode config = configs.path(configName);
        OrderType type = configName.startsWith("market") ? OrderType.MARKET
                : configName.startsWith("stop_limit") ? OrderType.STOP_LIMIT : OrderType.LIMIT;
        TimeInForce tif = switch (o.path("time_in_force").asText("")) {
            case "IMMEDIATE_OR_CANCEL" -> TimeInForce.IOC;
            case "FILL_OR_KILL" -> TimeInForce.FOK;
            default -> type == OrderType.MARKET ? TimeInForce.IOC : TimeInForce.GTC;
        };
        Quantity filled = Quantity.of(o.path("filled_size").asText("0"));
        String sizeText = config.path("base_size").asText("");
        Quantity size = sizeText.isEmpty() ? filled : Quantity.of(sizeText);
        if (!size.isPositive()) {
            size = filled.isPositive() ? filled : Quantity.of("0.00000001");
        }
        Price limit = type.hasLimit() ? Price.of(config.path("limit_price").asText("0")) : null;
        Price stop = type.isStop() ? Price.of(config.path("stop_price").asText("0")) : null;
        OrderRequest request = new OrderRequest(ClientOrderId.of(text(o, "client_order_id")),
                Symbol.of(text(o, "product_id")), side(text(o, "side")), type, size, limit, tif, false,
                config.path("post_only").asBoolean(false), stop);
        return new Order(request, status(o.path("status").asText(""), filled), filled, text(o, "order_id"));
    }

    /**
     * Coinbase's status as the host's. There is no partially-filled status at Coinbase: an OPEN
     * order with some fill is one. Queued and unknown states count as still open.
     */
    public static OrderStatus status(String coinbase, Quantity filled) {
        return switch (coinbase) {
            case "FILLED" -> OrderStatus.FILLED;
            case "CANCELLED" -> OrderStatus.CANCELLED;
            case "EXPIRED" -> OrderStatus.EXPIRED;
            case "FAILED" -> OrderStatus.REJECTED;
            default -> filled.isPositive() ? OrderStatus.PARTIALLY_FILLED : OrderStatus.ACCEPTED;
        };
    }

    /** Whether {@code coinbase} is a final status. */
    public static boolean isTerminal(String coinbase) {
        return switch (coinbase) {
            case "FILLED", "CANCELLED", "EXPIRED", "FAILED" -> true;
            default -> false;
        };
    }

    /** A fill object of order {@code id}. */
    public static Fill fill(JsonNode f, ClientOrderId id) {
        Quantity size = Quantity.of(text(f, "size"));
        Price price = Price.of(text(f, "price"));
        if (f.path("size_in_quote").asBoolean(false)) {
            size = Quantity.of(size.toBigDecimal().divide(price.toBigDecimal(), 10, java.math.RoundingMode.HALF_EVEN));
        }
        Liquidity liquidity = f.path("liquidity_indicator").asText("").equals("MAKER") ? Liquidity.MAKER
                : Liquidity.TAKER;
        return new Fill(text(f, "trade_id"), id, Symbol.of(text(f, "product_id")), side(text(f, "side")), size, price,
                money(f.path("commission").asText("0")), liquidity, nanos(f.path("trade_time").asText("")));
    }

    /** A funding payment of the local exchange's funding list. */
    public static FundingPayment funding(JsonNode f) {
        return new FundingPayment(text(f, "id"), Symbol.of(text(f, "product_id")),
                money(f.path("amount").path("value").asText("0")), Ratio.of(f.path("rate").asText("0")),
                Quantity.of(f.path("net_size").asText("0")), Price.of(f.path("mark_price").path("value").asText("0")),
                nanos(f.path("time").asText("")));
    }

    /** A business rejection's stable code, e.g. {@code COINBASE_INSUFFICIENT_FUND}. */
    public static RejectionCode rejection(String reason) {
        String cleaned = reason == null ? "" : reason.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
        if (cleaned.isEmpty() || !Character.isLetter(cleaned.charAt(0))) {
            cleaned = "UNKNOWN_FAILURE_REASON";
        }
        return RejectionCode.of("COINBASE_" + cleaned);
    }

    public static Side side(String side) {
        return switch (side.toUpperCase(Locale.ROOT)) {
            case "BUY" -> Side.BUY;
            case "SELL" -> Side.SELL;
            default -> throw new IllegalArgumentException("unknown side '" + side + "'");
        };
    }

    /** RFC 3339 time in nanoseconds since the epoch; 0 when absent or unreadable. */
    public static long nanos(String time) {
        if (time == null || time.isBlank()) {
            return 0;
        }
        try {
            Instant t = Instant.parse(time);
            return t.getEpochSecond() * 1_000_000_000L + t.getNano();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /**
     * An amount of money as the venue writes it, rounded half-even to the host's {@value FixedPoint#SCALE}
     * places: a balance less its holds, or a fee, can have more (the local exchange's has 13), and a tenth
     * of a billionth of a unit is no difference to the books.
     *
     * @throws NumberFormatException if it is not a number, or out of range
     */
    public static Money money(String text) {
        BigDecimal value = new BigDecimal(text);
        return Money.of(value.scale() > FixedPoint.SCALE ? value.setScale(FixedPoint.SCALE, RoundingMode.HALF_EVEN)
                : value);
    }

    /** A required text field. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isEmpty()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return v.asText();
    }
}

package io.tradehost.plugins.venue.coinbase.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.ProductKind;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Coinbase's JSON shapes to the host's types, field by field, against hand-written answers. */
class WireTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Symbol BTC = Symbol.of("BTC-USD");

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void everyCoinbaseStatusMapsAndThereIsNoPartiallyFilledStatus() {
        Map<String, OrderStatus> unfilled = Map.of("PENDING", OrderStatus.ACCEPTED, "OPEN", OrderStatus.ACCEPTED,
                "QUEUED", OrderStatus.ACCEPTED, "CANCEL_QUEUED", OrderStatus.ACCEPTED, "EDIT_QUEUED",
                OrderStatus.ACCEPTED, "UNKNOWN_ORDER_STATUS", OrderStatus.ACCEPTED, "FILLED", OrderStatus.FILLED,
                "CANCELLED", OrderStatus.CANCELLED, "EXPIRED", OrderStatus.EXPIRED, "FAILED", OrderStatus.REJECTED);
        unfilled.forEach((coinbase, host) -> assertThat(Wire.status(coinbase, Quantity.ZERO)).as(coinbase)
                .isEqualTo(host));
        assertThat(Wire.status("OPEN", Quantity.of("0.1"))).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(Wire.status("CANCEL_QUEUED", Quantity.of("0.1"))).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(Wire.status("CANCELLED", Quantity.of("0.1"))).isEqualTo(OrderStatus.CANCELLED);
        assertThat(unfilled.keySet().stream().filter(Wire::isTerminal))
                .containsExactlyInAnyOrder("FILLED", "CANCELLED", "EXPIRED", "FAILED");
    }

    @Test
    void rejectionReasonsBecomeStableCodes() {
        assertThat(Wire.rejection("INSUFFICIENT_FUND")).isEqualTo(RejectionCode.of("COINBASE_INSUFFICIENT_FUND"));
        assertThat(Wire.rejection("preview invalid-size")).isEqualTo(RejectionCode.of("COINBASE_PREVIEW_INVALID_SIZE"));
        assertThat(Wire.rejection("")).isEqualTo(RejectionCode.of("COINBASE_UNKNOWN_FAILURE_REASON"));
        assertThat(Wire.rejection(null)).isEqualTo(RejectionCode.of("COINBASE_UNKNOWN_FAILURE_REASON"));
        assertThat(Wire.rejection("42")).isEqualTo(RejectionCode.of("COINBASE_UNKNOWN_FAILURE_REASON"));
    }

    @Test
    void orderBodiesNameExactlyOneConfigurationWithDecimalStrings() {
        ClientOrderId id = ClientOrderId.of("run-7");
        assertThat(Wire.orderBody(OrderRequest.market(id, BTC, Side.SELL, Quantity.of("0.5"))).toString())
                .isEqualTo("{\"client_order_id\":\"run-7\",\"product_id\":\"BTC-USD\",\"side\":\"SELL\","
                        + "\"order_configuration\":{\"market_market_ioc\":{\"base_size\":\"0.5\"}}}");
        OrderRequest gtc = new OrderRequest(id, BTC, Side.BUY, OrderType.LIMIT, Quantity.of("1"), Price.of("100.5"),
                TimeInForce.GTC, false, true);
        assertThat(Wire.orderBody(gtc).path("order_configuration").toString())
                .isEqualTo("{\"limit_limit_gtc\":{\"base_size\":\"1\",\"limit_price\":\"100.5\",\"post_only\":true}}");
        assertThat(Wire.orderBody(new OrderRequest(id, BTC, Side.BUY, OrderType.LIMIT, Quantity.of("1"),
                Price.of("1"), TimeInForce.IOC, false, false)).path("order_configuration").fieldNames().next())
                .isEqualTo("sor_limit_ioc");
        assertThat(Wire.orderBody(new OrderRequest(id, BTC, Side.BUY, OrderType.LIMIT, Quantity.of("1"),
                Price.of("1"), TimeInForce.FOK, false, false)).path("order_configuration").fieldNames().next())
                .isEqualTo("limit_limit_fok");
        JsonNode stop = Wire.orderBody(new OrderRequest(id, BTC, Side.SELL, OrderType.STOP_LIMIT, Quantity.of("1"),
                Price.of("94"), TimeInForce.GTC, false, false, Price.of("95"))).path("order_configuration")
                .path("stop_limit_stop_limit_gtc");
        assertThat(stop.path("stop_price").asText()).isEqualTo("95");
        assertThat(stop.path("stop_direction").asText()).isEqualTo("STOP_DIRECTION_STOP_DOWN");
        assertThat(Wire.cancelBody("o-1").toString()).isEqualTo("{\"order_ids\":[\"o-1\"]}");
    }

    @Test
    void anOrderObjectReadsBackAsTheHostsOrder() throws Exception {
        Order order = Wire.order(json("{'order_id':'o-1','client_order_id':'run-7','product_id':'BTC-USD','side':'BUY',"
                + "'status':'OPEN','time_in_force':'GOOD_UNTIL_CANCELLED','filled_size':'0.25',"
                + "'order_configuration':{'limit_limit_gtc':{'base_size':'1','limit_price':'100','post_only':true}}}"));
        assertThat(order).isEqualTo(new Order(new OrderRequest(ClientOrderId.of("run-7"), BTC, Side.BUY,
                OrderType.LIMIT, Quantity.of("1"), Price.of("100"), TimeInForce.GTC, false, true),
                OrderStatus.PARTIALLY_FILLED, Quantity.of("0.25"), "o-1"));
        Order market = Wire.order(json("{'order_id':'o-2','client_order_id':'run-8','product_id':'BTC-USD',"
                + "'side':'SELL','status':'FILLED','time_in_force':'IMMEDIATE_OR_CANCEL','filled_size':'2',"
                + "'order_configuration':{'market_market_ioc':{'base_size':'2'}}}"));
        assertThat(market.request().type()).isEqualTo(OrderType.MARKET);
        assertThat(market.request().timeInForce()).isEqualTo(TimeInForce.IOC);
        assertThat(market.status()).isEqualTo(OrderStatus.FILLED);
        assertThatThrownBy(() -> Wire.order(json("{'order_id':'o-3','client_order_id':'run-9','product_id':'BTC-USD',"
                + "'side':'SIDEWAYS','status':'OPEN','order_configuration':{'market_market_ioc':{'base_size':'1'}}}")))
                .hasMessageContaining("unknown side");
    }

    @Test
    void productsReadSpotAndPerpetualsAndSkipWhatTheHostCannotTrade() throws Exception {
        var spot = Wire.product(json("{'product_id':'BTC-USD','product_type':'SPOT','base_currency_id':'BTC',"
                + "'quote_currency_id':'USD','price_increment':'0.01','base_increment':'0.00000001',"
                + "'base_min_size':'0.00001'}")).orElseThrow();
        assertThat(spot.kind()).isEqualTo(ProductKind.SPOT);
        assertThat(spot.maxLeverage()).isEqualTo(Ratio.ONE);
        var perp = Wire.product(json("{'product_id':'BTC-PERP-INTX','product_type':'FUTURE','base_currency_id':'BTC',"
                + "'quote_currency_id':'USDC','price_increment':'0.1','base_increment':'0.0001','base_min_size':'0.0001',"
                + "'future_product_details':{'contract_expiry_type':'PERPETUAL','perpetual_details':"
                + "{'max_leverage':'20'}}}")).orElseThrow();
        assertThat(perp.kind()).isEqualTo(ProductKind.PERPETUAL);
        assertThat(perp.maxLeverage()).isEqualTo(Ratio.of("20"));
        assertThat(Wire.product(json("{'product_id':'BIT-27DEC26','product_type':'FUTURE','price_increment':'1',"
                + "'base_increment':'1','future_product_details':{'contract_expiry_type':'EXPIRING'}}"))).isEmpty();
        assertThat(Wire.product(json("{'product_id':'OLD-USD','product_type':'SPOT','is_disabled':true,"
                + "'price_increment':'1','base_increment':'1'}"))).isEmpty();
    }

    @Test
    void fillsReadTradeIdsCommissionLiquidityAndSizesInQuote() throws Exception {
        var fill = Wire.fill(json("{'trade_id':'t-1','product_id':'BTC-USD','side':'BUY','price':'100','size':'0.5',"
                + "'commission':'0.3','liquidity_indicator':'MAKER','trade_time':'2026-01-01T00:00:01.5Z'}"),
                ClientOrderId.of("run-7"));
        assertThat(fill.tradeId()).isEqualTo("t-1");
        assertThat(fill.fee().toString()).isEqualTo("0.3");
        assertThat(fill.liquidity()).isEqualTo(io.tradehost.api.order.Liquidity.MAKER);
        assertThat(fill.timestampNanos()).isEqualTo(1_767_225_601_500_000_000L);
        var inQuote = Wire.fill(json("{'trade_id':'t-2','product_id':'BTC-USD','side':'SELL','price':'200',"
                + "'size':'50','size_in_quote':true,'commission':'0','trade_time':''}"), ClientOrderId.of("run-7"));
        assertThat(inQuote.quantity()).isEqualTo(Quantity.of("0.25"));
        assertThat(inQuote.liquidity()).isEqualTo(io.tradehost.api.order.Liquidity.TAKER);
        assertThat(inQuote.timestampNanos()).isZero();
        var longFee = Wire.fill(json("{'trade_id':'t-3','product_id':'BTC-USD','side':'BUY','price':'100','size':'1',"
                + "'commission':'0.0123456789512','trade_time':''}"), ClientOrderId.of("run-7"));
        assertThat(longFee.fee().toString()).isEqualTo("0.012345679");
    }

    @Test
    void moneyWithMorePlacesThanTheHostKeepsIsRoundedAndNotANumberIsRefused() {
        // what the local exchange's balance less a hold of remaining x limit x (1 + fee) looked like
        assertThat(Wire.money("98873.810210566136").toString()).isEqualTo("98873.8102105661");
        assertThat(Wire.money("-0.00000000005").toString()).isEqualTo("0");
        assertThat(Wire.money("0.00000000015").toString()).isEqualTo("0.0000000002");
        assertThat(Wire.money("12.5").toString()).isEqualTo("12.5");
        assertThatThrownBy(() -> Wire.money("12,5")).isInstanceOf(NumberFormatException.class);
    }
}

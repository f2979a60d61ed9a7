package io.tradehost.exchange.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradehost.exchange.engine.ExchangeOrder;
import io.tradehost.exchange.engine.PlaceRequest;
import io.tradehost.exchange.testing.RawHttp;
import io.tradehost.exchange.testing.RawWebSocket;
import io.tradehost.exchange.testing.TestExchange;
import io.tradehost.exchange.testing.Tokens;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v3/brokerage/orders/edit} over a real socket on 127.0.0.1: authenticated like
 * the other private endpoints (before the body is read), Coinbase's answer shape for a success and a
 * refusal, 400 for a body it cannot read, and the edited terms in the order's REST views and in the
 * user channel's update. The market stands still; reads are bounded by the socket's timeout.
 */
@Timeout(60)
class OrderEditApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/api/v3/brokerage/orders/edit";

    @TempDir
    Path dir;
    private TestExchange x;

    @BeforeEach
    void start() {
        x = new TestExchange(dir);
    }

    @AfterEach
    void stop() {
        x.close();
    }

    private RawHttp.Response post(String body, boolean signed) throws Exception {
        String head = "POST " + PATH + " HTTP/1.1\r\nHost: " + x.host() + "\r\nContent-Type: application/json";
        if (signed) {
            head += "\r\nAuthorization: Bearer " + Tokens.rest(x.exchange.apiKey(), Instant.now().getEpochSecond(),
                    "POST " + x.host() + PATH);
        }
        return RawHttp.send(x.port(), head, body);
    }

    private static String edit(String orderId, String price, String size) {
        return JSON.createObjectNode().put("order_id", orderId).put("price", price).put("size", size).toString();
    }

    private String restingBuy(String clientId) {
        return x.exchange.engine().place(new PlaceRequest(clientId, "BTC-USD", "BUY", "limit_limit_gtc",
                new BigDecimal("0.01"), null, new BigDecimal("1000.00"), null, null, false, 0, null, null))
                .order().orderId;
    }

    @Test
    void anEditAnswersCoinbasesShapeAndTheOrdersViewsShowTheNewTerms() throws Exception {
        String id = restingBuy("c1");
        try (RawWebSocket user = new RawWebSocket(x.port(), "/ws/user")) {
            user.sendText(JSON.createObjectNode().put("type", "subscribe").put("channel", "user")
                    .put("jwt", Tokens.sign(x.exchange.apiKey(), Tokens.header(x.exchange.apiKey()),
                            Tokens.claims(x.exchange.apiKey(), Instant.now().getEpochSecond())))
                    .set("product_ids", JSON.createArrayNode()).toString());
            assertThat(userEvent(user).path("type").asText()).isEqualTo("snapshot");

            RawHttp.Response ok = post(edit(id, "1001.50", "0.03"), true);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.json()).isEqualTo(JSON.readTree("{\"success\":true,\"errors\":[]}"));

            JsonNode update = userEvent(user);
            assertThat(update.path("type").asText()).isEqualTo("update");
            JsonNode o = update.path("orders").path(0);
            assertThat(List.of(o.path("client_order_id").asText(), o.path("status").asText(),
                    o.path("limit_price").asText(), o.path("leaves_quantity").asText(),
                    o.path("cumulative_quantity").asText())).containsExactly("c1", "OPEN", "1001.50", "0.03", "0");
        }
        JsonNode config = JSON.readTree("{\"limit_limit_gtc\":{\"base_size\":\"0.03\",\"limit_price\":\"1001.50\","
                + "\"post_only\":false}}");
        assertThat(x.privateGet("/api/v3/brokerage/orders/historical/" + id).json().path("order")
                .path("order_configuration")).isEqualTo(config);
        JsonNode listed = x.privateGet("/api/v3/brokerage/orders/historical/batch?order_status=OPEN").json()
                .path("orders");
        assertThat(listed).hasSize(1);
        assertThat(listed.path(0).path("order_configuration")).isEqualTo(config);
        assertThat(x.exchange.stats()).containsEntry("orders_edited", 1L);
    }

    @Test
    void aRefusalIsSuccessFalseWithTheReasonsAndChangesNothing() throws Exception {
        String id = restingBuy("c1");
        RawHttp.Response refused = post(edit(id, "1000.00", "0.01"), true);
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.json()).isEqualTo(JSON.readTree("{\"success\":false,\"errors\":[{"
                + "\"edit_failure_reason\":\"EDIT_REQUEST_EQUAL_TO_ORIGINAL_REQUEST\","
                + "\"preview_failure_reason\":\"UNKNOWN_PREVIEW_FAILURE_REASON\","
                + "\"message\":\"the order already rests at this price and size\"}]}"));
        assertThat(post(edit("nope", "1000.00", "0.02"), true).json().path("errors").path(0)
                .path("edit_failure_reason").asText()).isEqualTo("ORDER_NOT_FOUND");
        ExchangeOrder o = x.exchange.engine().order(id).orElseThrow();
        assertThat(o.baseSize).isEqualByComparingTo("0.01");
        assertThat(x.exchange.stats()).containsEntry("orders_edited", 0L);
    }

    @Test
    void anUnsignedEditIs401AndAnUnreadableBodyIs400() throws Exception {
        String id = restingBuy("c1");
        RawHttp.Response unsigned = post(edit(id, "1001.00", "0.01"), false);
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.json().path("error").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(post("{\"price\":\"1001.00\",\"size\":\"0.01\"}", true).status()).isEqualTo(400);
        assertThat(post(edit(id, "a lot", "0.01"), true).json().path("error").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(post("[1,2]", true).status()).isEqualTo(400);
        assertThat(x.exchange.engine().order(id).orElseThrow().limitPrice).isEqualByComparingTo("1000.00");
    }

    /** The next {@code user} channel event, past the subscription's acknowledgement (at most a few frames). */
    private static JsonNode userEvent(RawWebSocket ws) throws Exception {
        for (int i = 0; i < 5; i++) {
            JsonNode m = JSON.readTree(ws.read().text());
            if (m.path("channel").asText().equals("user")) {
                return m.path("events").path(0);
            }
        }
        throw new AssertionError("no user event within 5 messages");
    }
}

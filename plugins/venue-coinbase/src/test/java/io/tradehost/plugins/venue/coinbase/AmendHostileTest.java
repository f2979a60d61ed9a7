package io.tradehost.plugins.venue.coinbase;

import static io.tradehost.plugins.venue.coinbase.ScriptedServer.answer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.api.venue.VenueContext;
import io.tradehost.exchange.auth.ApiKey;
import io.tradehost.exchange.auth.KeyType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link CoinbaseVenue#amend} against a venue that answers the edit badly, on 127.0.0.1: not JSON,
 * no success flag, too large (declared or streamed), too deep, stalled mid-body, hung up, refusals
 * with reasons that are no reason, HTTP errors. Each amend is heard exactly once, as {@code
 * onOrderAmended} or as {@code onAmendRejected} with a code the host can read and a bounded message
 * without a stack trace, and nothing escapes to a thread. The outcomes are compared whole.
 */
@Timeout(60)
class AmendHostileTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String EDIT = "/api/v3/brokerage/orders/edit";
    private static final String READ = "/api/v3/brokerage/orders/historical/v-1";
    private static final ClientOrderId ID = ClientOrderId.of("hostile", 1);
    private static final OrderRequest ORDER = new OrderRequest(ID, Symbol.of("BTC-USD"), Side.BUY, OrderType.LIMIT,
            Quantity.of("0.1"), Price.of("1000"), TimeInForce.GTC, false, false);

    private final RecordingListener listener = new RecordingListener();
    private final LiveScheduler scheduler = new LiveScheduler();
    private final List<Throwable> escaped = Collections.synchronizedList(new ArrayList<>());
    private Thread.UncaughtExceptionHandler before;
    private ScriptedServer server;
    private CoinbaseVenue venue;

    @BeforeEach
    void start() throws Exception {
        before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> escaped.add(e));
        server = new ScriptedServer();
        server.route("POST", "/api/v3/brokerage/orders",
                answer(200, "{\"success\":true,\"success_response\":{\"order_id\":\"v-1\"}}"));
        ApiKey key = ApiKey.generate(KeyType.ED25519);
        Map<String, Object> config = Map.of("base_url", server.uri().toString(), "request_timeout", "500ms",
                "read_attempts", 1, "rate_limit", 30);
        venue = (CoinbaseVenue) new CoinbaseVenueFactory().create(new PluginConfig("venue.config", config),
                new VenueContext(ExchangeHarness.WALL, scheduler, listener, Map.of(CoinbaseVenueFactory.KEY_NAME,
                        key.name(), CoinbaseVenueFactory.PRIVATE_KEY, key.secret()), 1));
        venue.place(ORDER);
    }

    @AfterEach
    void stop() throws Exception {
        venue.close();
        server.close();
        scheduler.close();
        Thread.setDefaultUncaughtExceptionHandler(before);
    }

    /** The order as the venue shows it when read back: resting at {@code price} for {@code size}. */
    private static String order(String price, String size) {
        return "{\"order\":{\"order_id\":\"v-1\",\"client_order_id\":\"" + ID.value() + "\",\"product_id\":\"BTC-USD\","
                + "\"side\":\"BUY\",\"status\":\"OPEN\",\"filled_size\":\"0\",\"order_configuration\":"
                + "{\"limit_limit_gtc\":{\"base_size\":\"" + size + "\",\"limit_price\":\"" + price + "\"}}}}";
    }

    private static String refusal(String errors) {
        return "{\"success\":false,\"errors\":" + errors + "}";
    }

    private int asked;

    /** Amends with the edit answered by {@code reply} and a read-back by {@code readBack}; what is heard. */
    private String amend(ScriptedServer.Reply reply, ScriptedServer.Reply readBack) throws Exception {
        server.route("POST", EDIT, reply);
        server.route("GET", READ, readBack);
        int heard = listener.events().size();
        asked++;
        venue.amend(ID, Price.of(String.valueOf(1000 + asked)), Quantity.of("0.2"));
        assertThat(listener.await(WAIT, l -> l.events().size() > heard)).as("amend %d heard", asked).isTrue();
        return listener.events().get(heard).replace(" " + ID + " ", " ");
    }

    private String amend(ScriptedServer.Reply reply) throws Exception {
        return amend(reply, answer(200, order("1000", "0.1")));
    }

    @Test
    void everyBadAnswerIsHeardOnceAsARefusalWithACodeAndNothingEscapes() throws Exception {
        String big = "{\"success\":true,\"pad\":\"" + "x".repeat(200_000) + "\"}";
        List<String> heard = List.of(
                amend(answer(200, "<html>not json</html>")),
                amend(answer(200, "{\"errors\":[]}")),
                amend(answer(200, "{\"success\":\"true\"}")),
                amend(answer(200, "[true]")),
                amend(answer(200, big)),
                amend(ScriptedServer.chunked(big, 8192)),
                amend(answer(200, "[".repeat(30_000))),
                amend(ScriptedServer.stalled()),
                amend(ScriptedServer.hangUp(), answer(200, "{\"order\":")),
                amend(ScriptedServer.hangUp(), answer(200, order("1010", "0.2"))),
                amend(answer(200, refusal("[{\"edit_failure_reason\":\"drop table; \\u001b[31m\"}]"))),
                amend(answer(200, refusal("[{\"edit_failure_reason\":\"" + "A".repeat(10_000) + "\"}]"))),
                amend(answer(200, refusal("\"nope\""))),
                amend(answer(200, refusal("[{\"edit_failure_reason\":42,"
                        + "\"preview_failure_reason\":\"PREVIEW_INVALID_LIMIT_PRICE\"}]"))),
                amend(answer(200, refusal("[{\"edit_failure_reason\":\"order_not_found\"}]"))),
                amend(answer(400, "{\"error\":\"INVALID_ARGUMENT\",\"message\":\"bad\"}")),
                amend(answer(401, "{\"error\":\"UNAUTHENTICATED\"}")),
                amend(answer(404, "not even json")),
                amend(answer(429, "{}", "Retry-After: 2")),
                amend(answer(500, "{\"error\":\"INTERNAL\"}")),
                amend(answer(200, "{\"success\":true,\"errors\":[{\"edit_failure_reason\":\"IGNORED\"}]}")));
        assertThat(heard).containsExactly(
                "amend-rejected BAD_ANSWER",
                "amend-rejected BAD_ANSWER",
                "amend-rejected BAD_ANSWER",
                "amend-rejected BAD_ANSWER",
                "amend-rejected BAD_ANSWER",
                "amend-rejected BAD_ANSWER",
                "amend-rejected BAD_ANSWER",
                "amend-rejected NO_ANSWER",
                "amend-rejected NO_ANSWER",
                "amended 0.2@1010",
                "amend-rejected UNKNOWN_EDIT_ORDER_FAILURE_REASON",
                "amend-rejected UNKNOWN_EDIT_ORDER_FAILURE_REASON",
                "amend-rejected UNKNOWN_EDIT_ORDER_FAILURE_REASON",
                "amend-rejected PREVIEW_INVALID_LIMIT_PRICE",
                "amend-rejected ORDER_NOT_FOUND",
                "amend-rejected BAD_REQUEST",
                "amend-rejected AUTH_REFUSED",
                "amend-rejected NOT_FOUND",
                "amend-rejected RATE_LIMITED",
                "amend-rejected VENUE_ERROR",
                "amended 0.2@1021");
        List<String> messages = listener.amendMessages();
        assertThat(messages).hasSize(19).allSatisfy(m -> assertThat(m).hasSizeLessThan(1_500)
                .doesNotContain("\tat ").doesNotContain("xxxxxxxxxx"));
        assertThat(messages.get(1)).contains("no success flag").contains("still shows 0.1 at 1000");
        assertThat(messages.get(4)).contains("exceeded 65536 bytes");
        assertThat(messages.get(5)).contains("exceeded 65536 bytes");
        assertThat(messages.get(7)).contains("no answer within 500 ms");
        assertThat(messages.get(8)).contains("reading the order back failed too");
        assertThat(messages.get(9)).contains("drop table");
        assertThat(messages.get(17)).contains("retry after 2000 ms");
        assertThat(listener.events()).hasSize(1 + heard.size());
        assertThat(escaped).isEmpty();
    }
}

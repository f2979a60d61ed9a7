package io.tradehost.admin;

import static io.tradehost.admin.AdminFixture.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradehost.admin.http.EventStream;
import io.tradehost.admin.http.StreamAccess;
import io.tradehost.api.event.OperatorActed;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.event.QuoteReceived;
import io.tradehost.api.event.TradingStateChanged;
import io.tradehost.api.host.OperatorAction;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.testkit.Fixtures;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
class EventStreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AdminFixture host = new AdminFixture();

    @AfterEach
    void close() {
        host.close();
    }

    /** Reads stream items (name and data) until {@code count} have arrived; comments are skipped. */
    private static List<String[]> items(BufferedReader in, int count) throws Exception {
        List<String[]> items = new ArrayList<>();
        String name = null;
        String line;
        while (items.size() < count && (line = in.readLine()) != null) {
            if (line.startsWith("event: ")) {
                name = line.substring(7);
            } else if (line.startsWith("data: ")) {
                items.add(new String[] {name, line.substring(6)});
            }
        }
        return items;
    }

    @Test
    void theStreamCarriesStatusThenTheWatchedEventsInOrderAndNothingElse() throws Exception {
        try (Socket s = host.http.connect()) {
            s.getOutputStream().write(("GET /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
            List<String[]> first = items(in, 1);
            assertThat(first.getFirst()[0]).isEqualTo("status");
            assertThat(JSON.readTree(first.getFirst()[1]).get("equity").asText()).isEqualTo("100500");
            // the client registers before its first write, so it is there by now; bounded all the same
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (host.stream.clientCount() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(host.stream.clientCount()).isEqualTo(1);

            long t = host.clock.nanos();
            Fill fill = new Fill("t1", ClientOrderId.of("r1-1"), AdminFixture.BTC, Side.BUY, Quantity.of("0.1"),
                    Price.of("61000.5"), Money.of("0.3"), Liquidity.TAKER, t);
            host.activity.onEvent(new QuoteReceived(Fixtures.quote("BTC-PERP", "1", "2", t)));
            host.activity.onEvent(new OrderFilled(fill));
            host.activity.onEvent(new TradingStateChanged(TradingState.ACTIVE, TradingState.HALTED, List.of(), t));
            host.activity.onEvent(new OperatorActed(1, OperatorAction.HALT, null, "ana", "why", true, "halted", t));
            host.publisher.publishNow();

            List<String[]> got = items(in, 4);
            assertThat(got).extracting(i -> i[0]).containsExactly("fill", "state", "operator", "status");
            JsonNode f = JSON.readTree(got.get(0)[1]);
            assertThat(f.get("price").asText()).isEqualTo("61000.5");
            assertThat(f.get("tradeId").asText()).isEqualTo("t1");
            assertThat(JSON.readTree(got.get(1)[1]).get("to").asText()).isEqualTo("HALTED");
            assertThat(JSON.readTree(got.get(2)[1]).get("actor").asText()).isEqualTo("ana");
        }
    }

    @Test
    void theStreamNeedsTheToken() throws Exception {
        assertThat(host.http.get("/api/v1/events", null).status()).isEqualTo(401);
    }

    @Test
    void aClientThatFallsBehindIsDroppedInsteadOfBlockingTheKernel() throws Exception {
        EventStream stream = new EventStream(4, 2);
        var client = StreamAccess.open(stream);
        for (int i = 0; i < 10; i++) {
            stream.offer(new TradingStateChanged(TradingState.ACTIVE, TradingState.HALTED, List.of(), i));
        }
        assertThat(StreamAccess.nextName(client)).isEqualTo("closed");
        assertThat(StreamAccess.open(stream)).isNotNull();
        assertThat(StreamAccess.open(stream)).as("at most two clients").isNull();
    }
}

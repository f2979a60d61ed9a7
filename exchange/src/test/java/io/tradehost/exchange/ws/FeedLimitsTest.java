package io.tradehost.exchange.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradehost.exchange.testing.RawHttp;
import io.tradehost.exchange.testing.RawWebSocket;
import io.tradehost.exchange.testing.TestExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feed connection cannot be made to buffer an unbounded message: a message that grows past the
 * cap, in continuation frames or in one frame announcing a gigabyte, closes that connection with
 * 1009 (message too large) while the others and the REST side carry on. Raw sockets on 127.0.0.1.
 */
@Timeout(60)
class FeedLimitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CAP = FeedConnection.MAX_MESSAGE_BYTES;
    private static final int MESSAGE_TOO_LARGE = 1009;

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

    @Test
    void aMessageGrowingInContinuationFramesIsClosedWith1009AndOnlyThatConnection() throws Exception {
        try (RawWebSocket bystander = new RawWebSocket(x.port(), "/ws");
             RawWebSocket flooder = new RawWebSocket(x.port(), "/ws")) {
            byte[] part = "x".repeat(16 * 1024).getBytes(StandardCharsets.US_ASCII);
            flooder.send(RawWebSocket.TEXT, false, part);
            // 2 MiB in all, 32 times the cap, never finished: only the cap can end it
            int sent = 1;
            try {
                for (; sent < 128; sent++) {
                    flooder.send(RawWebSocket.CONTINUATION, false, part);
                }
            } catch (IOException e) {
                // the server closes the socket right after its close frame (Jetty does not wait for
                // the reply to an error close), so the rest of the flood may find it gone
            }
            assertThat(sent * part.length).isGreaterThan(CAP);
            RawWebSocket.Frame close = flooder.readUntilClose();
            assertThat(close.closeCode()).isEqualTo(MESSAGE_TOO_LARGE);
            assertStillServing(bystander);
        }
    }

    @Test
    void aFrameAnnouncingAGigabyteIsClosedWith1009AfterTheCap() throws Exception {
        try (RawWebSocket bystander = new RawWebSocket(x.port(), "/ws/user");
             RawWebSocket giant = new RawWebSocket(x.port(), "/ws")) {
            giant.sendPartialFrame(RawWebSocket.TEXT, 1L << 30, 2 * CAP);
            RawWebSocket.Frame close = giant.readUntilClose();
            assertThat(close.closeCode()).isEqualTo(MESSAGE_TOO_LARGE);
            assertStillServing(bystander);
        }
    }

    @Test
    void aMessageJustUnderTheCapIsStillRead() throws Exception {
        try (RawWebSocket ws = new RawWebSocket(x.port(), "/ws")) {
            String subscribe = "{\"type\":\"subscribe\",\"channel\":\"heartbeats\",\"product_ids\":[],\"pad\":\"";
            String message = subscribe + "p".repeat(CAP - subscribe.length() - 2) + "\"}";
            assertThat(message).hasSize(CAP);
            ws.send(RawWebSocket.TEXT, false, message.substring(0, CAP / 2).getBytes(StandardCharsets.US_ASCII));
            ws.send(RawWebSocket.CONTINUATION, true, message.substring(CAP / 2).getBytes(StandardCharsets.US_ASCII));
            assertThat(JSON.readTree(ws.read().text()).path("channel").asText()).isEqualTo("subscriptions");
        }
    }

    /** The other connection still subscribes and gets its acknowledgement; REST still answers. */
    private void assertStillServing(RawWebSocket other) throws Exception {
        other.sendText("{\"type\":\"subscribe\",\"channel\":\"heartbeats\",\"product_ids\":[]}");
        assertThat(JSON.readTree(other.read().text()).path("channel").asText()).isEqualTo("subscriptions");
        assertThat(RawHttp.get(x.port(), "/api/v3/brokerage/time").status()).isEqualTo(200);
    }
}

package io.tradehost.exchange.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradehost.exchange.testing.RawHttp;
import io.tradehost.exchange.testing.TestExchange;
import io.tradehost.exchange.testing.Tokens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST side cannot be made to buffer what a client sends: routing and authentication come
 * from the request line and headers alone, a body is refused at the cap (from its Content-Length
 * or while it streams in), and what Jetty refuses itself is Coinbase-style JSON. Raw sockets on
 * 127.0.0.1, because a client library would not send a false Content-Length or a 20 KB header.
 */
@Timeout(60)
class RequestLimitsTest {
    private static final long HUNDRED_MB = 100L * 1024 * 1024;
    private static final String ORDERS = "/api/v3/brokerage/orders";

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
    void aHundredMegabyteBodyIsRefusedFromItsLengthWithoutCredentialsAndTheExchangeServesOn() throws Exception {
        RawHttp.Response r = RawHttp.send(x.port(), "POST " + ORDERS + " HTTP/1.1\r\nHost: " + x.host()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + HUNDRED_MB, new byte[0]);
        assertThat(r.status()).isEqualTo(413);
        assertCoinbaseError(r).contains(String.valueOf(RestApi.MAX_BODY_BYTES));
        assertServing();
    }

    @Test
    void aBodyStreamedPastTheCapIsRefusedOnceTheCapIsReached() throws Exception {
        String token = Tokens.rest(x.exchange.apiKey(), Instant.now().getEpochSecond(), "POST " + x.host() + ORDERS);
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        byte[] chunk = "{\"a\":1}".repeat(9362).getBytes(StandardCharsets.US_ASCII);
        // 17 chunks of 64 KB: past the 1 MiB cap, and never the terminating chunk, so only a cap ends it
        for (int i = 0; i < 17; i++) {
            chunks.writeBytes((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunks.writeBytes(chunk);
            chunks.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        RawHttp.Response r = RawHttp.send(x.port(), "POST " + ORDERS + " HTTP/1.1\r\nHost: " + x.host()
                + "\r\nAuthorization: Bearer " + token + "\r\nTransfer-Encoding: chunked", chunks.toByteArray());
        assertThat(r.status()).isEqualTo(413);
        assertCoinbaseError(r).contains("too large");
        assertServing();
    }

    @Test
    void anUnknownPathIsRefusedWithoutReadingTheBody() throws Exception {
        for (String path : new String[] {"/api/v3/brokerage/no-such-thing", "/nowhere", "/api/v3/brokerage/orders/x"}) {
            RawHttp.Response r = RawHttp.send(x.port(), "POST " + path + " HTTP/1.1\r\nHost: " + x.host()
                    + "\r\nContent-Length: " + HUNDRED_MB, new byte[0]);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertCoinbaseError(r).contains(path);
        }
        assertServing();
    }

    @Test
    void aMissingOrForgedJwtIsRefusedWithoutReadingTheBody() throws Exception {
        // chunked, nothing sent after the head: an answer proves the body was never waited for
        for (String auth : new String[] {"", "\r\nAuthorization: Bearer a.b.c", "\r\nAuthorization: Basic eA=="}) {
            RawHttp.Response r = RawHttp.send(x.port(), "POST " + ORDERS + " HTTP/1.1\r\nHost: " + x.host() + auth
                    + "\r\nTransfer-Encoding: chunked", new byte[0]);
            assertThat(r.status()).as(auth).isEqualTo(401);
            assertThat(r.json().path("error").asText()).isEqualTo("UNAUTHENTICATED");
        }
        assertServing();
    }

    @Test
    void aHeadTooLargeIsJson431() throws Exception {
        RawHttp.Response r = RawHttp.get(x.port(), "/api/v3/brokerage/time", "X-Filler: " + "a".repeat(20_000));
        assertThat(r.status()).isEqualTo(431);
        assertCoinbaseError(r).isNotBlank();
        assertServing();
    }

    @Test
    void aTargetTooLongAndAGarbledRequestAreJsonToo() throws Exception {
        RawHttp.Response tooLong = RawHttp.get(x.port(), "/api/v3/brokerage/" + "p".repeat(20_000));
        assertThat(tooLong.status()).isEqualTo(414);
        assertCoinbaseError(tooLong).isNotBlank();
        RawHttp.Response garbled = RawHttp.send(x.port(), "GARBAGE\u0001 / HTTP/9.9", new byte[0]);
        assertThat(garbled.status()).isEqualTo(400);
        assertCoinbaseError(garbled).isNotBlank();
        assertServing();
    }

    /** Checks Coinbase's error shape and returns an assertion on its message. */
    private static org.assertj.core.api.AbstractStringAssert<?> assertCoinbaseError(RawHttp.Response r)
            throws IOException {
        assertThat(r.header("content-type")).startsWith("application/json");
        JsonNode body = r.json();
        assertThat(body.path("error").isTextual()).as(r.body()).isTrue();
        assertThat(body.path("error_details").isTextual()).as(r.body()).isTrue();
        assertThat(body.path("message").isTextual()).as(r.body()).isTrue();
        return assertThat(body.path("message").asText());
    }

    /** A public and a private call still answer on fresh connections. */
    private void assertServing() throws IOException {
        assertThat(RawHttp.get(x.port(), "/api/v3/brokerage/time").status()).isEqualTo(200);
        RawHttp.Response accounts = x.privateGet("/api/v3/brokerage/accounts");
        assertThat(accounts.status()).as(accounts.body()).isEqualTo(200);
        assertThat(accounts.json().path("accounts").size()).isPositive();
    }
}

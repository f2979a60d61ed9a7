package io.tradehost.admin;

import static io.tradehost.admin.AdminFixture.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradehost.api.host.HealthStatus;
import io.tradehost.api.host.OperatorAction;
import io.tradehost.api.state.TradingState;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
class AdminApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ENDPOINTS = List.of("state", "positions", "orders", "fills", "guards",
            "plugins", "config", "summary", "history");

    private final AdminFixture host = new AdminFixture();

    @AfterEach
    void close() {
        host.close();
    }

    private static JsonNode json(RawHttp.Response r) throws IOException {
        return JSON.readTree(r.body());
    }

    @Test
    void healthNeedsNoTokenAndIs200WhenHealthyOrDegraded503WhenUnhealthyOrStalled() throws Exception {
        RawHttp.Response ok = host.http.get("/health", null);
        assertThat(ok.status()).isEqualTo(200);
        JsonNode body = json(ok);
        assertThat(body.get("status").asText()).isEqualTo("HEALTHY");
        assertThat(body.get("components")).extracting(c -> c.get("component").asText())
                .containsExactly("runtime", "execution");
        assertThat(body.get("components").get(0).get("details").get("reconciliations").asText()).isEqualTo("4");

        host.publish(host.snapshot(TradingState.HALTED, HealthStatus.DEGRADED));
        assertThat(host.http.get("/health", null).status()).isEqualTo(200);

        host.publish(host.snapshot(TradingState.HALTED, HealthStatus.UNHEALTHY));
        RawHttp.Response down = host.http.get("/health", null);
        assertThat(down.status()).isEqualTo(503);
        assertThat(json(down).get("components").get(0).get("error").asText()).isEqualTo("venue not connected");

        host.publish(host.snapshot(TradingState.ACTIVE, HealthStatus.HEALTHY));
        host.realNanos.addAndGet(5_000_000_001L); // the kernel published nothing for longer than stall_after
        RawHttp.Response stalled = host.http.get("/health", null);
        assertThat(stalled.status()).isEqualTo(503);
        assertThat(json(stalled).get("kernelStalled").asBoolean()).isTrue();
        assertThat(json(stalled).get("error").asText()).startsWith("kernel stalled: no snapshot for 5000 ms");
    }

    @Test
    void everyApiEndpointNeedsTheBearerToken() throws Exception {
        for (String endpoint : ENDPOINTS) {
            RawHttp.Response none = host.http.get("/api/v1/" + endpoint, null);
            assertThat(none.status()).as(endpoint).isEqualTo(401);
            assertThat(none.header("www-authenticate")).isEqualTo("Bearer realm=\"tradehost\"");
            assertThat(json(none).get("error").asInt()).isEqualTo(401);
            assertThat(host.http.get("/api/v1/" + endpoint, TOKEN).status()).as(endpoint).isEqualTo(200);
            // the limit of 3 wrong tokens a minute would refuse the next ones: the window is moved past it
            host.realNanos.addAndGet(61_000_000_000L);
            host.publisher.publishNow();
        }
    }

    @Test
    void wrongTokensAreRateLimitedButTheRightTokenIsAlwaysAccepted() throws Exception {
        assertThat(host.http.get("/api/v1/state", "wrong-token-wrong-token").status()).isEqualTo(401);
        assertThat(host.http.get("/api/v1/state", TOKEN + "x").status()).isEqualTo(401);
        assertThat(host.http.get("/api/v1/state", null).status()).isEqualTo(401);
        assertThat(host.http.get("/api/v1/state", TOKEN).status()).as("the operator is never locked out").isEqualTo(200);
        RawHttp.Response limited = host.http.get("/api/v1/state", "wrong-token-wrong-token");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("retry-after")).isEqualTo("61");
        assertThat(json(limited).get("message").asText()).contains("a right token is still accepted");
        assertThat(host.http.get("/api/v1/state", null).status()).isEqualTo(429);
        assertThat(host.http.post("/api/v1/operator/halt", TOKEN, "application/json", "{\"reason\":\"x\"}").status())
                .isEqualTo(200);
        host.realNanos.addAndGet(60_000_000_000L);
        host.publisher.publishNow();
        assertThat(host.http.get("/api/v1/state", "wrong-token-wrong-token").status()).as("the window passed")
                .isEqualTo(401);
    }

    @Test
    void aTokenInTheQueryStringIsRefusedEvenWhenItIsRight() throws Exception {
        RawHttp.Response r = host.http.get("/api/v1/state?token=" + TOKEN, null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(json(r).get("message").asText()).startsWith("a token in the query string is refused");
        assertThat(host.http.get("/api/v1/state?access_token=" + TOKEN, TOKEN).status()).isEqualTo(401);
    }

    @Test
    void stateShowsTheTradingStateReasonsWithSourceAndClearingRule() throws Exception {
        host.publish(host.snapshot(TradingState.HALTED, HealthStatus.DEGRADED));
        JsonNode state = json(host.http.get("/api/v1/state", TOKEN));
        assertThat(state.get("tradingState").asText()).isEqualTo("HALTED");
        assertThat(state.get("symbols").get("BTC-PERP").asText()).isEqualTo("HALTED");
        JsonNode reason = state.get("reasons").get(0);
        assertThat(reason.get("code").asText()).isEqualTo("operator.halt");
        assertThat(reason.get("source").asText()).isEqualTo("OPERATOR");
        assertThat(reason.get("clearing").asText()).isEqualTo("OPERATOR");
        assertThat(reason.get("raisedAt").asText()).isEqualTo("2026-01-05T00:00:00Z");
        assertThat(reason.get("metadata").get("operator").asText()).isEqualTo("ana");
    }

    @Test
    void positionsOrdersSummaryAndGuardsCarryTheSnapshotsExactDecimals() throws Exception {
        JsonNode positions = json(host.http.get("/api/v1/positions", TOKEN));
        assertThat(positions.get("equity").asText()).isEqualTo("100500");
        JsonNode btc = positions.get("positions").get(0);
        assertThat(btc.get("quantity").asText()).isEqualTo("0.5");
        assertThat(btc.get("averageEntry").asText()).isEqualTo("60000");
        assertThat(btc.get("mark").asText()).isEqualTo("61000");
        assertThat(btc.get("markAgeSeconds").asDouble()).isEqualTo(2.0);
        assertThat(btc.get("fees").asText()).isEqualTo("1.5");
        assertThat(positions.get("positions").get(1).get("mark").isNull()).isTrue();
        JsonNode orders = json(host.http.get("/api/v1/orders", TOKEN));
        assertThat(orders.get("open").get(0).get("clientOrderId").asText()).isEqualTo("r1-7");
        assertThat(orders.get("open").get(0).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(orders.get("open").get(0).get("strategy").asText()).isEqualTo("market-maker");
        assertThat(orders.get("open").get(0).get("tag").asText()).isEqualTo("mm-bid");
        assertThat(orders.get("open").get(0).get("heldByHost").asBoolean()).isFalse();
        assertThat(orders.get("open").get(0).get("list").isNull()).isTrue();
        JsonNode held = orders.get("open").get(1);
        assertThat(List.of(held.get("clientOrderId").asText(), held.get("type").asText(), held.get("stopPrice").asText(),
                held.get("heldByHost").asText(), held.get("trail").asText(), held.get("list").asText()))
                .containsExactly("r1-8", "STOP_MARKET", "9.5", "true", "bps=50", "L7#2");
        assertThat(json(host.http.get("/api/v1/summary", TOKEN)).get("orders").get("filled").asInt()).isEqualTo(7);
        assertThat(json(host.http.get("/api/v1/guards", TOKEN)).get("chain").asText()).isEqualTo("kill-switch");
        assertThat(json(host.http.get("/api/v1/config", TOKEN)).get("source").asText()).isEqualTo("test");
        assertThat(host.http.get("/api/v1/nothing", TOKEN).status()).isEqualTo(404);
    }

    @Test
    void anOperatorRequestIsHandedToTheKernelWithWhoAndWhyAndAnsweredWithItsOutcome() throws Exception {
        RawHttp.Response r = host.http.post("/api/v1/operator/halt", TOKEN, "application/json",
                "{\"reason\":\"maintenance window\",\"actor\":\"ana\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(json(r).get("outcome").asText()).isEqualTo("did halt");
        host.http.post("/api/v1/operator/clear/daily_loss", TOKEN, "application/json", "{\"reason\":\"reviewed\"}");
        host.http.post("/api/v1/operator/close/BTC-PERP", TOKEN, "application/json", "{\"reason\":\"flatten\"}");
        assertThat(host.requests).extracting(q -> q.action() + " " + q.argument() + " " + q.actor() + " " + q.reason())
                .containsExactly("HALT null ana@127.0.0.1 maintenance window",
                        "CLEAR daily_loss api@127.0.0.1 reviewed",
                        "CLOSE BTC-PERP api@127.0.0.1 flatten");
        assertThat(host.gateway.pendingCount()).isZero();
    }

    @Test
    void anUnansweredRequestIsAcceptedWith202() throws Exception {
        host.answer = false;
        RawHttp.Response r = host.http.post("/api/v1/operator/resume", TOKEN, "application/json", "{\"reason\":\"go\"}");
        assertThat(r.status()).isEqualTo(202);
        assertThat(json(r).get("accepted").asBoolean()).isTrue();
        assertThat(host.requests).extracting(q -> q.action()).containsExactly(OperatorAction.RESUME);
    }

    @Test
    void malformedOperatorRequestsGet4xxWithAJsonErrorAndReachNothing() throws Exception {
        Map<String, Integer> cases = new LinkedHashMap<>();
        cases.put("/api/v1/operator/halt|application/json|not json", 400);
        cases.put("/api/v1/operator/halt|application/json|{}", 400);
        cases.put("/api/v1/operator/halt|application/json|{\"reason\":\"  \"}", 400);
        cases.put("/api/v1/operator/halt|application/json|[1,2]", 400);
        cases.put("/api/v1/operator/halt|application/json|{\"reason\":\"x\",\"extra\":1}", 400);
        cases.put("/api/v1/operator/halt|application/json|{\"reason\":\"x\",\"actor\":\"<script>\"}", 400);
        cases.put("/api/v1/operator/halt|text/plain|{\"reason\":\"x\"}", 415);
        cases.put("/api/v1/operator/explode|application/json|{\"reason\":\"x\"}", 404);
        cases.put("/api/v1/operator/clear|application/json|{\"reason\":\"x\"}", 400);
        cases.put("/api/v1/operator/clear/Not%20A%20Code|application/json|{\"reason\":\"x\"}", 400);
        cases.put("/api/v1/operator/close/XRP-USD|application/json|{\"reason\":\"x\"}", 404);
        cases.put("/api/v1/operator/halt/BTC-PERP|application/json|{\"reason\":\"x\"}", 400);
        for (var c : cases.entrySet()) {
            String[] parts = c.getKey().split("\\|", 3);
            RawHttp.Response r = host.http.post(parts[0], TOKEN, parts[1], parts[2]);
            assertThat(r.status()).as(c.getKey()).isEqualTo(c.getValue());
            assertThat(r.header("content-type")).as(c.getKey()).startsWith("application/json");
            assertThat(json(r).get("message").asText()).as(c.getKey()).isNotBlank().doesNotContain("Exception");
        }
        assertThat(host.http.get("/api/v1/operator/halt", TOKEN).status()).isEqualTo(405);
        assertThat(host.requests).isEmpty();
    }

    @Test
    void oversizedBodiesHeadersAndMalformedRequestLinesGetJsonErrorsAndTheServerGoesOn() throws Exception {
        RawHttp.Response big = host.http.post("/api/v1/operator/halt", TOKEN, "application/json",
                "{\"reason\":\"" + "x".repeat(2000) + "\"}");
        assertThat(big.status()).isEqualTo(413);
        assertThat(json(big).get("error").asInt()).isEqualTo(413);
        RawHttp.Response headers = host.http.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "y".repeat(4000)
                + "\r\nConnection: close\r\n\r\n");
        assertThat(headers.status()).isEqualTo(431);
        assertThat(json(headers).get("message").asText()).isEqualTo("request headers too large");
        RawHttp.Response garbage = host.http.send("GARBAGE\r\n\r\n");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.body()).doesNotContain("jetty").doesNotContain("at org.");
        assertThat(host.requests).isEmpty();
        assertThat(host.http.get("/health", null).status()).isEqualTo(200);
    }

    @Test
    void randomBytesNeverTakeTheServerDown() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] noise = new byte[1 + random.nextInt(3000)];
            random.nextBytes(noise);
            if (random.nextBoolean()) {
                byte[] start = "GET /api/v1/state HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(start, 0, noise, 0, Math.min(start.length, noise.length));
            }
            try (Socket s = host.http.connect()) {
                s.getOutputStream().write(noise);
                s.shutdownOutput();
                RawHttp.Response r = RawHttp.read(s.getInputStream());
                assertThat(r.status()).as("request %d", i).isIn(-1, 400, 401, 404, 405, 413, 414, 431, 505);
            } catch (SocketException reset) {
                // the server closed a connection that made no sense: that is fine
            }
        }
        assertThat(host.requests).isEmpty();
        assertThat(host.http.get("/health", null).status()).isEqualTo(200);
        assertThat(host.http.get("/api/v1/state", TOKEN).status()).isEqualTo(200);
    }

    @Test
    void aSlowClientIsDisconnectedAfterTheIdleTimeout() throws Exception {
        try (AdminFixture quick = new AdminFixture(AdminFixture.settings(Map.of("idle_timeout", "200ms")))) {
            try (Socket s = quick.http.connect()) {
                s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                // blocks until the server gives up on the unfinished request (the socket's own limit is 10 s)
                byte[] rest = in.readAllBytes();
                assertThat(new String(rest, StandardCharsets.US_ASCII)).doesNotContain("200 OK");
            }
            assertThat(quick.http.get("/health", null).status()).isEqualTo(200);
        }
    }

    @Test
    void beyondTheLimitTheConnectionWaitingLongestForItsHeadMakesRoom() throws Exception {
        try (AdminFixture small = new AdminFixture(AdminFixture.settings(Map.of("max_connections", 2)))) {
            byte[] half = "GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII);
            Socket first = small.http.connect();
            first.getOutputStream().write(half);
            small.awaitOpenConnections(1);
            small.guardNanos.addAndGet(1_000);
            Socket second = small.http.connect();
            second.getOutputStream().write(half);
            small.awaitOpenConnections(2);
            small.guardNanos.addAndGet(1_000);
            try (Socket third = small.http.connect()) {
                third.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                assertThat(RawHttp.read(third.getInputStream()).status()).isEqualTo(200);
                assertThat(RawHttp.closedByServer(first)).as("the oldest waiting one was closed").isTrue();
                second.getOutputStream().write("Connection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(RawHttp.read(second.getInputStream()).status()).as("the younger one is served")
                        .isEqualTo(200);
            } finally {
                first.close();
                second.close();
            }
            assertThat(small.server.guard().evicted()).isEqualTo(1);
        }
    }

    @Test
    void aPortInUseStopsTheStartWithOneLineNamingTheAddress() {
        AdminSettings taken = AdminFixture.settings(Map.of("listen", "127.0.0.1:" + host.server.port()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AdminServer.start(taken, host.handler(taken)))
                .isInstanceOf(io.tradehost.api.host.StartupException.class)
                .hasMessageStartingWith("admin API cannot listen on 127.0.0.1:" + host.server.port() + ": ")
                .hasMessageEndingWith("(set admin.listen to another address, or \"off\")");
    }

    @Test
    void metricsNeedNoTokenByDefaultAndTheTokenWhenConfigured() throws Exception {
        RawHttp.Response m = host.http.get("/metrics", null);
        assertThat(m.status()).isEqualTo(200);
        assertThat(m.header("content-type")).startsWith("text/plain; version=0.0.4");
        assertThat(m.body()).contains("tradehost_equity 100500.0").contains("tradehost_open_orders 2.0");
        try (AdminFixture guarded = new AdminFixture(AdminFixture.settings(Map.of("metrics_token", true)))) {
            assertThat(guarded.http.get("/metrics", null).status()).isEqualTo(401);
            assertThat(guarded.http.get("/metrics", TOKEN).status()).isEqualTo(200);
        }
    }

    @Test
    void theDashboardIsServedFromTheModuleWithAStrictContentSecurityPolicyAndNothingElseIsReachable()
            throws Exception {
        RawHttp.Response page = host.http.get("/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("content-type")).startsWith("text/html");
        assertThat(page.header("content-security-policy")).contains("script-src 'self'").contains("default-src 'none'");
        assertThat(page.header("x-frame-options")).isEqualTo("DENY");
        assertThat(page.body()).contains("/assets/vendor/uPlot.iife.min.js").doesNotContain("http://")
                .doesNotContain("https://");
        assertThat(host.http.get("/assets/app.js", null).body()).contains("Bearer ");
        assertThat(host.http.get("/assets/vendor/uPlot.iife.min.js", null).body()).contains("uPlot");
        assertThat(host.http.get("/assets/../module-info.class", null).status()).isIn(400, 404);
        assertThat(host.http.get("/assets/AdminServer.class", null).status()).isEqualTo(404);
        assertThat(host.http.post("/", null, "text/plain", "x").status()).isEqualTo(405);
        assertThat(page.header("set-cookie")).isNull();
        assertThat(page.header("access-control-allow-origin")).isNull();
    }
}

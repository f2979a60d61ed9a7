package io.tradehost.exchange.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.exchange.testing.RawHttp;
import io.tradehost.exchange.testing.TestExchange;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exchange's own calls under {@code /exchange}: nothing without the admin token, statistics,
 * a fault armed over HTTP that the next request meets, funding charged on demand, and the same
 * body cap as the REST side.
 */
@Timeout(60)
class AdminApiTest {
    @TempDir
    Path dir;

    private static RawHttp.Response post(TestExchange x, String path, String auth, String body) throws Exception {
        return RawHttp.send(x.port(), "POST " + path + " HTTP/1.1\r\nHost: " + x.host() + auth, body);
    }

    @Test
    void statsFaultsAndFundingNeedTheAdminToken() throws Exception {
        try (TestExchange x = new TestExchange(dir)) {
            String auth = "\r\nAuthorization: Bearer " + x.exchange.adminToken();
            assertThat(RawHttp.get(x.port(), "/exchange/stats").status()).isEqualTo(401);
            assertThat(RawHttp.get(x.port(), "/exchange/stats", "Authorization: Bearer wrong").status()).isEqualTo(401);
            assertThat(post(x, "/exchange/funding", "", "").status()).isEqualTo(401);

            RawHttp.Response armed = post(x, "/exchange/faults", auth, "{\"fault\":\"rate_limit\",\"count\":1}");
            assertThat(armed.status()).as(armed.body()).isEqualTo(200);
            assertThat(armed.json().path("fault").asText()).isEqualTo("rate_limit");
            RawHttp.Response limited = RawHttp.get(x.port(), "/api/v3/brokerage/time");
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("retry-after")).isEqualTo("1");
            assertThat(RawHttp.get(x.port(), "/api/v3/brokerage/time").status()).isEqualTo(200);

            RawHttp.Response stats = RawHttp.get(x.port(), "/exchange/stats", auth.substring(2));
            assertThat(stats.status()).isEqualTo(200);
            assertThat(stats.json().path("rest_requests").asLong()).isEqualTo(2);
            assertThat(stats.json().path("faults_fired").path("rate_limit").asLong()).isEqualTo(1);
            assertThat(stats.json().has("orders_created")).isTrue();
            assertThat(stats.json().has("feed_connections_open")).isTrue();

            RawHttp.Response funding = post(x, "/exchange/funding", auth, "");
            assertThat(funding.status()).isEqualTo(200);
            assertThat(funding.json().path("payments").asInt()).isZero();

            assertThat(post(x, "/exchange/faults", auth, "{\"fault\":\"no_such_fault\"}").status()).isEqualTo(400);
            assertThat(RawHttp.get(x.port(), "/exchange/nothing", auth.substring(2)).status()).isEqualTo(404);
            RawHttp.Response huge = RawHttp.send(x.port(), "POST /exchange/faults HTTP/1.1\r\nHost: " + x.host() + auth
                    + "\r\nContent-Length: " + (RestApi.MAX_BODY_BYTES + 1), new byte[0]);
            assertThat(huge.status()).isEqualTo(413);
        }
    }
}

package io.tradehost.admin;

import static io.tradehost.admin.AdminFixture.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradehost.testkit.Promtool;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fleet's routes and a standby's read-only mode on a real loopback server: the hosts as the
 * registry holds them, the Prometheus targets (only what can be scraped, and nothing that stopped in
 * order), a registry that cannot be read, and every request that would change the host refused.
 */
class FleetApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READ_ONLY = "read-only: this host (b) stands by for account acct";

    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicReference<RuntimeException> failing = new AtomicReference<>();
    private final List<FleetView.Member> members = List.of(
            new FleetView.Member("acct", "a", "primary", "ACTIVE", "100012.5", "http://10.0.0.1:8570", 3, true, 0.4),
            new FleetView.Member("acct", "b", "standby", "STANDBY", null, "https://[::1]:8571", 0, false, 1.25),
            new FleetView.Member("acct", "old", "stopped", "HALTED", "5", "http://10.0.0.9:8570", 2, false, 900),
            new FleetView.Member("acct", "quiet", "standby", "STANDBY", null, null, 0, false, 3),
            new FleetView.Member("evil", "x", "standby", "STANDBY", null, "javascript:alert(1)", 0, false, 1),
            new FleetView.Member("evil", "y", "standby", "STANDBY", null, "file:///etc/passwd", 0, false, 1));
    private AdminFixture host;

    private AdminFixture start(boolean readOnly) {
        FleetView fleet = () -> {
            reads.incrementAndGet();
            RuntimeException e = failing.get();
            if (e != null) {
                throw e;
            }
            return members;
        };
        host = new AdminFixture(AdminFixture.settings(Map.of()), h -> readOnly ? h.withFleet(fleet).readOnly(READ_ONLY)
                : h.withFleet(fleet));
        return host;
    }

    @AfterEach
    void close() {
        if (host != null) {
            host.close();
        }
    }

    private static JsonNode json(RawHttp.Response r) throws IOException {
        return JSON.readTree(r.body());
    }

    @Test
    void theFleetListsEveryHostAsTheRegistryHoldsIt() throws Exception {
        start(false);
        assertThat(host.http.get("/api/v1/fleet", null).status()).as("behind the token").isEqualTo(401);
        JsonNode hosts = json(host.http.get("/api/v1/fleet", TOKEN)).get("hosts");
        assertThat(hosts).hasSize(6);
        JsonNode a = hosts.get(0);
        assertThat(List.of(a.get("account").asText(), a.get("host").asText(), a.get("role").asText(),
                a.get("state").asText(), a.get("equity").asText(), a.get("adminUrl").asText(),
                a.get("leaseToken").asText(), a.get("holdsLease").asText(), a.get("heartbeatAgeSeconds").asText()))
                .containsExactly("acct", "a", "primary", "ACTIVE", "100012.5", "http://10.0.0.1:8570", "3", "true",
                        "0.4");
        assertThat(hosts.get(1).get("equity").isNull()).isTrue();
        assertThat(host.http.post("/api/v1/fleet", TOKEN, "application/json", "{}").status()).isEqualTo(405);
    }

    @Test
    void theTargetsAreWhatPrometheusCanScrapeLabelledWithAccountAndHost() throws Exception {
        start(false);
        JsonNode targets = json(host.http.get("/api/v1/fleet/targets", TOKEN));
        assertThat(targets).hasSize(2);
        assertThat(targets.get(0).get("targets").get(0).asText()).isEqualTo("10.0.0.1:8570");
        assertThat(targets.get(0).get("labels").toString())
                .isEqualTo("{\"tradehost_account\":\"acct\",\"tradehost_host\":\"a\"}");
        assertThat(targets.get(1).get("targets").get(0).asText()).isEqualTo("[::1]:8571");
        assertThat(targets.get(1).get("labels").get("tradehost_host").asText()).isEqualTo("b");
    }

    @Test
    void anUnknownFleetRouteIs404WithoutAskingTheRegistryAndARegistryAwayIs503() throws Exception {
        start(false);
        assertThat(host.http.get("/api/v1/fleet/nope", TOKEN).status()).isEqualTo(404);
        assertThat(reads).hasValue(0);
        failing.set(new IllegalStateException("fleet registry on postgresql://db:5432/x: connection refused"));
        RawHttp.Response away = host.http.get("/api/v1/fleet", TOKEN);
        assertThat(away.status()).isEqualTo(503);
        assertThat(json(away).get("message").asText()).isEqualTo("cannot read the fleet: fleet registry on"
                + " postgresql://db:5432/x: connection refused");
    }

    @Test
    void aHostInNoFleetSaysHowToJoinOne() throws Exception {
        host = new AdminFixture();
        RawHttp.Response none = host.http.get("/api/v1/fleet/targets", TOKEN);
        assertThat(none.status()).isEqualTo(404);
        assertThat(json(none).get("message").asText()).contains("set host.account, host.id and a PostgreSQL");
    }

    @Test
    void aReadOnlyHostRefusesEveryChangeAndReachesNothing() throws Exception {
        start(true);
        for (String path : List.of("/api/v1/operator/halt", "/api/v1/operator/resume", "/api/v1/operator/clear/x",
                "/api/v1/config/reload")) {
            RawHttp.Response refused = host.http.post(path, TOKEN, "application/json", "{\"reason\":\"r\"}");
            assertThat(refused.status()).as(path).isEqualTo(409);
            assertThat(json(refused).get("message").asText()).isEqualTo(READ_ONLY);
        }
        assertThat(host.http.get("/api/v1/operator/halt", TOKEN).status()).as("the wrong method first").isEqualTo(405);
        assertThat(host.requests).as("nothing reached the kernel").isEmpty();
        assertThat(host.http.get("/api/v1/state", TOKEN).status()).as("reading still works").isEqualTo(200);
    }

    @Test
    void theFleetPageIsServedWithTheDashboardsPolicy() throws Exception {
        start(false);
        RawHttp.Response page = host.http.get("/fleet", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("content-security-policy")).contains("script-src 'self'");
        assertThat(page.body()).contains("<script src=\"/assets/fleet.js\" defer></script>");
        RawHttp.Response script = host.http.get("/assets/fleet.js", null);
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.body()).contains("only an http(s) address becomes a link");
    }

    @Test
    void theMetricsShowTheLeaseOnlyForAHostInAFleet() throws Exception {
        start(false);
        Map<String, Double> alone = Promtool.samples(host.http.get("/metrics", null).body());
        assertThat(alone).doesNotContainKeys("tradehost_primary", "tradehost_lease_token");
        host.metrics.lease(0);
        String standby = host.http.get("/metrics", null).body();
        Promtool.check(standby);
        assertThat(Promtool.samples(standby)).containsEntry("tradehost_primary", 0.0)
                .doesNotContainKey("tradehost_lease_token");
        host.metrics.lease(7);
        assertThat(Promtool.samples(host.http.get("/metrics", null).body())).containsEntry("tradehost_primary", 1.0)
                .containsEntry("tradehost_lease_token", 7.0);
        assertThatThrownBy(() -> host.metrics.lease(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}

package io.tradehost.app.surface;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradehost.admin.AdminToken;
import io.tradehost.api.order.Position;
import io.tradehost.app.config.ConfigLoader;
import io.tradehost.app.config.HostConfig;
import io.tradehost.app.failover.Primacy;
import io.tradehost.app.host.Host;
import io.tradehost.app.host.TestJournal;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.app.wiring.HostComponent;
import io.tradehost.app.wiring.HostInputs;
import io.tradehost.app.wiring.JournalStores;
import io.tradehost.journal.FleetRegistry;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.Promtool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A primary and its standby on one account, their journal and lease on a real PostgreSQL server, each
 * with its real admin server on loopback: the standby serves the primary's books read-only as it follows
 * the journal, refuses every operator request, and both show in the fleet (its API, its Prometheus
 * targets, the metrics); when the primary lets the lease go, the standby takes it.
 */
class StandbySurfaceTest {
    private static final String TOKEN = "standby-test-token-0123456789-abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();
    private static final long WAIT_SECONDS = 20;

    @TempDir
    Path work;

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final TestJournal journal = TestJournal.postgres("standby");
    private final String account = "standby_acct_" + ACCOUNTS.incrementAndGet();
    private final List<AutoCloseable> open = new ArrayList<>();
    private volatile boolean stopStandby;

    @AfterEach
    void close() throws Exception {
        stopStandby = true;
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private HostConfig config(String hostId) {
        List<String> overrides = new ArrayList<>(journal.overrides());
        overrides.addAll(List.of("admin.listen=\"127.0.0.1:0\"", "venue.config.tick_interval=\"1s\"",
                "host.account=\"" + account + "\"", "host.id=\"" + hostId + "\"", "host.lease=\"3s\""));
        return ConfigLoader.load(null, overrides);
    }

    private Map<String, String> environment() {
        Map<String, String> env = new TreeMap<>(journal.environment());
        env.put(AdminToken.ENVIRONMENT, TOKEN);
        return env;
    }

    private HttpResponse<String> send(URI base, String method, String path) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + TOKEN);
        r = method.equals("GET") ? r.GET() : r.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"test\"}"));
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(URI base, String path) throws Exception {
        HttpResponse<String> r = send(base, "GET", path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** Reads {@code path} until {@code wanted} holds, for at most {@value #WAIT_SECONDS} s. */
    private JsonNode await(URI base, String path, Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = send(base, "GET", path);
            if (r.statusCode() == 200) {
                last = JSON.readTree(r.body());
                if (wanted.test(last)) {
                    return last;
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // between polls
        }
        throw new AssertionError(path + " never showed what was wanted; last: " + last);
    }

    @Test
    void theStandbyServesThePrimarysBooksReadOnlyBothAreInTheFleetAndItTakesTheLeaseWhenLetGo() throws Exception {
        PluginCatalog catalog = PluginCatalog.fromLayer(ModuleLayer.boot());
        Path dataA = Files.createDirectories(work.resolve("a"));
        Path dataB = Files.createDirectories(work.resolve("b"));

        // the primary: takes the lease at once, trades on a virtual clock, beats as the primary
        HostConfig configA = config("host-a");
        Primacy primacyA = Primacy.of(configA.journal(), JournalStores.of(configA.journal(), dataA, environment()))
                .orElseThrow();
        open.add(primacyA);
        assertThat(primacyA.tryFirst()).as("the first host of an account never stands by").isTrue();
        Host host = HostComponent.wire(configA, HostInputs.of("standbytest", clock, 42, environment())
                .withDataDirectory(dataA, true), catalog, clock);
        primacyA.keep(host.kernel(), host.journal(), m -> {
            throw new AssertionError("the primary was fenced: " + m);
        });
        OperatorSurface surfaceA = OperatorSurface.attach(host, configA, catalog, dataA, environment());
        RegistryFleet fleetA = new RegistryFleet(FleetRegistry.of(primacyA.store()));
        open.add(fleetA);
        surfaceA.inFleet(fleetA, primacyA.token());
        primacyA.report(surfaceA::report);
        host.start();
        surfaceA.start();
        boolean[] stopped = {false};
        Runnable stopA = () -> {
            if (!stopped[0]) {
                stopped[0] = true;
                surfaceA.stopServing();
                host.stop();
            }
        };
        open.add(stopA::run);
        for (int s = 0; s < 60; s++) {
            host.kernel().advanceBy(Duration.ofSeconds(1));
        }
        host.kernel().runUntilIdle();
        String cash = host.portfolio().cash().toString();
        Map<String, String> booked = new TreeMap<>();
        for (var symbol : host.venues().symbols()) {
            Position p = host.portfolio().position(symbol);
            booked.put(symbol.value(), p.quantity().toString());
        }
        assertThat(booked.values()).as("the primary traded").anyMatch(q -> !q.equals("0"));
        URI a = surfaceA.uri();

        // the standby: serves its API while it waits for the lease
        HostConfig configB = config("host-b");
        Primacy primacyB = Primacy.of(configB.journal(), JournalStores.of(configB.journal(), dataB, environment()))
                .orElseThrow();
        open.add(primacyB);
        RegistryFleet fleetB = new RegistryFleet(FleetRegistry.of(primacyB.store()));
        open.add(fleetB);
        StandbySurface standby = StandbySurface.start(configB, catalog, fleetB, dataB, environment());
        open.add(standby);
        CompletableFuture<OptionalLong> takeover = CompletableFuture.supplyAsync(
                () -> primacyB.awaitLease(() -> stopStandby, standby));
        URI b = URI.create(standby.adminUrl());

        JsonNode positions = await(b, "/api/v1/positions", n -> {
            Map<String, String> seen = new TreeMap<>();
            n.path("positions").forEach(p -> seen.put(p.path("symbol").asText(), p.path("quantity").asText()));
            return seen.equals(booked) && n.path("cash").asText().equals(cash);
        });
        assertThat(positions.path("positions")).isNotEmpty();
        JsonNode state = get(b, "/api/v1/state");
        assertThat(state.path("tradingState").asText()).isEqualTo("HALTED");
        assertThat(state.path("reasons").get(0).path("code").asText()).isEqualTo("host.standby");
        assertThat(state.path("reasons").get(0).path("message").asText()).contains("host-a (token 1) holds the lease");
        assertThat(send(b, "GET", "/health").statusCode()).isEqualTo(200);

        for (String path : List.of("/api/v1/operator/halt", "/api/v1/operator/resume", "/api/v1/config/reload")) {
            HttpResponse<String> refused = send(b, "POST", path);
            assertThat(refused.statusCode()).as(path).isEqualTo(409);
            assertThat(refused.body()).contains("read-only: this host (host-b) stands by for account " + account);
        }
        assertThat(send(b, "GET", "/api/v1/operator/halt").statusCode()).as("a GET is still the wrong method")
                .isEqualTo(405);
        assertThat(get(b, "/api/v1/state").path("tradingState").asText()).as("nothing acted on").isEqualTo("HALTED");

        String metricsB = send(b, "GET", "/metrics").body();
        Promtool.check(metricsB);
        assertThat(Promtool.samples(metricsB)).containsEntry("tradehost_primary", 0.0)
                .doesNotContainKey("tradehost_lease_token");
        Map<String, Double> metricsA = Promtool.samples(send(a, "GET", "/metrics").body());
        assertThat(metricsA).containsEntry("tradehost_primary", 1.0).containsEntry("tradehost_lease_token", 1.0);
        java.util.Set<String> exposed = new java.util.TreeSet<>();
        metricsA.keySet().forEach(k -> exposed.add(k.contains("{") ? k.substring(0, k.indexOf('{')) : k));
        assertThat(exposed).as("every metric deploy/'s rules and dashboard name, on a real primary")
                .containsAll(DeployFiles.metricsNamed());

        JsonNode fleet = await(b, "/api/v1/fleet", n -> roles(n).equals(Map.of("host-a", "primary", "host-b",
                "standby")) && hostsOf(n).stream().allMatch(h -> !h.path("adminUrl").isNull()));
        JsonNode hostA = hostsOf(fleet).stream().filter(h -> h.path("host").asText().equals("host-a")).findFirst()
                .orElseThrow();
        assertThat(hostA.path("holdsLease").asBoolean()).isTrue();
        assertThat(hostA.path("state").asText()).isEqualTo("ACTIVE");
        assertThat(hostA.path("adminUrl").asText()).isEqualTo(a.toString());
        JsonNode targets = get(a, "/api/v1/fleet/targets");
        List<String> mine = new ArrayList<>();
        targets.forEach(t -> {
            if (t.path("labels").path("tradehost_account").asText().equals(account)) {
                mine.add(t.path("labels").path("tradehost_host").asText() + "=" + t.path("targets").get(0).asText());
            }
        });
        assertThat(mine).containsExactlyInAnyOrder("host-a=127.0.0.1:" + a.getPort(), "host-b=127.0.0.1:" + b.getPort());

        // the primary stops in order and lets the lease go, as a run does: the standby takes it with the next
        // token, and the fleet shows host-a stopped
        stopA.run();
        primacyA.letGo();
        assertThat(takeover.get(WAIT_SECONDS, TimeUnit.SECONDS)).hasValue(2);
        await(b, "/api/v1/fleet", n -> "stopped".equals(roles(n).get("host-a")));
    }

    private static List<JsonNode> hostsOf(JsonNode fleet) {
        List<JsonNode> hosts = new ArrayList<>();
        fleet.path("hosts").forEach(hosts::add);
        return hosts;
    }

    private Map<String, String> roles(JsonNode fleet) {
        Map<String, String> roles = new TreeMap<>();
        hostsOf(fleet).stream().filter(h -> h.path("account").asText().equals(account))
                .forEach(h -> roles.put(h.path("host").asText(), h.path("role").asText()));
        return roles;
    }
}

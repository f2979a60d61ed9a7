package io.tradehost.app.surface;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradehost.admin.AdminToken;
import io.tradehost.admin.snapshot.ActivityLog;
import io.tradehost.api.event.OperatorActed;
import io.tradehost.api.event.OrderFilled;
import io.tradehost.api.host.OperatorAction;
import io.tradehost.api.state.TradingState;
import io.tradehost.app.config.ConfigLoader;
import io.tradehost.app.config.HostConfig;
import io.tradehost.app.host.Host;
import io.tradehost.app.host.RunSummary;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.app.reload.ConfigReloader;
import io.tradehost.app.wiring.HostComponent;
import io.tradehost.app.wiring.HostInputs;
import io.tradehost.journal.JournalFiles;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.HttpReceiver;
import io.tradehost.testkit.Promtool;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
/**
 * The operator surface on the real wiring: the paper venue on a virtual clock, driven step by step,
 * and a real admin server on a free loopback port, with a webhook aimed at a local receiver.
 */
class OperatorSurfaceTest {
    private static final String TOKEN = "surface-test-token-0123456789-abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final EventRecorder events = new EventRecorder();
    private HttpReceiver receiver;
    private Host host;
    private OperatorSurface surface;
    private ConfigReloader reloader;

    private void start() throws Exception {
        start(null);
    }

    /** Starts on {@code file} (null: the embedded defaults), reloadable through the API. */
    private void start(Path file) throws Exception {
        receiver = new HttpReceiver();
        List<String> overrides = List.of("admin.listen=\"127.0.0.1:0\"",
                "alerts.webhook.url=\"" + receiver.url("/hook") + "\"", "alerts.initial_backoff=\"1ms\"",
                "venue.config.tick_interval=\"1s\"", "runtime_guards.config.daily-loss.max_loss=\"50000\"");
        HostConfig config = ConfigLoader.load(file, overrides);
        PluginCatalog catalog = PluginCatalog.fromLayer(ModuleLayer.boot());
        host = HostComponent.wire(config, HostInputs.of("ops", clock, 42, Map.of()).withDataDirectory(data, true),
                catalog, clock);
        surface = OperatorSurface.attach(host, config, catalog, data, Map.of(AdminToken.ENVIRONMENT, TOKEN));
        reloader = new ConfigReloader(host.kernel(), host.liveConfig(), file, overrides, Map.of(), catalog,
                host::requestStop);
        host.registry().addHealth(reloader::health);
        surface.offerReload(reloader::request);
        host.kernel().observe(events);
        host.start();
        surface.start();
        host.kernel().runUntilIdle();
    }

    @AfterEach
    void stop() throws Exception {
        if (surface != null) {
            surface.stopServing();
        }
        if (host != null) {
            host.stop();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (reloader != null) {
            reloader.close();
        }
    }

    /** POSTs a reload and drives the kernel (timers included) until the answer comes back. */
    private HttpResponse<String> reload() throws Exception {
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request("/api/v1/config/reload")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!answer.isDone() && System.nanoTime() < deadline) {
            host.kernel().advanceBy(Duration.ZERO);
            Thread.onSpinWait();
        }
        return answer.get(1, TimeUnit.SECONDS);
    }

    @Test
    void aReloadThroughTheApiAppliesTheFileAndARefusedOneIs422WithEveryProblemAndDegradedHealth()
            throws Exception {
        Path file = data.resolve("host.toml");
        String text = ConfigLoader.embeddedText();
        Files.writeString(file, text);
        start(file);
        trade(Duration.ofSeconds(30));

        Files.writeString(file, text.replace("mark_window = 64", "mark_window = 80"));
        HttpResponse<String> applied = reload();
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(applied.body());
        assertThat(body.get("outcome").asText()).isEqualTo("applied");
        assertThat(body.get("trigger").asText()).startsWith("api@127.0.0.1");
        assertThat(body.get("changes")).hasSize(1);
        assertThat(body.get("changes").get(0).get("key").asText()).isEqualTo("telemetry.mark_window");
        assertThat(body.get("changes").get(0).get("new").asText()).isEqualTo("80");
        assertThat(host.marks().capacity()).isEqualTo(80);
        host.kernel().advanceBy(Duration.ofSeconds(1));
        assertThat(get("/api/v1/config").get("config").get("telemetry").get("mark_window").asInt())
                .as("the API shows the configuration that runs").isEqualTo(80);

        Files.writeString(file, text.replace("mark_window = 64", "mark_window = 1").replace("[journal]",
                "[journal]\ndurabilty = \"full\""));
        HttpResponse<String> refused = reload();
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(refused.body()).get("errors")).extracting(JsonNode::asText).containsExactly(
                file + ":139: telemetry.mark_window: must be between 2 and 100000 (was 1)",
                file + ":101: journal.durabilty: unknown key (did you mean journal.durability?)");
        assertThat(host.marks().capacity()).isEqualTo(80);

        host.kernel().advanceBy(Duration.ofSeconds(1));
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(surface.uri().resolve("/health")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode components = JSON.readTree(health.body()).get("components");
        assertThat(components).filteredOn(c -> c.get("component").asText().equals("config")).singleElement()
                .satisfies(c -> assertThat(c.get("status").asText()).isEqualTo("DEGRADED"));
        assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("DEGRADED");
        assertThat(JournalFiles.configReloads(data.resolve("journal.db"))).extracting(r -> r.outcome())
                .containsExactly("applied", "refused");
    }

    private void trade(Duration duration) {
        for (long s = 0; s < duration.toSeconds(); s++) {
            host.kernel().advanceBy(Duration.ofSeconds(1));
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(surface.uri().resolve(path)).header("Authorization", "Bearer " + TOKEN);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** POSTs an operator action and drives the kernel until the answer comes back, as the live loop would. */
    private JsonNode operator(String action, String reason) throws Exception {
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request("/api/v1/operator/" + action)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"" + reason + "\",\"actor\":\"test\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!answer.isDone() && System.nanoTime() < deadline) {
            host.kernel().runUntilIdle();
            Thread.onSpinWait();
        }
        HttpResponse<String> r = answer.get(1, TimeUnit.SECONDS);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        host.kernel().advanceBy(Duration.ofSeconds(1)); // the next snapshot shows what the request did
        return JSON.readTree(r.body());
    }

    @Test
    void haltAndResumeThroughTheApiAreCarriedOutJournaledShownAndAlertedOncePerTransition() throws Exception {
        start();
        trade(Duration.ofMinutes(2));

        JsonNode halted = operator("halt", "maintenance");
        assertThat(halted.get("changed").asBoolean()).isTrue();
        assertThat(host.tradingState().state()).isEqualTo(TradingState.HALTED);
        JsonNode state = get("/api/v1/state");
        assertThat(state.get("tradingState").asText()).isEqualTo("HALTED");
        JsonNode reason = state.get("reasons").get(0);
        assertThat(reason.get("code").asText()).isEqualTo("operator.halt");
        assertThat(reason.get("message").asText()).isEqualTo("maintenance");
        assertThat(reason.get("metadata").get("operator").asText()).isEqualTo("test@127.0.0.1");
        assertThat(state.get("operatorActions").get(0).get("actor").asText()).isEqualTo("test@127.0.0.1");

        trade(Duration.ofSeconds(30));
        operator("resume", "done");
        assertThat(host.tradingState().state()).isEqualTo(TradingState.ACTIVE);
        trade(Duration.ofSeconds(30));

        surface.stopServing();
        host.stop();
        RunSummary summary = host.summary();
        surface.stopped(summary);
        surface = null;
        Host stopped = host;
        host = null;

        assertThat(JournalFiles.operatorActions(data.resolve("journal.db")))
                .extracting(OperatorActed::action, OperatorActed::actor, OperatorActed::reason, OperatorActed::changed)
                .containsExactly(Tuple.tuple(OperatorAction.HALT, "test@127.0.0.1",
                                "maintenance", true),
                        Tuple.tuple(OperatorAction.RESUME, "test@127.0.0.1", "done", true));
        List<String> titles = receiver.requests.stream().map(r -> {
            try {
                return JSON.readTree(r.body()).get("title").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(summary.transitions()).hasSize(2);
        assertThat(titles).containsExactly("tradehost run " + stopped.runId() + " started",
                "trading state ACTIVE -> HALTED", "trading state HALTED -> ACTIVE",
                "tradehost run " + stopped.runId() + " stopped");
    }

    @Test
    void metricsPassPromtoolAndAgreeWithTheSummaryOfTheSameRun() throws Exception {
        start();
        trade(Duration.ofMinutes(20));
        host.kernel().advanceBy(Duration.ofSeconds(1));
        HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(surface.uri().resolve("/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        String text = scrape.body();
        Promtool.check(text);

        RunSummary summary = host.summary();
        Map<String, Double> m = Promtool.samples(text);
        assertThat(summary.orders().filled()).as("the run traded").isPositive();
        assertThat(m.get("tradehost_orders_total{result=\"attempted\"}")).isEqualTo((double) summary.orders().attempted());
        assertThat(m.get("tradehost_orders_total{result=\"filled\"}")).isEqualTo((double) summary.orders().filled());
        assertThat(m.get("tradehost_orders_total{result=\"rejected\"}")).isEqualTo((double) summary.orders().rejected());
        summary.orders().rejectionsByCode().forEach((code, n) ->
                assertThat(m.get("tradehost_order_rejections_total{code=\"" + code + "\"}")).as(code)
                        .isEqualTo((double) n));
        assertThat(m.get("tradehost_equity")).isEqualTo(summary.equity().toDouble());
        assertThat(m.get("tradehost_cash")).isEqualTo(summary.cash().toDouble());
        for (RunSummary.SymbolRow row : summary.symbols()) {
            String s = "{symbol=\"" + row.symbol() + "\"}";
            assertThat(m.get("tradehost_position" + s)).as(s).isEqualTo(row.position().quantity().toDouble());
            assertThat(m.get("tradehost_realized_pnl" + s)).as(s).isEqualTo(row.realizedPnl().toDouble());
            assertThat(m.get("tradehost_unrealized_pnl" + s)).as(s).isEqualTo(row.unrealizedPnl().toDouble());
            assertThat(m.get("tradehost_fees_paid" + s)).as(s).isEqualTo(row.fees().toDouble());
        }
        double fills = m.entrySet().stream().filter(e -> e.getKey().startsWith("tradehost_fills_total{"))
                .mapToDouble(Map.Entry::getValue).sum();
        int booked = events.of(OrderFilled.class).size();
        assertThat(fills).isEqualTo(booked);
        assertThat(get("/api/v1/fills").get("fills").size()).isEqualTo(Math.min(booked, ActivityLog.KEEP));
        assertThat(m.get("tradehost_trading_state{state=\"" + summary.tradingState() + "\"}")).isEqualTo(1.0);
        assertThat(m.get("tradehost_venue_calls_total{operation=\"place\"}"))
                .isEqualTo((double) summary.orders().submitted());
        assertThat(m).containsKey("jvm_memory_used_bytes{area=\"heap\"}");
        assertThat(m.get("tradehost_tick_to_order_seconds_count")).isEqualTo((double) summary.orders().submitted());
        assertThat(m.get("tradehost_journal_write_seconds_count")).isPositive();
        // the coordinators' own totals, read from their health figures: a renamed figure must not vanish silently
        assertThat(m.get("tradehost_quotes_total")).isPositive();
        assertThat(m.get("tradehost_strategy_decisions_total")).isPositive();
        assertThat(m.get("tradehost_reconciliations_total")).isPositive();
        for (String zero : List.of("tradehost_strategy_failures_total", "tradehost_strategy_late_decisions_total",
                "tradehost_reconciliation_differences_total",
                "tradehost_reconciliation_failures_total", "tradehost_venue_retries_total",
                "tradehost_venue_unknown_outcomes_resolved_total", "tradehost_duplicate_fills_ignored_total",
                "tradehost_alerts_failed_total", "tradehost_alerts_dropped_total")) {
            assertThat(m).as(zero).containsEntry(zero, 0.0);
        }
        assertThat(m.get("tradehost_alerts_sent_total")).as("the start alert").isEqualTo(1.0);
        assertThat(m.get("tradehost_strategy_slow_decisions_total")).as("timed in real time: present, not fixed")
                .isNotNull();
    }
}

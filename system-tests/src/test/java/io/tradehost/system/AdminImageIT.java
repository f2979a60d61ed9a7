package io.tradehost.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradehost.api.event.OperatorActed;
import io.tradehost.api.host.OperatorAction;
import io.tradehost.journal.JournalFiles;
import io.tradehost.testkit.HttpReceiver;
import io.tradehost.testkit.Promtool;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
/** The image with its defaults (but a free port): health, metrics, the API behind the generated token, the CLI client. */
class AdminImageIT {
    private static final String FAST = "venue.config.tick_interval=\"100ms\"";
    /** What the paper venue sends with {@link #FAST}: one quote per symbol (three) per tick. */
    private static final double CONFIGURED_QUOTES_PER_SECOND = 30;

    @TempDir
    Path work;

    @Test
    void defaultsServeHealthMetricsAndTheApiBehindAGeneratedTokenAndTheCliHaltsTheHost() throws Exception {
        try (HttpReceiver receiver = new HttpReceiver();
             RunningHost host = new RunningHost(work, Map.of(), "--set", FAST, "--set",
                     "alerts.webhook.url=\"" + receiver.url("/hook") + "\"")) {
            Path tokenFile = work.resolve("data/admin.token");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
            String token = Files.readString(tokenFile).strip();
            assertThat(host.log()).anyMatch(l -> l.contains("token from " + tokenFile.toAbsolutePath()));

            assertThat(Http.get(host.uri, "/health", null).statusCode()).isEqualTo(200);
            String metrics = Http.get(host.uri, "/metrics", null).body();
            Promtool.check(metrics);
            assertThat(metrics).contains("tradehost_equity ").contains("jvm_threads_current ");
            assertThat(Http.get(host.uri, "/", null).body()).contains("<title>tradehost</title>");
            assertThat(Http.get(host.uri, "/api/v1/state", null).statusCode()).isEqualTo(401);
            assertThat(Http.get(host.uri, "/api/v1/state", "not-the-token-at-all").statusCode()).isEqualTo(401);

            RunningHost.Finished halt = host.cli(Map.of(), "operator", "halt", "--reason", "test", "--url",
                    host.uri.toString(), "--data-dir", "data");
            assertThat(halt.exit()).as(halt.stdout()).isZero();
            assertThat(halt.stdout()).isEqualTo("done: halted by operator\n");

            JsonNode state = Http.json(Http.get(host.uri, "/api/v1/state", token));
            for (int i = 0; i < 50 && !state.get("tradingState").asText().equals("HALTED"); i++) {
                state = Http.json(Http.get(host.uri, "/api/v1/state", token)); // the next snapshot, 250 ms at most
            }
            assertThat(state.get("tradingState").asText()).isEqualTo("HALTED");
            assertThat(state.get("reasons").get(0).get("code").asText()).isEqualTo("operator.halt");
            assertThat(state.get("reasons").get(0).get("message").asText()).isEqualTo("test");
            assertThat(state.get("operatorActions").get(0).get("actor").asText()).startsWith("cli:")
                    .endsWith("@127.0.0.1");

            RunningHost.Finished status = host.cli(Map.of(), "status", "--url", host.uri.toString(), "--data-dir",
                    "data");
            assertThat(status.exit()).as(status.stdout()).isZero();
            assertThat(status.stdout()).contains(": HALTED, health DEGRADED").contains("reason operator.halt");

            RunningHost.Finished resume = host.cli(Map.of(), "operator", "resume", "--reason", "test over", "--url",
                    host.uri.toString(), "--data-dir", "data");
            assertThat(resume.stdout()).startsWith("done: operator reasons cleared");

            RunningHost.Finished wrong = host.cli(
                    Map.of("TRADEHOST_ADMIN_TOKEN", "wrong-token-0123456789-0123456789"),
                    "status", "--url", host.uri.toString());
            assertThat(wrong.exit()).isEqualTo(1);
            assertThat(wrong.stdout()).contains("the host refused the token from the environment");
            int closedPort;
            try (ServerSocket s = new ServerSocket(0)) {
                closedPort = s.getLocalPort();
            }
            RunningHost.Finished nobody = host.cli(Map.of(), "status", "--url", "http://127.0.0.1:" + closedPort,
                    "--data-dir", "data");
            assertThat(nobody.exit()).isEqualTo(1);
            assertThat(nobody.stdout()).contains("no tradehost host is listening at http://127.0.0.1:" + closedPort);

            RunningHost.Finished done = host.stop();
            assertThat(done.exit()).isZero();
            assertThat(done.stdout()).contains("trading state: ACTIVE [ACTIVE -> HALTED] [HALTED -> ACTIVE]");
            // the webhook heard the run: one message per state transition, between start and stop
            List<String> titles = new ArrayList<>();
            for (HttpReceiver.Request r : receiver.requests) {
                titles.add(Http.JSON.readTree(r.body()).get("title").asText());
            }
            assertThat(titles).hasSize(4);
            assertThat(titles.get(0)).endsWith(" started");
            assertThat(titles.subList(1, 3)).containsExactly("trading state ACTIVE -> HALTED",
                    "trading state HALTED -> ACTIVE");
            assertThat(titles.get(3)).endsWith(" stopped");
            assertThat(host.log()).noneMatch(l -> l.contains(token));
            assertThat(done.stdout()).doesNotContain(token);
        }
        List<OperatorActed> journaled = JournalFiles.operatorActions(work.resolve("data/journal.db"));
        assertThat(journaled).extracting(OperatorActed::action).containsExactly(OperatorAction.HALT,
                OperatorAction.RESUME);
        assertThat(journaled.getFirst().action()).isEqualTo(OperatorAction.HALT);
        assertThat(journaled.getFirst().reason()).isEqualTo("test");
        assertThat(journaled.getFirst().actor()).startsWith("cli:");
    }

    @Test
    void theTradingLoopKeepsItsCadenceUnderThousandsOfRequestsAndRandomBytes() throws Exception {
        try (RunningHost host = new RunningHost(work,
                Map.of("TRADEHOST_ADMIN_TOKEN", "load-test-token-0123456789-abcdef"),
                "--set", FAST)) {
            String token = "load-test-token-0123456789-abcdef";
            AtomicInteger answered = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            long started = System.nanoTime();
            double loadedRate = quoteRate(host, token, () -> load(host, token, answered, refused));
            double seconds = (System.nanoTime() - started) / 1e9;
            Path report = Path.of(System.getProperty("tradehost.artifacts", "target/artifacts"), "load-report.txt");
            Files.createDirectories(report.getParent());
            Files.writeString(report, String.format("quotes per second under load %.1f (the paper venue sends %.0f:"
                    + " 3 symbols every 100 ms)%n4000 requests (16 clients, /health /api/v1/state /api/v1/positions"
                    + " /metrics) and 300 random-byte connections in %.1f s: %.0f requests per second%n", loadedRate,
                    CONFIGURED_QUOTES_PER_SECOND, seconds, 4000 / seconds));

            assertThat(answered.get()).as("requests answered 200").isEqualTo(4_000);
            assertThat(refused.get()).isZero();
            assertThat(loadedRate).as("quotes per second under load, of %.0f sent", CONFIGURED_QUOTES_PER_SECOND)
                    .isGreaterThan(0.8 * CONFIGURED_QUOTES_PER_SECOND);
            Map<String, Double> after = Promtool.samples(Http.get(host.uri, "/metrics", null).body());
            assertThat(after.keySet()).noneMatch(k -> k.startsWith("tradehost_active_reasons{code=\"mark_staleness"));
            assertThat(after.get("tradehost_trading_state{state=\"ACTIVE\"}")).isEqualTo(1.0);
            assertThat(Http.get(host.uri, "/health", null).statusCode()).isEqualTo(200);
            assertThat(host.stop().exit()).isZero();
        }
    }

    /**
     * Quotes the host took in per second of real time while {@code during} ran. Both readings are
     * up to one snapshot interval (250 ms) old, so their difference is not biased.
     */
    private static double quoteRate(RunningHost host, String token, Runnable during) throws Exception {
        double before = Promtool.samples(Http.get(host.uri, "/metrics", token).body()).get("tradehost_quotes_total");
        long start = System.nanoTime();
        during.run();
        double after = Promtool.samples(Http.get(host.uri, "/metrics", token).body()).get("tradehost_quotes_total");
        return (after - before) / ((System.nanoTime() - start) / 1e9);
    }

    /** 4 000 requests from 16 clients over four endpoints, and 300 connections of random bytes. */
    private static void load(RunningHost host, String token, AtomicInteger answered, AtomicInteger refused) {
        List<String> paths = List.of("/health", "/api/v1/state", "/api/v1/positions", "/metrics");
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < 16; c++) {
                int client = c;
                work.add(clients.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        HttpResponse<String> r = Http.get(host.uri, paths.get((client + i) % paths.size()), token);
                        (r.statusCode() == 200 ? answered : refused).incrementAndGet();
                    }
                    return null;
                }));
            }
            work.add(clients.submit(() -> {
                Random random = new Random(7);
                for (int i = 0; i < 300; i++) {
                    byte[] noise = new byte[1 + random.nextInt(2000)];
                    random.nextBytes(noise);
                    try (Socket s = new Socket("127.0.0.1", host.uri.getPort())) {
                        s.setSoTimeout(5_000);
                        s.getOutputStream().write(noise);
                        s.shutdownOutput();
                        s.getInputStream().readAllBytes();
                    } catch (IOException e) {
                        // the server may reset a connection that made no sense
                    }
                }
                return null;
            }));
            for (Future<?> f : work) {
                f.get();
            }
        } catch (Exception e) {
            throw new AssertionError("the load failed", e);
        }
    }
}

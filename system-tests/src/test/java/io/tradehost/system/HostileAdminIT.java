package io.tradehost.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's admin API against a hostile local user: hundreds of idle sockets and a slow-loris of
 * connections dribbling header lines must not keep the operator from halting the host or a
 * supervisor from reading its health; wrong tokens from the shared loopback address must not lock
 * the right one out; a reason written to forge log lines and clear the screen reaches neither raw.
 */
class HostileAdminIT {
    private static final String FAST = "venue.config.tick_interval=\"100ms\"";
    private static final String ESC = "\u001b";

    @TempDir
    Path work;

    @Test
    void withFiveHundredIdleSocketsAndAHundredSlowLorisConnectionsTheCliHaltsWithinItsTwoSecondTimeout()
            throws Exception {
        List<Socket> sockets = new ArrayList<>();
        ScheduledExecutorService dribbler = Executors.newSingleThreadScheduledExecutor();
        try (RunningHost host = new RunningHost(work, Map.of(), "--set", FAST)) {
            InetSocketAddress admin = new InetSocketAddress(host.uri.getHost(), host.uri.getPort());
            for (int i = 0; i < 500; i++) {
                sockets.add(open(admin, ""));
            }
            List<Socket> loris = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                loris.add(open(admin, "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
            }
            sockets.addAll(loris);
            AtomicInteger line = new AtomicInteger();
            dribbler.scheduleAtFixedRate(() -> dribble(loris, line.getAndIncrement()), 0, 1, TimeUnit.SECONDS);

            long started = System.nanoTime();
            RunningHost.Finished halt = host.cli(Map.of(), "operator", "halt", "--reason", "flood", "--timeout", "2s",
                    "--url", host.uri.toString(), "--data-dir", "data");
            long haltMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(halt.exit()).as(halt.stdout()).isZero();
            assertThat(halt.stdout()).isEqualTo("done: halted by operator\n");
            started = System.nanoTime();
            RunningHost.Finished status = host.cli(Map.of(), "status", "--timeout", "2s", "--url",
                    host.uri.toString(), "--data-dir", "data");
            long statusMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(status.stdout()).contains(": HALTED, health DEGRADED");
            assertThat(Http.get(host.uri, "/health", null).statusCode()).isEqualTo(200);
            host.awaitLine(java.util.regex.Pattern.compile("WARN  ConnectionGuard .* to make room"), 10);
            report("with 500 idle sockets and 100 slow-loris connections open: `tradehost operator halt --timeout 2s`"
                    + " exit 0 in " + haltMillis + " ms (process start included), `tradehost status` in "
                    + statusMillis + " ms");
            assertThat(host.stop().exit()).isZero();
        } finally {
            dribbler.shutdownNow();
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    @Test
    void wrongTokensNeverLockOutTheRightOneAndAForgedReasonReachesNeitherLogNorTerminalRaw() throws Exception {
        try (RunningHost host = new RunningHost(work, Map.of(), "--set", FAST)) {
            for (int i = 0; i < 12; i++) { // past admin.bad_token_limit (10): the address is limited
                int status = Http.get(host.uri, "/api/v1/state", "wrong-token-0123456789-0123456789-" + i)
                        .statusCode();
                assertThat(status).isEqualTo(i < 10 ? 401 : 429);
            }
            RunningHost.Finished wrong = host.cli(Map.of("TRADEHOST_ADMIN_TOKEN",
                    "wrong-token-0123456789-0123456789-x"), "status", "--url", host.uri.toString());
            assertThat(wrong.exit()).isEqualTo(1);
            assertThat(wrong.stdout()).contains("the host is refusing wrong tokens from this address");
            String forged = "maintenance\n12:00:00.000 WARN  RuntimeCoordinator trading state HALTED -> ACTIVE"
                    + ESC + "[2J" + ESC + "[H\u0007";
            RunningHost.Finished halt = host.cli(Map.of(), "operator", "halt", "--reason", forged, "--url",
                    host.uri.toString(), "--data-dir", "data");
            assertThat(halt.exit()).as("the right token after 13 wrong ones: %s", halt.stdout()).isZero();
            String token = Files.readString(work.resolve("data/admin.token")).strip();
            JsonNode state = Http.json(Http.get(host.uri, "/api/v1/state", token));
            for (int i = 0; i < 50 && !state.get("tradingState").asText().equals("HALTED"); i++) {
                state = Http.json(Http.get(host.uri, "/api/v1/state", token));
            }
            assertThat(state.get("reasons").get(0).get("message").asText()).isEqualTo("maintenance\\n12:00:00.000 WARN"
                    + "  RuntimeCoordinator trading state HALTED -> ACTIVE\\u001b[2J\\u001b[H\\u0007");
            RunningHost.Finished status = host.cli(Map.of(), "status", "--url", host.uri.toString(), "--data-dir",
                    "data");
            RunningHost.Finished json = host.cli(Map.of(), "status", "--json", "--url", host.uri.toString(),
                    "--data-dir", "data");
            RunningHost.Finished done = host.stop();
            for (String terminal : List.of(status.stdout(), json.stdout(), done.stdout())) {
                assertThat(terminal).doesNotContain(ESC).doesNotContain("\u0007");
                assertThat(terminal.lines()).noneMatch(l -> l.startsWith("12:00:00.000"));
            }
            assertThat(host.log()).noneMatch(l -> l.startsWith("12:00:00.000") || l.contains(ESC))
                    .anyMatch(l -> l.contains("maintenance\\n12:00:00.000 WARN"));
        }
    }

    private static Socket open(InetSocketAddress admin, String first) throws IOException {
        Socket s = new Socket();
        s.connect(admin, 5_000);
        if (!first.isEmpty()) {
            s.getOutputStream().write(first.getBytes(StandardCharsets.US_ASCII));
        }
        return s;
    }

    /** One more header line on every slow-loris connection (the scheduler sends one a second). */
    private static void dribble(List<Socket> loris, int line) {
        for (Socket s : loris) {
            try {
                s.getOutputStream().write(("X-Dribble-" + line + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException closed) {
                // the server gave up on it: as it should
            }
        }
    }

    private static void report(String line) throws IOException {
        Path artifacts = Files.createDirectories(Path.of("target/artifacts"));
        Files.writeString(artifacts.resolve("hostile-admin-report.txt"), line + "\n");
    }
}

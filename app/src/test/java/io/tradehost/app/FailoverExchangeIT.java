package io.tradehost.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.app.cli.ExchangeCommand;
import io.tradehost.app.wiring.JournalStores;
import io.tradehost.exchange.ExchangeSettings;
import io.tradehost.exchange.LocalExchange;
import io.tradehost.exchange.engine.ExchangeFill;
import io.tradehost.exchange.engine.ExchangeOrder;
import io.tradehost.exchange.engine.Listing;
import io.tradehost.testkit.PostgresServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two images on one account against the local Coinbase exchange, their journal on a real PostgreSQL
 * server: the first holds the lease and trades, the second stands by; the first is SIGKILLed, and the
 * second takes over when the lease runs out, carrying the client order id sequence on. The exchange,
 * which never died, is the record: no client order id placed twice, every fill in the journal once,
 * and {@code tradehost reconcile} agrees. The takeover time (the old primary's last order to the new
 * one's first) goes to {@code target/failover-report.txt}.
 */
class FailoverExchangeIT {
    private static final Pattern SENT = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*order (\\S+) sent");
    private static final long WAIT_SECONDS = 90;
    private static final String SCHEMA = "failover_it";

    @TempDir
    Path work;

    /** A process's log, read on a thread of its own, kept whole and waited on. */
    private static final class Log {
        private final BlockingQueue<String> fresh = new LinkedBlockingQueue<>();
        private final List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());

        Log(Process process) {
            Thread.ofVirtual().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        all.add(line);
                        fresh.add(line);
                    }
                } catch (IOException e) {
                    fresh.add("log unreadable: " + e);
                }
            });
        }

        String await(String what, Pattern wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (System.nanoTime() < deadline) {
                String line = fresh.poll(1, TimeUnit.SECONDS);
                if (line != null && wanted.matcher(line).find()) {
                    return line;
                }
            }
            throw new AssertionError("no " + what + " within " + WAIT_SECONDS + " s; last lines:\n" + tail());
        }

        String tail() {
            synchronized (all) {
                return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
            }
        }
    }

    private static List<String> args(Path config, PostgresServer server, String hostId, String data) {
        return new ArrayList<>(List.of("run", "--config", config.toString(), "--data-dir", data, "--duration", "300s",
                "--set", "strategy.config.ma-crossover.short=2", "--set", "strategy.config.ma-crossover.long=3",
                "--set", "guards.config.order-rate.per_second=10000",
                "--set", "guards.config.order-rate.per_minute=1000000",
                "--set", "journal.url=\"" + server.url() + "\"", "--set", "journal.user=\"" + server.user() + "\"",
                "--set", "journal.schema=\"" + SCHEMA + "\"",
                "--set", "host.account=\"acct\"", "--set", "host.id=\"" + hostId + "\"",
                "--set", "host.lease=\"2s\""));
    }

    @Test
    void theStandbyTakesOverWhenThePrimaryIsKilledAndNothingIsPlacedTwice() throws Exception {
        failover(false);
    }

    @Test
    void aPrimaryPausedPastItsLeaseFindsItselfFencedWhenItResumesAndExits() throws Exception {
        failover(true);
    }

    private static void signal(Process p, String signal) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor(30,
                TimeUnit.SECONDS)).isTrue();
    }

    /** SIGKILLs the primary, or SIGSTOPs it until the standby traded and then SIGCONTs it. */
    private void failover(boolean pause) throws Exception {
        ExchangeSettings defaults = ExchangeSettings.defaults(new InetSocketAddress("127.0.0.1", 0),
                work.resolve("exchange"));
        List<Listing> spot = Listing.DEFAULTS.stream().filter(l -> List.of("BTC-USD", "ETH-USD")
                .contains(l.productId())).toList();
        try (PostgresServer server = PostgresServer.start();
             LocalExchange exchange = LocalExchange.start(defaults.withListings(spot).withTick(Duration.ofMillis(40)))) {
            Path config = work.resolve("tradehost.toml");
            Files.writeString(config, ExchangeCommand.hostConfiguration(exchange, spot));
            Map<String, String> env = new TreeMap<>(Map.of("TRADEHOST_LOG_LEVEL", "DEBUG",
                    "COINBASE_API_KEY_NAME", exchange.apiKey().name(),
                    "COINBASE_API_PRIVATE_KEY", exchange.apiKey().secret(),
                    JournalStores.PASSWORD_VARIABLE, server.password()));

            Process a = ImageProcess.start(work, env, args(config, server, "host-a", "data-a"));
            a.getInputStream().close();
            Log logA = new Log(a);
            logA.await("the lease", Pattern.compile("this host \\(host-a\\) holds the lease \\(token 1\\)"));
            Process b = ImageProcess.start(work, env, args(config, server, "host-b", "data-b"));
            b.getInputStream().close();
            Log logB = new Log(b);
            String lastOfA = null;
            try {
                logB.await("standing by", Pattern.compile("standing by; host-a holds the lease"));
                for (int i = 0; i < 5; i++) {
                    lastOfA = logA.await("an order of the primary", SENT);
                }
                signal(a, pause ? "STOP" : "KILL");
                if (!pause) {
                    assertThat(a.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
                }
                synchronized (logA.all) {
                    for (String line : logA.all) {
                        if (SENT.matcher(line).find()) {
                            lastOfA = line;
                        }
                    }
                }
                logB.await("the takeover", Pattern.compile("took the lease over from host-a .* \\(token 2\\)"));
                String firstOfB = logB.await("an order of the new primary", SENT);
                for (int i = 0; i < 3; i++) {
                    logB.await("more orders of the new primary", SENT);
                }
                String resumed = "";
                if (pause) {
                    signal(a, "CONT");
                    resumed = logA.await("the old primary fenced", Pattern.compile("fenced: .*exiting at once"));
                    assertThat(a.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
                    assertThat(a.exitValue()).as(logA.tail()).isEqualTo(4);
                    assertThat(resumed).contains("held by host-b with token 2");
                }
                Matcher last = SENT.matcher(lastOfA);
                Matcher first = SENT.matcher(firstOfB);
                assertThat(last.find() && first.find()).isTrue();
                long takeoverMillis = Duration.between(LocalTime.parse(last.group(1)), LocalTime.parse(first.group(1)))
                        .toMillis();
                long sequenceOfA = sequence(last.group(2));
                long sequenceOfB = sequence(first.group(2));
                assertThat(first.group(2).substring(0, first.group(2).lastIndexOf('-')))
                        .as("the same run: the journal's").isEqualTo(last.group(2).substring(0, last.group(2).lastIndexOf('-')));
                assertThat(sequenceOfB).as("the sequence carried on").isGreaterThan(sequenceOfA);

                b.destroy(); // SIGTERM: an orderly stop, which lets the lease go
                assertThat(b.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
                assertThat(b.exitValue()).as(logB.tail()).isZero();

                // a market order sent just before the stop fills after it: the next start books it from the
                // venue (as CoinbaseCrashIT's last, halted, run shows), so one halted start of host-b settles it
                List<String> settle = args(config, server, "host-b", "data-b");
                settle.set(settle.indexOf("300s"), "3s");
                settle.addAll(List.of("--set", "runtime.halted=true"));
                Process halted = ImageProcess.start(work, env, settle);
                halted.getInputStream().close();
                Log haltedLog = new Log(halted);
                assertThat(halted.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
                assertThat(halted.exitValue()).as(haltedLog.tail()).isZero();

                List<ExchangeOrder> orders = exchange.engine().orders(false, List.of());
                assertThat(new HashSet<>(orders.stream().map(o -> o.clientOrderId).toList()))
                        .as("client ids at the exchange").hasSize(orders.size());
                assertThat(exchange.stats().get("client_id_reuses")).as("client ids posted twice").isZero();
                List<String> exchangeFills = exchange.engine().fills(List.of(), List.of()).stream()
                        .map(ExchangeFill::tradeId).sorted().toList();
                assertThat(journal(server, "SELECT trade_id FROM fills ORDER BY trade_id"))
                        .as("every exchange fill in the journal, once").isEqualTo(exchangeFills).isNotEmpty();

                List<String> reconcileArgs = new ArrayList<>(args(config, server, "host-b", "data-b"));
                reconcileArgs.set(0, "reconcile");
                reconcileArgs.removeAll(List.of("--duration", "300s"));
                Process reconcile = ImageProcess.start(work, env, reconcileArgs);
                String differences = ImageProcess.read(reconcile.getInputStream());
                ImageProcess.read(reconcile.getErrorStream());
                assertThat(reconcile.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
                assertThat(reconcile.exitValue()).as(differences).isZero();

                String report = "failover on the local exchange: lease 2 s; host-a " + (pause ? "SIGSTOPped" : "SIGKILLed")
                        + " after its order "
                        + last.group(2) + "; host-b took over (token 2) and sent " + first.group(2) + " "
                        + takeoverMillis + " ms after host-a's last order; " + orders.size() + " orders, "
                        + exchangeFills.size() + " fills; client ids placed twice: 0; fills lost or doubled: 0;"
                        + " reconcile exit 0" + (pause ? "; host-a resumed, found itself fenced and exited 4" : "") + "\n";
                Files.writeString(Path.of(pause ? "target/failover-pause-report.txt" : "target/failover-report.txt"),
                        report);
                System.out.print(report);
            } finally {
                if (a.isAlive()) {
                    signal(a, "CONT");
                }
                a.destroyForcibly();
                b.destroyForcibly();
            }
        }
    }

    private static long sequence(String clientOrderId) {
        return Long.parseLong(clientOrderId.substring(clientOrderId.lastIndexOf('-') + 1));
    }

    private static List<String> journal(PostgresServer server, String sql) throws Exception {
        return server.strings(SCHEMA, sql);
    }
}

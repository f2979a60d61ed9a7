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
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jepsen-style failover: two images on one account against the local Coinbase exchange, their journal
 * and lease on a real PostgreSQL server, for {@value #ROUNDS} rounds. In each, the primary is SIGKILLed
 * or SIGSTOPped (chosen by a seeded random) at a random instant after one to three of its orders; the
 * standby takes over; a paused primary, resumed, must find itself fenced and exit 4; the dead or fenced
 * one comes back as the new standby. The exchange, which never died, is the record at the end: no client
 * order id placed twice, every fill in the journal once, and {@code tradehost reconcile} agrees. Each
 * round's takeover time (the old primary's last order to the new one's first) goes to
 * {@code target/failover-rounds-report.txt}.
 */
class FailoverRoundsIT {
    private static final int ROUNDS = 20;
    private static final Pattern SENT = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*order (\\S+) sent");
    private static final long WAIT_SECONDS = 90;
    private static final String SCHEMA = "failover_it";
    private static final long SEED = Long.getLong("failover.seed", 20261207L);

    @TempDir
    Path work;

    private Path config;
    private PostgresServer server;
    private Map<String, String> env;

    /** One host process and its log. */
    private record Host(String id, Process process, ProcessLog log) {
    }

    private List<String> args(String hostId, String duration) {
        return new ArrayList<>(List.of("run", "--config", config.toString(), "--data-dir", "data-" + hostId,
                "--duration", duration,
                "--set", "strategy.config.ma-crossover.short=2", "--set", "strategy.config.ma-crossover.long=3",
                "--set", "guards.config.order-rate.per_second=10000",
                "--set", "guards.config.order-rate.per_minute=1000000",
                "--set", "journal.url=\"" + server.url() + "\"", "--set", "journal.user=\"" + server.user() + "\"",
                "--set", "journal.schema=\"" + SCHEMA + "\"",
                "--set", "host.account=\"acct\"", "--set", "host.id=\"" + hostId + "\"",
                "--set", "host.lease=\"2s\""));
    }

    private Host start(String hostId, List<String> args) throws Exception {
        Process p = ImageProcess.start(work, env, args);
        p.getInputStream().close();
        return new Host(hostId, p, new ProcessLog(p, WAIT_SECONDS));
    }

    private static void signal(Process p, String signal) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor(30,
                TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void twentyKillsAndPausesOfThePrimaryNeverPlaceAnOrderTwiceNorLoseAFill() throws Exception {
        ExchangeSettings defaults = ExchangeSettings.defaults(new InetSocketAddress("127.0.0.1", 0),
                work.resolve("exchange"));
        List<Listing> spot = Listing.DEFAULTS.stream().filter(l -> List.of("BTC-USD", "ETH-USD")
                .contains(l.productId())).toList();
        Random random = new Random(SEED);
        List<Host> started = new ArrayList<>();
        try (PostgresServer pg = PostgresServer.start();
             LocalExchange exchange = LocalExchange.start(defaults.withListings(spot).withTick(Duration.ofMillis(40)))) {
            try {
                rounds(pg, exchange, spot, random, started);
            } finally {
                stopAll(started); // before the server and the exchange close: no host outlives them
            }
        }
    }

    private void rounds(PostgresServer pg, LocalExchange exchange, List<Listing> spot, Random random,
                        List<Host> started) throws Exception {
        {
            server = pg;
            config = work.resolve("tradehost.toml");
            Files.writeString(config, ExchangeCommand.hostConfiguration(exchange, spot));
            env = new TreeMap<>(Map.of("TRADEHOST_LOG_LEVEL", "DEBUG",
                    "COINBASE_API_KEY_NAME", exchange.apiKey().name(),
                    "COINBASE_API_PRIVATE_KEY", exchange.apiKey().secret(),
                    JournalStores.PASSWORD_VARIABLE, pg.password()));

            Host primary = start("host-a", args("host-a", "600s"));
            started.add(primary);
            primary.log().await("the lease", Pattern.compile("this host \\(host-a\\) holds the lease \\(token 1\\)"));
            Host standby = start("host-b", args("host-b", "600s"));
            started.add(standby);
            standby.log().await("standing by", Pattern.compile("standing by; host-a holds the lease"));

            List<String> rounds = new ArrayList<>();
            List<Long> takeovers = new ArrayList<>();
            int pauses = 0;
            for (int round = 1; round <= ROUNDS; round++) {
                int orders = 1 + random.nextInt(3);
                for (int i = 0; i < orders; i++) {
                    primary.log().await("an order of the primary " + primary.id(), SENT);
                }
                Thread.sleep(random.nextInt(400)); // the fault's instant, not a wait for anything
                boolean pause = random.nextBoolean();
                signal(primary.process(), pause ? "STOP" : "KILL");
                if (!pause) {
                    assertThat(primary.process().waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
                }
                long token = round + 1;
                standby.log().await("round " + round + "'s takeover", Pattern.compile("took the lease over from "
                        + primary.id() + " .* \\(token " + token + "\\)"));
                String firstOfNew = standby.log().await("an order of the new primary " + standby.id(), SENT);
                String lastOfOld = primary.log().last(SENT);
                Matcher last = SENT.matcher(lastOfOld);
                Matcher first = SENT.matcher(firstOfNew);
                assertThat(last.find() && first.find()).isTrue();
                long millis = Duration.between(LocalTime.parse(last.group(1)), LocalTime.parse(first.group(1)))
                        .toMillis();
                assertThat(sequence(first.group(2))).as("round " + round + ": the sequence carried on")
                        .isGreaterThan(sequence(last.group(2)));
                if (pause) {
                    pauses++;
                    signal(primary.process(), "CONT");
                    String fenced = primary.log().await("the old primary fenced", Pattern.compile(
                            "fenced: .*exiting at once"));
                    assertThat(fenced).contains("held by " + standby.id() + " with token " + token);
                    assertThat(primary.process().waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
                    assertThat(primary.process().exitValue()).as(primary.log().tail()).isEqualTo(4);
                }
                takeovers.add(millis);
                rounds.add("round " + round + ": " + primary.id() + (pause ? " SIGSTOPped" : " SIGKILLed") + " after "
                        + last.group(2) + "; " + standby.id() + " took over (token " + token + ") and sent "
                        + first.group(2) + " " + millis + " ms later");
                Host back = start(primary.id(), args(primary.id(), "600s"));
                started.add(back);
                back.log().await("the old primary standing by", Pattern.compile("standing by; " + standby.id()
                        + " holds the lease"));
                primary = standby;
                standby = back;
            }

            // the standby first (it would take over from an orderly stop), then the primary, in order
            standby.process().destroy();
            assertThat(standby.process().waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            primary.process().destroy();
            assertThat(primary.process().waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(primary.process().exitValue()).as(primary.log().tail()).isZero();

            // a market order sent just before the stop fills after it: one halted start books it from the venue
            List<String> settle = args(primary.id(), "3s");
            settle.addAll(List.of("--set", "runtime.halted=true"));
            Host halted = start(primary.id(), settle);
            started.add(halted);
            assertThat(halted.process().waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(halted.process().exitValue()).as(halted.log().tail()).isZero();

            List<ExchangeOrder> placed = exchange.engine().orders(false, List.of());
            assertThat(new HashSet<>(placed.stream().map(o -> o.clientOrderId).toList()))
                    .as("client ids at the exchange").hasSize(placed.size());
            assertThat(exchange.stats().get("client_id_reuses")).as("client ids posted twice").isZero();
            List<String> exchangeFills = exchange.engine().fills(List.of(), List.of()).stream()
                    .map(ExchangeFill::tradeId).sorted().toList();
            assertThat(pg.strings(SCHEMA, "SELECT trade_id FROM fills ORDER BY trade_id"))
                    .as("every exchange fill in the journal, once").isEqualTo(exchangeFills).isNotEmpty();

            List<String> reconcileArgs = args(primary.id(), "600s");
            reconcileArgs.set(0, "reconcile");
            reconcileArgs.removeAll(List.of("--duration", "600s"));
            Process reconcile = ImageProcess.start(work, env, reconcileArgs);
            String differences = ImageProcess.read(reconcile.getInputStream());
            ImageProcess.read(reconcile.getErrorStream());
            assertThat(reconcile.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(reconcile.exitValue()).as(differences).isZero();

            List<Long> sorted = takeovers.stream().sorted().toList();
            String report = "failover rounds on the local exchange (seed " + SEED + ", lease 2 s): " + ROUNDS
                    + " rounds, " + (ROUNDS - pauses) + " SIGKILL, " + pauses + " SIGSTOP; takeover ms min "
                    + sorted.getFirst() + ", median " + sorted.get(sorted.size() / 2) + ", max " + sorted.getLast()
                    + "; " + placed.size() + " orders, " + exchangeFills.size() + " fills; client ids placed twice: 0;"
                    + " fills lost or doubled: 0; reconcile exit 0\n" + String.join("\n", rounds) + "\n";
            Files.writeString(Path.of("target/failover-rounds-report.txt"), report);
            System.out.print(report);
        }
    }

    private static void stopAll(List<Host> started) throws Exception {
        for (Host h : started) {
            if (h.process().isAlive()) {
                signal(h.process(), "CONT");
            }
            h.process().destroyForcibly();
            h.process().waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static long sequence(String clientOrderId) {
        return Long.parseLong(clientOrderId.substring(clientOrderId.lastIndexOf('-') + 1));
    }
}

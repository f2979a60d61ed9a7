package io.tradehost.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.value.Money;
import io.tradehost.api.value.Quantity;
import io.tradehost.app.cli.ExchangeCommand;
import io.tradehost.app.host.SqliteFiles;
import io.tradehost.exchange.ExchangeSettings;
import io.tradehost.exchange.LocalExchange;
import io.tradehost.exchange.engine.ExchangeFill;
import io.tradehost.exchange.engine.ExchangeOrder;
import io.tradehost.exchange.engine.Listing;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test against the local Coinbase exchange: the image trades {@code coinbase} over HTTP
 * and WebSocket on 127.0.0.1 and is SIGKILLed right after its k-th order went out (k seeded random),
 * twenty times, restarting on the same data directory each time. At the end the exchange (which
 * never died) is the independent record: no client order id reached it twice, every fill it made is
 * in the journal exactly once, the journal's positions and cash equal the exchange's balances, and
 * {@code tradehost reconcile} exits 0. Figures go to {@code target/coinbase-crash-report.txt}.
 */
class CoinbaseCrashIT {
    private static final int KILLS = Integer.getInteger("tradehost.coinbase.crash.kills", 20);
    private static final Pattern SENT = Pattern.compile("order (\\S+) sent");
    private static final List<String> CONFIG = List.of(
            "--set", "strategy.config.ma-crossover.short=2", "--set", "strategy.config.ma-crossover.long=3",
            "--set", "guards.config.order-rate.per_second=10000", "--set", "guards.config.order-rate.per_minute=1000000");

    @TempDir
    Path workDir;

    @Test
    void killingTheHostTradingCoinbaseNeitherDuplicatesNorLosesAnything() throws Exception {
        ExchangeSettings defaults = ExchangeSettings.defaults(new InetSocketAddress("127.0.0.1", 0),
                workDir.resolve("exchange"));
        List<Listing> spot = Listing.DEFAULTS.stream().filter(l -> List.of("BTC-USD", "ETH-USD")
                .contains(l.productId())).toList();
        try (LocalExchange exchange = LocalExchange.start(defaults.withListings(spot).withTick(Duration.ofMillis(40)))) {
            Path config = workDir.resolve("tradehost.toml");
            Files.writeString(config, ExchangeCommand.hostConfiguration(exchange, spot));
            Map<String, String> env = new TreeMap<>(Map.of("TRADEHOST_LOG_LEVEL", "DEBUG",
                    "COINBASE_API_KEY_NAME", exchange.apiKey().name(),
                    "COINBASE_API_PRIVATE_KEY", exchange.apiKey().secret()));
            Random random = new Random(20261202L);
            int sentBeforeKills = 0;
            for (int kill = 1; kill <= KILLS; kill++) {
                int after = 1 + random.nextInt(12);
                Process host = ImageProcess.start(workDir, env, run(config, "run", "--duration", "120s"));
                host.getInputStream().close();
                BufferedReader log = new BufferedReader(new InputStreamReader(host.getErrorStream(),
                        StandardCharsets.UTF_8));
                int sent = 0;
                String line;
                while ((line = log.readLine()) != null) {
                    if (SENT.matcher(line).find() && ++sent == after) {
                        Process k = new ProcessBuilder("kill", "-KILL", Long.toString(host.pid())).start();
                        assertThat(k.waitFor(30, TimeUnit.SECONDS)).isTrue();
                        break;
                    }
                }
                assertThat(line).as("kill %d: the host ended before its %dth order", kill, after).isNotNull();
                log.transferTo(java.io.Writer.nullWriter());
                assertThat(host.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(host.exitValue()).as("killed by SIGKILL").isEqualTo(137);
                sentBeforeKills += sent;
            }

            Process last = ImageProcess.start(workDir, env, run(config, "run", "--duration", "4s"));
            String out = ImageProcess.read(last.getInputStream());
            ImageProcess.read(last.getErrorStream());
            assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(last.exitValue()).as(out).isZero();
            assertThat(out).contains("trading state: ACTIVE");

            // a stop leaves orders the exchange filled after the host's last event (market orders are filled
            // at once, their fills arrive over the user feed): the next start repairs them, as a halted run shows
            Process halted = ImageProcess.start(workDir, env, run(config, "run", "--duration", "2s", "--set",
                    "runtime.halted=true"));
            String haltedOut = ImageProcess.read(halted.getInputStream());
            String haltedLog = ImageProcess.read(halted.getErrorStream());
            assertThat(halted.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(halted.exitValue()).as(haltedOut).isZero();
            long repairedAtLastStart = haltedLog.lines().filter(l -> l.contains("(repaired)")
                    || l.contains("repaired")).count();

            Process reconcile = ImageProcess.start(workDir, env, List.of("reconcile", "--config", config.toString(),
                    "--data-dir", "data"));
            String differences = ImageProcess.read(reconcile.getInputStream());
            ImageProcess.read(reconcile.getErrorStream());
            assertThat(reconcile.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(reconcile.exitValue()).as(differences).isZero();

            List<ExchangeOrder> orders = exchange.engine().orders(false, List.of());
            assertThat(new HashSet<>(orders.stream().map(o -> o.clientOrderId).toList())).as("client ids at the exchange")
                    .hasSize(orders.size());
            assertThat(exchange.stats().get("client_id_reuses")).as("client ids posted twice").isZero();
            Path journal = workDir.resolve("data/journal.db");
            List<String> exchangeFills = exchange.engine().fills(List.of(), List.of()).stream()
                    .map(ExchangeFill::tradeId).sorted().toList();
            assertThat(SqliteFiles.strings(journal, "SELECT trade_id FROM fills ORDER BY trade_id"))
                    .as("every exchange fill in the journal, once").isEqualTo(exchangeFills).isNotEmpty();
            Map<String, BigDecimal> balances = exchange.engine().balances();
            Map<String, String> venuePositions = new TreeMap<>();
            for (Listing l : spot) {
                Quantity held = Quantity.of(balances.get(l.base()));
                if (!held.isZero()) {
                    venuePositions.put(l.productId(), held.toString());
                }
            }
            Map<String, String> journalPositions = new TreeMap<>();
            for (String row : SqliteFiles.strings(journal, "SELECT symbol || ' ' || quantity FROM positions")) {
                String[] p = row.split(" ");
                if (!Quantity.of(p[1]).isZero()) {
                    journalPositions.put(p[0], Quantity.of(p[1]).toString());
                }
            }
            assertThat(journalPositions).as("positions").isEqualTo(venuePositions);
            assertThat(Money.of(SqliteFiles.strings(journal, "SELECT cash FROM account").getFirst()))
                    .as("cash").isEqualTo(Money.of(balances.get("USD")));

            String report = "coinbase crash test: " + KILLS + " SIGKILLs of the image trading coinbase on the local"
                    + " exchange, each after the k-th order sent (k random in 1..12), " + sentBeforeKills
                    + " orders sent before kills; the exchange holds " + orders.size() + " orders and "
                    + exchangeFills.size() + " fills; client ids posted twice: 0; fills lost or doubled: 0;"
                    + " journal positions and cash equal the exchange's; reconcile exit 0; log lines of repairs at the"
                    + " last start: " + repairedAtLastStart + "\n";
            Files.writeString(Path.of("target/coinbase-crash-report.txt"), report);
            System.out.print(report);
        }
    }

    private static List<String> run(Path config, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString(), "--data-dir", "data"));
        all.addAll(CONFIG);
        return all;
    }
}

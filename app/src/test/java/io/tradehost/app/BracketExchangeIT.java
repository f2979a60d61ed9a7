package io.tradehost.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.app.cli.ExchangeCommand;
import io.tradehost.app.host.SqliteFiles;
import io.tradehost.exchange.ExchangeSettings;
import io.tradehost.exchange.LocalExchange;
import io.tradehost.exchange.engine.ExchangeOrder;
import io.tradehost.exchange.engine.Listing;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bracket against the local Coinbase exchange, through the image, on a spot product: {@code
 * bar-trend} enters at the market with a take-profit limit and a stop-loss stop-limit. The exchange
 * holds the bought BTC for a resting sell, so only one exit can rest there: the stop-limit, native (the
 * protection stays the exchange's while the host is down), while the host holds the take-profit until
 * the market reaches it (Coinbase spot has no OCO of its own). The host is SIGKILLed once the exchange
 * holds the stop, and started again on the same data with no new entries (a one-day bar). The exchange
 * (which never died) is the record: the restarted host placed nothing again, one stop rests for the
 * list, and once the market reaches one exit the other is cancelled: the stop fills at the exchange
 * and the host drops its take-profit, or the market reaches the take-profit, the host cancels the stop
 * and then sells at the take-profit's limit.
 */
class BracketExchangeIT {
    private static final List<String> CONFIG = List.of("--strategy", "bar-trend",
            "--set", "strategy.config.bar-trend.length=2",
            "--set", "strategy.config.bar-trend.take_profit_bps=\"12\"",
            "--set", "strategy.config.bar-trend.stop_loss_bps=\"40\"",
            "--set", "strategy.config.bar-trend.stop_limit_bps=\"30\"",
            "--set", "guards.config.order-rate.per_second=10000", "--set", "guards.config.order-rate.per_minute=1000000");

    @TempDir
    Path workDir;

    /** The client ids of list {@code list}'s exits as the journal has them, by member. */
    private Map<Integer, List<String>> exits(long list) throws Exception {
        Map<Integer, List<String>> out = new TreeMap<>();
        for (String row : SqliteFiles.strings(workDir.resolve("data/journal.db"), "SELECT list_member || ' ' || client_id"
                + " FROM orders WHERE list_id = " + list + " AND list_member > 0 ORDER BY created_nanos, sequence")) {
            String[] p = row.split(" ");
            out.computeIfAbsent(Integer.parseInt(p[0]), k -> new ArrayList<>()).add(p[1]);
        }
        return out;
    }

    /** The exchange's orders of those ids. */
    private static List<ExchangeOrder> at(LocalExchange exchange, Map<Integer, List<String>> ids) {
        List<String> all = ids.values().stream().flatMap(List::stream).toList();
        return exchange.engine().orders(false, List.of()).stream().filter(o -> all.contains(o.clientOrderId)).toList();
    }

    @Test
    void aBracketKilledAfterItsEntryFilledComesBackWithOneTakeProfitAndOneStopAndOneCancelsTheOther()
            throws Exception {
        ExchangeSettings defaults = ExchangeSettings.defaults(new InetSocketAddress("127.0.0.1", 0),
                workDir.resolve("exchange"));
        List<Listing> spot = Listing.DEFAULTS.stream().filter(l -> l.productId().equals("BTC-USD")).toList();
        try (LocalExchange exchange = LocalExchange.start(defaults.withListings(spot).withTick(Duration.ofMillis(40)))) {
            Path config = workDir.resolve("tradehost.toml");
            Files.writeString(config, ExchangeCommand.hostConfiguration(exchange, spot));
            Map<String, String> env = new TreeMap<>(Map.of("TRADEHOST_LOG_LEVEL", "DEBUG",
                    "COINBASE_API_KEY_NAME", exchange.apiKey().name(),
                    "COINBASE_API_PRIVATE_KEY", exchange.apiKey().secret()));

            Process first = ImageProcess.start(workDir, env, args(config, "1s", "120s"));
            first.getInputStream().close();
            List<String> firstLog = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread drain = Thread.ofVirtual().start(() -> drain(first, firstLog));
            // killed, with the market held, at the first poll that finds a stop of the host's at the exchange:
            // reading the log for a cue instead let the market reach the take-profit before the kill
            String[] resting = new String[1];
            while (resting[0] == null && first.isAlive()) {
                exchange.engine().hold(() -> {
                    resting[0] = restingStop(exchange);
                    if (resting[0] != null) {
                        killAndWait(first);
                    }
                });
                java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
            }
            drain.join(Duration.ofSeconds(60));
            Files.write(Path.of("target/bracket-exchange-first.log"), firstLog);
            assertThat(resting[0]).as("the host entered and placed its stop").isNotNull();
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).isEqualTo(137);
            long list = Long.parseLong(SqliteFiles.strings(workDir.resolve("data/journal.db"),
                    "SELECT list_id FROM orders WHERE client_id = '" + resting[0] + "'").getFirst());
            Map<Integer, List<String>> before = exits(list);
            assertThat(before.keySet()).as("the list's stop is journaled; its take-profit waits in the host")
                    .containsExactly(2);

            Process second = ImageProcess.start(workDir, env, args(config, "1d", "120s"));
            second.getInputStream().close();
            List<String> secondLog = new ArrayList<>();
            boolean restored = false;
            boolean resolved = false;
            int openAfterRestart = -1;
            try (BufferedReader log = reader(second)) {
                String line;
                while ((line = log.readLine()) != null) {
                    secondLog.add(line);
                    Map<Integer, List<String>> now = exits(list);
                    List<ExchangeOrder> orders = at(exchange, now);
                    assertThat(orders.stream().filter(ExchangeOrder::isOpen).count())
                            .as("at most one exit of the list open at the exchange: %s", describe(orders))
                            .isLessThanOrEqualTo(1);
                    if (!restored && line.contains("1 contingent list(s) [L" + list + "]")) {
                        restored = true;
                        openAfterRestart = (int) orders.stream().filter(ExchangeOrder::isOpen).count();
                    }
                    if (restored && !resolved && orders.stream().noneMatch(ExchangeOrder::isOpen)
                            && orders.stream().anyMatch(o -> o.status.equals("FILLED"))) {
                        resolved = true;
                        new ProcessBuilder("kill", "-TERM", Long.toString(second.pid())).start().waitFor(30,
                                TimeUnit.SECONDS);
                    }
                }
            }
            Files.write(Path.of("target/bracket-exchange-restart.log"), secondLog);
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(restored).as("the restarted strategy got its list back").isTrue();
            // the market may have reached the stop while the host was down: then none rests at the restart
            assertThat(openAfterRestart).as("the stop rests at most once").isLessThanOrEqualTo(1);
            Map<Integer, List<String>> after = exits(list);
            assertThat(after.get(2)).as("the stop was not placed again").isEqualTo(before.get(2));
            List<ExchangeOrder> orders = at(exchange, after);
            assertThat(resolved).as("the market reached one exit within the run: %s", describe(orders)).isTrue();
            ExchangeOrder stop = orders.stream().filter(o -> o.clientOrderId.equals(after.get(2).getFirst()))
                    .findFirst().orElseThrow();
            assertThat(stop.configuration).startsWith("stop_limit_stop_limit");
            if (stop.status.equals("FILLED")) {
                assertThat(after).as("the take-profit never went to the exchange").doesNotContainKey(1);
            } else {
                assertThat(stop.status).isEqualTo("CANCELLED");
                assertThat(after.get(1)).as("the take-profit, reached, went once").hasSize(1);
                assertThat(orders).filteredOn(o -> o != stop).singleElement().satisfies(take -> {
                    assertThat(take.configuration).startsWith("limit_limit");
                    assertThat(take.status).isEqualTo("FILLED");
                });
            }
            assertThat(exchange.stats().get("client_id_reuses")).isZero();
        }
    }

    private static String describe(List<ExchangeOrder> orders) {
        return orders.stream().map(o -> o.clientOrderId + " " + o.configuration + " " + o.status + " " + o.filledSize)
                .collect(Collectors.joining("; "));
    }

    /** The client order id of an open stop sell at the exchange, or null. */
    private static String restingStop(LocalExchange exchange) {
        return exchange.engine().orders(true, List.of()).stream().filter(o -> o.side.equals("SELL") && o.isStop())
                .map(o -> o.clientOrderId).findFirst().orElse(null);
    }

    /** SIGKILL through {@code kill} (so the log stays readable), then waits for the process to end. */
    private static void killAndWait(Process p) {
        try {
            assertThat(new ProcessBuilder("kill", "-KILL", Long.toString(p.pid())).start().waitFor(30,
                    TimeUnit.SECONDS)).isTrue();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the killed host ended").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reads {@code p}'s log to its end into {@code lines}. */
    private static void drain(Process p, List<String> lines) {
        try (BufferedReader log = reader(p)) {
            log.lines().forEach(lines::add);
        } catch (java.io.IOException e) {
            lines.add("(log unreadable: " + e + ")");
        }
    }

    private static BufferedReader reader(Process p) {
        return new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    }

    private static List<String> args(Path config, String interval, String duration) {
        List<String> all = new ArrayList<>(List.of("run", "--duration", duration, "--config", config.toString(),
                "--data-dir", "data", "--set", "strategy.config.bar-trend.interval=\"" + interval + "\""));
        all.addAll(CONFIG);
        return all;
    }
}

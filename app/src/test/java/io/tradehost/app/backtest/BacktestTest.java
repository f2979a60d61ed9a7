package io.tradehost.app.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradehost.app.cli.TradehostCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tradehost backtest} through the CLI on real and generated markets: the report's figures
 * against the data read independently, the books against a second implementation from the
 * journal's fills, and reruns byte for byte.
 */
class BacktestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int backtest(String... args) {
        List<String> all = new ArrayList<>(List.of("backtest"));
        all.addAll(List.of(args));
        return TradehostCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                all.toArray(String[]::new));
    }

    private static JsonNode json(Path file) throws Exception {
        return JSON.readTree(file.toFile());
    }

    private static BigDecimal decimal(JsonNode node, String key) {
        return new BigDecimal(node.get(key).asText());
    }

    @Test
    void aRealWorldTradesFileGivesAReportThatMatchesTheFileBalancesExactlyAndRerunsByteForByte() throws Exception {
        Path trades = MarketData.bitstampTrades(dir);
        MarketData.Expected expected = MarketData.tradesFigures(trades);
        assertThat(expected.events()).isEqualTo(100_000);
        Path first = dir.resolve("first");
        assertThat(backtest("--data", trades.toString(), "--format", "trades", "--symbol", "BTC-USD", "--report",
                first.toString())).as(err.toString()).isZero();
        JsonNode report = json(first.resolve("report.json"));
        assertThat(report.get("events").asLong()).isEqualTo(expected.events());
        assertThat(report.get("first_timestamp").asText()).isEqualTo(Instant.ofEpochSecond(expected.firstSecond())
                .toString());
        assertThat(report.get("last_timestamp").asText()).isEqualTo(Instant.ofEpochSecond(expected.lastSecond())
                .toString());
        JsonNode btc = report.get("symbols").get(0);
        assertThat(btc.get("symbol").asText()).isEqualTo("BTC-USD");
        assertThat(btc.get("events").asLong()).isEqualTo(expected.events());
        assertThat(decimal(btc, "price_min")).isEqualByComparingTo(expected.min());
        assertThat(decimal(btc, "price_max")).isEqualByComparingTo(expected.max());
        assertThat(decimal(btc, "first_price")).isEqualByComparingTo(expected.first());
        assertThat(decimal(btc, "last_price")).isEqualByComparingTo(expected.last());
        BigDecimal booked = decimal(report, "starting_equity").add(decimal(report, "realized_pnl"))
                .add(decimal(report, "unrealized_pnl")).subtract(decimal(report, "fees"));
        assertThat(decimal(report, "final_equity")).as("final equity = start + realised + unrealised - fees, exactly")
                .isEqualTo(booked.setScale(decimal(report, "final_equity").scale()));
        assertThat(report.get("trades").asInt()).isPositive();
        assertThat(decimal(report, "buy_and_hold_return").doubleValue())
                .isCloseTo(expected.last().doubleValue() / expected.first().doubleValue() - 1, within(1e-9));

        JournalBooks books = JournalBooks.read(first.resolve("journal.db"));
        assertThat(books.fills).isEqualTo(report.get("fills").asLong());
        assertThat(books.realized.doubleValue()).isCloseTo(decimal(report, "realized_pnl").doubleValue(), within(1e-6));
        assertThat(books.fees).isEqualByComparingTo(decimal(report, "fees"));
        assertThat(books.tripPnl).hasSize(report.get("trades").asInt());
        for (int i = 0; i < books.tripPnl.size(); i++) {
            assertThat(books.tripPnl.get(i).doubleValue()).as("trade %d", i)
                    .isCloseTo(decimal(report.get("trade_list").get(i), "pnl").doubleValue(), within(1e-6));
        }
        assertThat(out.toString()).contains("events replayed", "100000", "Sharpe", "report.html");

        Path second = dir.resolve("second");
        assertThat(backtest("--data", trades.toString(), "--format", "trades", "--symbol", "BTC-USD", "--report",
                second.toString())).isZero();
        assertThat(EventBacktestTest.withoutReplaySpeed(second.resolve("report.json"))).as("all but the speed")
                .isEqualTo(EventBacktestTest.withoutReplaySpeed(first.resolve("report.json")));
        assertThat(out.toString()).contains("replay speed");
        assertThat(Files.readAllBytes(second.resolve("report.html"))).isEqualTo(Files.readAllBytes(
                first.resolve("report.html")));
        assertThat(Files.readAllBytes(second.resolve("journal.db"))).isEqualTo(Files.readAllBytes(
                first.resolve("journal.db")));
    }

    @Test
    void aGeneratedMarketOfAMillionQuotesOverThreeSymbolsIsReplayedWholeAndBalances() throws Exception {
        Path quotes = dir.resolve("quotes.csv.gz");
        Map<String, MarketData.Expected> expected = MarketData.generateQuotes(quotes, 1_000_000, 11,
                List.of("BTC-PERP", "ETH-PERP", "SOL-USD"));
        Path report = dir.resolve("million");
        assertThat(backtest("--data", quotes.toString(), "--report", report.toString(), "--set",
                "runtime_guards.config.daily-loss.max_loss=\"1000000\"")).as(err.toString()).isZero();
        JsonNode json = json(report.resolve("report.json"));
        assertThat(json.get("events").asLong()).isEqualTo(1_000_000);
        for (JsonNode s : json.get("symbols")) {
            MarketData.Expected e = expected.get(s.get("symbol").asText());
            assertThat(s.get("events").asLong()).isEqualTo(e.events());
            assertThat(decimal(s, "price_min")).isEqualByComparingTo(e.min());
            assertThat(decimal(s, "price_max")).isEqualByComparingTo(e.max());
            assertThat(decimal(s, "first_price")).isEqualByComparingTo(e.first());
            assertThat(decimal(s, "last_price")).isEqualByComparingTo(e.last());
        }
        assertThat(json.get("symbols")).hasSize(3);
        BigDecimal booked = decimal(json, "starting_equity").add(decimal(json, "realized_pnl"))
                .add(decimal(json, "unrealized_pnl")).subtract(decimal(json, "fees"));
        assertThat(decimal(json, "final_equity")).isEqualByComparingTo(booked);
        JournalBooks books = JournalBooks.read(report.resolve("journal.db"));
        assertThat(books.fills).isEqualTo(json.get("fills").asLong()).isPositive();
        assertThat(books.realized.doubleValue()).isCloseTo(decimal(json, "realized_pnl").doubleValue(), within(1e-5));
        assertThat(books.tripPnl).hasSize(json.get("trades").asInt());
    }

    @Test
    void realDailyBarsReplayWithTheirRangeAndTheirDates() throws Exception {
        Path bars = MarketData.appleBars(dir);
        Path report = dir.resolve("bars");
        assertThat(backtest("--data", bars.toString(), "--symbol", "AAPL", "--report", report.toString(), "--set",
                "backtest.markets.AAPL.lot=\"1\"")).as(err.toString()).isZero();
        JsonNode json = json(report.resolve("report.json"));
        List<String> lines = Files.readAllLines(bars).subList(1, 253);
        BigDecimal low = lines.stream().map(l -> new BigDecimal(l.split(",")[3])).min(BigDecimal::compareTo)
                .orElseThrow();
        BigDecimal high = lines.stream().map(l -> new BigDecimal(l.split(",")[2])).max(BigDecimal::compareTo)
                .orElseThrow();
        assertThat(json.get("events").asLong()).isEqualTo(lines.size());
        assertThat(json.get("first_timestamp").asText()).isEqualTo("2013-01-02T00:00:00Z");
        assertThat(decimal(json.get("symbols").get(0), "price_min")).isEqualByComparingTo(low);
        assertThat(decimal(json.get("symbols").get(0), "price_max")).isEqualByComparingTo(high);
        assertThat(json.get("return_period").asText()).isEqualTo("PT24H");
    }

    @Test
    void badDataIsRefusedWithFileAndLineOrSkippedAndCounted() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "timestamp,price,amount\n1700000000,100,1\n1700000001,oops,1\n1700000002,101,1\n");
        assertThat(backtest("--data", bad.toString(), "--symbol", "BTC-USD")).isEqualTo(2);
        assertThat(err.toString()).contains("tradehost: bad data: " + bad + ":3: price 'oops' is not a decimal price");
        assertThat(err.toString()).doesNotContain("Exception", "\tat ");
        err.getBuffer().setLength(0);
        assertThat(backtest("--data", bad.toString(), "--symbol", "BTC-USD", "--skip-bad-rows")).isZero();
        assertThat(err.toString()).contains("skipped 1 bad rows; the first: " + bad + ":3:");
        assertThat(out.toString()).contains("events replayed", "2", "bad rows skipped");
        Path ooo = dir.resolve("ooo.csv");
        Files.writeString(ooo, "timestamp,price,amount\n1700000005,100,1\n1700000001,100,1\n");
        err.getBuffer().setLength(0);
        assertThat(backtest("--data", ooo.toString(), "--symbol", "BTC-USD", "--skip-bad-rows")).isEqualTo(2);
        assertThat(err.toString()).contains(ooo + ":3: out of time order");
        err.getBuffer().setLength(0);
        assertThat(backtest("--data", ooo.toString(), "--symbol", "BTC-USD", "--format", "ticks")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown format 'ticks'");
        err.getBuffer().setLength(0);
        assertThat(backtest("--data", bad.toString(), "--symbol", "BTC-USD", "--skip-bad-rows", "--from",
                "2023-11-14T22:13:23Z")).isEqualTo(2);
        assertThat(err.toString()).contains("no rows to replay between --from and --to");
        err.getBuffer().setLength(0);
        assertThat(backtest("--data", ooo.toString(), "--symbol", "BTC-USD", "--strategy", "nope")).isEqualTo(2);
        assertThat(err.toString()).contains("no strategy named 'nope'");
    }

    @Test
    void aSweepRunsTheGridInParallelAndEachRowEqualsTheSameRunAlone() throws Exception {
        Path quotes = dir.resolve("q.csv.gz");
        MarketData.generateQuotes(quotes, 20_000, 5, List.of("BTC-PERP"));
        Path sweep = dir.resolve("sweep");
        assertThat(backtest("--data", quotes.toString(), "--report", sweep.toString(), "--threads", "2",
                "--sweep", "strategy.config.ma-crossover.short=3,5",
                "--sweep", "strategy.config.ma-crossover.long=10,20")).as(err.toString()).isZero();
        List<String> rows = Files.readAllLines(sweep.resolve("sweep.csv"));
        assertThat(rows.getFirst()).isEqualTo("run,strategy.config.ma-crossover.short,strategy.config.ma-crossover.long,"
                + "final_equity,total_return,sharpe,max_drawdown,trades,win_rate,fees");
        assertThat(rows.subList(1, rows.size())).extracting(r -> r.split(",")[1] + "/" + r.split(",")[2])
                .containsExactly("3/10", "3/20", "5/10", "5/20");
        assertThat(out.toString()).contains("sweep: 4 runs");
        for (int i = 1; i <= 4; i++) {
            String[] row = rows.get(i).split(",");
            Path alone = dir.resolve("alone-" + i);
            assertThat(backtest("--data", quotes.toString(), "--report", alone.toString(),
                    "--set", "strategy.config.ma-crossover.short=" + row[1],
                    "--set", "strategy.config.ma-crossover.long=" + row[2])).isZero();
            assertThat(json(alone.resolve("report.json")).get("final_equity").asText()).isEqualTo(row[3]);
            String set = "strategy.config.ma-crossover.short=" + row[1] + " strategy.config.ma-crossover.long="
                    + row[2];
            assertThat(EventBacktestTest.withoutReplaySpeed(alone.resolve("report.json")).toString().replace(set, ""))
                    .as("the same run alone, its speed aside").isEqualTo(EventBacktestTest.withoutReplaySpeed(
                            sweep.resolve("run-" + i).resolve("report.json")).toString().replace(set, ""));
        }
    }
}

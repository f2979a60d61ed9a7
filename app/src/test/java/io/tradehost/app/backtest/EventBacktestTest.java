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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event-driven built-ins backtested through the CLI on recorded data: their trades in the report
 * with each order's tag, the books checked against a second computation from the journal's fills,
 * and a rerun byte for byte.
 */
class EventBacktestTest {
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

    /** A report without its wall-clock speed, the one part that differs between runs. */
    static JsonNode withoutReplaySpeed(Path report) throws java.io.IOException {
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(report.toFile());
        json.remove("replay");
        return json;
    }

    private static BigDecimal decimal(JsonNode node, String key) {
        return new BigDecimal(node.get(key).asText());
    }

    /** Runs a backtest into {@code name}; checks it balances and agrees with the journal; returns its report. */
    private JsonNode run(String name, Path data, String... args) throws Exception {
        Path report = dir.resolve(name);
        List<String> all = new ArrayList<>(List.of("--data", data.toString(), "--report", report.toString()));
        all.addAll(List.of(args));
        assertThat(backtest(all.toArray(String[]::new))).as(err.toString()).isZero();
        JsonNode json = JSON.readTree(report.resolve("report.json").toFile());
        BigDecimal booked = decimal(json, "starting_equity").add(decimal(json, "realized_pnl"))
                .add(decimal(json, "unrealized_pnl")).subtract(decimal(json, "fees")).add(decimal(json, "funding"));
        assertThat(decimal(json, "final_equity")).isEqualByComparingTo(booked);
        JournalBooks books = JournalBooks.read(report.resolve("journal.db"));
        assertThat(books.funding).as("funding booked in the journal").isEqualByComparingTo(decimal(json, "funding"));
        assertThat(books.fills).isEqualTo(json.get("fills").asLong());
        assertThat(books.realized.doubleValue()).isCloseTo(decimal(json, "realized_pnl").doubleValue(), within(1e-6));
        assertThat(books.tripPnl).hasSize(json.get("trades").asInt());
        for (int i = 0; i < books.tripPnl.size(); i++) {
            assertThat(books.tripPnl.get(i).doubleValue()).as("trade %d", i)
                    .isCloseTo(decimal(json.get("trade_list").get(i), "pnl").doubleValue(), within(1e-6));
            assertThat(json.get("trade_list").get(i).get("exit_kind").asText()).as("exit of trade %d", i)
                    .isEqualTo(books.tripExits.get(i));
        }
        return json;
    }

    @Test
    void barTrendTradesTheCrossesOfOneMinuteBarsOfARealTradesFileAndRerunsByteForByte() throws Exception {
        Path trades = MarketData.bitstampTrades(dir);
        String[] args = {"--format", "trades", "--symbol", "BTC-USD", "--strategy", "bar-trend", "--set",
            "strategy.config.bar-trend.interval=\"1m\""};
        JsonNode report = run("first", trades, args);
        assertThat(report.get("trades").asInt()).isGreaterThan(5);
        for (JsonNode t : report.get("trade_list")) {
            assertThat(t.get("entry_tag").asText()).isEqualTo("entry-long: close above average");
            assertThat(t.get("exit_tag").asText()).isIn("exit-long: close below average", "");
        }
        run("second", trades, args);
        for (String file : List.of("report.html", "journal.db")) {
            assertThat(Files.readAllBytes(dir.resolve("second").resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(dir.resolve("first").resolve(file)));
        }
        assertThat(withoutReplaySpeed(dir.resolve("second").resolve("report.json"))).as("report.json but its speed")
                .isEqualTo(withoutReplaySpeed(dir.resolve("first").resolve("report.json")));
        assertThat(report.get("replay").get("events_per_second").asLong()).isPositive();
    }

    /**
     * Each entry carries a take-profit, a stop-loss and a trailing stop, held by the host as one list:
     * the report names the kind of every exit, and the journal's order rows give the same kinds.
     */
    @Test
    void barTrendsEntriesCarryTakeProfitStopLossAndTrailingExitsAndTheReportNamesEachExitsKind() throws Exception {
        Path trades = MarketData.bitstampTrades(dir);
        JsonNode report = run("exits", trades, "--format", "trades", "--symbol", "BTC-USD", "--strategy", "bar-trend",
                "--set", "strategy.config.bar-trend.interval=\"1m\"",
                "--set", "strategy.config.bar-trend.take_profit_bps=\"25\"",
                "--set", "strategy.config.bar-trend.stop_loss_bps=\"25\"",
                "--set", "strategy.config.bar-trend.trailing_bps=\"10\"");
        JsonNode exits = report.get("exits");
        for (String kind : List.of("take-profit", "stop", "trailing", "signal")) {
            assertThat(exits.get(kind).asLong()).as(kind + " exits in " + exits).isPositive();
        }
        assertThat(exits.get("other").asLong()).isZero();
        long listed = 0;
        for (String kind : List.of("take-profit", "stop", "trailing", "signal", "other")) {
            listed += exits.get(kind).asLong();
        }
        assertThat(listed).isEqualTo(report.get("trades").asLong());
        assertThat(out.toString()).contains("exits").contains(exits.get("take-profit").asLong() + " take-profit");
    }

    /**
     * Each fill of the journal explained by the tape's trades, order by order: a post-only quote fills as
     * maker at its limit, at the time of a recorded trade that went through that price, or traded at it
     * for at least the fill's size (what was left after the queue ahead). Returns how many fills it explained.
     */
    private static long explained(Path tape, Path journal) throws Exception {
        Map<Long, List<BigDecimal[]>> rows = new HashMap<>();
        List<String> lines = Files.readAllLines(tape);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            rows.computeIfAbsent(Long.parseLong(f[0]) * 1_000_000_000L, k -> new ArrayList<>())
                    .add(new BigDecimal[] {new BigDecimal(f[1]), new BigDecimal(f[2])});
        }
        long explained = 0;
        for (String fill : io.tradehost.app.host.SqliteFiles.strings(journal, "SELECT f.venue_nanos || ' ' || f.quantity"
                + " || ' ' || f.price || ' ' || f.liquidity || ' ' || o.side || ' ' || o.limit_price FROM fills f JOIN"
                + " orders o ON o.client_id = f.client_id ORDER BY f.venue_nanos")) {
            String[] v = fill.split(" ");
            BigDecimal quantity = new BigDecimal(v[1]);
            // a maker fills at its limit as it stood then (the journal keeps an amended order's last one)
            BigDecimal limit = new BigDecimal(v[2]);
            boolean buy = v[4].equals("BUY");
            assertThat(v[3]).as("a post-only quote fills as maker: %s", fill).isEqualTo("MAKER");
            assertThat(rows.getOrDefault(Long.parseLong(v[0]), List.of())).as("a recorded trade explains %s", fill)
                    .anySatisfy(row -> assertThat((buy ? row[0].compareTo(limit) < 0 : row[0].compareTo(limit) > 0)
                            || row[0].compareTo(limit) == 0 && row[1].compareTo(quantity) >= 0).isTrue());
            explained++;
        }
        return explained;
    }

    @Test
    void theMarketMakerRestsPostOnlyQuotesThatTheTapeFillsAndPairsTradesTwoGeneratedMarkets() throws Exception {
        Path trades = MarketData.bitstampTrades(dir);
        JsonNode maker = run("maker", trades, "--format", "trades", "--symbol", "BTC-PERP", "--strategy",
                "market-maker", "--set", "strategy.config.market-maker.order_notional=\"500\"", "--set",
                "strategy.config.market-maker.max_inventory=\"2000\"", "--set", "backtest.funding_rate=\"0.001\"",
                "--set", "backtest.funding_interval=\"1h\"");
        assertThat(maker.get("fills").asLong()).isPositive();
        assertThat(decimal(maker, "funding").signum()).as("the perpetual's position paid or received funding: %s",
                maker.get("funding")).isNotZero();
        assertThat(explained(trades, dir.resolve("maker").resolve("journal.db"))).as("maker fills explained by the tape")
                .isEqualTo(maker.get("fills").asLong());

        Path quotes = dir.resolve("quotes.csv.gz");
        MarketData.generateQuotes(quotes, 200_000, 5, List.of("BTC-PERP", "ETH-PERP"));
        JsonNode pairs = run("pairs", quotes, "--strategy", "pairs", "--set",
                "strategy.config.pairs.interval=\"1m\"", "--set", "strategy.config.pairs.length=20", "--set",
                "runtime_guards.config.daily-loss.max_loss=\"1000000\"");
        assertThat(pairs.get("fills").asLong()).isPositive();
        assertThat(pairs.get("trade_list").get(0).get("entry_tag").asText()).startsWith("pairs-entry z=");
    }
}

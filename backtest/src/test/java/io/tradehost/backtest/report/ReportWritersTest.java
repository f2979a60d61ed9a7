package io.tradehost.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradehost.api.event.PositionChanged;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.Position;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.backtest.tape.SymbolStats;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReportWritersTest {
    private static final Symbol BTC = Symbol.of("BTC-USD");
    private static final long MINUTE = 60_000_000_000L;

    private static Report report() {
        ReportCollector c = new ReportCollector(0, MINUTE, Set.of(BTC));
        c.begin(Money.of("1000"));
        Position p = Position.flat(BTC);
        Fill buy = new Fill("T1", ClientOrderId.of("c-1"), BTC, Side.BUY, Quantity.of("1"), Price.of("100"),
                Money.of("0.1"), Liquidity.TAKER, MINUTE);
        p = p.apply(buy);
        c.accept(new PositionChanged(p, buy, Money.of("899.9")));
        c.observe(MINUTE, BTC, Price.of("100"), Money.of("999.9"));
        Fill sell = new Fill("T2", ClientOrderId.of("c-2"), BTC, Side.SELL, Quantity.of("1"), Price.of("125"),
                Money.of("0.125"), Liquidity.TAKER, 2 * MINUTE);
        p = p.apply(sell);
        c.accept(new PositionChanged(p, sell, Money.of("1024.775")));
        c.observe(2 * MINUTE, BTC, Price.of("125"), Money.of("1024.775"));
        c.finish(3 * MINUTE, Money.of("1024.775"));
        SymbolStats stats = new SymbolStats(BTC, 3, Price.of("100"), Price.of("125"), Price.of("100"), Price.of("125"),
                0, 3 * MINUTE);
        Metrics m = Metrics.compute(0, 3 * MINUTE, Money.of("1000"), Money.of("1024.775"), c.periodEquity(), MINUTE,
                c.drawdown(), c.trades(), c.exposureNanos());
        return new Report("t.csv <&> \"x\" \uD83D\uDE00", 3, 0, 0, 3 * MINUTE, List.of(stats), Money.of("1000"),
                Money.of("1024.775"), p.realizedPnl(), Money.ZERO, p.fees(), Report.buyAndHold(List.of(stats)), 2, m,
                Map.of("GUARD_FAILURE", 1L), c.transitions(), c.trades(), c);
    }

    @Test
    void theJsonCarriesTheRequiredFieldsWithDecimalsAsStringsAndRatiosAsFractions() throws Exception {
        Report r = report();
        assertThat(r.bookedEquity()).isEqualTo(r.finalEquity());
        String text = ReportJson.of(r);
        JsonNode json = new ObjectMapper().readTree(text);
        // streamed, it is byte for byte what Jackson's indenting writer makes of the same tree
        assertThat(text).isEqualTo(new ObjectMapper().enable(com.fasterxml.jackson.databind.SerializationFeature
                .INDENT_OUTPUT).writeValueAsString(json) + "\n");
        java.io.ByteArrayOutputStream streamed = new java.io.ByteArrayOutputStream();
        ReportJson.write(r, streamed);
        assertThat(streamed.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(json.get("events").asLong()).isEqualTo(3);
        assertThat(json.get("first_timestamp").asText()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(json.get("last_timestamp").asText()).isEqualTo("1970-01-01T00:03:00Z");
        JsonNode symbol = json.get("symbols").get(0);
        assertThat(symbol.get("symbol").asText()).isEqualTo("BTC-USD");
        assertThat(symbol.get("price_min").isTextual()).isTrue();
        assertThat(symbol.get("price_max").asText()).isEqualTo("125");
        assertThat(symbol.get("first_price").asText()).isEqualTo("100");
        assertThat(symbol.get("last_price").asText()).isEqualTo("125");
        assertThat(json.get("starting_equity").asText()).isEqualTo("1000");
        assertThat(json.get("final_equity").asText()).isEqualTo("1024.775");
        assertThat(json.get("realized_pnl").asText()).isEqualTo("25");
        assertThat(json.get("unrealized_pnl").asText()).isEqualTo("0");
        assertThat(json.get("fees").asText()).isEqualTo("0.225");
        assertThat(json.get("total_return").asText()).isEqualTo("0.024775");
        assertThat(json.get("buy_and_hold_return").asText()).isEqualTo("0.25");
        assertThat(json.get("max_drawdown").asText()).isEqualTo("0.0001");
        assertThat(json.get("sharpe").isTextual()).isTrue();
        assertThat(json.get("trades").asInt()).isEqualTo(1);
        assertThat(json.get("trade_list").get(0).get("pnl").asText()).isEqualTo("24.775");
        assertThat(json.get("rejections").get("GUARD_FAILURE").asLong()).isEqualTo(1);
        assertThat(json.get("equity_curve")).hasSize(4);
        assertThat(json.get("profit_factor").isNull()).as("no losing trade").isTrue();
        assertThat(ReportJson.of(report())).as("equal reports, equal bytes").isEqualTo(ReportJson.of(r));
    }

    @Test
    void theHtmlIsOnePageThatFetchesNothingAndEscapesWhatItShows() {
        String html = ReportHtml.of(report());
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "data-symbol=\"BTC-USD\"", "class=\"entry\"",
                "class=\"exit\"", "t.csv &lt;&amp;&gt; &quot;x&quot;", "Sharpe", "24.775");
        assertThat(html).doesNotContain("<script", "http://", "https://", "src=", "<link", "t.csv <&>");
        assertThat(ReportTable.text(report())).contains("total return", "2.48 %", "events replayed", "3");
    }
}

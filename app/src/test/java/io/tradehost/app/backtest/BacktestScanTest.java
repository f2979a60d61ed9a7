package io.tradehost.app.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import io.tradehost.backtest.tape.MarketEvent;
import io.tradehost.backtest.tape.MarketTape;
import io.tradehost.backtest.tape.TapeFormat;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the scan of a tape tells the simulated venue to publish besides quotes: trades when every
 * row is a trade, depth when any row is a quote.
 */
class BacktestScanTest {
    private static final Symbol BTC = Symbol.of("BTC-USD");
    private static final Symbol ETH = Symbol.of("ETH-USD");

    private static Backtest.Scan scan(MarketEvent... rows) {
        BacktestSpec spec = new BacktestSpec(List.of(Path.of("rows.csv")), null, List.of(), Long.MIN_VALUE,
                Long.MAX_VALUE, false, null, List.of(), 1);
        return new Backtest(spec, null, null, () -> MarketTape.of(List.of(rows))).scan();
    }

    private static MarketEvent row(TapeFormat format, Symbol symbol, long second) {
        Price p = Price.ofUnits(100);
        boolean quote = format == TapeFormat.QUOTES;
        return new MarketEvent(second * 1_000_000_000L, symbol, format, p, p, p, quote ? Price.ofUnits(99) : null,
                quote ? Price.ofUnits(101) : null, Quantity.ZERO, Quantity.ZERO, Quantity.ZERO, second + 1);
    }

    @Test
    void tradesOnlyFromATapeOfTradesAndDepthFromAnyQuoteRow() {
        Backtest.Scan trades = scan(row(TapeFormat.TRADES, BTC, 0), row(TapeFormat.TRADES, BTC, 1));
        assertThat(trades.trades()).isTrue();
        assertThat(trades.quotes()).isFalse();
        Backtest.Scan quotes = scan(row(TapeFormat.QUOTES, BTC, 0), row(TapeFormat.QUOTES, BTC, 1));
        assertThat(quotes.trades()).isFalse();
        assertThat(quotes.quotes()).isTrue();
        Backtest.Scan mixed = scan(row(TapeFormat.TRADES, BTC, 0), row(TapeFormat.QUOTES, ETH, 1));
        assertThat(mixed.trades()).isFalse();
        assertThat(mixed.quotes()).isTrue();
        assertThat(mixed.symbols()).containsExactly(BTC, ETH);
        Backtest.Scan bars = scan(row(TapeFormat.BARS, BTC, 0));
        assertThat(bars.trades()).isFalse();
        assertThat(bars.quotes()).isFalse();
    }
}

package io.tradehost.benchmarks.peer;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Strategy;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

/**
 * The peer of {@code scripts/bench-peer.sh}: ta4j 0.18 backtesting the rule tradehost's
 * {@code ma-crossover} runs (long when the 5-trade simple moving average of the trade prices
 * crosses above the 20-trade one, flat when it crosses below) over a trades file
 * ({@code timestamp,price,amount}), one bar per trade, ta4j's default decimal numbers. Prints the
 * rows, the positions taken and the time from the first row read to the trading record.
 * Usage: {@code Ta4jSmaCrossover FILE}.
 */
public final class Ta4jSmaCrossover {
    private Ta4jSmaCrossover() {
    }

    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        BarSeries series = new BaseBarSeriesBuilder().withName("BTC-USD").build();
        long rows = 0;
        long lastSecond = Long.MIN_VALUE;
        int within = 0;
        try (BufferedReader reader = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            reader.readLine();
            for (String line; (line = reader.readLine()) != null; ) {
                String[] f = line.split(",", -1);
                long second = Long.parseLong(f[0]);
                within = second == lastSecond ? within + 1 : 0;
                lastSecond = second;
                // one bar per trade: trades of one second get end times a nanosecond apart, as ta4j wants them rising
                series.barBuilder().timePeriod(Duration.ofNanos(1)).endTime(Instant.ofEpochSecond(second, within))
                        .openPrice(f[1]).highPrice(f[1]).lowPrice(f[1]).closePrice(f[1]).volume(f[2]).add();
                rows++;
            }
        }
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        SMAIndicator fast = new SMAIndicator(close, 5);
        SMAIndicator slow = new SMAIndicator(close, 20);
        Strategy strategy = new BaseStrategy(new CrossedUpIndicatorRule(fast, slow),
                new CrossedDownIndicatorRule(fast, slow));
        TradingRecord record = new BarSeriesManager(series).run(strategy);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "ta4j: %d rows, %d positions, %.2f s in process, %.0f rows/s%n", rows,
                record.getPositionCount(), seconds, rows / seconds);
    }
}

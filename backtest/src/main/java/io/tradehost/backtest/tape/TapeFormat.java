package io.tradehost.backtest.tape;

import java.util.Locale;

/** The recorded market data formats a backtest reads; see the README for their columns. */
public enum TapeFormat {
    /** {@code timestamp,price,amount[,side]}, one row per trade. */
    TRADES,
    /** {@code timestamp,symbol,bid,ask[,bid_size,ask_size]}, one row per top-of-book change. */
    QUOTES,
    /** {@code timestamp,open,high,low,close[,volume]}, one row per bar. */
    BARS;

    /**
     * The format named {@code name} ({@code trades}, {@code quotes}, {@code bars}, any case).
     *
     * @throws IllegalArgumentException naming the formats known
     */
    public static TapeFormat of(String name) {
        for (TapeFormat f : values()) {
            if (f.name().equalsIgnoreCase(name.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "' (known: trades, quotes, bars)");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

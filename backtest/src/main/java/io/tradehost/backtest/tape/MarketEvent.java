package io.tradehost.backtest.tape;

import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Symbol;

/**
 * One row of recorded market data. Immutable.
 *
 * @param timestampNanos when it happened, nanoseconds since the epoch (UTC)
 * @param symbol the product
 * @param format what kind of row it came from
 * @param price the trade price, the bar's close, or the quote's mid: what the market was at
 * @param low the lowest price the market offered during the row (a trade's price, a bar's low, a
 *     quote's ask): a resting buy limit above it fills
 * @param high the highest price the market bid during the row (a trade's price, a bar's high, a
 *     quote's bid): a resting sell limit below it fills
 * @param bid the recorded best bid; null unless a quote
 * @param ask the recorded best ask; null unless a quote
 * @param bidSize size at the bid (quotes; zero when not recorded)
 * @param askSize size at the ask (quotes; zero when not recorded)
 * @param volume a trade's amount or a bar's volume; zero when not recorded
 * @param line the line of its file, for messages
 * @param fundingRate a perpetual's funding rate per interval from this row on (a {@code funding_rate}
 *     column), or null
 */
public record MarketEvent(long timestampNanos, Symbol symbol, TapeFormat format, Price price, Price low, Price high,
                          Price bid, Price ask, Quantity bidSize, Quantity askSize, Quantity volume, long line,
                          Ratio fundingRate) {
    /** A row without a funding rate. */
    public MarketEvent(long timestampNanos, Symbol symbol, TapeFormat format, Price price, Price low, Price high,
                       Price bid, Price ask, Quantity bidSize, Quantity askSize, Quantity volume, long line) {
        this(timestampNanos, symbol, format, price, low, high, bid, ask, bidSize, askSize, volume, line, null);
    }

    /** This row, carrying funding rate {@code rate}. */
    public MarketEvent withFundingRate(Ratio rate) {
        return new MarketEvent(timestampNanos, symbol, format, price, low, high, bid, ask, bidSize, askSize, volume,
                line, rate);
    }

    /** Whether a resting buy limit at {@code limit} is traded through by this row. */
    public boolean tradesBelow(Price limit) {
        return low.isLessThan(limit);
    }

    /** Whether a resting sell limit at {@code limit} is traded through by this row. */
    public boolean tradesAbove(Price limit) {
        return high.isGreaterThan(limit);
    }
}

package io.tradehost.api.market;

import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import java.util.Objects;

/**
 * One closed bar, built by the host from trades (or from quote mids where the venue publishes no
 * trades). Immutable. A bar in which nothing traded is still delivered, flat at the previous close
 * with zero volume and {@code count} 0, once a bar of that series has closed before it; before the
 * first data of a series nothing is delivered.
 *
 * @param symbol the product
 * @param interval the bar's length
 * @param startNanos the bar's start, nanoseconds since the epoch, a multiple of the interval
 * @param open first price in the bar
 * @param high highest price
 * @param low lowest price
 * @param close last price
 * @param volume traded base quantity (zero for quote bars)
 * @param count trades (or quotes) in the bar
 */
public record Bar(Symbol symbol, BarInterval interval, long startNanos, Price open, Price high, Price low, Price close,
                  Quantity volume, int count) {
    public Bar {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(close, "close");
        Objects.requireNonNull(volume, "volume");
    }

    /** The bar's end (exclusive), when it closed. */
    public long endNanos() {
        return startNanos + interval.nanos();
    }
}

package io.tradehost.api.market;

import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import java.util.Objects;

/**
 * Top of a venue's book for one product, as its market data reported it. Immutable. A quote may
 * be bad (crossed, zero); the telemetry coordinator validates it before it becomes a {@link Mark}.
 *
 * @param symbol the product
 * @param bid best bid
 * @param bidSize size at the best bid
 * @param ask best ask
 * @param askSize size at the best ask
 * @param timestampNanos venue time, nanoseconds since the epoch
 */
public record Quote(Symbol symbol, Price bid, Quantity bidSize, Price ask, Quantity askSize, long timestampNanos) {
    public Quote {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(bid, "bid");
        Objects.requireNonNull(bidSize, "bidSize");
        Objects.requireNonNull(ask, "ask");
        Objects.requireNonNull(askSize, "askSize");
    }

    /** Mid of bid and ask. */
    public Price mid() {
        return Price.mid(bid, ask);
    }

    /** What is wrong with this quote, or {@code null} if it is usable. */
    public String defect() {
        if (bid.isZero() || ask.isZero()) {
            return "zero price (bid " + bid + ", ask " + ask + ")";
        }
        if (bid.isGreaterThan(ask)) {
            return "crossed book (bid " + bid + " > ask " + ask + ")";
        }
        return null;
    }
}

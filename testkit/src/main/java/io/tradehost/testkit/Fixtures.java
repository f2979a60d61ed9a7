package io.tradehost.testkit;

import io.tradehost.api.market.Mark;
import io.tradehost.api.market.Quote;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.ProductKind;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Symbol;
import java.time.Instant;

/** Builders for values tests need often. Stateless. */
public final class Fixtures {
    /** A Monday, midnight UTC: the default start of virtual time in tests. */
    public static final Instant EPOCH = Instant.parse("2026-01-05T00:00:00Z");

    private Fixtures() {
    }

    /** A perpetual quoted in USD: tick 0.01, lot 0.001, minimum 0.001, leverage up to 10. */
    public static Product perpetual(String symbol) {
        return new Product(Symbol.of(symbol), symbol.split("-")[0], "USD", ProductKind.PERPETUAL, Price.of("0.01"),
                Quantity.of("0.001"), Quantity.of("0.001"), Ratio.ofUnits(10));
    }

    /** A spot product quoted in USD: tick 0.01, lot 0.001, minimum 0.001. */
    public static Product spot(String symbol) {
        return new Product(Symbol.of(symbol), symbol.split("-")[0], "USD", ProductKind.SPOT, Price.of("0.01"),
                Quantity.of("0.001"), Quantity.of("0.001"), Ratio.ONE);
    }

    /** A quote with 10 units on each side. */
    public static Quote quote(String symbol, String bid, String ask, long timestampNanos) {
        return new Quote(Symbol.of(symbol), Price.of(bid), Quantity.ofUnits(10), Price.of(ask), Quantity.ofUnits(10),
                timestampNanos);
    }

    /** The mark of {@link #quote}. */
    public static Mark mark(String symbol, String bid, String ask, long timestampNanos) {
        return Mark.of(quote(symbol, bid, ask, timestampNanos));
    }

    /** A mark with a one-tick spread around {@code price}. */
    public static Mark mark(String symbol, String price) {
        Price p = Price.of(price);
        Price tick = Price.of("0.01");
        return Mark.of(new Quote(Symbol.of(symbol), p.minus(tick), Quantity.ofUnits(10), p.plus(tick),
                Quantity.ofUnits(10), 0));
    }

    /** Epoch nanoseconds of an instant. */
    public static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}

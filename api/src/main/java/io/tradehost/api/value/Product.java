package io.tradehost.api.value;

import java.math.RoundingMode;
import java.util.Objects;

/**
 * A tradable product as a venue lists it. Immutable.
 *
 * @param symbol the venue symbol
 * @param base the base asset, e.g. {@code BTC}
 * @param quote the quote currency, e.g. {@code USD}
 * @param kind spot or perpetual
 * @param priceIncrement the tick size; prices are multiples of it
 * @param sizeIncrement the lot size; order quantities are multiples of it
 * @param minSize the smallest order quantity the venue accepts
 * @param maxLeverage the highest leverage the venue allows; {@link Ratio#ONE} for spot
 */
public record Product(Symbol symbol, String base, String quote, ProductKind kind, Price priceIncrement,
                      Quantity sizeIncrement, Quantity minSize, Ratio maxLeverage) {

    /** @throws IllegalArgumentException if an increment is not positive or the minimum size is negative */
    public Product {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(kind, "kind");
        if (priceIncrement.isZero() || !sizeIncrement.isPositive() || minSize.isNegative()) {
            throw new IllegalArgumentException(symbol + ": increments must be positive and minimum size >= 0");
        }
        if (maxLeverage.compareTo(Ratio.ONE) < 0) {
            throw new IllegalArgumentException(symbol + ": max leverage must be >= 1");
        }
    }

    /** A quantity rounded toward zero to the lot size. */
    public Quantity roundSize(Quantity quantity) {
        return quantity.roundDownTo(sizeIncrement);
    }

    /** A price rounded to the tick size by {@code mode}. */
    public Price roundPrice(Price price, RoundingMode mode) {
        return price.roundTo(priceIncrement, mode);
    }

    public boolean isPerpetual() {
        return kind == ProductKind.PERPETUAL;
    }
}

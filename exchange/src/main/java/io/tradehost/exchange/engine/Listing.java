package io.tradehost.exchange.engine;

import java.math.BigDecimal;
import java.util.List;

/**
 * A product the exchange lists and how its synthetic market moves. Immutable.
 *
 * @param productId e.g. {@code BTC-USD}
 * @param base base currency
 * @param quote quote currency
 * @param perpetual whether it is a perpetual future (INTX style, id ending in {@code -PERP-INTX})
 * @param priceIncrement tick size
 * @param baseIncrement lot size
 * @param baseMinSize smallest order
 * @param baseMaxSize largest order
 * @param startPrice the market's first mid
 * @param volatility per-tick standard deviation of the mid, as a fraction
 * @param halfSpread half the spread, as a fraction of the mid
 * @param levelNotional the notional quoted at each of the book's levels, roughly
 * @param maxLeverage the venue's leverage cap (1 for spot)
 * @param fundingRate per funding interval, as a fraction (perpetuals)
 * @param maintenanceMarginRate the maintenance margin, as a fraction (perpetuals)
 */
public record Listing(String productId, String base, String quote, boolean perpetual, BigDecimal priceIncrement,
                      BigDecimal baseIncrement, BigDecimal baseMinSize, BigDecimal baseMaxSize, BigDecimal startPrice,
                      double volatility, double halfSpread, BigDecimal levelNotional, int maxLeverage,
                      BigDecimal fundingRate, BigDecimal maintenanceMarginRate) {

    /** What the exchange lists unless told otherwise. */
    public static final List<Listing> DEFAULTS = List.of(
            spot("BTC-USD", "BTC", "0.01", "0.00000001", "0.00001", "60000", 0.0004),
            spot("ETH-USD", "ETH", "0.01", "0.00000001", "0.0001", "3000", 0.0005),
            spot("SOL-USD", "SOL", "0.01", "0.001", "0.01", "150", 0.0006),
            new Listing("BTC-PERP-INTX", "BTC", "USDC", true, new BigDecimal("0.1"), new BigDecimal("0.0001"),
                    new BigDecimal("0.0001"), new BigDecimal("1000"), new BigDecimal("60000"), 0.0004, 0.0001,
                    new BigDecimal("200000"), 10, new BigDecimal("0.0001"), new BigDecimal("0.05")));

    private static Listing spot(String id, String base, String tick, String lot, String min, String price,
                                double volatility) {
        return new Listing(id, base, "USD", false, new BigDecimal(tick), new BigDecimal(lot), new BigDecimal(min),
                new BigDecimal("10000"), new BigDecimal(price), volatility, 0.0001, new BigDecimal("2000000"), 1,
                BigDecimal.ZERO, BigDecimal.ZERO);
    }
}

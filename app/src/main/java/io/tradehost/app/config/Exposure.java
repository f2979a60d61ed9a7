package io.tradehost.app.config;

import java.math.BigDecimal;
import java.util.Set;

/**
 * What is open on a running host, as the drift rules compare new limits against it. A null figure
 * is unknown (no host, e.g. {@code tradehost config diff}): a rule then assumes the worst, so
 * tightening a limit counts as high. Immutable.
 *
 * @param leverage gross exposure over equity (also the total-exposure fraction)
 * @param largestSymbolFraction the largest single symbol's exposure over equity
 * @param largestOrderNotional the notional of the largest open order, in the quote currency
 * @param dailyLoss how far equity is below the start of the UTC day (zero when above)
 * @param symbolsWithExposure symbols with a position or an open order
 * @param venueMaxLeverage the highest leverage the venue allows on any traded symbol
 */
public record Exposure(BigDecimal leverage, BigDecimal largestSymbolFraction, BigDecimal largestOrderNotional,
                       BigDecimal dailyLoss, Set<String> symbolsWithExposure, BigDecimal venueMaxLeverage) {
    /** Nothing known: every tightening counts, every removed symbol may hold a position. */
    public static final Exposure UNKNOWN = new Exposure(null, null, null, null, null, null);

    public boolean known() {
        return leverage != null;
    }
}

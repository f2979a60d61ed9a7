package io.tradehost.backtest.report;

import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;

/**
 * One round trip: from a flat position to the next flat (or flip) in one symbol. Immutable.
 *
 * @param symbol the product
 * @param direction {@code long} or {@code short}
 * @param entryNanos the opening fill's time
 * @param exitNanos the closing fill's time
 * @param size the largest absolute size the position reached
 * @param entryPrice the first fill's price
 * @param exitPrice the closing fill's price
 * @param pnl realised PnL over the trip minus the fees of its fills (a flipping fill's whole fee
 *     counts here)
 * @param fees the fees of its fills
 * @param entryTag the opening order's tag or reason (empty when unknown)
 * @param exitTag the closing order's tag or reason (empty when unknown)
 * @param exitKind what closed it, by the closing order ({@link ExitKind})
 */
public record Trade(Symbol symbol, String direction, long entryNanos, long exitNanos, Quantity size,
                    Price entryPrice, Price exitPrice, Money pnl, Money fees, String entryTag, String exitTag,
                    ExitKind exitKind) {
}

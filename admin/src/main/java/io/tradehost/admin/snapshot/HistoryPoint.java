package io.tradehost.admin.snapshot;

import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Symbol;
import java.util.Map;

/**
 * One sample of the equity curve and the marks, for the dashboard's charts. Immutable.
 *
 * @param hostNanos host clock time of the sample
 * @param equity equity then
 * @param marks each symbol's last mark then (symbols without one are absent)
 */
public record HistoryPoint(long hostNanos, Money equity, Map<Symbol, Price> marks) {
    public HistoryPoint {
        marks = Map.copyOf(marks);
    }
}

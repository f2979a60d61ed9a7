package io.tradehost.api.event;

import io.tradehost.api.order.Order;
import java.util.Objects;

/**
 * Reconciliation (or the resolution of an ambiguous placement) found the venue's view of an order
 * to differ from the host's; the venue's view wins. Fills it found missing follow as
 * {@link OrderFilled} events.
 *
 * @param order the venue's view of the order
 * @param adopted whether the host did not know the order at all
 * @param note what differed, for the log and the journal
 * @param timestampNanos clock time of the reconciliation
 */
public record OrderReconciled(Order order, boolean adopted, String note, long timestampNanos) implements Event {
    public OrderReconciled {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(note, "note");
    }
}

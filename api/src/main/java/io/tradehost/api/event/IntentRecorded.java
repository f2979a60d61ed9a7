package io.tradehost.api.event;

import io.tradehost.api.journal.OrderOwner;
import io.tradehost.api.order.OrderRequest;
import java.util.Objects;
/**
 * The journal holds the order durably; it may be sent now.
 *
 * @param request the order recorded
 * @param intentSequence the strategy intent it came from
 * @param timestampNanos clock time the journal reported it
 * @param owner who asked for the order, as the journal keeps it
 */
public record IntentRecorded(OrderRequest request, long intentSequence, long timestampNanos, OrderOwner owner)
        implements Event {
    public IntentRecorded {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(owner, "owner");
    }

    /** An order no strategy asked for. */
    public IntentRecorded(OrderRequest request, long intentSequence, long timestampNanos) {
        this(request, intentSequence, timestampNanos, OrderOwner.NONE);
    }
}

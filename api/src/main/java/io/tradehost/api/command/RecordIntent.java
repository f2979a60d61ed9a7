package io.tradehost.api.command;

import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.journal.OrderOwner;
import java.util.Objects;
/**
 * Record an order before it is sent. Owned by the journal, which answers with
 * {@link io.tradehost.api.event.IntentRecorded} once the record is durable (send it then) or
 * {@link io.tradehost.api.event.IntentNotRecorded} if it could not be written (never send it).
 *
 * @param request the order, with its client order id
 * @param sequence the order's sequence within the run, the suffix of its client order id
 * @param intentSequence the strategy intent it came from
 * @param timestampNanos clock time of the request
 * @param owner who asked for the order (the strategy, its tag, whether it holds it by handle)
 */
public record RecordIntent(OrderRequest request, long sequence, long intentSequence, long timestampNanos,
                           OrderOwner owner) implements Command {
    public RecordIntent {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(owner, "owner");
    }

    /** An order no strategy holds. */
    public RecordIntent(OrderRequest request, long sequence, long intentSequence, long timestampNanos) {
        this(request, sequence, intentSequence, timestampNanos, OrderOwner.NONE);
    }
}

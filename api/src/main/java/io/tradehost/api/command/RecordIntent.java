package io.tradehost.api.command;

import io.tradehost.api.order.OrderRequest;
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
 */
public record RecordIntent(OrderRequest request, long sequence, long intentSequence, long timestampNanos)
        implements Command {
    public RecordIntent {
        Objects.requireNonNull(request, "request");
    }
}

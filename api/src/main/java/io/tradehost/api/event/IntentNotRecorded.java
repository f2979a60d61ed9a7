package io.tradehost.api.event;

import io.tradehost.api.order.OrderRequest;
import java.util.Objects;
/**
 * The journal could not record the order; it must never be sent.
 *
 * @param request the order
 * @param intentSequence the strategy intent it came from
 * @param reason what the journal said
 * @param timestampNanos clock time the journal reported it
 */
public record IntentNotRecorded(OrderRequest request, long intentSequence, String reason, long timestampNanos) implements Event {
    public IntentNotRecorded {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(reason, "reason");
    }
}

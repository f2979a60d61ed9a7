package io.tradehost.api.event;

import io.tradehost.api.order.OrderRequest;
import java.util.Objects;
/**
 * The journal holds the order durably; it may be sent now.
 *
 * @param request the order recorded
 * @param intentSequence the strategy intent it came from
 * @param timestampNanos clock time the journal reported it
 */
public record IntentRecorded(OrderRequest request, long intentSequence, long timestampNanos) implements Event {
    public IntentRecorded {
        Objects.requireNonNull(request, "request");
    }
}

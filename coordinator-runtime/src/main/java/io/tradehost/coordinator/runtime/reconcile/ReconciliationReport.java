package io.tradehost.coordinator.runtime.reconcile;

import io.tradehost.api.event.Event;
import java.util.List;
/**
 * What one reconciliation found and the events that repair the host's books. Immutable.
 *
 * @param differences everything that differed, in the order found
 * @param repairs events to publish: missed fills, adopted and updated orders
 */
public record ReconciliationReport(List<Difference> differences, List<Event> repairs) {
    public ReconciliationReport {
        differences = List.copyOf(differences);
        repairs = List.copyOf(repairs);
    }

    /** Whether journal and venue agree completely. */
    public boolean agrees() {
        return differences.isEmpty();
    }

    /** The differences reconciliation could not explain. */
    public List<Difference> unexplained() {
        return differences.stream().filter(d -> !d.explained()).toList();
    }
}

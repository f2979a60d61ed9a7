package io.tradehost.coordinator.strategy;

import io.tradehost.api.command.CancelOrder;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.strategy.event.HandleStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes an order of an event-driven instance that a reload retired, caught on its way to the journal,
 * to the instance that took over the retired one's strategy and symbols. Kernel thread only.
 */
final class ReloadHandoff {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadHandoff.class);

    private final HandleDesk desk;
    private final EventStrategies owner;

    ReloadHandoff(HandleDesk desk, EventStrategies owner) {
        this.desk = desk;
        this.owner = owner;
    }

    /**
     * {@code handle}'s order was on its way to the journal when a reload retired its instance: the order
     * belongs to the successor (which may already hold it, restored from the journal), unless the
     * retired instance's stop is cancelling it. Returns whether the successor took it; the old handle
     * is closed quietly then (its instance hears nothing any more).
     */
    boolean handoff(Handle handle) {
        ClientOrderId id = handle.clientOrderId();
        if (handle.isCancelPending()) {
            Handle adopted = desk.bound(id);
            if (adopted == null || adopted == handle) {
                return false; // cancelled as the retired instance's stop asked
            }
            // the successor restored it before its recording reached us: it hears the stop's cancel
            adopted.cancelPending(true);
            owner.commands().send(new CancelOrder(id, handle.symbol(), "cancelled while pending",
                    owner.clock().nanos()));
            handle.status(HandleStatus.CANCELLED);
            desk.finish(handle);
            return true;
        }
        Handle adopted = desk.bound(id);
        if (adopted == null) {
            EventInstance successor = owner.successorOf(handle.owner());
            if (successor == null) {
                return false;
            }
            adopted = new Handle(desk.nextHandleId(), successor, handle.spec());
            adopted.restore(id, HandleStatus.PENDING, handle.filled());
            desk.adopt(adopted);
            LOG.info("{} of the replaced instance of strategy '{}' passes to its new instance as {}", handle,
                    successor.name, adopted);
        }
        handle.status(HandleStatus.CANCELLED);
        desk.finish(handle);
        return true;
    }
}

package io.tradehost.api.host;

import io.tradehost.api.event.Event;

/**
 * Where events enter the kernel. Thread-safe: from the kernel thread an event is queued behind the
 * one being handled; from any other thread it joins the inbound queue.
 */
@FunctionalInterface
public interface EventBus {
    /** Queues {@code event} for dispatch; never blocks, never null. */
    void publish(Event event);
}

package io.tradehost.api.host;

import io.tradehost.api.event.Event;

/** Receives every event the kernel dispatches, on the kernel thread, one at a time. */
@FunctionalInterface
public interface EventHandler {
    /** Handles one event. Must not block; a handler that throws is logged and the event goes on to the next. */
    void onEvent(Event event);
}

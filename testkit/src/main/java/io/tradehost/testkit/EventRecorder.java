package io.tradehost.testkit;

import io.tradehost.api.event.Event;
import io.tradehost.api.host.EventBus;
import io.tradehost.api.host.EventHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * Records every event it is given, as a handler on a kernel or as a bus on its own, so a test can
 * compare the list with what it expects. Not thread-safe: use it on the kernel thread.
 */
public final class EventRecorder implements EventHandler, EventBus {
    private final List<Event> events = new ArrayList<>();

    /** An empty recorder. */
    public EventRecorder() {
        // nothing recorded yet
    }

    @Override
    public void onEvent(Event event) {
        events.add(event);
    }

    @Override
    public void publish(Event event) {
        events.add(event);
    }

    /** Everything recorded, in order. */
    public List<Event> all() {
        return List.copyOf(events);
    }

    /** The recorded events of one type, in order. */
    public <T extends Event> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Forgets everything recorded so far. */
    public void clear() {
        events.clear();
    }
}

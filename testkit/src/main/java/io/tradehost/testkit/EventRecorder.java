package io.tradehost.testkit;

import io.tradehost.api.command.Command;
import io.tradehost.api.event.Event;
import io.tradehost.api.event.Message;
import io.tradehost.api.host.CommandBus;
import io.tradehost.api.host.EventBus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
/**
 * Records every message it is given, as an observer of a kernel ({@code kernel.observe(recorder)})
 * or as a bus on its own, so a test can compare the list with what it expects. Not thread-safe:
 * use it on the kernel thread.
 */
public final class EventRecorder implements Consumer<Message>, EventBus, CommandBus {
    private final List<Message> messages = new ArrayList<>();

    /** An empty recorder. */
    public EventRecorder() {
        // nothing recorded yet
    }

    @Override
    public void accept(Message message) {
        messages.add(message);
    }

    @Override
    public void publish(Event event) {
        messages.add(event);
    }

    @Override
    public void send(Command command) {
        messages.add(command);
    }

    /** Everything recorded, events and commands, in order. */
    public List<Message> all() {
        return List.copyOf(messages);
    }

    /** The recorded messages of one type, in order. */
    public <T extends Message> List<T> of(Class<T> type) {
        return messages.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Forgets everything recorded so far. */
    public void clear() {
        messages.clear();
    }
}

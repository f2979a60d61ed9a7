package io.tradehost.api.host;

import io.tradehost.api.command.Command;
/**
 * Where commands enter the kernel, for their one owner. Thread-safe: from the kernel thread a
 * command is queued behind the message being handled; from any other thread it joins the inbound
 * queue.
 */
@FunctionalInterface
public interface CommandBus {
    /** Queues {@code command} for its owner; never blocks, never null. */
    void send(Command command);
}

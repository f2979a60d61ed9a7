package io.tradehost.api.event;

import io.tradehost.api.command.Command;
/**
 * Whatever the kernel dispatches: an {@link Event} (a fact, for every subscriber of its type) or a
 * {@link Command} (a request, for its one owner). Immutable records, dispatched one at a time on
 * the kernel thread in first-in, first-out order.
 */
public sealed interface Message permits Event, Command {
}

package io.tradehost.api.command;

import io.tradehost.api.event.Message;
/**
 * A request to one owner, as an immutable record: exactly one handler is registered for each
 * command type, and the kernel dispatches commands in the same first-in, first-out order as events.
 * Who owns which command is declared in one place, the host's pipeline.
 */
public sealed interface Command extends Message permits OrderIntent, CancelOrders, CancelOrder, AmendOrder, RecordIntent,
        RecordStrategyState, RecordOrderList, OperatorRequest {
}

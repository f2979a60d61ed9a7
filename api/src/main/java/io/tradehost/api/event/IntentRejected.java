package io.tradehost.api.event;

import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.order.RejectionCode;
/**
 * Execution refused an intent before it reached the venue: a guard rejected it, it sized to nothing
 * or an order for its symbol was still in flight.
 *
 * @param intent the refused intent
 * @param stage what refused it: a guard's name, {@code sizing} or {@code in-flight}
 * @param code stable reason code, e.g. {@code KILL_SWITCH}
 * @param message what tripped, with the numbers
 */
public record IntentRejected(OrderIntent intent, String stage, RejectionCode code, String message) implements Event {
}

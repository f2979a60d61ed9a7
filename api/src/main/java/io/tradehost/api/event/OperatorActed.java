package io.tradehost.api.event;

import io.tradehost.api.host.OperatorAction;

/**
 * The runtime carried out (or refused) an operator's request. Journaled, shown in the admin API's
 * state and streamed to its clients.
 *
 * @param requestId the request's id
 * @param action what was asked
 * @param argument the reason code or symbol, or null
 * @param actor who asked
 * @param reason why, in the operator's words
 * @param changed whether anything changed (false: refused, or nothing to do, e.g. already halted)
 * @param outcome what happened, for the operator
 * @param timestampNanos clock time it was carried out
 */
public record OperatorActed(long requestId, OperatorAction action, String argument, String actor, String reason,
                            boolean changed, String outcome, long timestampNanos) implements Event {
}

package io.tradehost.api.command;

import io.tradehost.api.host.OperatorAction;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.value.Symbol;
import java.util.Objects;

/**
 * An operator's request from outside the kernel (the admin API), owned by the runtime, which
 * carries it out on the kernel thread and answers with an
 * {@link io.tradehost.api.event.OperatorActed} of the same {@code requestId}.
 *
 * @param requestId chosen by the caller to match the answer; unique per run
 * @param action what to do
 * @param argument the reason code ({@link OperatorAction#CLEAR}) or symbol ({@link OperatorAction#CLOSE}); else null
 * @param actor who asks, as the caller identified them (never a credential)
 * @param reason why, in the operator's words; required, never blank
 * @param timestampNanos clock time of the request
 * @throws IllegalArgumentException if the reason is blank or the argument is missing, not a reason
 *     code or symbol as the action needs, or given to an action that takes none
 */
public record OperatorRequest(long requestId, OperatorAction action, String argument, String actor, String reason,
                              long timestampNanos) implements Command {
    public OperatorRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("an operator request needs a reason");
        }
        if (action.takesArgument() && (argument == null || argument.isBlank())) {
            throw new IllegalArgumentException(action.path() + " needs an argument");
        }
        if (action == OperatorAction.CLEAR) {
            ReasonCode.of(argument);
        } else if (action == OperatorAction.CLOSE) {
            Symbol.of(argument);
        } else if (argument != null) {
            throw new IllegalArgumentException(action.path() + " takes no argument");
        }
    }
}

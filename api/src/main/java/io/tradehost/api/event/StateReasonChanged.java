package io.tradehost.api.event;

import io.tradehost.api.state.StateReason;
import java.util.Objects;

/**
 * A trading-state reason was raised or cleared (host-wide or for one symbol, whether or not the
 * host's state changed), so that a journal can keep the active reasons across a restart.
 *
 * @param reason the reason
 * @param active true when raised, false when cleared
 * @param by who or what cleared it; empty when raised
 * @param timestampNanos clock time of the change
 */
public record StateReasonChanged(StateReason reason, boolean active, String by, long timestampNanos)
        implements Event {
    public StateReasonChanged {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(by, "by");
    }
}

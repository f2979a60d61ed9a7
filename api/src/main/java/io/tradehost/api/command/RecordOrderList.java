package io.tradehost.api.command;

import java.util.Objects;

/**
 * Keep a contingent order list a strategy asked for, so that a restart finds it: written when the list
 * is made (before any of its orders is journaled, so before any reaches the venue), when a member is
 * dropped before it was armed, and when the list ends. Owned by the journal; the last record of a list
 * wins. A failed write is a journal failure like any.
 *
 * @param listId the list's number
 * @param strategy the strategy's name
 * @param spec the list's members as {@code OrderListSpec.format()} writes them
 * @param droppedMembers a bit per member (bit {@code i} for member {@code i}) cancelled before it was armed
 * @param open whether the list still governs orders; a closed list is not restored
 * @param timestampNanos clock time of the change
 */
public record RecordOrderList(long listId, String strategy, String spec, long droppedMembers, boolean open,
                              long timestampNanos) implements Command {
    public RecordOrderList {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(spec, "spec");
    }
}

package io.tradehost.api.order;

/**
 * The life of an order. Transitions are checked with {@link #canMoveTo(OrderStatus)}: terminal
 * states never change, and nothing returns to {@link #SUBMITTED}.
 */
public enum OrderStatus {
    /** Sent to the venue, no answer yet. */
    SUBMITTED,
    /** The venue holds it. */
    ACCEPTED,
    /** Some of it has filled; it still rests. */
    PARTIALLY_FILLED,
    /** All of it filled. Terminal. */
    FILLED,
    /** Cancelled by the host, the venue or its time in force. Terminal. */
    CANCELLED,
    /** Refused by the venue. Terminal. */
    REJECTED,
    /** Expired at the venue. Terminal. */
    EXPIRED;

    /** Whether the order is finished. */
    public boolean isTerminal() {
        return this == FILLED || this == CANCELLED || this == REJECTED || this == EXPIRED;
    }

    /** Whether moving from this status to {@code next} is legal. */
    public boolean canMoveTo(OrderStatus next) {
        if (isTerminal() || next == SUBMITTED) {
            return false;
        }
        return switch (this) {
            case SUBMITTED -> true;
            case ACCEPTED -> next != ACCEPTED;
            case PARTIALLY_FILLED -> next != ACCEPTED;
            default -> false;
        };
    }
}

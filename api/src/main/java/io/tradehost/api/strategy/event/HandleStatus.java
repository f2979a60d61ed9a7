package io.tradehost.api.strategy.event;

/** Where an order held by handle stands, as its strategy sees it. */
public enum HandleStatus {
    /**
     * An exit of a contingent list ({@link OrderList}) waiting for its entry to fill: nothing sent,
     * nothing at the venue. It becomes PENDING when the entry's first fill arms it.
     */
    WAITING,
    /** Asked for; the host has not yet checked, journaled or sent it. */
    PENDING,
    /** The venue holds it (or the host holds a stop of it until its trigger). */
    WORKING,
    /** Part of it filled; the rest works on. */
    PARTIALLY_FILLED,
    /** Wholly filled. Terminal. */
    FILLED,
    /** Cancelled, by the strategy, an operator or the venue (an IOC's remainder). Terminal. */
    CANCELLED,
    /** Refused by the host (trading state, guards, sizing) or the venue. Terminal. */
    REJECTED,
    /** Its good-till time passed and the host cancelled it. Terminal. */
    EXPIRED;

    /** Whether nothing more will happen to the order. */
    public boolean isTerminal() {
        return this == FILLED || this == CANCELLED || this == REJECTED || this == EXPIRED;
    }
}

package io.tradehost.api.value;

/** The side of an order or fill. */
public enum Side {
    BUY,
    SELL;

    /** The other side. */
    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }

    /** +1 for buy, -1 for sell. */
    public int sign() {
        return this == BUY ? 1 : -1;
    }
}

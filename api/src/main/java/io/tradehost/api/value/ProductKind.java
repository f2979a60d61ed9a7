package io.tradehost.api.value;

/** Spot products exchange the base asset itself; perpetuals are margined contracts with leverage. */
public enum ProductKind {
    SPOT,
    PERPETUAL
}

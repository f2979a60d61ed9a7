package io.tradehost.api.value;

/** How long an order rests: good till cancelled, immediate or cancel, fill or kill. */
public enum TimeInForce {
    GTC,
    IOC,
    FOK
}

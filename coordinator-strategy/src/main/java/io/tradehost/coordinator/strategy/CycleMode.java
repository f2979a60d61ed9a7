package io.tradehost.coordinator.strategy;

/** When a symbol's strategy is asked to decide. */
public enum CycleMode {
    /** On every accepted mark of the symbol. */
    ON_MARK,
    /** Every interval, for every symbol that has a mark. */
    INTERVAL
}

/**
 * The runtime coordinator: venue access ({@code .venue}), reconciliation of journal and venue
 * ({@code .reconcile}), the trading-state machine ({@code .state}), the runtime guards
 * ({@code .guards}) and the operator's handle on the state ({@code .operator}). Exported, not
 * opened: a plugin cannot reflect into them.
 */
module io.tradehost.coordinator.runtime {
    requires transitive io.tradehost.api;
    requires org.slf4j;

    exports io.tradehost.coordinator.runtime;
    exports io.tradehost.coordinator.runtime.venue;
    exports io.tradehost.coordinator.runtime.reconcile;
    exports io.tradehost.coordinator.runtime.state;
    exports io.tradehost.coordinator.runtime.guards;
    exports io.tradehost.coordinator.runtime.operator;
}

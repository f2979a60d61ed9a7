package io.tradehost.api.host;

import java.util.Map;
import java.util.TreeMap;

/**
 * Order outcome counts since start. Immutable.
 *
 * @param attempted intents that reached execution
 * @param submitted orders sent to the venue
 * @param filled orders completely filled
 * @param rejected intents or orders refused, by guard, sizing or venue
 * @param rejectionsByCode {@code rejected} split by reason code, sorted by code
 */
public record OrderCounters(long attempted, long submitted, long filled, long rejected,
                            Map<String, Long> rejectionsByCode) {
    public OrderCounters {
        rejectionsByCode = java.util.Collections.unmodifiableMap(new TreeMap<>(rejectionsByCode));
    }
}

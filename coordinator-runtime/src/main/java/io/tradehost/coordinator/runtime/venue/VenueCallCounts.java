package io.tradehost.coordinator.runtime.venue;

import java.util.Map;

/**
 * The host's calls into its venue so far. Immutable.
 *
 * @param calls calls by operation ({@code place}, {@code cancel}, {@code order}, {@code fills},
 *     {@code open_orders}, {@code account}, ...)
 * @param errors failed calls by operation, then by rejection code ({@code plugin_failure} for a
 *     plugin that threw something other than a venue exception)
 */
public record VenueCallCounts(Map<String, Long> calls, Map<String, Map<String, Long>> errors) {
    /** No calls. */
    public static final VenueCallCounts NONE = new VenueCallCounts(Map.of(), Map.of());

    public VenueCallCounts {
        calls = Map.copyOf(calls);
        errors = Map.copyOf(errors);
    }
}

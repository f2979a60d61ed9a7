package io.tradehost.api.host;

import java.util.Map;
import java.util.Objects;

/**
 * One component's health. Immutable.
 *
 * @param component the component's name
 * @param status how it is doing
 * @param details figures behind the status, for operators
 * @param error what is wrong, or {@code null} when healthy
 */
public record Health(String component, HealthStatus status, Map<String, String> details, String error) {
    public Health {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(status, "status");
        details = Map.copyOf(details == null ? Map.of() : details);
    }

    public static Health healthy(String component, Map<String, String> details) {
        return new Health(component, HealthStatus.HEALTHY, details, null);
    }

    public static Health of(String component, HealthStatus status, Map<String, String> details, String error) {
        return new Health(component, status, details, error);
    }
}

package io.tradehost.coordinator.telemetry;

import java.time.Duration;

/**
 * Telemetry's configuration. Immutable.
 *
 * @param markWindow how many recent marks each symbol keeps, at least 2
 * @param statusInterval how often the status line is logged
 * @param staleAfter a symbol whose last mark is older than this makes telemetry degraded
 */
public record TelemetrySettings(int markWindow, Duration statusInterval, Duration staleAfter) {
    public TelemetrySettings {
        if (markWindow < 2) {
            throw new IllegalArgumentException("mark window must be at least 2: " + markWindow);
        }
    }
}

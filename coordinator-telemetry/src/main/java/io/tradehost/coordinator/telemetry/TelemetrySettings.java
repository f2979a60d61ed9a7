package io.tradehost.coordinator.telemetry;

import java.time.Duration;

/**
 * Telemetry's configuration. Immutable.
 *
 * @param markWindow how many recent marks each symbol keeps, at least 2
 * @param statusInterval how often the status line is logged
 * @param accountInterval how often the venue's account is read and published; zero for never
 * @param staleAfter a symbol whose last mark is older than this makes telemetry degraded
 */
public record TelemetrySettings(int markWindow, Duration statusInterval, Duration staleAfter,
                                Duration accountInterval) {
    public TelemetrySettings {
        if (markWindow < 2) {
            throw new IllegalArgumentException("mark window must be at least 2: " + markWindow);
        }
    }

    /** Settings that never read the account. */
    public TelemetrySettings(int markWindow, Duration statusInterval, Duration staleAfter) {
        this(markWindow, statusInterval, staleAfter, Duration.ZERO);
    }
}

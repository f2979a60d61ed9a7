package io.tradehost.faults;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.value.Ratio;
import java.time.Duration;

/**
 * Which faults to inject and how often, read from the {@code [faults]} block. Rates are
 * probabilities per call (or per fill), 0 to 1. Immutable.
 *
 * @param errorRate a venue call fails with a transient error before reaching the venue
 * @param timeoutRate {@code place} answers with an unknown outcome (a timeout)
 * @param timeoutTakesEffect share of those timeouts where the venue did act on the order
 * @param rateLimitRate {@code place} is rate-limited
 * @param retryAfter the wait a rate limit asks for
 * @param duplicateFillRate a fill is reported twice
 * @param delayedFillRate a fill is reported {@code fillDelay} late
 * @param fillDelay how late a delayed fill comes
 * @param disconnectEvery how often the connection drops; zero for never
 * @param disconnectFor how long it stays down (calls fail, reports are lost)
 */
public record FaultSettings(double errorRate, double timeoutRate, double timeoutTakesEffect, double rateLimitRate,
                            Duration retryAfter, double duplicateFillRate, double delayedFillRate, Duration fillDelay,
                            Duration disconnectEvery, Duration disconnectFor) {

    /** Reads {@code block} strictly: an unknown key is an error naming it. */
    public static FaultSettings read(PluginConfig block) {
        FaultSettings settings = new FaultSettings(rate(block, "error_rate"), rate(block, "timeout_rate"),
                probability(block.ratio("timeout_takes_effect", "0.5", "0", "1")), rate(block, "rate_limit_rate"),
                block.duration("retry_after", Duration.ofSeconds(1), Duration.ofMillis(1), Duration.ofMinutes(10)),
                rate(block, "duplicate_fill_rate"), rate(block, "delayed_fill_rate"),
                block.duration("fill_delay", Duration.ofSeconds(2), Duration.ZERO, Duration.ofHours(1)),
                block.duration("disconnect_every", Duration.ZERO, Duration.ZERO, Duration.ofDays(1)),
                block.duration("disconnect_for", Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ofHours(1)));
        if (!block.unreadKeys().isEmpty()) {
            throw new ConfigException(block.unreadKeys().getFirst(), "unknown key");
        }
        return settings;
    }

    private static double probability(Ratio ratio) {
        return ratio.toDouble();
    }

    private static double rate(PluginConfig block, String key) {
        return probability(block.ratio(key, "0", "0", "1"));
    }
}

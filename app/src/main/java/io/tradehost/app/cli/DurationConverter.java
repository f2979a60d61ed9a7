package io.tradehost.app.cli;

import io.tradehost.api.config.PluginConfig;
import java.time.Duration;
import picocli.CommandLine;

/** Parses {@code 30s}, {@code 5m}, {@code 2h}, {@code 250ms} or ISO-8601 durations for options. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    public DurationConverter() {
        // stateless
    }

    @Override
    public Duration convert(String value) {
        try {
            Duration d = PluginConfig.parseDuration(value);
            if (d.isNegative() || d.isZero()) {
                throw new CommandLine.TypeConversionException("'" + value + "' must be a positive duration");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 30s, 5m, 2h");
        }
    }
}

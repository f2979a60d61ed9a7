package io.tradehost.app.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.guard.RuntimeGuardFactory;
import java.time.Duration;
import java.util.List;

/**
 * The host's timers at the pace of the data. A live host checks its runtime guards every second
 * and calls a mark stale after minutes; over daily bars that would be 30 million checks a year and a
 * staleness halt on every bar. So a backtest never lets these run faster than the data moves: each
 * runtime guard's {@code check_interval} and the reconciliation interval become at least the
 * median spacing of rows of one symbol (at most an hour for guards, a day for reconciliation), the
 * staleness limits ({@code mark-staleness} {@code warn_after} and {@code halt_after},
 * {@code telemetry.stale_after}) at least 3, 6 and 3 times it (at most a day), and the status line
 * at most hourly. Configured values above these stay. Nothing is ever lowered but one:
 * {@code mark-staleness}'s {@code warn_after} becomes its {@code halt_after}, as a recorded file's
 * gaps are the data's, not a feed failing (a halt still shows in the report's transitions).
 */
final class Cadence {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofDays(1);

    private Cadence() {
    }

    /** Raises the timers of {@code tree} to {@code spacing}; {@code guards} says which take a check_interval. */
    static void apply(ObjectNode tree, Duration spacing, List<RuntimeGuardFactory> guards) {
        raise(tree, "/telemetry", "status_interval", Duration.ofSeconds(10), HOUR, DAY);
        raise(tree, "/telemetry", "stale_after", Duration.ofSeconds(30), spacing.multipliedBy(3), DAY);
        raise(tree, "/runtime/reconciliation", "interval", Duration.ofMinutes(1), spacing, DAY);
        JsonNode order = tree.at("/runtime_guards/order");
        for (RuntimeGuardFactory g : guards) {
            boolean used = false;
            for (JsonNode name : order) {
                used |= name.asText().equals(g.name());
            }
            String defaultInterval = g.keys().stream().filter(k -> k.startsWith("check_interval=")).findFirst()
                    .map(k -> k.substring("check_interval=".length())).orElse(null);
            if (!used || defaultInterval == null) {
                continue;
            }
            String block = "/runtime_guards/config/" + g.name();
            raise(tree, block, "check_interval", PluginConfig.parseDuration(defaultInterval), spacing, HOUR);
            if (g.name().equals("mark-staleness")) {
                raise(tree, block, "warn_after", Duration.ofSeconds(180), spacing.multipliedBy(3), DAY);
                raise(tree, block, "halt_after", Duration.ofSeconds(360), spacing.multipliedBy(6), DAY);
                // a recorded file has gaps: no WARN line per gap; a gap long enough to halt still shows, as
                // the trading-state transition the report lists
                ObjectNode staleness = tree.withObject(block);
                JsonNode warn = staleness.get("warn_after");
                if (warn == null || warn.isTextual() && parse(warn.asText()) != null) {
                    staleness.set("warn_after", staleness.has("halt_after") ? staleness.get("halt_after")
                            : staleness.textNode("360s"));
                }
            }
        }
    }

    private static void raise(ObjectNode tree, String path, String key, Duration fallback, Duration least,
                              Duration most) {
        ObjectNode block = tree.withObject(path);
        JsonNode current = block.get(key);
        Duration configured = current == null ? fallback : current.isTextual() ? parse(current.asText()) : null;
        if (configured == null) {
            return; // not a duration: validation names it, untouched
        }
        Duration target = least.compareTo(most) > 0 ? most : least;
        if (target.compareTo(configured) > 0) {
            block.put(key, target.toMillis() + "ms");
        }
    }

    private static Duration parse(String text) {
        try {
            return PluginConfig.parseDuration(text);
        } catch (RuntimeException e) {
            return null;
        }
    }
}

package io.tradehost.alerts;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
/**
 * The {@code [alerts]} block: the sinks ({@code [alerts.webhook]}, {@code [alerts.slack]},
 * {@code [alerts.telegram]}, each present or not) and how delivery behaves. Immutable;
 * {@link #toString()} masks every secret.
 *
 * @param sinks where alerts go; empty for none
 * @param queue alerts that may wait for delivery before new ones are dropped (and counted)
 * @param maxPerMinute messages per sink per minute; more are dropped and counted
 * @param repeatAfter the same alert (key and text) is sent again only after this long
 * @param maxAttempts delivery attempts per message (1 = no retry)
 * @param initialBackoff wait before the first retry; doubled each time up to {@code maxBackoff}
 * @param maxBackoff longest wait between attempts
 * @param timeout how long one attempt may take, connecting included (a receiver that hangs)
 */
public record AlertSettings(List<AlertSink> sinks, int queue, int maxPerMinute, Duration repeatAfter, int maxAttempts,
                            Duration initialBackoff, Duration maxBackoff, Duration timeout) {
    /** No sinks. */
    public static final AlertSettings NONE = new AlertSettings(List.of(), 1, 1, Duration.ofMinutes(10), 1,
            Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(5));

    public AlertSettings {
        sinks = List.copyOf(sinks);
    }

    /** Reads {@code block} strictly: an unknown or wrong key is an error naming it (never its secret value). */
    public static AlertSettings read(PluginConfig block) {
        String at = block.path();
        List<AlertSink> sinks = new ArrayList<>();
        if (block.has("webhook")) {
            PluginConfig b = block.section("webhook");
            sinks.add(new AlertSink.Webhook(url(b, "url"), false, severity(b)));
        }
        if (block.has("slack")) {
            PluginConfig b = block.section("slack");
            sinks.add(new AlertSink.Webhook(url(b, "url"), true, severity(b)));
        }
        if (block.has("telegram")) {
            PluginConfig b = block.section("telegram");
            URI base = b.has("base_url") ? url(b, "base_url") : URI.create("https://api.telegram.org");
            String token = b.string("token", null);
            if (token == null || !token.matches("[A-Za-z0-9:_-]{8,200}")) {
                throw new ConfigException(at + ".telegram.token", token == null ? "is required"
                        : "is not a bot token (digits, a colon and letters)");
            }
            String chat = b.string("chat_id", null);
            if (chat == null || chat.isBlank()) {
                throw new ConfigException(at + ".telegram.chat_id", "is required");
            }
            sinks.add(new AlertSink.Telegram(base, token, chat, severity(b)));
        }
        Duration initial = block.duration("initial_backoff", Duration.ofSeconds(1), Duration.ofMillis(1),
                Duration.ofMinutes(10));
        Duration max = block.duration("max_backoff", Duration.ofSeconds(30), Duration.ofMillis(1), Duration.ofHours(1));
        if (max.compareTo(initial) < 0) {
            throw new ConfigException(at + ".max_backoff", "must be at least initial_backoff (" + initial + ")");
        }
        AlertSettings settings = new AlertSettings(sinks, (int) block.integer("queue", 1000, 1, 1_000_000),
                (int) block.integer("max_per_minute", 20, 1, 10_000),
                block.duration("repeat_after", Duration.ofMinutes(10), Duration.ZERO, Duration.ofDays(1)),
                (int) block.integer("max_attempts", 4, 1, 100), initial, max,
                block.duration("timeout", Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofMinutes(5)));
        if (!block.unreadKeys().isEmpty()) {
            throw new ConfigException(block.unreadKeys().getFirst(), "unknown key");
        }
        return settings;
    }

    private static URI url(PluginConfig block, String key) {
        String text = block.string(key, null);
        String where = block.path() + "." + key;
        if (text == null) {
            throw new ConfigException(where, "is required");
        }
        try {
            URI uri = new URI(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new ConfigException(where, "must be an http:// or https:// URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(where, "is not a URL");
        }
    }

    private static Severity severity(PluginConfig block) {
        String text = block.string("min_severity", "info");
        Severity s = Severity.parse(text);
        if (s == null) {
            throw new ConfigException(block.path() + ".min_severity", "must be info, warning or critical (was \""
                    + text + "\")");
        }
        return s;
    }
}

package io.tradehost.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.testkit.HttpReceiver;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
class AlertDispatcherTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Real time as a JVM would report it: far from zero, so that sums and differences of instants differ. */
    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);

    private static AlertSettings settings(Map<String, Object> values) {
        Map<String, Object> all = new LinkedHashMap<>(Map.of("initial_backoff", "1ms", "max_backoff", "5ms",
                "timeout", "300ms"));
        all.putAll(values);
        return AlertSettings.read(new PluginConfig("alerts", all));
    }

    private static Alert alert(String key, Severity severity, String title) {
        return new Alert(key, severity, title, "details of " + title, 1_767_571_200_000_000_000L);
    }

    @Test
    void theWebhookGetsTheAlertAsJson() throws Exception {
        try (HttpReceiver receiver = new HttpReceiver()) {
            AlertDispatcher alerts = new AlertDispatcher(settings(Map.of("webhook", Map.of("url",
                    receiver.url("/hook/secret-part")))), "r1", nanos::get);
            alerts.raise(alert("state:ACTIVE->HALTED", Severity.CRITICAL, "trading state ACTIVE -> HALTED"));
            HttpReceiver.Request r = receiver.next();
            alerts.close(Duration.ofSeconds(5));
            assertThat(r.path()).isEqualTo("/hook/secret-part");
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.get("severity").asText()).isEqualTo("CRITICAL");
            assertThat(body.get("title").asText()).isEqualTo("trading state ACTIVE -> HALTED");
            assertThat(body.get("text").asText()).isEqualTo("details of trading state ACTIVE -> HALTED");
            assertThat(body.get("key").asText()).isEqualTo("state:ACTIVE->HALTED");
            assertThat(body.get("host").asText()).isEqualTo("r1");
            assertThat(body.get("at").asText()).isEqualTo("2026-01-05T00:00:00Z");
            assertThat(alerts.counts()).isEqualTo(new AlertCounts(1, 0, 0, 0, 0, 0));
        }
    }

    @Test
    void anAlertThatCannotBeSentIsCountedAndItsSinksWorkerGoesOnToTheNext() throws Exception {
        try (HttpReceiver receiver = new HttpReceiver()) {
            // a URL whose request the HTTP client refuses to build: every attempt throws IllegalArgumentException
            AlertSink broken = new AlertSink.Webhook(java.net.URI.create("ftp://127.0.0.1/hook"), false,
                    Severity.INFO);
            AlertSink working = new AlertSink.Webhook(java.net.URI.create(receiver.url("/hook")), true, Severity.INFO);
            AlertDispatcher alerts = new AlertDispatcher(new AlertSettings(List.of(broken, working), 10, 100,
                    Duration.ofMinutes(10), 2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(300)),
                    "r1", nanos::get);
            alerts.raise(alert("a", Severity.CRITICAL, "first"));
            alerts.raise(alert("b", Severity.CRITICAL, "second"));
            assertThat(JSON.readTree(receiver.next().body()).get("text").asText()).contains("first");
            assertThat(JSON.readTree(receiver.next().body()).get("text").asText()).contains("second");
            alerts.close(Duration.ofSeconds(5));
            // the broken sink tried both alerts (its worker outlived the first) and failed them; slack sent both
            assertThat(alerts.counts().sent()).isEqualTo(2);
            assertThat(alerts.counts().failed()).isEqualTo(2);
        }
    }

    @Test
    void slackGetsTextAndTelegramGetsSendMessageOnItsBotPath() throws Exception {
        try (HttpReceiver slack = new HttpReceiver(); HttpReceiver telegram = new HttpReceiver()) {
            AlertDispatcher alerts = new AlertDispatcher(settings(Map.of(
                    "slack", Map.of("url", slack.url("/services/T0/B0/XX")),
                    "telegram", Map.of("base_url", telegram.url(""), "token", "123456:ABC-def", "chat_id", "-100"))),
                    "r1", nanos::get);
            alerts.raise(alert("k", Severity.WARNING, "venue disconnected"));
            HttpReceiver.Request s = slack.next();
            HttpReceiver.Request t = telegram.next();
            alerts.close(Duration.ofSeconds(5));
            assertThat(JSON.readTree(s.body()).get("text").asText())
                    .isEqualTo("*[WARNING] venue disconnected* (r1)\ndetails of venue disconnected");
            assertThat(t.path()).isEqualTo("/bot123456:ABC-def/sendMessage");
            JsonNode body = JSON.readTree(t.body());
            assertThat(body.get("chat_id").asText()).isEqualTo("-100");
            assertThat(body.get("text").asText()).isEqualTo("[WARNING] venue disconnected (r1)\ndetails of venue disconnected");
            assertThat(body.get("disable_web_page_preview").asBoolean()).isTrue();
        }
    }

    @Test
    void serverErrorsAndRateLimitsAreRetriedAndOtherClientErrorsAreNot() throws Exception {
        try (HttpReceiver receiver = new HttpReceiver(500, 429, 200, 400)) {
            AlertDispatcher alerts = new AlertDispatcher(settings(Map.of("webhook", Map.of("url", receiver.url("/h")))),
                    "r1", nanos::get);
            alerts.raise(alert("a", Severity.INFO, "first"));
            alerts.raise(alert("b", Severity.INFO, "second"));
            alerts.close(Duration.ofSeconds(5));
            assertThat(receiver.requests).extracting(r -> JSON.readTree(r.body()).get("title").asText())
                    .containsExactly("first", "first", "first", "second");
            assertThat(alerts.counts()).isEqualTo(new AlertCounts(1, 1, 2, 0, 0, 0));
        }
    }

    @Test
    void aReceiverThatKeepsFailingIsGivenUpAfterTheLastAttempt() throws Exception {
        try (HttpReceiver receiver = new HttpReceiver(503, 503, 503)) {
            AlertDispatcher alerts = new AlertDispatcher(settings(Map.of("max_attempts", 3, "webhook",
                    Map.of("url", receiver.url("/h")))), "r1", nanos::get);
            alerts.raise(alert("a", Severity.INFO, "first"));
            alerts.close(Duration.ofSeconds(5));
            assertThat(receiver.requests).hasSize(3);
            assertThat(alerts.counts()).isEqualTo(new AlertCounts(0, 1, 2, 0, 0, 0));
        }
    }

    @Test
    void repeatsAreSuppressedWithinTheWindowAndTheRateLimitCapsAFlappingFeed() throws Exception {
        try (HttpReceiver receiver = new HttpReceiver()) {
            AlertDispatcher alerts = new AlertDispatcher(settings(Map.of("max_per_minute", 3, "repeat_after", "10m",
                    "webhook", Map.of("url", receiver.url("/h")))), "r1", nanos::get);
            for (int i = 0; i < 100; i++) {
                alerts.raise(alert("venue:false", Severity.WARNING, "venue disconnected"));
                alerts.raise(alert("flap:" + i, Severity.WARNING, "flap " + i));
            }
            alerts.close(Duration.ofSeconds(5));
            assertThat(receiver.requests).extracting(r -> JSON.readTree(r.body()).get("title").asText())
                    .containsExactly("venue disconnected", "flap 0", "flap 1");
            assertThat(alerts.counts()).isEqualTo(new AlertCounts(3, 0, 0, 0, 98, 99));
        }
    }

    @Test
    void theRepeatWindowAndTheRateLimitPassWithTime() throws Exception {
        try (HttpReceiver receiver = new HttpReceiver()) {
            AlertDispatcher alerts = new AlertDispatcher(settings(Map.of("max_per_minute", 1, "repeat_after", "5m",
                    "webhook", Map.of("url", receiver.url("/h")))), "r1", nanos::get);
            alerts.raise(alert("k", Severity.INFO, "same"));
            assertThat(receiver.next()).isNotNull();
            nanos.addAndGet(Duration.ofMinutes(6).toNanos());
            alerts.raise(alert("k", Severity.INFO, "same"));
            assertThat(receiver.next()).isNotNull();
            alerts.close(Duration.ofSeconds(5));
            assertThat(alerts.counts().sent()).isEqualTo(2);
        }
    }

    @Test
    void theRepeatWindowAndTheMinuteEndExactlyAtTheirLength() throws Exception {
        try (HttpReceiver receiver = new HttpReceiver()) {
            AlertDispatcher alerts = new AlertDispatcher(settings(Map.of("max_per_minute", 1, "repeat_after", "1m",
                    "webhook", Map.of("url", receiver.url("/h")))), "r1", nanos::get);
            alerts.raise(alert("k", Severity.INFO, "same"));
            assertThat(receiver.next()).isNotNull();
            nanos.addAndGet(Duration.ofMinutes(1).toNanos() - 1);
            alerts.raise(alert("k", Severity.INFO, "same")); // a nanosecond inside the window: suppressed
            alerts.raise(alert("other", Severity.INFO, "other")); // inside the minute: over the limit
            nanos.addAndGet(1);
            alerts.raise(alert("k", Severity.INFO, "same")); // the window and the minute have passed
            alerts.close(Duration.ofSeconds(5));
            assertThat(alerts.counts()).isEqualTo(new AlertCounts(2, 0, 0, 0, 1, 1));
            assertThat(receiver.requests).as("the second message (next() took the first)")
                    .extracting(r -> JSON.readTree(r.body()).get("title").asText()).containsExactly("same");
        }
    }

    @Test
    void withoutSinksNothingIsQueuedAndAfterCloseNothingIsAccepted() throws Exception {
        AlertDispatcher none = new AlertDispatcher(AlertSettings.NONE, "r1", nanos::get);
        assertThat(none.hasSinks()).isFalse();
        none.raise(alert("a", Severity.CRITICAL, "x"));
        none.close();
        assertThat(none.counts()).isEqualTo(new AlertCounts(0, 0, 0, 0, 0, 0));
        try (HttpReceiver receiver = new HttpReceiver()) {
            AlertDispatcher alerts = new AlertDispatcher(settings(Map.of("webhook", Map.of("url", receiver.url("/h")))),
                    "r1", nanos::get);
            assertThat(alerts.hasSinks()).isTrue();
            alerts.close(Duration.ofSeconds(5));
            alerts.raise(alert("late", Severity.CRITICAL, "after close"));
            assertThat(alerts.counts()).isEqualTo(new AlertCounts(0, 0, 0, 0, 0, 0));
            assertThat(receiver.requests).isEmpty();
        }
    }

    @Test
    void aHangingReceiverTimesOutAndDelaysOnlyItsOwnSink() throws Exception {
        try (HttpReceiver hanging = new HttpReceiver(0); HttpReceiver healthy = new HttpReceiver()) {
            AlertDispatcher alerts = new AlertDispatcher(settings(Map.of("max_attempts", 2, "timeout", "200ms",
                    "webhook", Map.of("url", hanging.url("/h")), "slack", Map.of("url", healthy.url("/s")))),
                    "r1", nanos::get);
            alerts.raise(alert("a", Severity.CRITICAL, "journal write failed"));
            assertThat(healthy.next()).isNotNull();
            alerts.close(Duration.ofSeconds(5));
            assertThat(alerts.counts().sent()).isEqualTo(1);
            assertThat(alerts.counts().failed()).isEqualTo(1);
        }
    }

    @Test
    void alertsBelowASinksMinimumSeverityAreNotSentThere() throws Exception {
        try (HttpReceiver receiver = new HttpReceiver()) {
            AlertDispatcher alerts = new AlertDispatcher(settings(Map.of("webhook", Map.of("url", receiver.url("/h"),
                    "min_severity", "warning"))), "r1", nanos::get);
            alerts.raise(alert("a", Severity.INFO, "started"));
            alerts.raise(alert("b", Severity.CRITICAL, "halted"));
            alerts.close(Duration.ofSeconds(5));
            assertThat(receiver.requests).extracting(r -> JSON.readTree(r.body()).get("title").asText())
                    .containsExactly("halted");
        }
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
        try (HttpReceiver hanging = new HttpReceiver(0)) {
            AlertDispatcher alerts = new AlertDispatcher(settings(Map.of("queue", 2, "max_attempts", 1, "timeout", "5s",
                    "webhook", Map.of("url", hanging.url("/h")))), "r1", nanos::get);
            alerts.raise(alert("a", Severity.INFO, "0"));
            assertThat(hanging.next()).isNotNull(); // the worker is now stuck on the first
            for (int i = 1; i <= 5; i++) {
                alerts.raise(alert("k" + i, Severity.INFO, Integer.toString(i)));
            }
            assertThat(alerts.counts().dropped()).isEqualTo(3);
            alerts.close(Duration.ofMillis(100));
        }
    }

    @Test
    void sinksNameTheirSecretsAndNeverShowThem() {
        AlertSettings s = settings(Map.of("telegram", Map.of("token", "123456:SECRET-token", "chat_id", "-42"),
                "slack", Map.of("url", "https://hooks.example/SECRET-slack"),
                "webhook", Map.of("url", "https://example.com/SECRET-hook")));
        assertThat(s.sinks()).extracting(AlertSink::name).containsExactly("webhook", "slack", "telegram");
        assertThat(s.sinks()).extracting(AlertSink::secrets).containsExactly(
                List.of("https://example.com/SECRET-hook"), List.of("https://hooks.example/SECRET-slack"),
                List.of("123456:SECRET-token"));
        assertThat(s.sinks()).extracting(Object::toString).containsExactly(
                "Webhook[webhook, url=***, minSeverity=INFO]", "Webhook[slack, url=***, minSeverity=INFO]",
                "Telegram[baseUrl=https://api.telegram.org, token=***, chatId=-42, minSeverity=INFO]");
        assertThat(settings(Map.of("initial_backoff", "5ms", "max_backoff", "5ms")).maxBackoff())
                .as("equal backoffs are allowed").isEqualTo(Duration.ofMillis(5));
        Assertions.assertThatThrownBy(() -> settings(Map.of("initial_backoff", "6ms",
                "max_backoff", "5ms"))).hasMessageContaining("alerts.max_backoff");
        Assertions.assertThatThrownBy(() -> settings(Map.of("telegram", Map.of("token", "no token",
                "chat_id", "1")))).hasMessageContaining("alerts.telegram.token: is not a bot token")
                .hasMessageNotContaining("no token");
    }

    @Test
    void settingsAreStrictAndNeverShowTheirSecrets() {
        AlertSettings s = settings(Map.of("telegram", Map.of("token", "123456:SECRET-token", "chat_id", "1"),
                "webhook", Map.of("url", "https://example.com/hook/SECRET-path")));
        assertThat(s.toString()).doesNotContain("SECRET");
        assertThat(s.sinks()).extracting(AlertSink::name).containsExactly("webhook", "telegram");
        Assertions.assertThatThrownBy(() -> settings(Map.of("webhook", Map.of("url", "ftp://x"))))
                .hasMessageContaining("alerts.webhook.url").hasMessageContaining("http");
        Assertions.assertThatThrownBy(() -> settings(Map.of("telegram", Map.of("chat_id", "1"))))
                .hasMessageContaining("alerts.telegram.token");
        Assertions.assertThatThrownBy(() -> settings(Map.of("webhook", Map.of("url",
                "http://x/", "min_severity", "loud")))).hasMessageContaining("min_severity");
        Assertions.assertThatThrownBy(() -> settings(Map.of("webhok", Map.of())))
                .hasMessageContaining("webhok");
    }
}

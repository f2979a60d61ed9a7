package io.tradehost.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
/**
 * Where alerts go, and how each is written for it. Implementations build the HTTP request only;
 * the {@link AlertDispatcher} sends it. {@link #toString()} and {@link #name()} never show a
 * secret (a webhook URL, a bot token). Immutable, thread-safe.
 */
public sealed interface AlertSink permits AlertSink.Webhook, AlertSink.Telegram {
    /** The sink's name in config and logs: {@code webhook}, {@code slack}, {@code telegram}. */
    String name();

    /** Alerts below this severity are not sent here. */
    Severity minSeverity();

    /** The request that delivers {@code alert}. */
    HttpRequest request(Alert alert, String host, Duration timeout);

    /** The secrets this sink holds, so that error messages can be scrubbed of them. */
    List<String> secrets();

    /** The sinks' shared mapper (thread-safe once built). */
    final class Mapper {
        private static final ObjectMapper JSON = new ObjectMapper();

        private Mapper() {
        }
    }

    private static String json(ObjectNode node) {
        try {
            return Mapper.JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest post(URI uri, String body, Duration timeout) {
        return HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", "application/json")
                .header("User-Agent", "tradehost-alerts").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String time(long hostNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(hostNanos, 1_000_000_000L), Math.floorMod(hostNanos, 1_000_000_000L))
                .toString();
    }

    /**
     * A webhook: the generic one POSTs {@code {"severity", "title", "text", "key", "at", "host"}};
     * the Slack-compatible one POSTs {@code {"text": "..."}} with the severity and title in bold.
     *
     * @param url where to POST (a secret: webhook URLs carry their credential in the path)
     * @param slack whether to write for a Slack-compatible incoming webhook
     */
    record Webhook(URI url, boolean slack, Severity minSeverity) implements AlertSink {
        public Webhook {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(minSeverity, "minSeverity");
        }

        @Override
        public String name() {
            return slack ? "slack" : "webhook";
        }

        @Override
        public HttpRequest request(Alert alert, String host, Duration timeout) {
            ObjectNode n = Mapper.JSON.createObjectNode();
            if (slack) {
                n.put("text", "*[" + alert.severity() + "] " + alert.title() + "* (" + host + ")"
                        + (alert.text().isEmpty() ? "" : "\n" + alert.text()));
            } else {
                n.put("severity", alert.severity().name());
                n.put("title", alert.title());
                n.put("text", alert.text());
                n.put("key", alert.key());
                n.put("at", time(alert.hostNanos()));
                n.put("host", host);
            }
            return post(url, json(n), timeout);
        }

        @Override
        public List<String> secrets() {
            return List.of(url.toString());
        }

        @Override
        public String toString() {
            return "Webhook[" + name() + ", url=***, minSeverity=" + minSeverity + "]";
        }
    }

    /**
     * The Telegram Bot API's {@code sendMessage}: POST {@code <base>/bot<token>/sendMessage} with
     * {@code {"chat_id", "text", "disable_web_page_preview": true}}.
     *
     * @param baseUrl the API's base, {@code https://api.telegram.org} unless a test aims elsewhere
     * @param token the bot's token (a secret)
     * @param chatId the chat to post in
     */
    record Telegram(URI baseUrl, String token, String chatId, Severity minSeverity) implements AlertSink {
        public Telegram {
            Objects.requireNonNull(baseUrl, "baseUrl");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(chatId, "chatId");
            Objects.requireNonNull(minSeverity, "minSeverity");
        }

        @Override
        public String name() {
            return "telegram";
        }

        @Override
        public HttpRequest request(Alert alert, String host, Duration timeout) {
            ObjectNode n = Mapper.JSON.createObjectNode();
            n.put("chat_id", chatId);
            n.put("text", "[" + alert.severity() + "] " + alert.title() + " (" + host + ")"
                    + (alert.text().isEmpty() ? "" : "\n" + alert.text()));
            n.put("disable_web_page_preview", true);
            String base = baseUrl.toString().endsWith("/") ? baseUrl.toString() : baseUrl + "/";
            return post(URI.create(base + "bot" + token + "/sendMessage"), json(n), timeout);
        }

        @Override
        public List<String> secrets() {
            return List.of(token);
        }

        @Override
        public String toString() {
            return "Telegram[baseUrl=" + baseUrl + ", token=***, chatId=" + chatId + ", minSeverity=" + minSeverity
                    + "]";
        }
    }
}

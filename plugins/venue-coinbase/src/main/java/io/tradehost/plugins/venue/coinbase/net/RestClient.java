package io.tradehost.plugins.venue.coinbase.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.time.Clock;
import io.tradehost.api.venue.VenueException;
import io.tradehost.plugins.venue.coinbase.auth.JwtSigner;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Coinbase's REST API over the JDK HttpClient: a fresh JWT for every attempt, client-side pacing,
 * reads retried on a dropped connection or a 5xx (at most {@code readAttempts} times), writes never
 * retried: a write whose answer did not arrive is an unknown outcome. A 429 becomes a rate-limit
 * failure with the venue's {@code Retry-After} or {@code x-ratelimit-reset}. A bounded POST
 * ({@link #post(String, JsonNode, int)}) also limits its answer's size and its body's time. Thread-safe.
 */
public final class RestClient {
    /** The venue refused the API key or its token. */
    public static final RejectionCode AUTH_REFUSED = RejectionCode.of("AUTH_REFUSED");
    /** No answer arrived or the connection failed. */
    public static final RejectionCode NO_ANSWER = RejectionCode.of("NO_ANSWER");
    /** The venue answered 5xx. */
    public static final RejectionCode VENUE_ERROR = RejectionCode.of("VENUE_ERROR");
    /** The venue answered 4xx other than auth and rate limits. */
    public static final RejectionCode BAD_REQUEST = RejectionCode.of("BAD_REQUEST");
    /** The answer was not the JSON expected. */
    public static final RejectionCode BAD_ANSWER = RejectionCode.of("BAD_ANSWER");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/api/v3/brokerage";

    private final HttpClient http;
    private final URI base;
    private final String authority;
    private final JwtSigner signer;
    private final RateGate gate;
    private final Clock clock;
    private final Duration timeout;
    private final int readAttempts;

    public RestClient(HttpClient http, URI base, JwtSigner signer, RateGate gate, Clock clock, Duration timeout,
                      int readAttempts) {
        this.http = http;
        this.base = base;
        this.authority = base.getPort() < 0 ? base.getHost() : base.getHost() + ":" + base.getPort();
        this.signer = signer;
        this.gate = gate;
        this.clock = clock;
        this.timeout = timeout;
        this.readAttempts = Math.max(1, readAttempts);
    }

    /** GET {@code path} (under {@code /api/v3/brokerage}) with repeated query parameters, retried as a read. */
    public JsonNode get(String path, List<Map.Entry<String, String>> query) throws VenueException {
        VenueException last = null;
        for (int attempt = 1; attempt <= readAttempts; attempt++) {
            try {
                return call("GET", path, query, null, 0);
            } catch (VenueException e) {
                if (!e.isTransient() || e.retryAfter().isPresent()) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    /** POST {@code body} to {@code path}; never retried. */
    public JsonNode post(String path, JsonNode body) throws VenueException {
        return call("POST", path, List.of(), body.toString(), 0);
    }

    /**
     * POST {@code body} to {@code path}, never retried, taking at most {@code maxAnswerBytes} of the
     * answer and the whole answer, body included, within the request timeout: a longer answer is an
     * unknown outcome ({@link #BAD_ANSWER}), a slower one too ({@link #NO_ANSWER}), and no thread
     * waits on it any longer.
     */
    public JsonNode post(String path, JsonNode body, int maxAnswerBytes) throws VenueException {
        if (maxAnswerBytes < 1) {
            throw new IllegalArgumentException("maxAnswerBytes must be >= 1, got " + maxAnswerBytes);
        }
        return call("POST", path, List.of(), body.toString(), maxAnswerBytes);
    }

    /** @param maxAnswerBytes the answer's bound, 0 for none (the timeout then covers its head only) */
    private JsonNode call(String method, String path, List<Map.Entry<String, String>> query, String body,
                          int maxAnswerBytes) throws VenueException {
        gate.acquire();
        String fullPath = PREFIX + path;
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach(e -> q.add(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)));
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(fullPath + q))
                .timeout(timeout)
                .header("Authorization", "Bearer " + signer.sign(method + " " + authority + fullPath))
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.GET();
        }
        HttpResponse<String> response;
        try {
            response = maxAnswerBytes > 0 ? bounded(request.build(), maxAnswerBytes)
                    : http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (BoundedAnswer.TooLarge e) {
            String what = method + " " + fullPath + ": " + e.getMessage();
            throw method.equals("GET") ? VenueException.transientFailure(BAD_ANSWER, what)
                    : VenueException.outcomeUnknown(BAD_ANSWER, what);
        } catch (HttpTimeoutException e) {
            throw unanswered(method, fullPath, "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw unanswered(method, fullPath, "connection failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unanswered(method, fullPath, "interrupted");
        }
        return answer(method, fullPath, response);
    }

    /** Sends {@code request} and waits for its whole answer, of at most {@code limit} bytes, within the timeout. */
    private HttpResponse<String> bounded(HttpRequest request, int limit) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(request, BoundedAnswer.handler(limit));
        try {
            return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new HttpTimeoutException("no whole answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            answer.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof BoundedAnswer.TooLarge tooLarge) {
                    throw tooLarge;
                }
            }
            throw e.getCause() instanceof IOException io ? io : new IOException(String.valueOf(e.getCause()), e);
        }
    }

    private VenueException unanswered(String method, String path, String why) {
        String message = method + " " + path + ": " + why;
        return method.equals("GET") ? VenueException.transientFailure(NO_ANSWER, message)
                : VenueException.outcomeUnknown(NO_ANSWER, message);
    }

    private JsonNode answer(String method, String path, HttpResponse<String> response) throws VenueException {
        int status = response.statusCode();
        JsonNode json = parse(response.body());
        String what = method + " " + path + ": HTTP " + status + describe(json);
        if (status == 200) {
            if (json == null) {
                throw method.equals("GET") ? VenueException.transientFailure(BAD_ANSWER, what + " (not JSON)")
                        : VenueException.outcomeUnknown(BAD_ANSWER, what + " (not JSON)");
            }
            return json;
        }
        if (status == 429) {
            throw VenueException.rateLimited(RateGate.RATE_LIMITED, what, retryAfter(response));
        }
        if (status == 401 || status == 403) {
            throw VenueException.refused(AUTH_REFUSED, what);
        }
        if (status >= 500) {
            throw method.equals("GET") ? VenueException.transientFailure(VENUE_ERROR, what)
                    : VenueException.outcomeUnknown(VENUE_ERROR, what);
        }
        if (status == 404) {
            throw VenueException.refused(RejectionCode.of("NOT_FOUND"), what);
        }
        throw VenueException.refused(BAD_REQUEST, what);
    }

    private Duration retryAfter(HttpResponse<String> response) {
        OptionalLong seconds = response.headers().firstValueAsLong("Retry-After");
        if (seconds.isPresent() && seconds.getAsLong() > 0) {
            return Duration.ofSeconds(seconds.getAsLong());
        }
        OptionalLong reset = response.headers().firstValueAsLong("x-ratelimit-reset");
        if (reset.isPresent()) {
            long wait = reset.getAsLong() * 1000 - clock.nanos() / 1_000_000;
            if (wait > 0) {
                return Duration.ofMillis(Math.min(wait, 60_000));
            }
        }
        return Duration.ofSeconds(1);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String describe(JsonNode json) {
        if (json == null || !json.isObject() || !json.has("error")) {
            return "";
        }
        String message = json.path("message").asText("");
        return " " + json.path("error").asText() + (message.isEmpty() ? "" : ": " + message);
    }
}

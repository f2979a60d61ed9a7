package io.tradehost.exchange.http;

import io.tradehost.exchange.auth.JwtVerifier;
import io.tradehost.exchange.engine.FundingSchedule;
import io.tradehost.exchange.engine.MatchingEngine;
import io.tradehost.exchange.fault.Fault;
import io.tradehost.exchange.fault.FaultPlan;
import io.tradehost.exchange.ws.StreamHub;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The REST side: Coinbase's {@code /api/v3/brokerage} (time and products public, with mirrors
 * under {@code /market}; accounts, the transaction summary, orders, fills and the perpetuals
 * portfolio private), the v2 endpoints third-party clients start with (the public {@link PublicV2}
 * and the private {@code /v2/accounts}), and the exchange's own admin calls under {@code /exchange}. A request is routed and authenticated from its request line and
 * headers alone: an unknown path is 404 and a missing or bad JWT 401 before any body is read, and
 * a body is read only by the endpoints that take one, at most {@link #MAX_BODY_BYTES} of it (413
 * beyond, from the Content-Length or as it streams in). A private client gets 30 requests a second,
 * as on Coinbase, with the {@code x-ratelimit-*} headers. Business rejections are HTTP 200 with
 * {@code success: false}; other errors carry Coinbase's {@code error}, {@code error_details},
 * {@code message} body. Blocking handler: run it on virtual threads.
 */
public final class RestApi extends Handler.Abstract {
    /** The one perpetuals portfolio the exchange keeps. */
    public static final String PORTFOLIO = "00000000-0000-4000-8000-000000000001";
    /** The largest request body read, in bytes: Coinbase's requests are a few hundred bytes. */
    public static final int MAX_BODY_BYTES = 1 << 20;
    private static final String PREFIX = "/api/v3/brokerage";
    private static final int RATE_LIMIT = 30;

    private final JwtVerifier verifier;
    private final FaultPlan faults;
    private final LongSupplier millis;
    private final Brokerage brokerage;
    private final PublicV2 publicV2;
    private final V2Accounts v2Accounts;
    private final AdminApi admin;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong lostResponses = new AtomicLong();
    private long windowSecond;
    private int windowCount;

    /**
     * @param takerFee the fee rate the engine charges takers, shown in the transaction summary
     * @param makerFee the fee rate the engine charges makers
     * @param funding when the engine charges funding, shown as each perpetual's {@code funding_time}
     */
    public RestApi(MatchingEngine engine, JwtVerifier verifier, FaultPlan faults, StreamHub hub, String adminToken,
                   LongSupplier millis, int pageSize, BigDecimal takerFee, BigDecimal makerFee,
                   FundingSchedule funding) {
        this.verifier = verifier;
        this.faults = faults;
        this.millis = millis;
        this.brokerage = new Brokerage(engine, faults, millis, pageSize, takerFee, makerFee, funding);
        this.publicV2 = new PublicV2(engine, millis);
        this.v2Accounts = new V2Accounts(engine, publicV2.catalog());
        this.admin = new AdminApi(engine, hub, faults, adminToken, () -> Map.of("rest_requests", requests.get(),
                "order_responses_lost", lostResponses.get()));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Answer answer;
        try {
            answer = route(request, request.getMethod(), Request.getPathInContext(request));
        } catch (BoundedBody.TooLarge e) {
            answer = Answer.tooLarge(MAX_BODY_BYTES);
        } catch (IllegalArgumentException e) {
            answer = Answer.error(400, "INVALID_ARGUMENT", e.getMessage());
        } catch (RuntimeException e) {
            answer = Answer.error(500, "INTERNAL", "internal error: " + e.getClass().getSimpleName());
        }
        if (answer == null) {
            // the lose_order_response fault: the order exists, the client never hears of it
            lostResponses.incrementAndGet();
            request.getConnectionMetaData().getConnection().getEndPoint().close();
            callback.succeeded();
            return true;
        }
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        answer.headers().forEach((k, v) -> response.getHeaders().put(k, v));
        Content.Sink.write(response, true, answer.body().toString(), callback);
        return true;
    }

    private Answer route(Request request, String method, String path) throws BoundedBody.TooLarge,
            InterruptedException {
        if (path.startsWith("/exchange/")) {
            return admin.answer(request, method, path);
        }
        if (path.equals(V2Accounts.PATH) && method.equals("GET")) {
            String refusal = authenticate(request, method + " " + request.getHeaders().get(HttpHeader.HOST) + path);
            if (refusal != null) {
                return PublicV2.error(401, "authentication_error", refusal);
            }
            return admit().isEmpty() ? rateLimited() : v2Accounts.answer(Request.extractQueryParameters(request));
        }
        if (path.startsWith("/v2/")) {
            return publicV2.answer(method, path, Request.extractQueryParameters(request).getValue("currency"));
        }
        if (!path.startsWith(PREFIX + "/")) {
            return Answer.error(404, "NOT_FOUND", "no such endpoint: " + path);
        }
        requests.incrementAndGet();
        Answer injected = injected();
        if (injected != null) {
            return injected;
        }
        String sub = path.substring(PREFIX.length());
        Endpoint endpoint = Endpoint.match(method, sub);
        if (endpoint == null) {
            return Answer.error(404, "NOT_FOUND", "no such endpoint: " + method + " " + path);
        }
        if (endpoint.hasBody() && BoundedBody.declaredOver(request, MAX_BODY_BYTES)) {
            return Answer.tooLarge(MAX_BODY_BYTES);
        }
        Fields query = Request.extractQueryParameters(request);
        if (!endpoint.authenticated()) {
            return brokerage.answer(endpoint, sub, "", query);
        }
        String refusal = authenticate(request, method + " " + request.getHeaders().get(HttpHeader.HOST) + path);
        if (refusal != null) {
            return Answer.error(401, "UNAUTHENTICATED", refusal);
        }
        OptionalInt remaining = admit();
        if (remaining.isEmpty()) {
            return rateLimited();
        }
        String body = endpoint.hasBody() ? BoundedBody.read(request, MAX_BODY_BYTES) : "";
        Answer a = brokerage.answer(endpoint, sub, body, query);
        if (a == null) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>(a.headers());
        headers.put("x-ratelimit-limit", String.valueOf(RATE_LIMIT));
        headers.put("x-ratelimit-remaining", String.valueOf(remaining.getAsInt()));
        headers.put("x-ratelimit-reset", String.valueOf(millis.getAsLong() / 1000 + 1));
        return new Answer(a.status(), a.body(), headers);
    }

    /** Null when the bearer token is good for {@code expectedUri}, else why not. */
    private String authenticate(Request request, String expectedUri) {
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : null;
        try {
            verifier.verify(token, expectedUri);
            return null;
        } catch (JwtVerifier.Refused e) {
            return e.getMessage();
        }
    }

    private Answer injected() throws InterruptedException {
        if (faults.take(Fault.SLOW)) {
            Thread.sleep(faults.millis(Fault.SLOW));
        }
        if (faults.take(Fault.RATE_LIMIT)) {
            return rateLimited();
        }
        if (faults.take(Fault.SERVER_ERROR)) {
            return Answer.error(503, "UNAVAILABLE", "service unavailable");
        }
        return null;
    }

    private Answer rateLimited() {
        long reset = millis.getAsLong() / 1000 + 1;
        return new Answer(429, Answer.errorBody("RATE_LIMIT_EXCEEDED", "Too many requests"), Map.of(
                "x-ratelimit-limit", String.valueOf(RATE_LIMIT), "x-ratelimit-remaining", "0",
                "x-ratelimit-reset", String.valueOf(reset), "Retry-After", "1"));
    }

    /** Counts a private request in this second's window; empty when the window is full. */
    private synchronized OptionalInt admit() {
        long second = millis.getAsLong() / 1000;
        if (second != windowSecond) {
            windowSecond = second;
            windowCount = 0;
        }
        if (windowCount >= RATE_LIMIT) {
            return OptionalInt.empty();
        }
        windowCount++;
        return OptionalInt.of(RATE_LIMIT - windowCount);
    }
}

package io.tradehost.admin.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.admin.AdminDocuments;
import io.tradehost.admin.AdminSettings;
import io.tradehost.admin.AdminToken;
import io.tradehost.admin.OperatorGateway;
import io.tradehost.admin.metrics.HostMetrics;
import io.tradehost.admin.snapshot.HostSnapshot;
import io.tradehost.admin.snapshot.SnapshotPublisher;
import io.tradehost.api.event.OperatorActed;
import io.tradehost.api.host.Health;
import io.tradehost.api.host.HealthStatus;
import io.tradehost.api.host.OperatorAction;
import io.tradehost.api.value.Symbol;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * Every route of the admin server: {@code /health} and {@code /metrics} (no token by default), the
 * dashboard ({@code /}, {@code /assets/...}; files only, no data), and {@code /api/v1/...} behind
 * the bearer token. Reads only published snapshots; operator requests go to the kernel through the
 * {@link OperatorGateway}. Runs on the server's virtual threads and may block them.
 */
public final class ApiHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final String API = "/api/v1/";
    private static final Pattern ACTOR = Pattern.compile("[A-Za-z0-9@._:-]{1,64}");
    private static final int MAX_REASON = 500;
    /** How long an operator request waits for the kernel's answer before it is answered 202. */
    public static final Duration ANSWER_WAIT = Duration.ofSeconds(5);
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final AdminSettings settings;
    private final BearerAuth auth;
    private final SnapshotPublisher snapshots;
    private final HostMetrics metrics;
    private final OperatorGateway operator;
    private final EventStream stream;
    private final AdminDocuments documents;
    private final StaticAssets assets;
    private final long keepAliveMillis;
    private final Duration answerWait;

    /**
     * @param realNanos the clock the bad-token rate limit counts in
     * @param stream the live stream's fan-out
     */
    public ApiHandler(AdminSettings settings, AdminToken token, SnapshotPublisher snapshots,
                      HostMetrics metrics, OperatorGateway operator, EventStream stream, AdminDocuments documents,
                      LongSupplier realNanos) {
        this(settings, token, snapshots, metrics, operator, stream, documents, realNanos, ANSWER_WAIT);
    }

    /** The same, with another wait for the kernel's answer to an operator request. */
    public ApiHandler(AdminSettings settings, AdminToken token, SnapshotPublisher snapshots,
                      HostMetrics metrics, OperatorGateway operator, EventStream stream, AdminDocuments documents,
                      LongSupplier realNanos, Duration answerWait) {
        this.answerWait = answerWait;
        this.settings = settings;
        this.auth = new BearerAuth(token, settings.badTokenLimit(), realNanos);
        this.snapshots = snapshots;
        this.metrics = metrics;
        this.operator = operator;
        this.stream = stream;
        this.documents = documents;
        this.assets = StaticAssets.load();
        this.keepAliveMillis = Math.max(50, Math.min(15_000, settings.idleTimeout().toMillis() / 2));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Map<String, String> headers = securityHeaders();
        headers.forEach((k, v) -> response.getHeaders().put(k, v));
        try {
            route(request, response, callback);
        } catch (RuntimeException e) {
            LOG.warn("admin request {} {} failed: {}", request.getMethod(), Request.getPathInContext(request),
                    e.toString(), e);
            reply(response, callback, 500, Json.error(500, "internal error; the host log has the details"));
        }
        return true;
    }

    private static Map<String, String> securityHeaders() {
        Map<String, String> h = new TreeMap<>();
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        h.put("Referrer-Policy", "no-referrer");
        h.put("Cache-Control", "no-store");
        return h;
    }

    private void route(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        String query = request.getHttpURI().getQuery();
        if (query != null && query.toLowerCase(Locale.ROOT).matches("(.*&)?(access_)?token=.*")) {
            reply(response, callback, 401, Json.error(401, "a token in the query string is refused: send it as"
                    + " 'Authorization: Bearer <token>'"));
            return;
        }
        if (path.equals("/health") || path.equals(API + "health")) {
            needGet(method, response, callback, () -> health(response, callback));
        } else if (path.equals("/metrics")) {
            if (settings.metricsToken() && !authorised(request, response, callback)) {
                return;
            }
            needGet(method, response, callback, () -> metrics(response, callback));
        } else if (path.equals("/") || path.startsWith("/assets/")) {
            needGet(method, response, callback, () -> asset(path.equals("/") ? "index.html"
                    : path.substring("/assets/".length()), response, callback));
        } else if (path.startsWith(API)) {
            if (authorised(request, response, callback)) {
                api(path.substring(API.length()), method, request, response, callback);
            }
        } else {
            reply(response, callback, 404, Json.error(404, "no such path: " + clip(path)));
        }
    }

    private interface Action {
        void run();
    }

    private static void needGet(String method, Response response, Callback callback, Action action) {
        if (method.equals("GET") || method.equals("HEAD")) {
            action.run();
        } else {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            reply(response, callback, 405, Json.error(405, method + " is not allowed here; use GET"));
        }
    }

    private boolean authorised(Request request, Response response, Callback callback) {
        String address = Request.getRemoteAddr(request);
        BearerAuth.Outcome outcome = auth.check(request.getHeaders().get(HttpHeader.AUTHORIZATION), address);
        switch (outcome) {
            case OK -> {
                return true;
            }
            case LIMITED -> {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(auth.retryAfterSeconds(address)));
                reply(response, callback, 429, Json.error(429, "too many wrong tokens from " + address
                        + "; try again later"));
            }
            case MISSING -> {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"tradehost\"");
                reply(response, callback, 401, Json.error(401, "missing 'Authorization: Bearer <token>' (the token"
                        + " is in TRADEHOST_ADMIN_TOKEN, admin.token_file or <data dir>/admin.token)"));
            }
            case WRONG -> {
                LOG.debug("admin API: wrong token from {}", address);
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"tradehost\", error=\"invalid_token\"");
                reply(response, callback, 401, Json.error(401, "wrong token"));
            }
            default -> throw new IllegalStateException("unhandled " + outcome);
        }
        return false;
    }

    private void health(Response response, Callback callback) {
        HostSnapshot s = snapshots.latest();
        long age = snapshots.ageNanos();
        ObjectNode body = Json.MAPPER.createObjectNode();
        boolean stalled = s == null || age > settings.stallAfter().toNanos();
        HealthStatus worst = HealthStatus.HEALTHY;
        ArrayNode components = body.putArray("components");
        if (s != null) {
            for (Health h : s.health()) {
                worst = worst.worst(h.status());
                components.add(Json.health(h));
            }
            body.put("tradingState", s.state().name());
            body.put("at", Json.time(s.hostNanos()));
        }
        body.put("kernelStalled", stalled);
        body.put("snapshotAgeSeconds", s == null ? null : Double.valueOf(age / 1e9));
        boolean up = !stalled && worst != HealthStatus.UNHEALTHY;
        body.put("status", stalled ? "UNHEALTHY" : worst.name());
        if (s == null) {
            body.put("error", "starting: no snapshot published yet");
        } else if (stalled) {
            body.put("error", "kernel stalled: no snapshot for " + Duration.ofNanos(age).toMillis() + " ms (limit "
                    + settings.stallAfter().toMillis() + " ms)");
        }
        reply(response, callback, up ? 200 : 503, body);
    }

    private void metrics(Response response, Callback callback) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, metrics.contentType());
        Content.Sink.write(response, true, metrics.scrape(), callback);
    }

    private void asset(String name, Response response, Callback callback) {
        StaticAssets.Asset asset = assets.get(name);
        if (asset == null) {
            reply(response, callback, 404, Json.error(404, "no such file: " + clip(name)));
            return;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, asset.contentType());
        if (name.equals("index.html")) {
            response.getHeaders().put("Content-Security-Policy", CSP);
        }
        response.write(true, ByteBuffer.wrap(asset.content()), callback);
    }

    private void api(String route, String method, Request request, Response response, Callback callback) {
        if (route.startsWith("operator/")) {
            if (!method.equals("POST")) {
                response.getHeaders().put(HttpHeader.ALLOW, "POST");
                reply(response, callback, 405, Json.error(405, method + " is not allowed here; use POST"));
                return;
            }
            operator(route.substring("operator/".length()), request, response, callback);
            return;
        }
        Function<HostSnapshot, JsonNode> view = switch (route) {
            case "state" -> Json::state;
            case "positions" -> Json::positions;
            case "orders" -> Json::orders;
            case "fills" -> Json::fills;
            case "summary" -> s -> readTree(s.summaryJson());
            case "guards" -> s -> guards(s);
            case "plugins" -> s -> documents.plugins();
            case "config" -> s -> documents.config();
            case "history" -> s -> Json.history(snapshots.history());
            case "events" -> null;
            default -> s -> null;
        };
        if (route.equals("events")) {
            needGet(method, response, callback, () -> events(response, callback));
            return;
        }
        needGet(method, response, callback, () -> {
            HostSnapshot s = snapshots.latest();
            if (s == null) {
                reply(response, callback, 503, Json.error(503, "starting: no state published yet"));
                return;
            }
            JsonNode body = view.apply(s);
            if (body == null) {
                reply(response, callback, 404, Json.error(404, "no such endpoint: " + API + clip(route)));
            } else {
                reply(response, callback, 200, body);
            }
        });
    }

    private JsonNode guards(HostSnapshot s) {
        ObjectNode n = documents.guards().deepCopy();
        ObjectNode counts = n.putObject("recentRejectionsByStage");
        new TreeMap<>(s.activity().rejections().stream().collect(Collectors.groupingBy(
                r -> r.stage(), Collectors.counting()))).forEach(counts::put);
        return n;
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("summary is not JSON", e);
        }
    }

    private void operator(String route, Request request, Response response, Callback callback) {
        int slash = route.indexOf('/');
        String name = slash < 0 ? route : route.substring(0, slash);
        String argument = slash < 0 ? null : route.substring(slash + 1);
        OperatorAction action = OperatorAction.ofPath(name);
        if (action == null) {
            reply(response, callback, 404, Json.error(404, "no operator action '" + clip(name) + "' (reduce-only,"
                    + " halt, resume, clear/{code}, cancel-all, close/{symbol})"));
            return;
        }
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            reply(response, callback, 415, Json.error(415, "the body must be JSON (Content-Type: application/json)"
                    + " with a \"reason\""));
            return;
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(Content.Source.asString(request, StandardCharsets.UTF_8));
        } catch (IOException e) {
            reply(response, callback, 400, Json.error(400, "the body is not JSON: " + clip(firstLine(e.getMessage()))));
            return;
        } catch (RuntimeException e) {
            reply(response, callback, 413, Json.error(413, "request body too large (limit "
                    + settings.maxRequestBytes() + " bytes)"));
            return;
        }
        String problem = checkBody(body);
        if (problem != null) {
            reply(response, callback, 400, Json.error(400, problem));
            return;
        }
        HostSnapshot s = snapshots.latest();
        if (action == OperatorAction.CLOSE && s != null && argument != null && isSymbol(argument)
                && !s.symbolStates().containsKey(Symbol.of(argument))) {
            reply(response, callback, 404, Json.error(404, "not a traded symbol: " + clip(argument)));
            return;
        }
        String actor = (body.hasNonNull("actor") ? body.get("actor").asText() : "api") + "@"
                + Request.getRemoteAddr(request);
        CompletableFuture<OperatorActed> answer;
        try {
            answer = operator.submit(action, argument, actor, body.get("reason").asText().strip());
        } catch (IllegalArgumentException e) {
            reply(response, callback, 400, Json.error(400, e.getMessage()));
            return;
        }
        try {
            OperatorActed acted = answer.get(answerWait.toMillis(), TimeUnit.MILLISECONDS);
            reply(response, callback, 200, Json.operator(acted));
        } catch (TimeoutException e) {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("accepted", true);
            n.put("message", "handed to the kernel; no answer within " + answerWait.toMillis()
                    + " ms (see /api/v1/state)");
            reply(response, callback, 202, n);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(response, callback, 503, Json.error(503, "the server is stopping"));
        } catch (ExecutionException e) {
            throw new IllegalStateException("operator answer failed", e.getCause());
        }
    }

    private static boolean isSymbol(String text) {
        try {
            Symbol.of(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String checkBody(JsonNode body) {
        if (body == null || !body.isObject()) {
            return "the body must be a JSON object with a \"reason\"";
        }
        JsonNode reason = body.get("reason");
        if (reason == null || !reason.isTextual() || reason.asText().isBlank()) {
            return "\"reason\" is required: say why, for the journal";
        }
        if (reason.asText().length() > MAX_REASON) {
            return "\"reason\" is longer than " + MAX_REASON + " characters";
        }
        JsonNode actor = body.get("actor");
        if (actor != null && !actor.isNull() && (!actor.isTextual() || !ACTOR.matcher(actor.asText()).matches())) {
            return "\"actor\" must be 1-64 of A-Z a-z 0-9 @ . _ : -";
        }
        for (var it = body.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!field.equals("reason") && !field.equals("actor")) {
                return "unknown field \"" + clip(field) + "\" (a body has \"reason\" and optionally \"actor\")";
            }
        }
        return null;
    }

    private void events(Response response, Callback callback) {
        EventStream.Client client = stream.open();
        if (client == null) {
            reply(response, callback, 503, Json.error(503, "too many event stream clients"));
            return;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        try {
            HostSnapshot s = snapshots.latest();
            write(response, ": tradehost event stream\n\n"
                    + (s == null ? "" : "event: status\ndata: " + Json.text(Json.status(s)) + "\n\n"));
            while (true) {
                EventStream.Item item = client.next(keepAliveMillis);
                if (item == EventStream.CLOSED) {
                    break;
                }
                write(response, item == null ? ": keep-alive\n\n" : "event: " + item.name + "\ndata: " + item.data()
                        + "\n\n");
            }
            Content.Sink.write(response, true, "", callback);
        } catch (IOException e) {
            callback.failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.failed(e);
        } finally {
            stream.close(client);
        }
    }

    private static void write(Response response, String text) throws IOException {
        try (Blocker.Callback blocker = Blocker.callback()) {
            Content.Sink.write(response, false, text, blocker);
            blocker.block();
        }
    }

    static void reply(Response response, Callback callback, int status, JsonNode body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        Content.Sink.write(response, true, Json.text(body), callback);
    }

    private static String clip(String text) {
        String t = text == null ? "" : text.replaceAll("[^\\x20-\\x7e]", "?");
        return t.length() > 80 ? t.substring(0, 80) + "..." : t;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}

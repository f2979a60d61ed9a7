package io.tradehost.admin.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.admin.AdminDocuments;
import io.tradehost.admin.AdminSettings;
import io.tradehost.admin.ConfigReloads;
import io.tradehost.admin.FleetView;
import io.tradehost.admin.AdminToken;
import io.tradehost.admin.OperatorGateway;
import io.tradehost.admin.metrics.HostMetrics;
import io.tradehost.admin.snapshot.HostSnapshot;
import io.tradehost.admin.snapshot.SnapshotPublisher;
import io.tradehost.api.event.ConfigReloaded;
import io.tradehost.api.host.HealthStatus;
import io.tradehost.api.host.PrintableText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
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
    private final Supplier<AdminDocuments> documents;
    private final StaticAssets assets;
    private final OperatorRoute operatorRoute;
    private final StreamRoute streamRoute;
    private final ConfigReloads reloads;
    private final Duration answerWait;
    private volatile FleetRoute fleetRoute = new FleetRoute(null);
    private volatile String readOnly;

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
        this(settings, token, snapshots, metrics, operator, stream, () -> documents, realNanos, answerWait, null);
    }

    /**
     * The same, with the documents as they are at each request (a reload changes the configuration)
     * and {@code POST /api/v1/config/reload} handed to {@code reloads} (null: not offered).
     */
    public ApiHandler(AdminSettings settings, AdminToken token, SnapshotPublisher snapshots,
                      HostMetrics metrics, OperatorGateway operator, EventStream stream,
                      Supplier<AdminDocuments> documents, LongSupplier realNanos, Duration answerWait,
                      ConfigReloads reloads) {
        this.settings = settings;
        this.reloads = reloads;
        this.answerWait = answerWait;
        this.auth = new BearerAuth(token, settings.badTokenLimit(), realNanos);
        this.snapshots = snapshots;
        this.metrics = metrics;
        this.operator = operator;
        this.stream = stream;
        this.documents = documents;
        this.assets = StaticAssets.load();
        this.operatorRoute = new OperatorRoute(operator, snapshots, settings.maxRequestBytes(), answerWait);
        this.streamRoute = new StreamRoute(stream, snapshots, Math.max(50, Math.min(15_000,
                settings.idleTimeout().toMillis() / 2)));
    }

    /** Serves {@code /api/v1/fleet}, its Prometheus targets and the fleet page from {@code fleet}. Before serving. */
    public ApiHandler withFleet(FleetView fleet) {
        this.fleetRoute = new FleetRoute(fleet);
        return this;
    }

    /**
     * Refuses every request that would change the host (operator actions, a configuration reload) with
     * 409 and {@code why}: a standby serves what it follows and acts on nothing. Before serving.
     */
    public ApiHandler readOnly(String why) {
        this.readOnly = why;
        return this;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        SecurityHeaders.put(response.getHeaders());
        try {
            route(request, response, callback);
        } catch (RuntimeException e) {
            LOG.warn("admin request {} {} failed: {}", request.getMethod(), clip(Request.getPathInContext(request)),
                    e.toString(), e);
            reply(response, callback, 500, Json.error(500, "internal error; the host log has the details"));
        }
        return true;
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
        } else if (path.equals("/") || path.equals("/fleet") || path.startsWith("/assets/")) {
            needGet(method, response, callback, () -> asset(path.equals("/") ? "index.html"
                    : path.equals("/fleet") ? "fleet.html" : path.substring("/assets/".length()), response, callback));
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
        if (request.getHeaders().getValuesList(HttpHeader.AUTHORIZATION).size() > 1) {
            reply(response, callback, 400, Json.error(400, "more than one Authorization header; send exactly one"));
            return false;
        }
        BearerAuth.Outcome outcome = auth.check(request.getHeaders().get(HttpHeader.AUTHORIZATION), address);
        switch (outcome) {
            case OK -> {
                return true;
            }
            case LIMITED -> {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(auth.retryAfterSeconds(address)));
                reply(response, callback, 429, Json.error(429, "too many wrong tokens from " + address
                        + "; a right token is still accepted, wrong ones are refused until the limit clears"));
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

    /** 200 with what the host did; 422 when it refused the file, listing why; 202 if the kernel is slow. */
    private void reload(String actor, Response response, Callback callback) {
        if (reloads == null) {
            reply(response, callback, 404, Json.error(404, "this host does not reload its configuration"));
            return;
        }
        try {
            ConfigReloaded done = reloads.reload(actor).get(answerWait.toMillis(), TimeUnit.MILLISECONDS);
            reply(response, callback, done.outcome().equals("refused") ? 422 : 200, Json.configReloaded(done));
        } catch (TimeoutException e) {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("accepted", true);
            n.put("message", "reload requested; no answer within " + answerWait.toMillis()
                    + " ms (see /health and the log)");
            reply(response, callback, 202, n);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(response, callback, 503, Json.error(503, "the server is stopping"));
        } catch (ExecutionException e) {
            throw new IllegalStateException("config reload failed", e.getCause());
        }
    }

    private void health(Response response, Callback callback) {
        HostSnapshot s = snapshots.latest();
        long age = snapshots.ageNanos();
        ObjectNode body = Json.MAPPER.createObjectNode();
        boolean stalled = s == null || age > settings.stallAfter().toNanos();
        HealthStatus worst = s == null ? HealthStatus.UNHEALTHY : s.worstHealth();
        ArrayNode components = body.putArray("components");
        if (s != null) {
            s.health().forEach(h -> components.add(Json.health(h)));
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
        if (name.endsWith(".html")) {
            response.getHeaders().put("Content-Security-Policy", CSP);
        }
        response.write(true, ByteBuffer.wrap(asset.content()), callback);
    }

    private void api(String route, String method, Request request, Response response, Callback callback) {
        String refusal = readOnly;
        if (refusal != null && (route.equals("config/reload") || route.startsWith("operator/"))) {
            if (!method.equals("POST")) {
                response.getHeaders().put(HttpHeader.ALLOW, "POST");
                reply(response, callback, 405, Json.error(405, method + " is not allowed here; use POST"));
            } else {
                reply(response, callback, 409, Json.error(409, refusal));
            }
            return;
        }
        if (route.equals("fleet") || route.startsWith("fleet/")) {
            FleetRoute fleet = fleetRoute;
            needGet(method, response, callback, () -> fleet.handle(route.equals("fleet") ? ""
                    : route.substring("fleet/".length()), response, callback));
            return;
        }
        if (route.equals("config/reload")) {
            if (!method.equals("POST")) {
                response.getHeaders().put(HttpHeader.ALLOW, "POST");
                reply(response, callback, 405, Json.error(405, method + " is not allowed here; use POST"));
                return;
            }
            reload("api@" + Request.getRemoteAddr(request), response, callback);
            return;
        }
        if (route.startsWith("operator/")) {
            if (!method.equals("POST")) {
                response.getHeaders().put(HttpHeader.ALLOW, "POST");
                reply(response, callback, 405, Json.error(405, method + " is not allowed here; use POST"));
                return;
            }
            operatorRoute.handle(route.substring("operator/".length()), request, response, callback);
            return;
        }
        if (route.equals("events")) {
            needGet(method, response, callback, () -> streamRoute.handle(response, callback));
            return;
        }
        Function<HostSnapshot, JsonNode> view = switch (route) {
            case "state" -> Json::state;
            case "positions" -> Json::positions;
            case "orders" -> Json::orders;
            case "fills" -> Json::fills;
            case "summary" -> s -> readTree(s.summaryJson().get());
            case "guards" -> s -> guards(s);
            case "plugins" -> s -> documents.get().plugins();
            case "config" -> s -> documents.get().config();
            case "history" -> s -> Json.history(snapshots.history());
            default -> s -> null;
        };
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
        ObjectNode n = documents.get().guards().deepCopy();
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

    static void reply(Response response, Callback callback, int status, JsonNode body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        Content.Sink.write(response, true, Json.text(body), callback);
    }

    static String clip(String text) {
        return text == null ? "" : PrintableText.clip(text, 80);
    }

    static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}

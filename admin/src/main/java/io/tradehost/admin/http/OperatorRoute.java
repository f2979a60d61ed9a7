package io.tradehost.admin.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.admin.OperatorGateway;
import io.tradehost.admin.snapshot.HostSnapshot;
import io.tradehost.admin.snapshot.SnapshotPublisher;
import io.tradehost.api.event.OperatorActed;
import io.tradehost.api.host.OperatorAction;
import io.tradehost.api.value.Symbol;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.tradehost.api.host.PrintableText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
/**
 * {@code POST /api/v1/operator/{action}[/{argument}]}: checks the JSON body (a {@code reason},
 * optionally an {@code actor}), hands the request to the kernel through the gateway and answers with
 * the runtime's outcome, or 202 when none came within the wait. Blocks the request's virtual thread
 * while it waits.
 */
final class OperatorRoute {
    private static final Pattern ACTOR = Pattern.compile("[A-Za-z0-9@._:-]{1,64}");
    private static final int MAX_REASON = 500;
    /** One JSON value and nothing after it; a key given twice is an error, not the last one winning. */
    private static final ObjectReader BODY = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private final OperatorGateway gateway;
    private final SnapshotPublisher snapshots;
    private final int maxRequestBytes;
    private final Duration answerWait;

    OperatorRoute(OperatorGateway gateway, SnapshotPublisher snapshots, int maxRequestBytes, Duration answerWait) {
        this.gateway = gateway;
        this.snapshots = snapshots;
        this.maxRequestBytes = maxRequestBytes;
        this.answerWait = answerWait;
    }

    void handle(String route, Request request, Response response, Callback callback) {
        int slash = route.indexOf('/');
        String name = slash < 0 ? route : route.substring(0, slash);
        String argument = slash < 0 ? null : route.substring(slash + 1);
        OperatorAction action = OperatorAction.ofPath(name);
        if (action == null) {
            ApiHandler.reply(response, callback, 404, Json.error(404, "no operator action '" + ApiHandler.clip(name) + "' (reduce-only,"
                    + " halt, resume, clear/{code}, cancel-all, close/{symbol})"));
            return;
        }
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            ApiHandler.reply(response, callback, 415, Json.error(415, "the body must be JSON (Content-Type: application/json)"
                    + " with a \"reason\""));
            return;
        }
        JsonNode body;
        try {
            body = BODY.readTree(strictUtf8(Content.Source.asByteBuffer(request)));
        } catch (CharacterCodingException e) {
            ApiHandler.reply(response, callback, 400, Json.error(400, "the body is not valid UTF-8"));
            return;
        } catch (IOException e) {
            ApiHandler.reply(response, callback, 400, Json.error(400, "the body is not JSON: "
                    + ApiHandler.clip(ApiHandler.firstLine(e.getMessage()))));
            return;
        } catch (HttpException.RuntimeException e) {
            // SizeLimitHandler refuses a body over the limit while it is read; anything else is a real failure
            if (e.getCode() != 413) {
                throw e;
            }
            ApiHandler.reply(response, callback, 413, Json.error(413, "request body too large (limit "
                    + maxRequestBytes + " bytes)"));
            return;
        }
        String problem = checkBody(body);
        if (problem != null) {
            ApiHandler.reply(response, callback, 400, Json.error(400, problem));
            return;
        }
        HostSnapshot s = snapshots.latest();
        if (action == OperatorAction.CLOSE && s != null && argument != null && isSymbol(argument)
                && !s.symbolStates().containsKey(Symbol.of(argument))) {
            ApiHandler.reply(response, callback, 404, Json.error(404, "not a traded symbol: " + ApiHandler.clip(argument)));
            return;
        }
        String actor = (body.hasNonNull("actor") ? body.get("actor").asText() : "api") + "@"
                + Request.getRemoteAddr(request);
        CompletableFuture<OperatorActed> answer;
        try {
            // a reason goes to logs, the journal and terminals: its control characters arrive there escaped
            answer = gateway.submit(action, argument, actor, PrintableText.escape(body.get("reason").asText().strip()));
        } catch (IllegalArgumentException e) {
            ApiHandler.reply(response, callback, 400, Json.error(400, e.getMessage()));
            return;
        }
        try {
            OperatorActed acted = answer.get(answerWait.toMillis(), TimeUnit.MILLISECONDS);
            ApiHandler.reply(response, callback, 200, Json.operator(acted));
        } catch (TimeoutException e) {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("accepted", true);
            n.put("message", "handed to the kernel; no answer within " + answerWait.toMillis()
                    + " ms (see /api/v1/state)");
            ApiHandler.reply(response, callback, 202, n);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ApiHandler.reply(response, callback, 503, Json.error(503, "the server is stopping"));
        } catch (ExecutionException e) {
            throw new IllegalStateException("operator answer failed", e.getCause());
        }
    }

    /** Decodes strictly: a malformed byte is an error, never a replacement character. */
    private static String strictUtf8(ByteBuffer bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
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
                return "unknown field \"" + ApiHandler.clip(field) + "\" (a body has \"reason\" and optionally \"actor\")";
            }
        }
        return null;
    }
}

package io.tradehost.exchange.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answer to what Jetty refuses before any handler runs (a garbled request, a target or head
 * too large) and to anything a handler leaves unanswered: Coinbase's JSON error body with
 * {@code application/json}, never Jetty's HTML page, a stack trace or the server's version.
 */
public final class JsonErrorHandler extends ErrorHandler {
    public JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    /** Coinbase's error code for {@code status} (gRPC style, as its v3 API answers). */
    static String code(int status) {
        return switch (status) {
            case 400, 413, 414, 431 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 405 -> "UNIMPLEMENTED";
            case 429 -> "RATE_LIMIT_EXCEEDED";
            case 503 -> "UNAVAILABLE";
            default -> status >= 500 ? "INTERNAL" : "UNKNOWN";
        };
    }

    private static String message(int status) {
        return switch (status) {
            case 400 -> "bad request: malformed HTTP";
            case 413 -> "request body too large";
            case 414 -> "request target too long";
            case 431 -> "request headers too large";
            default -> "request failed with status " + status;
        };
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() <= 0 ? 500 : response.getStatus();
        // Jetty's own message may quote the request (a header, the target): keep the fixed text only
        String text = Answer.errorBody(code(status), message(status)).toString();
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(response, true, text, callback);
        return true;
    }
}

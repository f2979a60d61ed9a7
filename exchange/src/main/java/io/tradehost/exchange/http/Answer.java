package io.tradehost.exchange.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * One answer of the REST side: status, JSON body, extra headers. Errors carry Coinbase's body,
 * {@code {"error": CODE, "error_details": ..., "message": ...}}.
 *
 * @param status the HTTP status
 * @param body the JSON body
 * @param headers headers to add (rate limits, Retry-After)
 */
record Answer(int status, JsonNode body, Map<String, String> headers) {
    static final ObjectMapper JSON = new ObjectMapper();

    Answer(int status, JsonNode body) {
        this(status, body, Map.of());
    }

    static Answer error(int status, String error, String message) {
        return new Answer(status, errorBody(error, message));
    }

    static ObjectNode errorBody(String error, String message) {
        ObjectNode n = JSON.createObjectNode();
        n.put("error", error);
        n.put("error_details", message);
        n.put("message", message);
        return n;
    }

    /** A request body over {@code limit} bytes, by its declared length or while it was read. */
    static Answer tooLarge(long limit) {
        return error(413, JsonErrorHandler.code(413), "request body too large (limit " + limit + " bytes)");
    }
}

package io.tradehost.exchange.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.util.Fields;

/**
 * Reading a request's parameters and JSON body; anything malformed is an {@link
 * IllegalArgumentException} naming it, which the REST side answers 400 {@code INVALID_ARGUMENT}.
 */
final class Params {
    private Params() {
    }

    /** {@code body} as a JSON object. */
    static JsonNode object(String body) {
        try {
            JsonNode node = Answer.JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Field {@code field} of {@code c} as a decimal, null when absent. */
    static BigDecimal decimal(JsonNode c, String field) {
        JsonNode v = c.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return new BigDecimal(v.asText());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " is not a decimal: " + v.asText(), e);
        }
    }

    /** The {@code end_time} of an order configuration in epoch millis, 0 when absent. */
    static long endTime(JsonNode c) {
        String end = c.path("end_time").asText(null);
        if (end == null) {
            return 0;
        }
        try {
            return Instant.parse(end).toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("end_time is not an RFC 3339 time: " + end, e);
        }
    }

    /** Every value of array parameter {@code name}, repeated or comma-separated. */
    static List<String> values(Fields query, String name) {
        List<String> out = new ArrayList<>();
        List<String> raw = query.getValues(name);
        if (raw != null) {
            raw.forEach(v -> {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
            });
        }
        return out;
    }

    /** The page size asked for, at most {@code pageSize}; {@code pageSize} when not asked. */
    static int limit(Fields query, int pageSize) {
        return query.getValue("limit") == null ? pageSize : Math.min(positive(query, "limit"), pageSize);
    }

    /** Parameter {@code name} as an integer of at least 1. */
    static int positive(Fields query, String name) {
        String v = query.getValue(name);
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer: " + v, e);
        }
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be >= 1");
        }
        return n;
    }

    /** Where a page starts: the {@code cursor} the previous page gave, 0 without one. */
    static int cursor(Fields query) {
        String v = query.getValue("cursor");
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid cursor: " + v, e);
        }
    }
}

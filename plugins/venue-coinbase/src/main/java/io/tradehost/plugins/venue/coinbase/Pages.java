package io.tradehost.plugins.venue.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradehost.api.venue.VenueException;
import io.tradehost.plugins.venue.coinbase.net.RestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Coinbase's paged lists ({@code cursor}, and {@code has_next} where the endpoint has it), read item
 * by item. A list longer than {@link #MAX_PAGES} pages fails as transient rather than being taken
 * as whole. Stateless.
 */
final class Pages {
    /** Items asked for per page of orders and fills. */
    static final int PAGE = 100;
    /** Pages read at most of one list. */
    static final int MAX_PAGES = 20;

    private Pages() {
    }

    /** What {@link #each} does with one item: false to stop reading. */
    @FunctionalInterface
    interface ItemVisitor {
        boolean next(JsonNode item) throws VenueException;
    }

    /**
     * Reads list {@code path} ({@code filters}, {@code limit} a page, the items under {@code items})
     * until {@code visit} says stop or the list ends.
     *
     * @param tooLong what the failure says, e.g. "more than 2000 open orders"
     */
    static void each(RestClient rest, String path, List<Map.Entry<String, String>> filters, int limit, String items,
                     String tooLong, ItemVisitor visit) throws VenueException {
        String cursor = "";
        for (int page = 0; page < MAX_PAGES; page++) {
            List<Map.Entry<String, String>> query = new ArrayList<>(filters);
            query.add(Map.entry("limit", String.valueOf(limit)));
            if (!cursor.isEmpty()) {
                query.add(Map.entry("cursor", cursor));
            }
            JsonNode answer = rest.get(path, query);
            for (JsonNode item : answer.path(items)) {
                if (!visit.next(item)) {
                    return;
                }
            }
            cursor = answer.path("cursor").asText("");
            if (!answer.path("has_next").asBoolean(true) || cursor.isEmpty()) {
                return;
            }
        }
        throw VenueException.transientFailure(RestClient.BAD_ANSWER, tooLong + ": the list was not read to its end");
    }
}

package io.tradehost.exchange.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.exchange.engine.MatchingEngine;
import io.tradehost.exchange.fault.Fault;
import io.tradehost.exchange.fault.FaultPlan;
import io.tradehost.exchange.ws.StreamHub;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * The exchange's own calls under {@code /exchange}, behind its admin token: statistics, arming a
 * fault, charging funding now. The token is checked before anything else, a body read only for
 * the one call that has one, and at most {@link RestApi#MAX_BODY_BYTES} of it.
 */
final class AdminApi {
    private final MatchingEngine engine;
    private final StreamHub hub;
    private final FaultPlan faults;
    private final byte[] expectedAuthorization;
    private final Supplier<Map<String, Long>> restStats;

    AdminApi(MatchingEngine engine, StreamHub hub, FaultPlan faults, String adminToken,
             Supplier<Map<String, Long>> restStats) {
        this.engine = engine;
        this.hub = hub;
        this.faults = faults;
        this.expectedAuthorization = ("Bearer " + adminToken).getBytes(StandardCharsets.UTF_8);
        this.restStats = restStats;
    }

    Answer answer(Request request, String method, String path) throws BoundedBody.TooLarge {
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (auth == null || !MessageDigest.isEqual(expectedAuthorization, auth.trim().getBytes(StandardCharsets.UTF_8))) {
            return Answer.error(401, "UNAUTHENTICATED", "the exchange admin calls need its admin token");
        }
        if (method.equals("GET") && path.equals("/exchange/stats")) {
            ObjectNode n = Answer.JSON.createObjectNode();
            engine.stats().forEach(n::put);
            hub.stats().forEach(n::put);
            restStats.get().forEach(n::put);
            ObjectNode fired = n.putObject("faults_fired");
            faults.fired().forEach(fired::put);
            return new Answer(200, n);
        }
        if (method.equals("POST") && path.equals("/exchange/faults")) {
            JsonNode b = Params.object(BoundedBody.read(request, RestApi.MAX_BODY_BYTES));
            Fault fault = Fault.parse(b.path("fault").asText(""));
            int count = b.path("count").asInt(1);
            long duration = b.path("millis").asLong(2_000);
            if (!hub.applyNow(fault, duration)) {
                faults.arm(fault, count, duration);
            }
            ObjectNode n = Answer.JSON.createObjectNode();
            n.put("fault", fault.label());
            n.put("count", count);
            return new Answer(200, n);
        }
        if (method.equals("POST") && path.equals("/exchange/funding")) {
            ObjectNode n = Answer.JSON.createObjectNode();
            n.put("payments", engine.chargeFunding().size());
            return new Answer(200, n);
        }
        return Answer.error(404, "NOT_FOUND", "no such admin call: " + method + " " + path);
    }
}

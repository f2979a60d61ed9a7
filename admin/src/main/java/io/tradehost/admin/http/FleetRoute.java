package io.tradehost.admin.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.admin.FleetView;
import io.tradehost.api.host.PrintableText;
import java.net.URI;
import java.util.List;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/fleet}, every host of the fleet as its registry holds it, and
 * {@code GET /api/v1/fleet/targets}, the same as a Prometheus HTTP service discovery list: one target
 * group per host that serves its admin API over http(s) and has not stopped in order (a host that died
 * stays listed, so that its {@code up} goes to 0 and the host-down alert fires), labelled with its
 * account and host id.
 */
final class FleetRoute {
    private static final Logger LOG = LoggerFactory.getLogger(FleetRoute.class);

    private final FleetView fleet;

    /** @param fleet the fleet, or null for a host that trades alone */
    FleetRoute(FleetView fleet) {
        this.fleet = fleet;
    }

    void handle(String route, Response response, Callback callback) {
        if (!route.isEmpty() && !route.equals("targets")) {
            ApiHandler.reply(response, callback, 404, Json.error(404, "no such endpoint: /api/v1/fleet/"
                    + ApiHandler.clip(route)));
            return;
        }
        if (fleet == null) {
            ApiHandler.reply(response, callback, 404, Json.error(404, "this host is in no fleet: set host.account,"
                    + " host.id and a PostgreSQL journal.url"));
            return;
        }
        List<FleetView.Member> members;
        try {
            members = fleet.members();
        } catch (RuntimeException e) {
            LOG.warn("admin API: cannot read the fleet: {}", e.getMessage());
            ApiHandler.reply(response, callback, 503, Json.error(503, "cannot read the fleet: "
                    + PrintableText.clip(e.getMessage(), 300)));
            return;
        }
        ApiHandler.reply(response, callback, 200, route.isEmpty() ? hosts(members) : targets(members));
    }

    private static ObjectNode hosts(List<FleetView.Member> members) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode hosts = body.putArray("hosts");
        for (FleetView.Member m : members) {
            ObjectNode n = hosts.addObject();
            n.put("account", m.account());
            n.put("host", m.hostId());
            n.put("role", m.role());
            n.put("state", m.state());
            n.put("equity", m.equity());
            n.put("adminUrl", m.adminUrl());
            n.put("leaseToken", m.leaseToken());
            n.put("holdsLease", m.holdsLease());
            n.put("heartbeatAgeSeconds", m.heartbeatAgeSeconds());
        }
        return body;
    }

    /** The format Prometheus's {@code http_sd_configs} reads: a list of {targets, labels}. */
    static ArrayNode targets(List<FleetView.Member> members) {
        ArrayNode groups = Json.MAPPER.createArrayNode();
        for (FleetView.Member m : members) {
            if (m.adminUrl() == null || m.role().equals("stopped")) {
                continue;
            }
            URI uri;
            try {
                uri = URI.create(m.adminUrl());
            } catch (IllegalArgumentException e) {
                continue; // a registry row no host of ours wrote: nothing Prometheus could scrape
            }
            if (uri.getHost() == null || uri.getPort() < 0
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                continue;
            }
            ObjectNode group = groups.addObject();
            group.putArray("targets").add(uri.getHost() + ":" + uri.getPort());
            ObjectNode labels = group.putObject("labels");
            labels.put("tradehost_account", m.account());
            labels.put("tradehost_host", m.hostId());
            // not the role: it changes at a takeover, and discovery lists kept from a host that died would
            // then name one target twice (tradehost_primary says which host trades)
        }
        return groups;
    }
}

package io.tradehost.app.surface;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.admin.AdminDocuments;
import io.tradehost.admin.AdminServer;
import io.tradehost.admin.ConfigReloads;
import io.tradehost.admin.FleetView;
import io.tradehost.admin.AdminSettings;
import io.tradehost.admin.AdminToken;
import io.tradehost.admin.OperatorGateway;
import io.tradehost.admin.http.ApiHandler;
import io.tradehost.admin.http.EventStream;
import io.tradehost.admin.metrics.HostMetrics;
import io.tradehost.admin.snapshot.ActivityLog;
import io.tradehost.admin.snapshot.HostSnapshot;
import io.tradehost.admin.snapshot.SnapshotPublisher;
import io.tradehost.alerts.AlertCounts;
import io.tradehost.alerts.AlertDispatcher;
import io.tradehost.alerts.AlertRules;
import io.tradehost.alerts.KernelWatchdog;
import io.tradehost.api.event.ConfigReloaded;
import io.tradehost.api.event.OperatorActed;
import io.tradehost.app.config.HostConfig;
import io.tradehost.app.config.Secrets;
import io.tradehost.app.failover.Primacy;
import io.tradehost.app.host.Host;
import io.tradehost.app.host.RunSummary;
import io.tradehost.app.plugins.IsolationPolicy;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.app.plugins.PluginListing;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * What an operator sees and steers of a live run: the admin server (API, health, metrics, event
 * stream, dashboard) and the alerts, attached to a wired host. Lifecycle, all on the thread that
 * drives the host: {@link #attach} before the host starts (it adds the watchers), {@link #start}
 * after, {@link #stopServing} before the host stops, {@link #stopped} with the summary.
 */
public final class OperatorSurface {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorSurface.class);
    private static final Duration ALERT_DRAIN = Duration.ofSeconds(5);

    private final Host host;
    private final HostConfig config;
    private final AdminSettings settings;
    private final AdminToken token;
    private final EventStream stream;
    private final SnapshotPublisher publisher;
    private final HostMetrics metrics;
    private final OperatorGateway gateway;
    private final AlertDispatcher alerts;
    private final PluginCatalog plugins;
    private volatile AdminDocuments documents;
    private ConfigReloads reloads;
    private FleetView fleet;
    private volatile AdminServer server;
    private volatile String advertised;
    private KernelWatchdog watchdog;

    private OperatorSurface(Host host, HostConfig config, AdminToken token, PluginCatalog plugins) {
        this.host = host;
        this.plugins = plugins;
        this.config = config;
        this.settings = config.admin();
        this.token = token;
        this.documents = documents(config, plugins);
        this.stream = new EventStream(1024, Math.max(1, settings.maxConnections() / 2));
        this.alerts = new AlertDispatcher(config.alerts(), host.runId(), System::nanoTime);
        ActivityLog activity = new ActivityLog(stream::offer);
        this.publisher = new SnapshotPublisher(new HostSnapshots(host, config.venue(), this::alertCounters), activity,
                System::nanoTime, Duration.ofSeconds(1), stream::status);
        this.metrics = new HostMetrics(publisher::latest, publisher::ageNanos);
        this.gateway = new OperatorGateway(host.kernel(), host.kernel().clock());
        host.watch("admin.activity", activity::onEvent);
        host.watch("admin.metrics", metrics::onEvent);
        host.watch("admin.operator", e -> {
            if (e instanceof OperatorActed acted) {
                gateway.onActed(acted);
            } else if (e instanceof ConfigReloaded) {
                this.documents = documents(host.liveConfig().running(), plugins); // /api/v1/config shows what runs
            }
        });
        if (alerts.hasSinks()) {
            host.watch("alerts", e -> AlertRules.of(e).ifPresent(alerts::raise));
        }
        host.journal().onWriteLatency(metrics::journalWrite);
    }

    /**
     * Attaches the surface to a host that has not started.
     *
     * @param dataDirectory where a generated admin token lives
     * @param environment where {@code TRADEHOST_ADMIN_TOKEN} is looked up
     * @throws IllegalArgumentException if the configured token is unusable
     */
    public static OperatorSurface attach(Host host, HostConfig config, PluginCatalog plugins, Path dataDirectory,
                                         Map<String, String> environment) {
        AdminToken token = config.admin().enabled()
                ? AdminToken.resolve(environment, config.admin().tokenFile(), dataDirectory) : null;
        return new OperatorSurface(host, config, token, plugins);
    }

    static AdminDocuments documents(HostConfig config, PluginCatalog plugins) {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Object> masked = Secrets.masked(config.tree());
        ObjectNode guards = mapper.createObjectNode();
        guards.set("preTrade", mapper.valueToTree(masked.getOrDefault("guards", Map.of())));
        guards.set("runtime", mapper.valueToTree(masked.getOrDefault("runtime_guards", Map.of())));
        JsonNode pluginList = PluginListing.toJson(plugins, IsolationPolicy.of(config, plugins, null, System::nanoTime));
        ObjectNode effective = mapper.createObjectNode();
        effective.put("source", config.source());
        effective.set("config", mapper.valueToTree(masked));
        return new AdminDocuments(guards, pluginList, effective);
    }

    private Map<String, Long> alertCounters() {
        AlertCounts c = alerts.counts();
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("alerts.sent", c.sent());
        m.put("alerts.failed", c.failed());
        m.put("alerts.retries", c.retries());
        m.put("alerts.dropped", c.dropped());
        m.put("alerts.rate_limited", c.rateLimited());
        m.put("alerts.suppressed", c.suppressed());
        return m;
    }

    /** Offers {@code POST /api/v1/config/reload}, handed to {@code reloads}. Before {@link #start}. */
    public void offerReload(ConfigReloads reloads) {
        this.reloads = reloads;
    }

    /**
     * Makes this host a member of a fleet, trading with the fencing token {@code leaseToken}: the API
     * serves the fleet, and the metrics show the lease. Before {@link #start}.
     */
    public void inFleet(FleetView fleet, long leaseToken) {
        this.fleet = fleet;
        metrics.lease(leaseToken);
    }

    /** What this host's heartbeats say: its state and equity as last published, its admin address. */
    public Primacy.Report report() {
        HostSnapshot s = publisher.latest();
        return new Primacy.Report(s == null ? "STARTING" : s.state().name(),
                s == null ? null : s.equity().toString(), advertised);
    }

    /**
     * The address other machines reach a server bound to {@code uri} at: the machine's name in place of a
     * wildcard address, as bound otherwise (a loopback address is then only reachable from this machine).
     */
    static String advertised(URI uri) {
        if (uri.getHost() == null || uri.getPort() < 0) {
            return null; // a server that stopped has no port
        }
        try {
            InetAddress bound = InetAddress.getByName(uri.getHost().replace("[", "").replace("]", ""));
            if (bound.isAnyLocalAddress()) {
                return "http://" + InetAddress.getLocalHost().getHostName() + ":" + uri.getPort();
            }
        } catch (UnknownHostException e) {
            LOG.debug("cannot name this machine for the fleet ({}); advertising {}", e.getMessage(), uri);
        }
        return uri.toString();
    }

    /** Publishes the first snapshot, starts the server and the stall watchdog, raises the start alert. */
    public void start() {
        publisher.start(host.kernel(), settings.snapshotInterval());
        watchdog = new KernelWatchdog(alerts, publisher::ageNanos, settings.stallAfter(),
                () -> host.kernel().clock().nanos());
        if (settings.enabled()) {
            server = AdminServer.start(settings, new ApiHandler(settings, token, publisher, metrics, gateway, stream,
                    () -> documents, System::nanoTime, ApiHandler.ANSWER_WAIT, reloads).withFleet(fleet));
            advertised = advertised(server.uri()); // once: it may ask the name service
            LOG.info("admin API on {} (dashboard at /, health at /health, metrics at /metrics; token from {})",
                    server.uri(), token.source());
        } else {
            LOG.info("admin API off (admin.listen = \"off\")");
        }
        alerts.raise(AlertRules.started(host.runId(), config.venue(), host.venues().symbols().stream()
                .map(Object::toString).collect(Collectors.joining(",")), host.kernel().clock().nanos()));
    }

    /** The server's address, or null when it is off or not started. */
    public URI uri() {
        AdminServer s = server;
        return s == null ? null : s.uri();
    }

    /** Stops the server, the stream and the watchdog, and publishes a last snapshot. Idempotent. */
    public void stopServing() {
        AdminServer s = server;
        if (s != null) {
            server = null;
            advertised = null;
            stream.closeAll();
            s.close();
        }
        if (watchdog != null) {
            watchdog.close();
            watchdog = null;
        }
        publisher.stop();
    }

    /** Raises the stop alert with the summary's line and delivers what is queued (a few seconds at most). */
    public void stopped(RunSummary summary) {
        alerts.raise(AlertRules.stopped(host.runId(), summary.oneLine(), host.kernel().clock().nanos()));
        alerts.close(ALERT_DRAIN);
    }
}

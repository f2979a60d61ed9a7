package io.tradehost.admin;

import java.net.InetSocketAddress;
import io.tradehost.admin.http.JsonErrorHandler;
import io.tradehost.api.host.StartupException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.util.VirtualThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded HTTP server (Jetty 12): one connector on the configured address, handlers on
 * virtual threads, request heads and bodies bounded, idle connections closed after
 * {@code idle_timeout}, and errors Jetty answers itself given as JSON with the API's security
 * headers. Connections are held by a {@link ConnectionGuard}: a request head must be complete within
 * {@code header_timeout}, and beyond {@code max_connections} the connection that has waited longest
 * for its head is closed to make room, so idle or slow clients cannot lock out a halt or a health
 * check. At twice {@code max_connections} (clients busy with requests, e.g. pipelining without
 * reading the answers) new connections wait to be accepted and every connection that moves no
 * bytes for {@value #IDLE_AT_CAP_MILLIS} ms is closed, so stalled clients make room within about a
 * second. Start and stop from one thread.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    private static final long STOP_TIMEOUT_MILLIS = 2_000;
    /** The idle timeout of every connection while the hard cap is reached. */
    static final long IDLE_AT_CAP_MILLIS = 1_000;
    /** Connections the kernel may hold for accepting: a flood must not drop an operator's SYN. */
    private static final int ACCEPT_QUEUE = 1_024;

    private final Server server;
    private final ServerConnector connector;
    private final ConnectionGuard guard;

    private AdminServer(Server server, ServerConnector connector, ConnectionGuard guard) {
        this.server = server;
        this.connector = connector;
        this.guard = guard;
    }

    /**
     * Starts serving {@code handler} as {@code settings} say.
     *
     * @throws StartupException if the address cannot be bound (in use, not local), naming it
     */
    public static AdminServer start(AdminSettings settings, Handler handler) {
        return start(settings, handler, System::nanoTime);
    }

    /** The same, with the clock the connection guard's head deadline counts in (a scripted one in tests). */
    static AdminServer start(AdminSettings settings, Handler handler, LongSupplier nanos) {
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("tradehost-admin");
        threads.setDaemon(true);
        threads.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("tradehost-admin-request"));
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(settings.maxHeaderBytes());
        http.setResponseHeaderSize(16_384);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        InetSocketAddress listen = settings.listen();
        connector.setHost(listen.getAddress().getHostAddress());
        connector.setPort(listen.getPort());
        connector.setIdleTimeout(settings.idleTimeout().toMillis());
        server.addConnector(connector);
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        // a hard cap on sockets for when every connection is busy; the guard sheds waiting ones long before it
        NetworkConnectionLimit cap = new NetworkConnectionLimit(2 * settings.maxConnections(), connector);
        cap.setEndPointIdleTimeout(Math.min(IDLE_AT_CAP_MILLIS, settings.idleTimeout().toMillis()));
        server.addBean(cap);
        SizeLimitHandler limits = new SizeLimitHandler(settings.maxRequestBytes(), -1);
        limits.setHandler(handler);
        ConnectionGuard guard = new ConnectionGuard(settings.maxConnections(), settings.headerTimeout().toNanos(),
                nanos, limits);
        connector.addEventListener(guard);
        server.setHandler(guard);
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(STOP_TIMEOUT_MILLIS);
        server.setStopAtShutdown(false);
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // the start failure is what the operator needs to see
            }
            throw new StartupException("admin API cannot listen on " + listen.getAddress().getHostAddress() + ":"
                    + listen.getPort() + ": " + e.getMessage() + " (set admin.listen to another address, or \"off\")",
                    e);
        }
        AdminServer started = new AdminServer(server, connector, guard);
        sweepEvery(server.getScheduler(), guard, Math.max(10, Math.min(1_000, settings.headerTimeout().toMillis() / 4)));
        if (!listen.getAddress().isLoopbackAddress()) {
            LOG.warn("admin API listens on {}, reachable from other hosts (admin.allow_remote = true); every /api"
                    + " request needs the token, but traffic is plain HTTP: put TLS in front of it", started.uri());
        }
        return started;
    }

    private static void sweepEvery(Scheduler scheduler, ConnectionGuard guard, long millis) {
        scheduler.schedule(() -> {
            try {
                guard.sweep();
            } finally {
                if (scheduler.isRunning()) {
                    sweepEvery(scheduler, guard, millis);
                }
            }
        }, millis, TimeUnit.MILLISECONDS);
    }

    /** The connection guard, for tests. */
    ConnectionGuard guard() {
        return guard;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** The server's base address, e.g. {@code http://127.0.0.1:8570}. */
    public URI uri() {
        String host = connector.getHost();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    /** Stops accepting and closes every connection within about two seconds. Idempotent. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("admin API did not stop cleanly: {}", e.toString());
        }
    }
}

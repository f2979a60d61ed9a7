package io.tradehost.exchange;

import io.tradehost.exchange.auth.ApiKey;
import io.tradehost.exchange.auth.JwtVerifier;
import io.tradehost.exchange.engine.FundingSchedule;
import io.tradehost.exchange.engine.MatchingEngine;
import io.tradehost.exchange.fault.Fault;
import io.tradehost.exchange.fault.FaultPlan;
import io.tradehost.exchange.http.JsonErrorHandler;
import io.tradehost.exchange.http.RestApi;
import io.tradehost.exchange.store.StateFile;
import io.tradehost.exchange.ws.StreamHub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running local exchange: Jetty on the configured loopback address serving the REST API, both
 * feeds and the admin calls, a market that ticks on its own thread, and its state, API key and
 * admin token in the data directory. Nothing a client sends is buffered without bound: request
 * heads up to 8 KiB, bodies up to 1 MiB, feed messages up to 64 KiB; what Jetty refuses itself is
 * answered in Coinbase's JSON error shape. At start it writes {@code credentials.env} (mode 0600) for
 * clients. Start with {@link #start}, stop with {@link #close}; thread-safe.
 */
public final class LocalExchange implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalExchange.class);
    /** The credentials file a shell can source. */
    public static final String CREDENTIALS_FILE = "credentials.env";
    /** The admin token file. */
    public static final String ADMIN_TOKEN_FILE = "admin.token";
    /** The largest request head accepted, in bytes. */
    public static final int REQUEST_HEAD_BYTES = 8 * 1024;

    private final Server server;
    private final ServerConnector connector;
    private final ScheduledExecutorService timers;
    private final MatchingEngine engine;
    private final FaultPlan faults;
    private final ApiKey key;
    private final String adminToken;
    private final Path directory;
    private final StreamHub hub;
    private final FundingSchedule funding;

    private LocalExchange(Server server, ServerConnector connector, ScheduledExecutorService timers,
                          MatchingEngine engine, FaultPlan faults, ApiKey key, String adminToken, Path directory,
                          StreamHub hub, FundingSchedule funding) {
        this.hub = hub;
        this.funding = funding;
        this.server = server;
        this.connector = connector;
        this.timers = timers;
        this.engine = engine;
        this.faults = faults;
        this.key = key;
        this.adminToken = adminToken;
        this.directory = directory;
    }

    /**
     * Starts an exchange as {@code settings} say, continuing from its data directory's state.
     *
     * @throws IllegalStateException if it cannot bind, or its state or key is unreadable, naming why
     */
    public static LocalExchange start(ExchangeSettings settings) {
        Path dir = settings.dataDirectory();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the exchange's data directory " + dir, e);
        }
        FaultPlan faults = new FaultPlan();
        settings.faults().forEach(faults::arm);
        ApiKey key = ApiKey.loadOrCreate(dir, settings.keyType());
        String adminToken = adminToken(dir);
        StateFile store = new StateFile(dir);
        MatchingEngine engine = new MatchingEngine(settings.listings(), store.load(), settings.startingCash(),
                settings.seed(), settings.takerFee(), settings.makerFee(), System::currentTimeMillis, store::save);
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, Thread.ofPlatform().daemon()
                .name("exchange-timer").factory());
        JwtVerifier verifier = new JwtVerifier(key, settings.strictAuth(), Instant::now);
        StreamHub hub = new StreamHub(engine, verifier, faults, System::currentTimeMillis, timers);
        engine.listener(hub);

        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("exchange-http");
        threads.setDaemon(true);
        threads.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("exchange-request"));
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        // Jetty's own limits: a request head (request line included) over 8 KiB is 431 (414 for
        // the target alone); bodies are bounded where they are read, in RestApi
        http.setRequestHeaderSize(REQUEST_HEAD_BYTES);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(settings.listen().getAddress().getHostAddress());
        connector.setPort(settings.listen().getPort());
        connector.setIdleTimeout(120_000);
        server.addConnector(connector);
        long fundingMillis = settings.fundingInterval().toMillis();
        FundingSchedule funding = fundingMillis > 0 ? new FundingSchedule(System.currentTimeMillis(), fundingMillis)
                : FundingSchedule.NONE;
        server.setHandler(hub.handler(new RestApi(engine, verifier, faults, hub, adminToken,
                System::currentTimeMillis, settings.pageSize(), settings.takerFee(), settings.makerFee(), funding)));
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(1_000);
        try {
            server.start();
        } catch (Exception e) {
            timers.shutdownNow();
            try {
                server.stop();
            } catch (Exception ignored) {
                // the start failure is the news
            }
            throw new IllegalStateException("the exchange cannot listen on " + settings.listen() + ": "
                    + e.getMessage(), e);
        }
        long tick = settings.tick().toMillis();
        timers.scheduleAtFixedRate(() -> guarded(engine::tick), tick, tick, TimeUnit.MILLISECONDS);
        if (funding.charges()) {
            // on the schedule the products endpoint shows as each perpetual's funding_time
            long first = Math.max(0, funding.nextAfter(funding.startMillis()) - System.currentTimeMillis());
            timers.scheduleAtFixedRate(() -> guarded(engine::chargeFunding), first, funding.intervalMillis(),
                    TimeUnit.MILLISECONDS);
        }
        LocalExchange exchange = new LocalExchange(server, connector, timers, engine, faults, key, adminToken, dir,
                hub, funding);
        try {
            ApiKey.writePrivate(dir.resolve(CREDENTIALS_FILE), key.environmentFile());
        } catch (IOException e) {
            exchange.close();
            throw new UncheckedIOException("cannot write " + dir.resolve(CREDENTIALS_FILE), e);
        }
        LOG.info("local exchange on {} (feeds {} and {}/user), {} product(s), state in {}", exchange.uri(),
                exchange.wsUri(), exchange.wsUri(), settings.listings().size(), dir);
        return exchange;
    }

    /** Runs a timer step; a failure is logged and the next step still runs (an uncaught one would end the timer). */
    private static void guarded(Runnable step) {
        try {
            step.run();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            LOG.error("exchange timer task failed", e);
        }
    }

    private static String adminToken(Path dir) {
        Path file = dir.resolve(ADMIN_TOKEN_FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            byte[] raw = new byte[24];
            new SecureRandom().nextBytes(raw);
            String token = HexFormat.of().formatHex(raw);
            ApiKey.writePrivate(file, token + "\n");
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the admin token in " + file, e);
        }
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The REST base URL, e.g. {@code http://127.0.0.1:18080}. */
    public URI uri() {
        return URI.create("http://" + host() + ":" + port());
    }

    /** The market feed URL; the user feed is this plus {@code /user}. */
    public URI wsUri() {
        return URI.create("ws://" + host() + ":" + port() + "/ws");
    }

    private String host() {
        String h = connector.getHost();
        return h.contains(":") ? "[" + h + "]" : h;
    }

    public MatchingEngine engine() {
        return engine;
    }

    /** When funding is charged (the products endpoint's {@code funding_time}); {@link FundingSchedule#NONE} for never. */
    public FundingSchedule fundingSchedule() {
        return funding;
    }

    public FaultPlan faults() {
        return faults;
    }

    /** The API key it issued. */
    public ApiKey apiKey() {
        return key;
    }

    public String adminToken() {
        return adminToken;
    }

    public Path credentialsFile() {
        return directory.resolve(CREDENTIALS_FILE);
    }

    /**
     * Injects {@code fault} as the admin call does: the ones that act on open feeds at once
     * ({@code tcp_close}, {@code close_frame}, {@code ws_error}, {@code silence}) now, the others
     * armed for the next {@code count} occasions.
     */
    public void inject(Fault fault, int count, long durationMillis) {
        if (!hub.applyNow(fault, durationMillis)) {
            faults.arm(fault, count, durationMillis);
        }
    }

    /** Counters: orders, fills, reuses, feed connections and messages. */
    public Map<String, Long> stats() {
        Map<String, Long> out = new LinkedHashMap<>(engine.stats());
        out.putAll(hub.stats());
        return out;
    }

    /** Stops serving and the market; the state stays in the data directory. Idempotent. */
    @Override
    public void close() {
        timers.shutdownNow();
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("the exchange did not stop cleanly: {}", e.toString());
        }
    }
}

package io.tradehost.app.host;

import io.tradehost.api.event.Event;
import io.tradehost.api.host.OperatorControl;
import io.tradehost.api.host.PortfolioView;
import io.tradehost.app.reload.LiveConfig;
import io.tradehost.app.wiring.Pipeline;
import io.tradehost.coordinator.runtime.state.TradingStateMachine;
import io.tradehost.coordinator.runtime.venue.VenueBootstrap;
import io.tradehost.coordinator.telemetry.MarkBook;
import io.tradehost.api.host.Coordinator;
import io.tradehost.coordinator.telemetry.TelemetryCoordinator;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.journal.SqlJournal;
import io.tradehost.kernel.Kernel;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * A wired host: the kernel, the coordinators in order, and read access to what the summary needs.
 * Start it, drive its kernel (live with {@link #runUntil}, or by hand in tests), stop it.
 * Kernel thread only.
 */
public final class Host {
    private static final Logger LOG = LoggerFactory.getLogger(Host.class);
    /** How long a live stop waits for the venue to answer what a coordinator's stop sent. */
    static final Duration SETTLE_LIMIT = Duration.ofSeconds(3);

    private final Kernel kernel;
    private final Pipeline pipeline;
    private final CoordinatorRegistry registry;
    private final TradingStateMachine tradingState;
    private final OperatorControl operator;
    private final PortfolioView portfolio;
    private final MarkBook marks;
    private final VenueBootstrap venues;
    private final TelemetryCoordinator telemetry;
    private final SqlJournal journal;
    private final AutoCloseable isolation;
    private final String runId;
    private final LiveConfig live;
    private boolean started;
    private volatile String stopReason;

    /**
     * @param pipeline the routes, registered with the kernel at start
     * @param isolation stops the workers of isolated plugins, without waiting for a call still running
     */
    public Host(Kernel kernel, Pipeline pipeline, CoordinatorRegistry registry, TradingStateMachine tradingState,
                OperatorControl operator, PortfolioView portfolio, MarkBook marks, VenueBootstrap venues,
                TelemetryCoordinator telemetry, SqlJournal journal, AutoCloseable isolation, LiveConfig live) {
        this.live = live;
        this.kernel = kernel;
        this.pipeline = pipeline;
        this.registry = registry;
        this.tradingState = tradingState;
        this.operator = operator;
        this.portfolio = portfolio;
        this.marks = marks;
        this.venues = venues;
        this.telemetry = telemetry;
        this.journal = journal;
        this.isolation = isolation;
        this.runId = journal.runId();
    }

    /**
     * Connects the pipeline, then initialises and starts the coordinators in order. Messages the
     * coordinators publish meanwhile wait in the kernel's queue until it is driven.
     */
    public void start() {
        pipeline.connect();
        registry.initialize();
        registry.start();
        started = true;
        LOG.info("tradehost run {} trading {} on venue {}", runId, venues.symbols(), venues.plugin().getClass()
                .getModule().getName());
    }

    /**
     * Adds a watcher of every event (the admin surface, metrics, alerts), heard after the
     * pipeline's own handlers. Before {@link #start} only.
     */
    public void watch(String name, Consumer<? super Event> watcher) {
        pipeline.watch(name, watcher);
    }

    /**
     * Drives the kernel on this thread until {@code stop} answers true, {@code duration} (if not
     * null) passes or the host asks to stop ({@link #requestStop}).
     */
    public void runUntil(Duration duration, BooleanSupplier stop) {
        long deadline = duration == null ? Long.MAX_VALUE : kernel.clock().nanos() + duration.toNanos();
        kernel.run(() -> stopReason != null || stop.getAsBoolean() || kernel.clock().nanos() >= deadline);
    }

    /**
     * Asks {@link #runUntil} to return, for an orderly stop as on SIGTERM (positions kept);
     * {@code reason} becomes the summary's stop reason. The first reason wins. Thread-safe.
     */
    public void requestStop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
            LOG.warn("stopping: {}", reason);
        }
        kernel.wake();
    }

    /** Why the host asked to stop itself, or null. */
    public String stopReason() {
        return stopReason;
    }

    /** The configuration it trades on, and how a reload changes it. Kernel thread. */
    public LiveConfig liveConfig() {
        return live;
    }

    /** Stops the coordinators in reverse order, after dispatching what is queued. Idempotent. */
    public void stop() {
        if (started) {
            kernel.runUntilIdle();
            registry.stop(this::settle); // a strategy's cancels reach execution and the venue
            kernel.runUntilIdle(); // what stopping published (orders never sent) reaches the journal
            journal.close();
            closeIsolation();
            started = false;
            LOG.info("tradehost run {} stopped", runId);
        }
    }

    /**
     * Dispatches what {@code stopped}'s stop sent; a live host then runs its kernel until the venue
     * answered it ({@link Coordinator#settled()}), at most {@link #SETTLE_LIMIT}, so that the answers to
     * a strategy's cancels, and fills that raced them, reach the journal before it closes.
     */
    private void settle(Coordinator stopped) {
        kernel.runUntilIdle();
        if (stopped.settled() || kernel.clock() instanceof VirtualClock) {
            return;
        }
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        kernel.run(() -> stopped.settled() || System.nanoTime() - deadline > 0);
        if (!stopped.settled()) {
            LOG.warn("{} stopped with orders still unanswered by the venue after {} ms; the next start reconciles"
                    + " them", stopped.name(), SETTLE_LIMIT.toMillis());
        }
    }

    /** What happened, for the summary; {@code otherwise} is the stop reason unless the host stopped itself. */
    public RunSummary summary(String otherwise) {
        return RunSummary.of(runId, tradingState, portfolio, marks, venues.symbols(),
                stopReason != null ? stopReason : otherwise);
    }

    /** {@link #summary(String)} of a run stopped from outside (tests, backtests). */
    public RunSummary summary() {
        return summary("requested");
    }

    public Kernel kernel() {
        return kernel;
    }

    public CoordinatorRegistry registry() {
        return registry;
    }

    /** What an operator may do to the trading state; kernel thread only. */
    public OperatorControl operator() {
        return operator;
    }

    public PortfolioView portfolio() {
        return portfolio;
    }

    public TradingStateMachine tradingState() {
        return tradingState;
    }

    /** The venue as bootstrapped, with the counts of the host's calls into it. */
    public VenueBootstrap venues() {
        return venues;
    }

    public MarkBook marks() {
        return marks;
    }

    public TelemetryCoordinator telemetry() {
        return telemetry;
    }

    /** The journal; kernel thread only. */
    public SqlJournal journal() {
        return journal;
    }

    /** Releases the journal and the plugin workers of a host that failed to start. Idempotent. */
    public void abandon() {
        journal.close();
        closeIsolation();
    }

    private void closeIsolation() {
        try {
            isolation.close();
        } catch (Exception e) {
            LOG.warn("stopping the plugin workers failed", e);
        }
    }

    public String runId() {
        return runId;
    }
}

package io.tradehost.coordinator.runtime.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.host.PluginCalls;
import io.tradehost.api.host.PluginIsolation;
import io.tradehost.api.host.StartupException;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.Venue;
import io.tradehost.api.venue.VenueContext;
import io.tradehost.api.venue.VenueException;
import io.tradehost.api.venue.VenueFactory;
import io.tradehost.coordinator.runtime.RuntimeSettings;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VenueEventAdapter;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.kernel.isolation.WorkerCalls;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.ScriptedVenue;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
/**
 * A venue plugin run isolated: each call on its worker within a short real-time budget. Calls that
 * must hang are held by a latch, so every outcome is certain.
 */
class IsolatedVenueTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");
    private static final Duration BUDGET = Duration.ofMillis(100);

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final Kernel kernel = new Kernel(clock);
    private final EventRecorder events = new EventRecorder();
    private final ScriptedVenue scripted = new ScriptedVenue(List.of(Fixtures.perpetual("BTC-PERP")));
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> threads = new ArrayList<>();
    private final List<WorkerCalls> workers = new ArrayList<>();
    private String hangIn = "";
    private Boolean stopsAnswer = Boolean.TRUE;

    @AfterEach
    void release() {
        release.countDown();
        workers.forEach(WorkerCalls::close);
    }

    /** The scripted venue behind a proxy that notes the thread of every call and hangs in {@link #hangIn}. */
    private Venue plugin() {
        return (Venue) Proxy.newProxyInstance(Venue.class.getClassLoader(), new Class<?>[] {Venue.class},
                (proxy, method, args) -> {
                    threads.add(Thread.currentThread().getName());
                    if (method.getName().equals(hangIn)) {
                        release.await();
                    }
                    if (method.getName().equals("supportsNatively")) {
                        if (stopsAnswer == null) {
                            throw new IllegalStateException("no answer scripted");
                        }
                        return stopsAnswer;
                    }
                    try {
                        return method.invoke(scripted, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private PluginIsolation isolated() {
        return (kind, name, instance) -> {
            WorkerCalls w = new WorkerCalls("plugin " + kind + " " + name, BUDGET, BUDGET);
            workers.add(w);
            return w;
        };
    }

    private VenueBootstrap bootstrap() {
        VenueFactory factory = new VenueFactory() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public String description() {
                return "a venue that may hang";
            }

            @Override
            public List<String> requiredCredentials() {
                return List.of();
            }

            @Override
            public Venue create(PluginConfig config, VenueContext context) {
                context.scheduler().scheduleAtFixedRate(Duration.ofSeconds(1), Duration.ofSeconds(1),
                        () -> threads.add("timer on " + Thread.currentThread().getName()));
                return plugin();
            }
        };
        scripted.listener(new VenueEventAdapter(kernel, clock));
        kernel.observe(events);
        return new VenueBootstrap(List.of(factory), Map.of(), clock, kernel, new VenueEventAdapter(kernel, clock), null,
                isolated());
    }

    private static RuntimeSettings settings() {
        return new RuntimeSettings("slow", PluginConfig.empty("venue.config"), List.of(BTC), false, false, 1);
    }

    private static OrderRequest order(String id) {
        return OrderRequest.market(ClientOrderId.of(id), BTC, Side.BUY, Quantity.of("1"));
    }

    @Test
    void everyCallAndTimerTaskOfTheVenueRunsOnItsWorker() throws VenueException {
        VenueBootstrap bootstrap = bootstrap();
        bootstrap.bootstrap(settings());
        assertThat(((CountedVenue) bootstrap.venue()).inner()).isInstanceOf(IsolatedVenue.class);
        bootstrap.venue().place(order("r-1"));
        kernel.advanceBy(Duration.ofSeconds(1));
        assertThat(bootstrap.venue().order(ClientOrderId.of("r-1"))).isPresent();
        assertThat(threads).containsOnly("plugin venue slow", "timer on plugin venue slow");
        assertThat(scripted.placed()).hasSize(1);
    }

    @Test
    void whetherTheVenueTakesAnOrderTypeIsAskedOnItsWorkerOnceAndPassesThroughEveryWrapper() {
        VenueBootstrap bootstrap = bootstrap();
        bootstrap.bootstrap(settings());
        threads.clear();
        assertThat(bootstrap.venue().supportsNatively(OrderType.STOP_MARKET)).isTrue();
        assertThat(bootstrap.venue().supportsNatively(OrderType.STOP_MARKET)).isTrue();
        stopsAnswer = Boolean.FALSE;
        assertThat(bootstrap.venue().supportsNatively(OrderType.STOP_MARKET)).as("a capability, asked once").isTrue();
        assertThat(bootstrap.venue().supportsNatively(OrderType.STOP_LIMIT)).isFalse();
        assertThat(threads).containsExactly("plugin venue slow", "plugin venue slow");
    }

    @Test
    void whetherTheVenuePublishesTradesAndDepthIsAskedOnItsWorkerOnceEachAndPassesThroughEveryWrapper() {
        scripted.publishesTrades(true).publishesDepth(true);
        VenueBootstrap bootstrap = bootstrap();
        bootstrap.bootstrap(settings());
        threads.clear();
        assertThat(bootstrap.venue().publishesDepth()).isTrue();
        assertThat(bootstrap.venue().publishesTrades()).isTrue();
        scripted.publishesDepth(false).publishesTrades(false);
        assertThat(bootstrap.venue().publishesDepth()).as("a capability, asked once").isTrue();
        assertThat(bootstrap.venue().publishesTrades()).isTrue();
        assertThat(threads).containsExactly("plugin venue slow", "plugin venue slow");
    }

    @Test
    void aVenueThatHangsSayingWhetherItPublishesDepthPublishesNoneAsFarAsTheHostKnows() {
        scripted.publishesDepth(true);
        VenueBootstrap bootstrap = bootstrap();
        bootstrap.bootstrap(settings());
        threads.clear();
        hangIn = "publishesDepth";
        assertThat(bootstrap.venue().publishesDepth()).isFalse();
        assertThat(bootstrap.venue().publishesDepth()).isFalse();
        assertThat(threads).as("not asked again").containsExactly("plugin venue slow");
    }

    @Test
    void aVenueThatFailsOrHangsSayingWhatItTakesIsAskedAgainLater() {
        VenueBootstrap bootstrap = bootstrap();
        bootstrap.bootstrap(settings());
        stopsAnswer = null;
        assertThatThrownBy(() -> bootstrap.venue().supportsNatively(OrderType.STOP_LIMIT))
                .isInstanceOf(IllegalStateException.class).hasMessage("no answer scripted");
        stopsAnswer = Boolean.TRUE;
        hangIn = "supportsNatively";
        assertThatThrownBy(() -> bootstrap.venue().supportsNatively(OrderType.STOP_LIMIT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("venue 'slow' did not answer within 100 ms");
        assertThatThrownBy(() -> bootstrap.venue().supportsNatively(OrderType.STOP_LIMIT))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("venue 'slow' is still busy");
        release.countDown();
        WorkerCalls worker = workers.getFirst();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (worker.isBusy() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(bootstrap.venue().supportsNatively(OrderType.STOP_LIMIT)).isTrue();
    }

    @Test
    void aPlacementThatHangsIsAnUnknownOutcomeAndTheVenueIsBusyUntilItReturns() throws Exception {
        VenueBootstrap bootstrap = bootstrap();
        bootstrap.bootstrap(settings());
        hangIn = "place";
        assertThatThrownBy(() -> bootstrap.venue().place(order("r-1"))).isInstanceOfSatisfying(VenueException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(RejectionCode.VENUE_TIMEOUT);
                    assertThat(e.isOutcomeUnknown()).as("it may have reached the venue").isTrue();
                    assertThat(e.getMessage()).isEqualTo("venue 'slow' did not answer within 100 ms");
                });
        assertThatThrownBy(() -> bootstrap.venue().openOrders()).isInstanceOfSatisfying(VenueException.class, e -> {
            assertThat(e.code()).isEqualTo(RejectionCode.VENUE_BUSY);
            assertThat(e.isTransient()).isTrue();
            assertThat(e.isOutcomeUnknown()).isFalse();
        });
        release.countDown();
        WorkerCalls worker = workers.getFirst();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (worker.isBusy() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(bootstrap.venue().order(ClientOrderId.of("r-1"))).as("the late placement did reach it").isPresent();
        assertThat(worker.lateAnswersDiscarded()).isEqualTo(1);
    }

    @Test
    void aQueryThatHangsIsATransientFailureAndTheVenuesOwnAnswersPassThrough() throws VenueException {
        VenueBootstrap bootstrap = bootstrap();
        bootstrap.bootstrap(settings());
        scripted.answer(ScriptedVenue.Answer.REFUSE).answer(ScriptedVenue.Answer.BUG);
        assertThatThrownBy(() -> bootstrap.venue().place(order("r-1"))).isInstanceOfSatisfying(VenueException.class,
                e -> assertThat(e.isTransient()).isFalse());
        assertThatThrownBy(() -> bootstrap.venue().place(order("r-2"))).isInstanceOf(IllegalStateException.class)
                .hasMessage("scripted plugin bug");
        hangIn = "account";
        assertThatThrownBy(() -> bootstrap.venue().account()).isInstanceOfSatisfying(VenueException.class, e -> {
            assertThat(e.code()).isEqualTo(RejectionCode.VENUE_TIMEOUT);
            assertThat(e.isTransient()).isTrue();
            assertThat(e.isOutcomeUnknown()).isFalse();
        });
        bootstrap.close();
    }

    @Test
    void aVenueThatDoesNotConnectStopsTheStartWithOneLine() {
        VenueBootstrap bootstrap = bootstrap();
        hangIn = "connect";
        assertThatThrownBy(() -> bootstrap.bootstrap(settings())).isInstanceOf(StartupException.class)
                .hasMessage("could not connect to venue 'slow': venue 'slow' did not answer within 100 ms"
                        + " [VENUE_TIMEOUT]");
    }

    @Test
    void aTimerTaskThatThrowsOrHangsIsContainedAndTheVenueGoesOn() throws VenueException {
        IsolatedScheduler timers = new IsolatedScheduler(kernel, isolated().calls("venue", "slow", ""), "slow");
        CountDownLatch hanging = new CountDownLatch(1);
        timers.schedule(Duration.ofSeconds(1), () -> {
            throw new AssertionError("timer bug");
        });
        timers.schedule(Duration.ofSeconds(2), () -> {
            hanging.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        timers.scheduleAtFixedRate(Duration.ofSeconds(3), Duration.ofSeconds(1), () -> threads.add("tick"));
        kernel.advanceBy(Duration.ofSeconds(5));
        assertThat(timers.failures()).as("the throw, the hang, then skips while it hangs").isEqualTo(5);
        assertThat(threads).isEmpty();
        assertThat(kernel.handlerFailureCount()).as("nothing reached the kernel").isZero();
        assertThat(Set.copyOf(events.all())).isEmpty();
    }

    @Test
    void everyVenueMethodReachesThePluginThroughItsWorkerAndClosingStopsBoth() throws VenueException {
        VenueBootstrap bootstrap = bootstrap();
        bootstrap.bootstrap(settings());
        Venue venue = bootstrap.venue();
        scripted.answer(ScriptedVenue.Answer.ACCEPT);
        venue.subscribe(Set.of(BTC));
        venue.place(order("r-1"));
        venue.cancel(ClientOrderId.of("r-1"));
        scripted.answer(ScriptedVenue.Answer.PARTIAL_FILL);
        venue.place(order("r-2"));
        assertThat(scripted.subscribed()).containsExactly(BTC);
        assertThat(scripted.cancelled()).containsExactly(ClientOrderId.of("r-1"));
        assertThat(venue.fills(ClientOrderId.of("r-2"))).isEqualTo(scripted.fills(ClientOrderId.of("r-2"))).hasSize(1);
        assertThat(venue.openOrders()).isEqualTo(scripted.openOrders()).hasSize(1);
        assertThat(venue.account()).isEqualTo(scripted.account());
        assertThat(threads).containsOnly("plugin venue slow");
        venue.close();
        assertThat(scripted.isClosed()).isTrue();
        assertThat(workers.getFirst().call(() -> "after")).as("the worker is stopped too")
                .isInstanceOf(PluginCalls.Outcome.Threw.class);
    }

    @Test
    void anErrorThePluginThrowsPassesAsItIs() {
        VenueBootstrap bootstrap = bootstrap();
        bootstrap.bootstrap(settings());
        hangIn = "";
        Venue failing = new IsolatedVenue((Venue) Proxy.newProxyInstance(Venue.class.getClassLoader(),
                new Class<?>[] {Venue.class}, (proxy, method, args) -> {
                    throw new AssertionError("plugin assert in " + method.getName());
                }), isolated().calls("venue", "assert", ""), "assert");
        assertThatThrownBy(failing::account).isInstanceOf(AssertionError.class).hasMessage("plugin assert in account");
    }

    @Test
    void aBusyVenueSaysHowLongItsCallHasRun() {
        VenueBootstrap bootstrap = bootstrap();
        bootstrap.bootstrap(settings());
        hangIn = "account";
        long before = System.nanoTime();
        assertThatThrownBy(() -> bootstrap.venue().account()).isInstanceOf(VenueException.class);
        assertThatThrownBy(() -> bootstrap.venue().openOrders()).isInstanceOfSatisfying(VenueException.class, e -> {
            long elapsedMillis = (System.nanoTime() - before) / 1_000_000;
            assertThat(e.getMessage()).matches("venue 'slow' is still busy with a call that has run \\d+ ms; nothing "
                    + "was sent");
            assertThat(Long.parseLong(e.getMessage().replaceAll("\\D+", ""))).isBetween(BUDGET.toMillis(),
                    elapsedMillis);
        });
    }

    @Test
    void timerTasksThatSucceedAreNoFailuresAndACancelledOneNeverRuns() {
        IsolatedScheduler timers = new IsolatedScheduler(kernel, isolated().calls("venue", "slow", ""), "slow");
        timers.scheduleAtFixedRate(Duration.ofSeconds(1), Duration.ofSeconds(1), () -> threads.add("tick"));
        timers.schedule(Duration.ofSeconds(1), () -> threads.add("once")).cancel();
        timers.scheduleAtFixedRate(Duration.ofSeconds(1), Duration.ofSeconds(1), () -> threads.add("cancelled"))
                .cancel();
        kernel.advanceBy(Duration.ofSeconds(3));
        assertThat(threads).containsExactly("tick", "tick", "tick");
        assertThat(timers.failures()).isZero();
    }
}

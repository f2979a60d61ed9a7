package io.tradehost.coordinator.runtime.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tradehost.api.event.OrderAmendRejected;
import io.tradehost.api.event.OrderAmended;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.api.venue.Venue;
import io.tradehost.api.venue.VenueException;
import io.tradehost.kernel.VenueEventAdapter;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.kernel.isolation.WorkerCalls;
import io.tradehost.testkit.EventRecorder;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.ScriptedAmends;
import io.tradehost.testkit.ScriptedVenue;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An isolated venue's amend is an order-path call like cancel: a plugin that throws or hangs in it
 * is treated exactly as one that does so in cancel. Calls that must hang are held by a latch.
 */
class IsolatedVenueAmendTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");
    private static final Duration BUDGET = Duration.ofMillis(100);
    private static final ClientOrderId ID = ClientOrderId.of("r-1");
    private static final Price PRICE = Price.ofUnits(90);

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final EventRecorder events = new EventRecorder();
    private final ScriptedVenue scripted = new ScriptedVenue(List.of(Fixtures.perpetual("BTC-PERP")))
            .listener(new VenueEventAdapter(events, clock));
    /** Holds a hanging call; volatile, as a second one replaces it while the workers run. */
    private volatile CountDownLatch release = new CountDownLatch(1);
    private final List<String> threads = new ArrayList<>();
    private final List<WorkerCalls> workers = new ArrayList<>();
    private volatile String hangIn = "";
    private volatile String throwIn = "";

    @AfterEach
    void release() {
        release.countDown();
        workers.forEach(WorkerCalls::close);
    }

    /** The scripted venue, isolated on a worker of its own, behind a proxy that hangs or throws on request. */
    private IsolatedVenue isolated() throws VenueException {
        Venue plugin = (Venue) Proxy.newProxyInstance(Venue.class.getClassLoader(), new Class<?>[] {Venue.class},
                (proxy, method, args) -> {
                    threads.add(Thread.currentThread().getName());
                    if (method.getName().equals(hangIn)) {
                        release.await();
                    }
                    if (method.getName().equals(throwIn)) {
                        throw new IllegalStateException("plugin bug in " + throwIn);
                    }
                    try {
                        return method.invoke(scripted, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        WorkerCalls worker = new WorkerCalls("plugin venue slow", BUDGET, BUDGET);
        workers.add(worker);
        IsolatedVenue venue = new IsolatedVenue(plugin, worker, "slow");
        if (scripted.order(ID).isEmpty()) {
            scripted.answer(ScriptedVenue.Answer.ACCEPT);
            venue.place(new OrderRequest(ID, BTC, Side.BUY, OrderType.LIMIT, Quantity.of("1"), Price.ofUnits(80),
                    TimeInForce.GTC, false, false));
        }
        events.clear();
        threads.clear();
        return venue;
    }

    /** What a call threw, as the host's rules see it. */
    private record Failure(Class<?> type, RejectionCode code, boolean isTransient, boolean outcomeUnknown,
                           String message) {
        static Failure of(Throwable t) {
            return t instanceof VenueException e
                    ? new Failure(e.getClass(), e.code(), e.isTransient(), e.isOutcomeUnknown(), e.getMessage())
                    : new Failure(t.getClass(), null, false, false, t.getMessage().replace("amend", "cancel"));
        }
    }

    private void awaitIdle(WorkerCalls worker) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (worker.isBusy() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    @Test
    void anAmendThatHangsIsAnUnknownOutcomeAndTheVenueIsBusyExactlyAsAfterACancelThatHangs() throws Exception {
        scripted.amends().supported(true);
        hangIn = "amend";
        IsolatedVenue amending = isolated();
        Failure amend = Failure.of(catchThrowable(() -> amending.amend(ID, PRICE, Quantity.of("2"))));
        Failure busyAfterAmend = Failure.of(catchThrowable(() -> amending.cancel(ID)));
        release.countDown();
        awaitIdle(workers.getLast());
        assertThat(scripted.amends().calls()).as("the late amend did reach the plugin")
                .containsExactly(new ScriptedAmends.Call(ID, PRICE, Quantity.of("2")));
        assertThat(workers.getLast().lateAnswersDiscarded()).isEqualTo(1);
        assertThat(amending.order(ID)).map(o -> o.request().limitPrice()).contains(PRICE);

        release = new CountDownLatch(1);
        hangIn = "cancel";
        IsolatedVenue cancelling = isolated();
        Failure cancel = Failure.of(catchThrowable(() -> cancelling.cancel(ID)));
        Failure busyAfterCancel = Failure.of(catchThrowable(() -> cancelling.amend(ID, PRICE, Quantity.of("3"))));

        assertThat(amend).isEqualTo(cancel).isEqualTo(new Failure(VenueException.class, RejectionCode.VENUE_TIMEOUT,
                true, true, "venue 'slow' did not answer within 100 ms"));
        assertThat(busyAfterAmend.code()).isEqualTo(busyAfterCancel.code()).isEqualTo(RejectionCode.VENUE_BUSY);
        assertThat(busyAfterAmend.isTransient()).isEqualTo(busyAfterCancel.isTransient()).isTrue();
        assertThat(busyAfterAmend.outcomeUnknown()).isEqualTo(busyAfterCancel.outcomeUnknown()).isFalse();
        assertThat(scripted.amends().calls()).as("nothing reached the busy plugin").hasSize(1);
        assertThat(threads).containsOnly("plugin venue slow");
    }

    @Test
    void whatThePluginThrowsInAmendComesBackAsItDoesFromCancel() throws VenueException {
        scripted.amends().supported(true);
        IsolatedVenue venue = isolated();
        throwIn = "cancel";
        Failure cancelBug = Failure.of(catchThrowable(() -> venue.cancel(ID)));
        throwIn = "amend";
        Failure amendBug = Failure.of(catchThrowable(() -> venue.amend(ID, PRICE, Quantity.of("2"))));
        throwIn = "";
        scripted.amends().answer(ScriptedAmends.Answer.REFUSE, ScriptedAmends.Answer.TIMEOUT);
        Failure refused = Failure.of(catchThrowable(() -> venue.amend(ID, PRICE, Quantity.of("2"))));
        Failure timedOut = Failure.of(catchThrowable(() -> venue.amend(ID, PRICE, Quantity.of("2"))));

        assertThat(amendBug).isEqualTo(cancelBug).isEqualTo(new Failure(IllegalStateException.class, null, false,
                false, "plugin bug in cancel"));
        assertThat(refused).isEqualTo(new Failure(VenueException.class,
                RejectionCode.of("COMMANDER_REJECTED_EDIT_ORDER"), false, false, "scripted amend refusal"));
        assertThat(timedOut).isEqualTo(new Failure(VenueException.class, RejectionCode.of("TIMEOUT"), true, true,
                "scripted timeout, amend lost"));
        assertThat(threads).containsOnly("plugin venue slow");
    }

    @Test
    void anAmendAndItsAnswersPassThroughTheWorker() throws VenueException {
        scripted.amends().supported(true).answer(ScriptedAmends.Answer.AMEND, ScriptedAmends.Answer.REJECT);
        IsolatedVenue venue = isolated();
        venue.amend(ID, PRICE, Quantity.of("2"));
        venue.amend(ID, PRICE, Quantity.of("3"));

        assertThat(events.all()).containsExactly(new OrderAmended(ID, BTC, PRICE, Quantity.of("2"), clock.nanos()),
                new OrderAmendRejected(ID, BTC, RejectionCode.of("COMMANDER_REJECTED_EDIT_ORDER"),
                        "scripted amend rejection", clock.nanos()));
        assertThat(venue.openOrders()).singleElement().satisfies(o -> {
            assertThat(o.request().limitPrice()).isEqualTo(PRICE);
            assertThat(o.request().quantity()).isEqualTo(Quantity.of("2"));
        });
        assertThat(threads).containsOnly("plugin venue slow");
    }

    @Test
    void whetherTheVenueAmendsIsAskedOnItsWorkerUntilItAnswersAndALateAnswerIsNo() throws VenueException {
        assertThat(isolated().supportsAmend()).isFalse();
        scripted.amends().supported(true);
        IsolatedVenue venue = isolated();
        hangIn = "supportsAmend";
        assertThat(venue.supportsAmend()).as("late: cancel and place anew this time").isFalse();
        assertThat(venue.supportsAmend()).as("busy").isFalse();
        hangIn = "";
        release.countDown();
        awaitIdle(workers.getLast());
        assertThat(venue.supportsAmend()).isTrue();
        scripted.amends().supported(false);
        assertThat(venue.supportsAmend()).as("a capability: once answered, not asked again").isTrue();
        assertThat(threads).containsExactly("plugin venue slow", "plugin venue slow");
    }
}

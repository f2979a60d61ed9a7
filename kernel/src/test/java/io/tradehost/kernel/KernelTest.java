package io.tradehost.kernel;

import static io.tradehost.kernel.Kernel.FailurePolicy.FAIL_CLOSED;
import static io.tradehost.kernel.Kernel.FailurePolicy.LOG_AND_COUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.command.CancelOrders;
import io.tradehost.api.command.OrderIntent;
import io.tradehost.api.command.RecordIntent;
import io.tradehost.api.event.MarkUpdated;
import io.tradehost.api.event.Message;
import io.tradehost.api.event.QuoteReceived;
import io.tradehost.api.market.Mark;
import io.tradehost.api.market.Quote;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.time.ScheduledTask;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
class KernelTest {
    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    private final VirtualClock clock = new VirtualClock(START);
    private final Kernel kernel = new Kernel(clock);
    private final List<String> log = new ArrayList<>();

    private static MarkUpdated mark(String symbol) {
        Price p = Price.ofUnits(100);
        return new MarkUpdated(new Mark(Symbol.of(symbol), p, p, p, Quantity.ofUnits(1), Quantity.ofUnits(1), 0));
    }

    private static String name(MarkUpdated e) {
        return e.mark().symbol().value();
    }

    private static CancelOrders cancel(String why) {
        return new CancelOrders(null, why, 0);
    }

    @Test
    void dispatchesByTypeToSubscribersInSubscriptionOrderAndMessagesInFifoOrder() {
        kernel.subscribe(MarkUpdated.class, "first", LOG_AND_COUNT, e -> {
            log.add("first:" + name(e));
            if (name(e).equals("A")) {
                kernel.publish(mark("C"));
                kernel.send(cancel("from A"));
            }
        });
        kernel.subscribeAll("all", LOG_AND_COUNT, e -> log.add("all:" + e.getClass().getSimpleName()));
        kernel.subscribe(MarkUpdated.class, "second", LOG_AND_COUNT, e -> log.add("second:" + name(e)));
        kernel.subscribe(QuoteReceived.class, "quotes", LOG_AND_COUNT, e -> log.add("quote"));
        kernel.own(CancelOrders.class, "owner", LOG_AND_COUNT, c -> log.add("owner:" + c.reason()));
        kernel.publish(mark("A"));
        kernel.publish(mark("B"));

        assertThat(kernel.runUntilIdle()).isEqualTo(4);
        assertThat(log).containsExactly("first:A", "all:MarkUpdated", "second:A", "first:B", "all:MarkUpdated",
                "second:B", "first:C", "all:MarkUpdated", "second:C", "owner:from A");
    }

    @Test
    void aCommandHasExactlyOneOwnerAndOneWithoutAnOwnerIsAFailClosedFailure() {
        List<Kernel.HandlerFailure> failures = new ArrayList<>();
        kernel.onFailure(failures::add);
        assertThat(kernel.unownedCommands()).contains(CancelOrders.class, OrderIntent.class, RecordIntent.class);
        kernel.own(CancelOrders.class, "execution", LOG_AND_COUNT, c -> { });
        assertThatThrownBy(() -> kernel.own(CancelOrders.class, "other", LOG_AND_COUNT, c -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("CancelOrders is owned by execution already; a command has exactly one owner");
        assertThat(kernel.unownedCommands()).doesNotContain(CancelOrders.class);

        RecordIntent orphan = new RecordIntent(OrderRequest.market(ClientOrderId.of("r-1"), Symbol.of("BTC-PERP"),
                Side.BUY, Quantity.ofUnits(1)), 1, 1, 0);
        kernel.send(orphan);
        kernel.runUntilIdle();
        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.handler()).isEqualTo("pipeline");
            assertThat(f.policy()).isEqualTo(FAIL_CLOSED);
            assertThat(f.message()).isEqualTo(orphan);
            assertThat(f.error()).hasMessage("no owner for RecordIntent");
        });
    }

    @Test
    void anyThrowableOfAHandlerIsContainedReportedWithItsPolicyAndTheOthersStillRun() {
        List<String> reported = new ArrayList<>();
        kernel.onFailure(f -> reported.add(f.handler() + ":" + f.policy() + ":" + f.error().getClass().getSimpleName()
                + ":" + f.message().getClass().getSimpleName()));
        kernel.subscribe(MarkUpdated.class, "books", FAIL_CLOSED, e -> {
            throw new AssertionError("books wrong");
        });
        kernel.subscribe(MarkUpdated.class, "deep", LOG_AND_COUNT, e -> deep(0));
        kernel.subscribe(MarkUpdated.class, "linkage", LOG_AND_COUNT, e -> {
            throw new NoClassDefFoundError("com/example/Missing");
        });
        kernel.subscribe(MarkUpdated.class, "survivor", LOG_AND_COUNT, e -> log.add(name(e)));
        kernel.publish(mark("A"));
        kernel.runUntilIdle();
        assertThat(log).containsExactly("A");
        assertThat(reported).containsExactly("books:FAIL_CLOSED:AssertionError:MarkUpdated",
                "deep:LOG_AND_COUNT:StackOverflowError:MarkUpdated",
                "linkage:LOG_AND_COUNT:NoClassDefFoundError:MarkUpdated");
        assertThat(kernel.handlerFailureCount()).isEqualTo(3);
        assertThat(kernel.health().details()).containsEntry("failuresByHandler", "{books=1, deep=1, linkage=1}")
                .containsEntry("handlerFailures", "3");
    }

    @Test
    void aFailureOfTheJvmItselfIsNotContained() {
        kernel.subscribe(MarkUpdated.class, "greedy", LOG_AND_COUNT, e -> {
            throw new OutOfMemoryError("Java heap space");
        });
        kernel.publish(mark("A"));
        assertThatThrownBy(kernel::runUntilIdle).isInstanceOf(OutOfMemoryError.class);
        kernel.schedule(Duration.ZERO, () -> {
            throw new InternalError("broken");
        });
        assertThatThrownBy(() -> kernel.advanceBy(Duration.ofSeconds(1))).isInstanceOf(InternalError.class);
    }

    @Test
    void observersSeeEveryEventAndCommandBeforeTheirHandlers() {
        List<Message> seen = new ArrayList<>();
        kernel.observe(seen::add);
        kernel.own(CancelOrders.class, "owner", LOG_AND_COUNT, c -> log.add("owned " + seen.size()));
        kernel.publish(mark("A"));
        kernel.send(cancel("x"));
        kernel.runUntilIdle();
        assertThat(seen).containsExactly(mark("A"), cancel("x"));
        assertThat(log).containsExactly("owned 2");
    }

    private static int deep(int n) {
        return deep(n + 1) + 1;
    }

    @Test
    void timersFireAtTheirDeadlinesInOrderWhileVirtualTimeAdvances() {
        List<Long> seen = new ArrayList<>();
        kernel.schedule(Duration.ofSeconds(2), () -> seen.add(clock.nanos()));
        kernel.scheduleAtFixedRate(Duration.ofSeconds(1), Duration.ofSeconds(1), () -> seen.add(-clock.nanos()));
        kernel.advanceBy(Duration.ofMillis(3500));

        long s = START.getEpochSecond() * 1_000_000_000L;
        long sec = 1_000_000_000L;
        assertThat(seen).containsExactly(-(s + sec), s + 2 * sec, -(s + 2 * sec), -(s + 3 * sec));
        assertThat(clock.nanos()).isEqualTo(s + 3_500_000_000L);
    }

    @Test
    void cancelledTimersDoNotFireAndFailingPeriodicTasksKeepTheirSchedule() {
        AtomicBoolean fired = new AtomicBoolean();
        ScheduledTask once = kernel.schedule(Duration.ofSeconds(1), () -> fired.set(true));
        once.cancel();
        int[] runs = {0};
        kernel.scheduleAtFixedRate(Duration.ZERO, Duration.ofSeconds(1), () -> {
            runs[0]++;
            throw new IllegalStateException("task failure");
        });
        kernel.advanceBy(Duration.ofSeconds(2));
        assertThat(fired).isFalse();
        assertThat(once.isCancelled()).isTrue();
        assertThat(runs[0]).isEqualTo(3);
        assertThat(kernel.handlerFailureCount()).isEqualTo(3);
        assertThat(kernel.pendingTimerCount()).isEqualTo(1);
    }

    @Test
    void eventsCausedByATimerAreDispatchedBeforeTheNextTimer() {
        kernel.subscribe(MarkUpdated.class, "log", LOG_AND_COUNT, e -> log.add("event:" + name(e)));
        kernel.schedule(Duration.ofSeconds(1), () -> kernel.publish(mark("T1")));
        kernel.schedule(Duration.ofSeconds(1), () -> log.add("timer2"));
        kernel.advanceBy(Duration.ofSeconds(1));
        assertThat(log).containsExactly("event:T1", "timer2");
    }

    @Test
    void messagesFromOtherThreadsJoinTheInboundQueue() throws InterruptedException {
        kernel.subscribe(MarkUpdated.class, "log", LOG_AND_COUNT, e -> log.add(name(e)));
        kernel.own(CancelOrders.class, "owner", LOG_AND_COUNT, c -> log.add(c.reason()));
        Thread producer = new Thread(() -> {
            kernel.publish(mark("X"));
            kernel.send(cancel("Y"));
        });
        producer.start();
        producer.join();
        assertThat(kernel.queueDepth()).isEqualTo(2);
        assertThat(kernel.isKernelThread()).isTrue();
        assertThat(kernel.runUntilIdle()).isEqualTo(2);
        assertThat(log).containsExactly("X", "Y");
        assertThat(kernel.dispatchedCount()).isEqualTo(2);
    }

    @Test
    void runDispatchesUntilStopIsRequested() {
        kernel.subscribe(MarkUpdated.class, "log", LOG_AND_COUNT, e -> log.add(name(e)));
        kernel.publish(mark("A"));
        int[] polls = {0};
        kernel.run(() -> polls[0]++ > 0);
        assertThat(log).containsExactly("A");
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> kernel.scheduleAtFixedRate(Duration.ZERO, Duration.ZERO, () -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kernel.schedule(Duration.ofSeconds(-1), () -> { }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.setTo(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Kernel(new SystemClock()).advanceBy(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aLateSubscriberOrOwnerGetsTheNextMessageOfATypeAlreadyDispatched() {
        // each change follows a dispatch of the types it concerns, whose routes the kernel had cached
        kernel.subscribe(MarkUpdated.class, "early", LOG_AND_COUNT, e -> log.add("early:" + name(e)));
        kernel.publish(mark("A"));
        kernel.send(cancel("lost"));
        kernel.runUntilIdle();
        kernel.own(CancelOrders.class, "owner", LOG_AND_COUNT, c -> log.add("owner:" + c.reason()));
        kernel.send(cancel("kept"));
        kernel.publish(mark("B"));
        kernel.runUntilIdle();
        kernel.subscribe(MarkUpdated.class, "late", LOG_AND_COUNT, e -> log.add("late:" + name(e)));
        kernel.publish(mark("C"));
        kernel.runUntilIdle();
        kernel.subscribeAll("all", LOG_AND_COUNT, e -> log.add("all"));
        kernel.publish(mark("D"));
        kernel.runUntilIdle();
        assertThat(log).containsExactly("early:A", "owner:kept", "early:B", "early:C", "late:C", "early:D", "late:D",
                "all");
    }

    @Test
    void aSubscriberHearsOnlyItsOwnTypeAndAnAllSubscriberEveryType() {
        kernel.subscribe(MarkUpdated.class, "marks", LOG_AND_COUNT, e -> log.add("mark"));
        kernel.subscribe(QuoteReceived.class, "quotes", LOG_AND_COUNT, e -> log.add("quote"));
        kernel.subscribeAll("all", LOG_AND_COUNT, e -> log.add("all:" + e.getClass().getSimpleName()));
        Price p = Price.ofUnits(100);
        kernel.publish(new QuoteReceived(new Quote(Symbol.of("A"), p, Quantity.ofUnits(1), p, Quantity.ofUnits(1), 0)));
        kernel.publish(mark("A"));
        kernel.runUntilIdle();
        assertThat(log).containsExactly("quote", "all:QuoteReceived", "mark", "all:MarkUpdated");
    }

    @Test
    void aFatalFailureOfTheFailureListenerPropagates() {
        kernel.subscribe(MarkUpdated.class, "bad", LOG_AND_COUNT, e -> {
            throw new IllegalStateException("bad");
        });
        kernel.onFailure(f -> {
            throw new OutOfMemoryError("listener ate the heap");
        });
        kernel.publish(mark("A"));
        assertThatThrownBy(kernel::runUntilIdle).isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void aMessageArrivingFromAnotherThreadDuringDispatchIsDispatchedInTheSameRun() {
        kernel.subscribe(MarkUpdated.class, "log", LOG_AND_COUNT, e -> {
            log.add(name(e));
            if (name(e).equals("A")) {
                Thread other = new Thread(() -> kernel.publish(mark("FROM-OTHER")));
                other.start();
                join(other);
            }
        });
        kernel.publish(mark("A"));
        assertThat(kernel.runUntilIdle()).isEqualTo(2);
        assertThat(log).containsExactly("A", "FROM-OTHER");
    }

    @Test
    void aFailingObserverOrFailureListenerIsContainedToo() {
        List<Kernel.HandlerFailure> failures = new ArrayList<>();
        kernel.observe(m -> {
            throw new IllegalStateException("observer bug");
        });
        kernel.subscribe(MarkUpdated.class, "log", LOG_AND_COUNT, e -> log.add(name(e)));
        kernel.onFailure(f -> {
            failures.add(f);
            throw new IllegalStateException("listener bug");
        });
        kernel.publish(mark("A"));
        kernel.runUntilIdle();
        assertThat(log).containsExactly("A");
        assertThat(failures).singleElement().satisfies(f -> {
            assertThat(f.handler()).startsWith("observer ");
            assertThat(f.policy()).isEqualTo(LOG_AND_COUNT);
            assertThat(f.error()).hasMessage("observer bug");
        });
        kernel.observe(m -> {
            throw new OutOfMemoryError("observer ate the heap");
        });
        kernel.publish(mark("B"));
        assertThatThrownBy(kernel::runUntilIdle).isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void timersAreCountedUntilTheyFireOrAreCancelledAndTheirHandleTellsWhich() {
        ScheduledTask once = kernel.schedule(Duration.ofSeconds(5), () -> log.add("once"));
        ScheduledTask periodic = kernel.scheduleAtFixedRate(Duration.ofSeconds(1), Duration.ofSeconds(1),
                () -> log.add("tick"));
        assertThat(kernel.pendingTimerCount()).isEqualTo(2);
        assertThat(once.isCancelled()).isFalse();
        periodic.cancel();
        assertThat(periodic.isCancelled()).isTrue();
        assertThat(kernel.pendingTimerCount()).isEqualTo(1);
        kernel.advanceBy(Duration.ofSeconds(5));
        assertThat(log).containsExactly("once");
        assertThat(kernel.pendingTimerCount()).isZero();
        assertThat(kernel.clock()).isSameAs(clock);
    }

    @Test
    void aTimerScheduledByAFiringTimerForNowFiresInTheSameStep() {
        kernel.schedule(Duration.ofSeconds(1), () -> {
            log.add("first");
            kernel.schedule(Duration.ZERO, () -> log.add("second at " + (clock.nanos() - nanos(START))));
        });
        kernel.advanceBy(Duration.ofSeconds(1));
        assertThat(log).containsExactly("first", "second at 1000000000");
    }

    @Test
    void theVirtualClockStartsAtItsInstantToTheNanosecondAndMovesOnlyForward() {
        VirtualClock precise = new VirtualClock(Instant.ofEpochSecond(1_700_000_000L, 123_456_789));
        assertThat(precise.nanos()).isEqualTo(1_700_000_000_123_456_789L);
        precise.advance(Duration.ofNanos(11));
        assertThat(precise.nanos()).isEqualTo(1_700_000_000_123_456_800L);
        assertThat(precise.instant()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 123_456_800));
        assertThatThrownBy(() -> precise.advance(Duration.ofNanos(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSystemClockReadsTheWallClock() {
        Instant before = Instant.now();
        long nanos = new SystemClock().nanos();
        Instant after = Instant.now();
        assertThat(nanos).isBetween(nanos(before), nanos(after));
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void systemClockNeverGoesBackwards() {
        SystemClock system = new SystemClock();
        long a = system.nanos();
        assertThat(system.nanos()).isGreaterThanOrEqualTo(a);
        assertThat(system.instant().getEpochSecond()).isGreaterThanOrEqualTo(a / 1_000_000_000L);
    }
}

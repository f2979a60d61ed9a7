package io.tradehost.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.event.Event;
import io.tradehost.api.event.MarkUpdated;
import io.tradehost.api.market.Mark;
import io.tradehost.api.time.ScheduledTask;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
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

    private static Event mark(String symbol) {
        Price p = Price.ofUnits(100);
        return new MarkUpdated(new Mark(Symbol.of(symbol), p, p, p, Quantity.ofUnits(1), Quantity.ofUnits(1), 0));
    }

    private static String name(Event e) {
        return ((MarkUpdated) e).mark().symbol().value();
    }

    @Test
    void dispatchesToHandlersInSubscriptionOrderAndEventsInFifoOrder() {
        kernel.subscribe(e -> {
            log.add("first:" + name(e));
            if (name(e).equals("A")) {
                kernel.publish(mark("C"));
            }
        });
        kernel.subscribe(e -> log.add("second:" + name(e)));
        kernel.publish(mark("A"));
        kernel.publish(mark("B"));

        assertThat(kernel.runUntilIdle()).isEqualTo(3);
        assertThat(log).containsExactly("first:A", "second:A", "first:B", "second:B", "first:C", "second:C");
    }

    @Test
    void aThrowingHandlerDoesNotStopTheOthers() {
        kernel.subscribe(e -> {
            throw new IllegalStateException("boom");
        });
        kernel.subscribe(e -> log.add(name(e)));
        kernel.publish(mark("A"));
        kernel.runUntilIdle();
        assertThat(log).containsExactly("A");
        assertThat(kernel.handlerFailureCount()).isEqualTo(1);
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
        kernel.subscribe(e -> log.add("event:" + name(e)));
        kernel.schedule(Duration.ofSeconds(1), () -> kernel.publish(mark("T1")));
        kernel.schedule(Duration.ofSeconds(1), () -> log.add("timer2"));
        kernel.advanceBy(Duration.ofSeconds(1));
        assertThat(log).containsExactly("event:T1", "timer2");
    }

    @Test
    void eventsFromOtherThreadsJoinTheInboundQueue() throws InterruptedException {
        kernel.subscribe(e -> log.add(name(e)));
        Thread producer = new Thread(() -> kernel.publish(mark("X")));
        producer.start();
        producer.join();
        assertThat(kernel.runUntilIdle()).isEqualTo(1);
        assertThat(log).containsExactly("X");
        assertThat(kernel.dispatchedCount()).isEqualTo(1);
    }

    @Test
    void runDispatchesUntilStopIsRequested() {
        kernel.subscribe(e -> log.add(name(e)));
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
    void systemClockNeverGoesBackwards() {
        SystemClock system = new SystemClock();
        long a = system.nanos();
        assertThat(system.nanos()).isGreaterThanOrEqualTo(a);
        assertThat(system.instant().getEpochSecond()).isGreaterThanOrEqualTo(a / 1_000_000_000L);
    }
}

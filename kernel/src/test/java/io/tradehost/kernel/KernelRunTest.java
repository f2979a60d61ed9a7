package io.tradehost.kernel;

import static io.tradehost.kernel.Kernel.FailurePolicy.LOG_AND_COUNT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.api.command.CancelOrders;
import io.tradehost.api.event.MarkUpdated;
import io.tradehost.api.market.Mark;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Symbol;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
/**
 * The kernel driven live, on its own thread and the system clock, as the host runs it. Every wait
 * here is for a latch the kernel thread counts down, bounded at ten seconds; nothing sleeps.
 */
class KernelRunTest {
    private final Kernel kernel = new Kernel(new SystemClock());
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Thread> handlerThreads = new CopyOnWriteArrayList<>();
    private Thread driver;

    private static MarkUpdated mark(String symbol) {
        Price p = Price.ofUnits(100);
        return new MarkUpdated(new Mark(Symbol.of(symbol), p, p, p, Quantity.ofUnits(1), Quantity.ofUnits(1), 0));
    }

    private void start() {
        driver = new Thread(() -> kernel.run(stop::get), "kernel");
        driver.start();
    }

    @AfterEach
    void stopKernel() throws InterruptedException {
        stop.set(true);
        kernel.wake();
        if (driver != null) {
            driver.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(driver.isAlive()).as("the kernel stopped").isFalse();
        }
    }

    @Test
    void dispatchesWhatOtherThreadsSendInOrderOnTheKernelThread() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        kernel.subscribe(MarkUpdated.class, "log", LOG_AND_COUNT, e -> {
            handlerThreads.add(Thread.currentThread());
            log.add(e.mark().symbol().value());
        });
        kernel.own(CancelOrders.class, "owner", LOG_AND_COUNT, c -> {
            log.add(c.reason());
            done.countDown();
        });
        start();
        kernel.publish(mark("A-USD"));
        kernel.publish(mark("B-USD"));
        kernel.send(new CancelOrders(null, "C", 0));
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(log).containsExactly("A-USD", "B-USD", "C");
        assertThat(handlerThreads).containsOnly(driver);
        assertThat(kernel.isKernelThread()).as("the test thread is not the kernel's").isFalse();
    }

    @Test
    void firesTimersScheduledFromOtherThreadsOnTheKernelThreadWhileRunning() throws InterruptedException {
        CountDownLatch fired = new CountDownLatch(3);
        start();
        kernel.schedule(Duration.ZERO, () -> {
            handlerThreads.add(Thread.currentThread());
            log.add("once");
            fired.countDown();
        });
        kernel.scheduleAtFixedRate(Duration.ZERO, Duration.ofMillis(1), () -> {
            if (log.stream().filter("periodic"::equals).count() < 2) {
                log.add("periodic");
                fired.countDown();
            }
        });
        assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(log).contains("once").filteredOn("periodic"::equals).hasSize(2);
        assertThat(handlerThreads).containsOnly(driver);
    }

    @Test
    void aStopRequestEndsTheRunAfterWhatIsQueuedIsDispatched() throws InterruptedException {
        CountDownLatch first = new CountDownLatch(1);
        kernel.subscribe(MarkUpdated.class, "log", LOG_AND_COUNT, e -> {
            log.add(e.mark().symbol().value());
            if (log.size() == 1) {
                // queued from the kernel thread while the stop is requested
                kernel.publish(mark("LAST-USD"));
                stop.set(true);
                first.countDown();
            }
        });
        start();
        kernel.publish(mark("FIRST-USD"));
        assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
        driver.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(driver.isAlive()).isFalse();
        assertThat(log).containsExactly("FIRST-USD", "LAST-USD");
    }
}

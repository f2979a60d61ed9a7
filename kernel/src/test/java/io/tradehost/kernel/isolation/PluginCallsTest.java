package io.tradehost.kernel.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.host.PluginCalls.Outcome;
import io.tradehost.api.host.PluginCalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
/**
 * Both modes of running a plugin's calls. The isolated one uses a real worker thread and a short
 * real-time budget; a blocked call is held by a latch, never by a sleep, so every outcome here is
 * certain whatever the machine's speed.
 */
class PluginCallsTest {
    private static final Duration BUDGET = Duration.ofMillis(50);
    private final WorkerCalls worker = new WorkerCalls("plugin strategy test BTC-PERP", BUDGET, BUDGET);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() {
        release.countDown();
        worker.close();
    }

    private static int deep(int n) {
        return deep(n + 1) + 1;
    }

    @Test
    void inlineCallsRunOnTheCallersThreadAndAreTimedWithTheGivenCounter() {
        long[] ticks = {100};
        PluginCalls inline = PluginCalls.inline(() -> ticks[0], Duration.ofMillis(5));
        Outcome<String> returned = inline.call(() -> {
            ticks[0] += 7_000_000;
            return Thread.currentThread().getName();
        });
        assertThat(returned).isEqualTo(new Outcome.Returned<>(Thread.currentThread().getName(), 7_000_000L));
        assertThat(inline.call(() -> {
            throw new AssertionError("bad");
        })).isInstanceOfSatisfying(Outcome.Threw.class, t -> assertThat(t.error()).hasMessage("bad"));
        assertThat(inline.call(() -> deep(0))).isInstanceOf(Outcome.Threw.class);
        assertThatThrownBy(() -> inline.call(() -> {
            throw new OutOfMemoryError("heap");
        })).isInstanceOf(OutOfMemoryError.class);
        assertThat(inline.isolated()).isFalse();
        assertThat(inline.budget()).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void isolatedCallsRunOneAtATimeOnTheirOwnWorkerInOrder() {
        List<String> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int n = i;
            Outcome<Integer> outcome = worker.call(() -> {
                threads.add(Thread.currentThread().getName());
                return n * n;
            });
            assertThat(outcome).isInstanceOfSatisfying(Outcome.Returned.class, r -> assertThat(r.value())
                    .isEqualTo(n * n));
        }
        assertThat(threads).containsOnly("plugin strategy test BTC-PERP").hasSize(3);
        assertThat(worker.isolated()).isTrue();
    }

    @Test
    void anythingAnIsolatedCallThrowsComesBackButAFailureOfTheJvmEndsTheCaller() {
        assertThat(worker.call(() -> deep(0))).isInstanceOfSatisfying(Outcome.Threw.class,
                t -> assertThat(t.error()).isInstanceOf(StackOverflowError.class));
        assertThat(worker.call(() -> {
            throw new NoClassDefFoundError("com/example/Gone");
        })).isInstanceOfSatisfying(Outcome.Threw.class, t -> assertThat(t.error()).isInstanceOf(LinkageError.class));
        assertThatThrownBy(() -> worker.call(() -> {
            throw new InternalError("jvm broken");
        })).isInstanceOf(InternalError.class);
    }

    @Test
    void aCallThatDoesNotReturnIsAbandonedAtTheBudgetThenRefusedUntilItReturnsAndItsAnswerIsDiscarded()
            throws InterruptedException {
        CountDownLatch finished = new CountDownLatch(1);
        Outcome<String> late = worker.call(() -> {
            await(release);
            finished.countDown();
            return "too late";
        });
        assertThat(late).isInstanceOfSatisfying(Outcome.Late.class,
                l -> assertThat(l.waitedNanos()).isGreaterThanOrEqualTo(BUDGET.toNanos()));
        assertThat(worker.call(() -> "next")).isInstanceOf(Outcome.Busy.class);
        assertThat(worker.isBusy()).isTrue();

        release.countDown();
        assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
        awaitNotBusy();
        assertThat(worker.lateAnswersDiscarded()).isEqualTo(1);
        assertThat(worker.call(() -> "next")).isInstanceOfSatisfying(Outcome.Returned.class,
                r -> assertThat(r.value()).isEqualTo("next"));
    }

    @Test
    void closingInterruptsACallStillRunningAndNeverWaitsForIt() throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);
        assertThat(worker.call(() -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return "stopped";
        })).isInstanceOf(Outcome.Late.class);
        worker.close();
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        awaitNotBusy();
        assertThat(worker.call(() -> "after close")).isInstanceOfSatisfying(Outcome.Threw.class,
                t -> assertThat(t.error()).hasMessageContaining("is closed"));
    }

    @Test
    void theCallerWaitsForASlowCallWithinTheBudgetAndIsWokenWhenItReturns() {
        WorkerCalls patient = new WorkerCalls("plugin strategy patient ETH-PERP", Duration.ofHours(1),
                Duration.ofHours(2));
        try {
            Thread caller = Thread.currentThread();
            long before = System.nanoTime();
            // the call returns only once its caller has parked waiting for it: a caller that gave up
            // early would see it late, and one never woken would wait the full hour
            Outcome<Thread> outcome = patient.call(() -> {
                awaitParked(caller);
                return Thread.currentThread();
            });
            long waited = System.nanoTime() - before;
            assertThat(outcome).isInstanceOfSatisfying(Outcome.Returned.class, r -> {
                Thread worker = (Thread) r.value();
                assertThat(worker.getName()).isEqualTo("plugin strategy patient ETH-PERP");
                assertThat(worker.isDaemon()).as("a hung plugin never keeps the JVM alive").isTrue();
                assertThat(r.nanos()).isBetween(0L, waited);
            });
            assertThat(patient.budget()).isEqualTo(Duration.ofHours(1));
            assertThat(patient.startupBudget()).isEqualTo(Duration.ofHours(2));
        } finally {
            patient.close();
        }
    }

    @Test
    void lateAndBusyOutcomesMeasureRealTime() {
        long before = System.nanoTime();
        Outcome<String> late = worker.call(() -> {
            await(release);
            return "late";
        });
        Outcome<String> busy = worker.call(() -> "refused");
        long elapsed = System.nanoTime() - before;
        assertThat(late).isInstanceOfSatisfying(Outcome.Late.class,
                l -> assertThat(l.waitedNanos()).isBetween(BUDGET.toNanos(), elapsed));
        assertThat(busy).isInstanceOfSatisfying(Outcome.Busy.class,
                b -> assertThat(b.runningNanos()).isBetween(BUDGET.toNanos(), elapsed));
    }

    @Test
    void anIdleWorkerParksInsteadOfSpinning() {
        Thread[] ran = new Thread[1];
        assertThat(worker.call(() -> {
            ran[0] = Thread.currentThread();
            return 1;
        })).isInstanceOf(Outcome.Returned.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ran[0].getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(ran[0].getState()).isEqualTo(Thread.State.WAITING);
    }

    /** Spins until {@code thread} is parked (waiting with a timeout), at most ten seconds. */
    private static void awaitParked(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    private void awaitNotBusy() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (worker.isBusy() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(worker.isBusy()).as("the abandoned call came back").isFalse();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.tradehost.api.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.host.PluginCalls.Outcome;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
class InlinePluginCallsTest {
    /** Each reading of the clock advances it 10 ns, so a call's time is exactly the readings it spans. */
    private final AtomicLong clock = new AtomicLong(1_000);
    private final PluginCalls calls = PluginCalls.inline(() -> clock.addAndGet(10), Duration.ofMillis(5));

    @Test
    void aReturnedCallCarriesItsValueAndTimeOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        List<Thread> ranOn = new ArrayList<>();
        Outcome<String> outcome = calls.call(() -> {
            ranOn.add(Thread.currentThread());
            clock.addAndGet(500);
            return "decided";
        });
        assertThat(outcome).isEqualTo(new Outcome.Returned<>("decided", 510L));
        assertThat(ranOn).containsExactly(caller);
    }

    @Test
    void anythingButAFatalFailureComesBackAsThrew() {
        List<Throwable> contained = List.of(new IllegalStateException("bad"), new AssertionError("assert"),
                new StackOverflowError(), new NoClassDefFoundError("com/acme/Missing"), new ExceptionInInitializerError());
        for (Throwable failure : contained) {
            Outcome<Object> outcome = calls.call(() -> {
                throw sneaky(failure);
            });
            assertThat(outcome).isEqualTo(new Outcome.Threw<>(failure, 10L));
        }
    }

    @Test
    void aFatalFailurePropagates() {
        OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
        assertThatThrownBy(() -> calls.call(() -> {
            throw oom;
        })).isSameAs(oom);
        InternalError internal = new InternalError("broken");
        assertThatThrownBy(() -> calls.call(() -> {
            throw internal;
        }, Duration.ofDays(1))).isSameAs(internal);
    }

    @Test
    void inlineCallsAreTimedNotBoundedAndHaveNothingToRelease() {
        assertThat(calls.isolated()).isFalse();
        assertThat(calls.budget()).isEqualTo(Duration.ofMillis(5));
        assertThat(calls.startupBudget()).isEqualTo(Duration.ofMillis(5));
        Outcome<Integer> slow = calls.call(() -> {
            clock.addAndGet(Duration.ofSeconds(1).toNanos());
            return 1;
        }, Duration.ofMillis(1));
        assertThat(slow).isEqualTo(new Outcome.Returned<>(1, 1_000_000_010L));
        calls.close();
        calls.close();
        assertThat(calls.call(() -> 2)).isInstanceOf(Outcome.Returned.class);
        assertThat(calls.lateAnswersDiscarded()).isZero();
    }

    @Test
    void startReturnsTheValueOrRethrowsWhatTheBodyThrew() {
        assertThat(calls.start(() -> "venue", "venue 'paper'")).isEqualTo("venue");
        IllegalArgumentException refused = new IllegalArgumentException("bad key");
        assertThatThrownBy(() -> calls.start(() -> {
            throw refused;
        }, "guard 'g'")).isSameAs(refused);
        AssertionError error = new AssertionError("plugin assert");
        assertThatThrownBy(() -> calls.start(() -> {
            throw error;
        }, "guard 'g'")).isSameAs(error);
        Exception checked = new IOException("disk");
        assertThatThrownBy(() -> calls.start(() -> {
            throw sneaky(checked);
        }, "guard 'g'")).isInstanceOf(IllegalStateException.class).hasMessage("IOException: disk").hasCause(checked);
    }

    @Test
    void startRefusesACallThatIsLateOrBusyNamingThePlugin() {
        assertThatThrownBy(() -> scripted(new Outcome.Late<>(1)).start(() -> "x", "strategy 'slow'"))
                .isInstanceOf(StartupException.class).hasMessage("strategy 'slow' did not start within 30000 ms");
        assertThatThrownBy(() -> scripted(new Outcome.Busy<>(1)).start(() -> "x", "strategy 'slow'"))
                .isInstanceOf(StartupException.class).hasMessage("strategy 'slow' is still busy starting");
    }

    @Test
    void theInlineIsolationGivesEveryPluginInlineCalls() {
        PluginCalls made = PluginIsolation.inline().calls("strategy", "ma-crossover", "BTC-USD");
        assertThat(made.isolated()).isFalse();
        assertThat(made.call(() -> 3)).isEqualTo(new Outcome.Returned<>(3, 0L));
    }

    /** Calls that answer every call with {@code outcome}, as an isolated worker would. */
    private static PluginCalls scripted(Outcome<?> outcome) {
        return new PluginCalls() {
            @SuppressWarnings("unchecked")
            @Override
            public <T> Outcome<T> call(Supplier<T> body) {
                return (Outcome<T>) outcome;
            }

            @Override
            public <T> Outcome<T> call(Supplier<T> body, Duration budget) {
                return call(body);
            }

            @Override
            public boolean isolated() {
                return true;
            }

            @Override
            public Duration budget() {
                return Duration.ofMillis(5);
            }

            @Override
            public Duration startupBudget() {
                return Duration.ofSeconds(30);
            }

            @Override
            public long lateAnswersDiscarded() {
                return 0;
            }

            @Override
            public void close() {
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable failure) throws E {
        throw (E) failure;
    }
}

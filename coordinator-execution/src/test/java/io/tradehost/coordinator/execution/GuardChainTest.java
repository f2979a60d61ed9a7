package io.tradehost.coordinator.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.guard.Guard;
import io.tradehost.api.guard.GuardFactory;
import io.tradehost.api.guard.GuardVerdict;
import io.tradehost.api.guard.OrderCheck;
import io.tradehost.api.host.PluginCalls;
import io.tradehost.api.host.PluginCalls.Outcome;
import io.tradehost.api.host.PluginIsolation;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.Position;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.kernel.isolation.WorkerCalls;
import io.tradehost.testkit.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
class GuardChainTest {
    private static GuardFactory factory(String name) {
        return new GuardFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return name;
            }

            @Override
            public Guard create(PluginConfig config) {
                boolean on = config.bool("on", true);
                return check -> on ? GuardVerdict.ALLOW : GuardVerdict.reject("OFF", "off");
            }
        };
    }

    @Test
    void createsTheGuardsInConfiguredOrder() {
        GuardChain chain = GuardChain.create(List.of(factory("a"), factory("b"), factory("c")), List.of("c", "a"),
                name -> PluginConfig.empty("guards.config." + name), PluginIsolation.inline());
        assertThat(chain.names()).containsExactly("c", "a");
    }

    @Test
    void anUnknownGuardOrKeyIsAConfigError() {
        assertThatThrownBy(() -> GuardChain.create(List.of(factory("a")), List.of("zzz"),
                name -> PluginConfig.empty("guards.config." + name), PluginIsolation.inline())).isInstanceOf(ConfigException.class)
                .hasMessage("guards.order: no guard plugin named 'zzz' (found: a)");
        assertThatThrownBy(() -> GuardChain.create(List.of(factory("a")), List.of("a"),
                name -> new PluginConfig("guards.config." + name, Map.of("of", true)), PluginIsolation.inline()))
                .hasMessage("guards.config.a.of: unknown key for guard 'a'");
    }

    @Test
    void aRebuildKeepsTheGuardsWhoseBlockDidNotChangeAndClosesTheOnesLeftOut() {
        List<String> closed = new ArrayList<>();
        PluginIsolation counting = (kind, name, instance) -> new ClosingCalls(name, closed);
        List<GuardFactory> factories = List.of(factory("a"), factory("b"), factory("c"));
        GuardChain chain = GuardChain.create(factories, List.of("a", "b", "c"),
                name -> PluginConfig.empty("guards.config." + name), counting);

        GuardChain next = chain.rebuild(factories, List.of("c", "b"), name -> name.equals("b")
                ? new PluginConfig("guards.config.b", Map.of("on", false)) : PluginConfig.empty("guards.config." + name),
                Set.of("b"), counting);

        assertThat(next.names()).containsExactly("c", "b");
        assertThat(next.named().get(0)).isSameAs(chain.named().get(2));
        assertThat(next.named().get(1)).isNotSameAs(chain.named().get(1));
        assertThat(next.check(check()).guard()).isEqualTo("b");
        assertThat(chain.check(check()).allowed()).as("the old chain is untouched").isTrue();
        assertThat(closed).containsExactlyInAnyOrder("a", "b");
        assertThatThrownBy(() -> next.rebuild(factories, List.of("zzz"), n -> PluginConfig.empty("x"),
                Set.of(), counting)).isInstanceOf(ConfigException.class);
        assertThat(next.names()).containsExactly("c", "b");
    }

    /** Inline calls that note when they are closed. */
    private record ClosingCalls(String name, List<String> closed) implements PluginCalls {
        private static final PluginCalls INLINE = PluginCalls.inline(() -> 0L, Duration.ofDays(1));

        @Override
        public <T> Outcome<T> call(Supplier<T> body) {
            return INLINE.call(body);
        }

        @Override
        public <T> Outcome<T> call(Supplier<T> body, Duration budget) {
            return INLINE.call(body, budget);
        }

        @Override
        public boolean isolated() {
            return false;
        }

        @Override
        public Duration budget() {
            return INLINE.budget();
        }

        @Override
        public Duration startupBudget() {
            return INLINE.startupBudget();
        }

        @Override
        public long lateAnswersDiscarded() {
            return 0;
        }

        @Override
        public void close() {
            closed.add(name);
        }
    }

    private static OrderCheck check() {
        Product btc = Fixtures.perpetual("BTC-PERP");
        return new OrderCheck(OrderRequest.market(ClientOrderId.of("r-1"), btc.symbol(), Side.BUY, Quantity.of("1")),
                btc, Fixtures.mark("BTC-PERP", "100"), Position.flat(btc.symbol()), Money.of("1000"), Money.ZERO,
                TradingState.ACTIVE, 0);
    }

    @Test
    void anIsolatedGuardThatHangsFailsClosedWithinItsBudgetAndIsBusyUntilItReturns() {
        CountDownLatch release = new CountDownLatch(1);
        WorkerCalls worker = new WorkerCalls("plugin guard slow", Duration.ofMillis(100), Duration.ofMillis(100));
        try {
            GuardChain chain = new GuardChain(List.of(new GuardChain.Named("slow", c -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return GuardVerdict.ALLOW;
            }, worker), new GuardChain.Named("never-reached", c -> {
                throw new AssertionError("not asked after a rejection");
            })));
            long before = System.nanoTime();
            GuardChain.Result late = chain.check(check());
            assertThat(late.guard()).isEqualTo("slow");
            assertThat(late.verdict()).isEqualTo(GuardVerdict.reject(RejectionCode.GUARD_FAILURE,
                    "guard 'slow' did not answer within its budget of 100 ms"));
            String busy = chain.check(check()).verdict().message();
            long elapsedMillis = (System.nanoTime() - before) / 1_000_000;
            assertThat(busy).matches("guard 'slow' is still busy with an earlier check \\(\\d+ ms\\)");
            assertThat(Long.parseLong(busy.replaceAll("\\D+", ""))).isBetween(100L, elapsedMillis);
        } finally {
            release.countDown();
            worker.close();
        }
    }

    @Test
    void aGuardsErrorIsAGuardFailureButItsOutOfRangeArithmeticIsTheOrdersFault() {
        GuardChain chain = new GuardChain(List.of(new GuardChain.Named("assert", c -> {
            throw new AssertionError("invariant");
        })));
        assertThat(chain.check(check()).verdict()).isEqualTo(GuardVerdict.reject(RejectionCode.GUARD_FAILURE,
                "guard 'assert' threw AssertionError: invariant"));
        GuardChain overflow = new GuardChain(List.of(new GuardChain.Named("big", c -> {
            Money.of("9".repeat(28)).plus(Money.of("9".repeat(28)));
            return GuardVerdict.ALLOW;
        })));
        assertThat(overflow.check(check()).verdict().code()).isEqualTo(RejectionCode.VALUE_OUT_OF_RANGE);
    }

    /** A guard that allows every order and notes the cancels it is told of, or throws {@code failure} when told. */
    private static Guard hearing(String name, List<String> heard, RuntimeException failure) {
        return new Guard() {
            @Override
            public GuardVerdict check(OrderCheck check) {
                return GuardVerdict.ALLOW;
            }

            @Override
            public void onCancelSent(OrderRequest order, long nowNanos) {
                if (failure != null) {
                    throw failure;
                }
                heard.add(name + " " + order.clientOrderId() + " " + nowNanos);
            }
        };
    }

    @Test
    void everyGuardHearsEachCancelAndOneThatFailsOnItFailsClosedOnceAtItsNextCheck() {
        List<String> heard = new ArrayList<>();
        GuardChain chain = new GuardChain(List.of(new GuardChain.Named("first", hearing("first", heard, null)),
                new GuardChain.Named("broken", hearing("broken", heard, new IllegalStateException("lost count"))),
                new GuardChain.Named("last", hearing("last", heard, null)),
                new GuardChain.Named("plain", c -> GuardVerdict.ALLOW)));
        chain.cancelSent(check().order(), 7);
        assertThat(heard).as("every guard, in order, though one failed").containsExactly("first r-1 7", "last r-1 7");
        assertThat(chain.check(check())).isEqualTo(new GuardChain.Result("broken", GuardVerdict.reject(
                RejectionCode.GUARD_FAILURE, "guard 'broken' may have missed a cancel: it threw IllegalStateException:"
                        + " lost count")));
        assertThat(chain.check(check()).allowed()).as("once").isTrue();
    }

    @Test
    void anIsolatedGuardHearsTheCancelOnItsWorkerAsItIsChecked() {
        List<String> threads = new ArrayList<>();
        WorkerCalls worker = new WorkerCalls("plugin guard counting", Duration.ofSeconds(5), Duration.ofSeconds(5));
        try {
            GuardChain chain = new GuardChain(List.of(new GuardChain.Named("counting", new Guard() {
                @Override
                public GuardVerdict check(OrderCheck check) {
                    threads.add("check on " + Thread.currentThread().getName());
                    return GuardVerdict.ALLOW;
                }

                @Override
                public void onCancelSent(OrderRequest order, long nowNanos) {
                    threads.add("cancel on " + Thread.currentThread().getName());
                }
            }, worker)));
            chain.cancelSent(check().order(), 1);
            assertThat(chain.check(check()).allowed()).isTrue();
            assertThat(threads).containsExactly("cancel on plugin guard counting", "check on plugin guard counting");
        } finally {
            worker.close();
        }
    }

    @Test
    void aGuardLateOrBusyWithACancelFailsClosedAtItsNextCheckAlsoWhenARebuildKeepsIt() {
        List<GuardFactory> factories = List.of(factory("late"), factory("busy"));
        PluginIsolation failingOnce = (kind, name, instance) -> new FailingOnceCalls(name.equals("late")
                ? new Outcome.Late<>(250_000_000L) : new Outcome.Busy<>(1_000_000L));
        GuardChain chain = GuardChain.create(factories, List.of("late", "busy"),
                name -> PluginConfig.empty("guards.config." + name), failingOnce);
        chain.cancelSent(check().order(), 7);

        GuardChain next = chain.rebuild(factories, List.of("busy", "late"),
                name -> PluginConfig.empty("guards.config." + name), Set.of("busy"), PluginIsolation.inline());
        assertThat(next.check(check())).as("the replaced guard starts afresh, the kept one still fails closed")
                .isEqualTo(new GuardChain.Result("late", GuardVerdict.reject(RejectionCode.GUARD_FAILURE,
                        "guard 'late' may have missed a cancel: it did not answer within its budget of 1000 ms")));
        assertThat(next.check(check()).allowed()).isTrue();
        assertThat(chain.check(check()).verdict().message()).as("the old chain's own record")
                .isEqualTo("guard 'late' may have missed a cancel: it did not answer within its budget of 1000 ms");
        assertThat(chain.check(check()).verdict().message())
                .isEqualTo("guard 'busy' may have missed a cancel: it was still busy with an earlier call");
    }

    /**
     * Inline calls whose first call within the default budget (a check or a cancel notice, not the
     * factory's start) answers {@code first} without running, as a hung worker would.
     */
    private static final class FailingOnceCalls implements PluginCalls {
        private static final PluginCalls INLINE = PluginCalls.inline(() -> 0L, Duration.ofSeconds(1));
        private Outcome<?> first;

        FailingOnceCalls(Outcome<?> first) {
            this.first = first;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> Outcome<T> call(Supplier<T> body) {
            Outcome<?> answer = first;
            first = null;
            return answer != null ? (Outcome<T>) answer : INLINE.call(body);
        }

        @Override
        public <T> Outcome<T> call(Supplier<T> body, Duration budget) {
            return INLINE.call(body, budget);
        }

        @Override
        public boolean isolated() {
            return true;
        }

        @Override
        public Duration budget() {
            return INLINE.budget();
        }

        @Override
        public Duration startupBudget() {
            return INLINE.startupBudget();
        }

        @Override
        public long lateAnswersDiscarded() {
            return 0;
        }

        @Override
        public void close() {
            // nothing runs
        }
    }
}

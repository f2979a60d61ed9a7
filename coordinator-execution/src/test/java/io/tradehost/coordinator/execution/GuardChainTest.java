package io.tradehost.coordinator.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.guard.Guard;
import io.tradehost.api.guard.GuardFactory;
import io.tradehost.api.guard.GuardVerdict;
import io.tradehost.api.guard.OrderCheck;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
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
}

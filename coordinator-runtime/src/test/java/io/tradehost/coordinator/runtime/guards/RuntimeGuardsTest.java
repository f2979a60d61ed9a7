package io.tradehost.coordinator.runtime.guards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.command.CancelOrders;
import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.event.Event;
import io.tradehost.api.event.MarkUpdated;
import io.tradehost.api.event.Message;
import io.tradehost.api.guard.DataUnavailableException;
import io.tradehost.api.guard.RuntimeGuard;
import io.tradehost.api.guard.RuntimeGuardContext;
import io.tradehost.api.guard.RuntimeGuardFactory;
import io.tradehost.api.host.PluginIsolation;
import io.tradehost.api.order.Position;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.coordinator.runtime.guards.HostGuardContext;
import io.tradehost.coordinator.runtime.guards.RuntimeGuards;
import io.tradehost.coordinator.runtime.state.TradingStateMachine;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.kernel.isolation.WorkerCalls;
import io.tradehost.testkit.Fixtures;
import io.tradehost.testkit.ScriptedVenue;
import io.tradehost.testkit.StubMarket;
import io.tradehost.testkit.StubPortfolio;
import io.tradehost.testkit.StubVenueAccess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
class RuntimeGuardsTest {
    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final Kernel kernel = new Kernel(clock);
    private final TradingStateMachine state = new TradingStateMachine(kernel, clock, kernel);
    private final ScriptedVenue venue = new ScriptedVenue(List.of(Fixtures.perpetual("BTC-PERP")));
    private final HostGuardContext context = new HostGuardContext(clock, new StubPortfolio(Money.of("1000")),
            new StubMarket(), new StubVenueAccess(venue, venue.products()), state, kernel);
    private final List<String> log = new ArrayList<>();
    private final List<String> created = new ArrayList<>();

    private RuntimeGuardFactory factory(String name, Consumer<RuntimeGuardContext> body) {
        return named(name, (config, ctx) -> {
            config.bool("known", false);
            created.add(name);
            return new RuntimeGuard() {
                @Override
                public Duration interval() {
                    return Duration.ofSeconds(10);
                }

                @Override
                public void evaluate() {
                    log.add(name);
                    body.accept(ctx);
                }

                @Override
                public void onEvent(Event event) {
                    log.add(name + " saw " + event.getClass().getSimpleName());
                }
            };
        });
    }

    /** A factory of {@code name} whose guards {@code create} makes from the context. */
    private static RuntimeGuardFactory named(String name,
                                             java.util.function.BiFunction<PluginConfig, RuntimeGuardContext,
                                                     RuntimeGuard> create) {
        return new RuntimeGuardFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return name;
            }

            @Override
            public List<String> keys() {
                return List.of();
            }

            @Override
            public RuntimeGuard create(PluginConfig config, RuntimeGuardContext ctx) {
                return create.apply(config, ctx);
            }
        };
    }

    /** A guard that says until when its verdict stays the same ({@code null}: its answer throws). */
    private RuntimeGuardFactory foreseeing(String name, java.util.function.LongSupplier until) {
        return named(name, (config, ctx) -> new RuntimeGuard() {
            @Override
            public Duration interval() {
                return Duration.ofSeconds(10);
            }

            @Override
            public void evaluate() {
                log.add(name);
            }

            @Override
            public long sameVerdictUntilNanos() {
                if (until == null) {
                    throw new IllegalStateException("no answer");
                }
                return until.getAsLong();
            }
        });
    }

    private RuntimeGuards guards(RuntimeGuardFactory... factories) {
        return RuntimeGuards.create(List.of(factories), List.of(factories).stream().map(RuntimeGuardFactory::name)
                .toList(), name -> PluginConfig.empty("runtime_guards.config." + name), context, state, clock,
                PluginIsolation.inline());
    }

    @Test
    void guardsRunOnTheirTimerAndSeeEveryEventUntilStopped() {
        RuntimeGuards guards = guards(factory("a", ctx -> { }), factory("b", ctx -> { }));
        guards.start(kernel);
        kernel.advanceBy(Duration.ofSeconds(20));
        guards.onEvent(new MarkUpdated(Fixtures.mark("BTC-PERP", "1")));
        guards.stop();
        kernel.advanceBy(Duration.ofSeconds(20));
        assertThat(log).containsExactly("a", "b", "a", "b", "a saw MarkUpdated", "b saw MarkUpdated");
        assertThat(guards.names()).containsExactly("a", "b");
    }

    @Test
    void aGuardIsCheckedAfterAnEventOrOnceTheInstantItNamedHasComeAndAtEveryTickOtherwise() {
        long start = clock.nanos();
        RuntimeGuards guards = guards(foreseeing("equity", () -> RuntimeGuard.UNTIL_AN_EVENT),
                foreseeing("day", () -> start + Duration.ofSeconds(35).toNanos()), factory("clock", ctx -> { }),
                foreseeing("unsure", null));
        guards.start(kernel);
        kernel.advanceBy(Duration.ofSeconds(40)); // ticks at 10 .. 40: "day" again at 40, past its instant
        guards.onEvent(new MarkUpdated(Fixtures.mark("BTC-PERP", "1")));
        kernel.advanceBy(Duration.ofSeconds(20)); // the mark: each checked at 50, then only those that must
        guards.stop();
        assertThat(log).containsExactly("equity", "day", "clock", "unsure", "clock", "unsure", "clock", "unsure",
                "day", "clock", "unsure", "clock saw MarkUpdated", "equity", "day", "clock", "unsure", "day", "clock",
                "unsure");
        assertThat(guards.skippedChecks()).isEqualTo(6);
        assertThat(guards.failures()).as("an answer that throws fails like a check that throws")
                .containsOnlyKeys("unsure");
    }

    @Test
    void aReconfigureKeepsUnchangedGuardsCreatesNewOnesAndRestartsTheTimers() {
        List<RuntimeGuardFactory> factories = List.of(factory("a", ctx -> { }), factory("b", ctx -> { }),
                factory("c", ctx -> { }));
        RuntimeGuards guards = RuntimeGuards.create(factories, List.of("a", "b"),
                name -> PluginConfig.empty("runtime_guards.config." + name), context, state, clock,
                PluginIsolation.inline());
        guards.start(kernel);
        kernel.advanceBy(Duration.ofSeconds(10));

        guards.reconfigure(factories, List.of("b", "c"), name -> PluginConfig.empty("runtime_guards.config." + name),
                Set.of(), PluginIsolation.inline());
        kernel.advanceBy(Duration.ofSeconds(10));
        guards.reconfigure(factories, List.of("b", "c"), name -> PluginConfig.empty("runtime_guards.config." + name),
                Set.of("b"), PluginIsolation.inline());

        assertThat(guards.names()).containsExactly("b", "c");
        assertThat(created).containsExactly("a", "b", "c", "b");
        assertThat(log).containsExactly("a", "b", "b", "c");
        assertThatThrownBy(() -> guards.reconfigure(factories, List.of("zz"),
                name -> PluginConfig.empty("runtime_guards.config." + name), Set.of(), PluginIsolation.inline()))
                .isInstanceOf(ConfigException.class);
        assertThat(guards.names()).as("a refused order changes nothing").containsExactly("b", "c");
        guards.stop();
        kernel.advanceBy(Duration.ofSeconds(30));
        assertThat(log).as("stopped: the timers are gone").containsExactly("a", "b", "b", "c");
    }

    @Test
    void missingDataIsRetriedAndAFailureFailsClosed() {
        RuntimeGuards guards = guards(factory("blind", ctx -> {
            throw new DataUnavailableException("no equity yet");
        }), factory("buggy", ctx -> {
            throw new IllegalStateException("bug");
        }));
        guards.start(kernel);
        kernel.advanceBy(Duration.ofSeconds(30));
        assertThat(guards.dataMisses()).containsEntry("blind", 3L);
        assertThat(guards.failures()).containsEntry("buggy", 3L);
        assertThat(state.state()).isEqualTo(TradingState.REDUCE_ONLY);
        assertThat(state.reasons()).extracting(r -> r.code().value()).containsExactly("guard_failure.buggy");
        assertThat(state.reasons().getFirst().message()).isEqualTo("runtime guard 'buggy' threw IllegalStateException: bug");
    }

    @Test
    void unknownGuardsAndKeysAreConfigErrors() {
        assertThatThrownBy(() -> RuntimeGuards.create(List.of(factory("a", ctx -> { })), List.of("zz"),
                name -> PluginConfig.empty("x"), context, state, clock, PluginIsolation.inline())).isInstanceOf(ConfigException.class)
                .hasMessage("runtime_guards.order: no runtime guard plugin named 'zz' (found: a)");
        assertThatThrownBy(() -> RuntimeGuards.create(List.of(factory("a", ctx -> { })), List.of("a"),
                name -> new PluginConfig("runtime_guards.config.a", Map.of("knwon", true)), context, state, clock,
                PluginIsolation.inline()))
                .hasMessage("runtime_guards.config.a.knwon: unknown key for runtime guard 'a'");
    }

    @Test
    void theContextRaisesClearsAndAsksExecutionToCancelOpenOrders() {
        List<Message> sent = new ArrayList<>();
        kernel.observe(sent::add);
        kernel.own(CancelOrders.class, "execution", Kernel.FailurePolicy.LOG_AND_COUNT, c -> { });
        context.cancelOpenOrders("test");
        kernel.runUntilIdle();
        assertThat(sent).containsExactly(new CancelOrders(null, "test", clock.nanos()));
        assertThat(context.raise(new StateReason(ReasonCode.of("x"), ReasonSource.DAILY_LOSS, TradingState.REDUCE_ONLY, "m",
                Map.of(), 0))).isTrue();
        assertThat(context.isActive(ReasonCode.of("x"))).isTrue();
        assertThat(context.clear(ReasonCode.of("x"))).isTrue();
        assertThat(context.isActive(ReasonCode.of("x"))).isFalse();
        assertThat(context.symbols()).containsExactly(Symbol.of("BTC-PERP"));
        assertThat(context.clock()).isSameAs(clock);
        assertThat(context.portfolio().equity()).isEqualTo(Money.of("1000"));
        assertThat(context.market().lastMark(Symbol.of("BTC-PERP"))).isNull();
    }

    /** A guard that only evaluates (does not override onEvent). */
    private RuntimeGuardFactory evaluating(String name, Consumer<RuntimeGuardContext> body) {
        return named(name, (config, ctx) -> new RuntimeGuard() {
            @Override
            public Duration interval() {
                return Duration.ofSeconds(10);
            }

            @Override
            public void evaluate() {
                log.add(name + " on " + Thread.currentThread().getName());
                body.accept(ctx);
            }
        });
    }

    private final List<WorkerCalls> workers = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stopWorkers() {
        release.countDown();
        workers.forEach(WorkerCalls::close);
    }

    private RuntimeGuards isolated(RuntimeGuardFactory... factories) {
        return RuntimeGuards.create(List.of(factories), List.of(factories).stream().map(RuntimeGuardFactory::name)
                .toList(), name -> PluginConfig.empty("runtime_guards.config." + name), context, state, clock,
                isolation());
    }

    @Test
    void onlyGuardsThatLookAtEventsAreShownThem() {
        RuntimeGuards guards = guards(factory("watcher", ctx -> { }), evaluating("timer-only", ctx -> { }));
        guards.onEvent(new MarkUpdated(Fixtures.mark("BTC-PERP", "1")));
        assertThat(log).containsExactly("watcher saw MarkUpdated");
    }

    @Test
    void anIsolatedGuardReadsACopyOfTheHostAndWhatItRaisesIsDoneOnceItReturns() {
        RuntimeGuards guards = isolated(evaluating("far", ctx -> {
            if (ctx.portfolio().equity().isLessThan(Money.of("5000")) && !ctx.isActive(ReasonCode.of("far.low"))) {
                assertThat(ctx.raise(new StateReason(ReasonCode.of("far.low"), ReasonSource.DRAWDOWN,
                        TradingState.REDUCE_ONLY, "equity " + ctx.portfolio().equity(), Map.of(), 0))).isTrue();
                assertThat(ctx.isActive(ReasonCode.of("far.low"))).isTrue();
                assertThat(ctx.clear(ReasonCode.of("never.raised"))).isFalse();
                ctx.cancelOpenOrders("equity low");
            }
            assertThat(ctx.market().lastMark(Symbol.of("BTC-PERP"))).isNull();
            assertThat(ctx.market().recentMarks(Symbol.of("BTC-PERP"))).isEmpty();
            assertThat(ctx.portfolio().position(Symbol.of("BTC-PERP")).isFlat()).isTrue();
        }));
        List<Message> sent = new ArrayList<>();
        kernel.observe(sent::add);
        kernel.own(CancelOrders.class, "execution", Kernel.FailurePolicy.LOG_AND_COUNT, c -> { });
        guards.start(kernel);
        kernel.advanceBy(Duration.ofSeconds(10));
        assertThat(state.reasons()).as("equity 1000 is low").extracting(r -> r.code().value())
                .containsExactly("far.low");
        assertThat(sent).contains(new CancelOrders(null, "equity low", clock.nanos()));
        assertThat(log).containsExactly("far on plugin runtime-guard far");
        kernel.advanceBy(Duration.ofSeconds(10));
        assertThat(state.reasons()).hasSize(1);
        assertThat(guards.failures()).isEmpty();
    }

    @Test
    void anIsolatedGuardThatHangsFailsClosedAndWhatItDoesLateIsDropped() throws InterruptedException {
        CountDownLatch hanging = new CountDownLatch(1);
        CountDownLatch raisedLate = new CountDownLatch(1);
        RuntimeGuards guards = isolated(evaluating("stuck", ctx -> {
            hanging.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ctx.raise(new StateReason(ReasonCode.of("stuck.late"), ReasonSource.DRAWDOWN, TradingState.HALTED, "late",
                    Map.of(), 0));
            raisedLate.countDown();
        }));
        guards.start(kernel);
        kernel.advanceBy(Duration.ofSeconds(10));
        assertThat(hanging.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(state.reasons()).extracting(r -> r.code().value()).containsExactly("guard_failure.stuck");
        assertThat(state.reasons().getFirst().message())
                .isEqualTo("runtime guard 'stuck' did not answer within its budget of 100 ms");
        kernel.advanceBy(Duration.ofSeconds(10));
        assertThat(guards.failures()).containsEntry("stuck", 2L);
        release.countDown();
        assertThat(raisedLate.await(10, TimeUnit.SECONDS)).isTrue();
        kernel.runUntilIdle();
        assertThat(state.state()).as("the late call's halt is never applied").isEqualTo(TradingState.REDUCE_ONLY);
    }

    @Test
    void anIsolatedGuardSeesTheHostAsItWasWhenCalledAndItsChangesAreCarriedOut() {
        Symbol btc = Symbol.of("BTC-PERP");
        StubMarket market = new StubMarket().put(Fixtures.mark("BTC-PERP", "100")).put(Fixtures.mark("BTC-PERP", "101"));
        StubPortfolio portfolio = new StubPortfolio(Money.of("2000")).position(Position.flat(btc).apply(Side.BUY,
                Quantity.of("2"), Price.ofUnits(100), Money.ZERO));
        HostGuardContext host = new HostGuardContext(clock, portfolio, market,
                new StubVenueAccess(venue, venue.products()), state, kernel);
        ReasonCode held = ReasonCode.of("ops.hold");
        ReasonCode raised = ReasonCode.of("far.raised");
        state.raise(new StateReason(held, ReasonSource.OPERATOR, TradingState.REDUCE_ONLY, "held", Map.of(), 0));
        List<Object> seen = new ArrayList<>();
        RuntimeGuards guards = RuntimeGuards.create(List.of(evaluating("far", ctx -> {
            seen.add(ctx.clock() == clock);
            seen.add(ctx.symbols());
            seen.add(ctx.market().lastMark(btc).price());
            seen.add(ctx.market().recentMarks(btc));
            seen.add(ctx.portfolio().position(btc).quantity());
            seen.add(ctx.portfolio().position(Symbol.of("ETH-PERP")).isFlat());
            seen.add(ctx.portfolio().equity());
            seen.add(ctx.isActive(held));
            seen.add(ctx.isActive(raised));
            seen.add(ctx.raise(new StateReason(held, ReasonSource.DRAWDOWN, TradingState.HALTED, "again", Map.of(), 0)));
            seen.add(ctx.clear(held));
            seen.add(ctx.clear(held));
            seen.add(ctx.raise(new StateReason(raised, ReasonSource.DRAWDOWN, TradingState.REDUCE_ONLY, "far", Map.of(),
                    0)));
        })), List.of("far"), PluginConfig::empty, host, state, clock, isolation());
        guards.start(kernel);
        kernel.advanceBy(Duration.ofSeconds(10));
        assertThat(seen).containsExactly(true, List.of(btc), Price.of("101"), List.of(Price.of("100"), Price.of("101")),
                Quantity.of("2"), true, Money.of("2000"), true, false, false, true, false, true);
        assertThat(state.reasons()).extracting(StateReason::code).containsExactly(raised);
    }

    @Test
    void whatAnIsolatedGuardDidBeforeItThrewIsCarriedOutAndItFailsClosed() {
        RuntimeGuards guards = isolated(evaluating("half", ctx -> {
            ctx.raise(new StateReason(ReasonCode.of("half.done"), ReasonSource.DRAWDOWN, TradingState.REDUCE_ONLY, "done",
                    Map.of(), 0));
            throw new IllegalStateException("then a bug");
        }));
        guards.start(kernel);
        kernel.advanceBy(Duration.ofSeconds(10));
        assertThat(state.reasons()).extracting(r -> r.code().value()).containsExactly("half.done", "guard_failure.half");
    }

    @Test
    void aGuardStillBusyWithAnAbandonedCallFailsClosedSayingHowLongItHasRun() throws InterruptedException {
        CountDownLatch hanging = new CountDownLatch(1);
        RuntimeGuards guards = isolated(evaluating("stuck", ctx -> {
            hanging.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        guards.start(kernel);
        long before = System.nanoTime();
        kernel.advanceBy(Duration.ofSeconds(10));
        assertThat(hanging.await(10, TimeUnit.SECONDS)).isTrue();
        state.clear(ReasonCode.guardFailure("stuck"), "test");
        kernel.advanceBy(Duration.ofSeconds(10));
        long elapsedMillis = (System.nanoTime() - before) / 1_000_000;
        String message = state.reasons().getFirst().message();
        assertThat(message).matches("runtime guard 'stuck' is still busy with an earlier call \\(\\d+ ms\\)");
        long ranMillis = Long.parseLong(message.replaceAll("\\D+", ""));
        assertThat(ranMillis).isBetween(100L, elapsedMillis);
    }

    @Test
    void theHostContextSaysWhetherARaiseOrAClearChangedAnything() {
        StateReason reason = new StateReason(ReasonCode.of("x"), ReasonSource.DAILY_LOSS, TradingState.REDUCE_ONLY, "m",
                Map.of(), 0);
        assertThat(context.raise(reason)).isTrue();
        assertThat(context.raise(reason)).isFalse();
        assertThat(context.isActive(ReasonCode.of("y"))).isFalse();
        assertThat(context.reasons()).containsExactly(reason);
        assertThat(context.clear(ReasonCode.of("x"))).isTrue();
        assertThat(context.clear(ReasonCode.of("x"))).isFalse();
    }

    private PluginIsolation isolation() {
        return (kind, name, instance) -> {
            WorkerCalls w = new WorkerCalls("plugin " + kind + " " + name, Duration.ofMillis(100),
                    Duration.ofMillis(100));
            workers.add(w);
            return w;
        };
    }
}

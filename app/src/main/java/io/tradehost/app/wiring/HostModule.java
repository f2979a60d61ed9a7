package io.tradehost.app.wiring;

import dagger.Lazy;
import dagger.Module;
import dagger.Provides;
import io.tradehost.api.host.HealthRegistry;
import io.tradehost.api.host.PortfolioView;
import io.tradehost.api.journal.OrderJournal;
import io.tradehost.api.time.Clock;
import io.tradehost.api.venue.VenueFactory;
import io.tradehost.app.config.HostConfig;
import io.tradehost.app.host.CoordinatorRegistry;
import io.tradehost.app.host.Host;
import io.tradehost.app.plugins.IsolationPolicy;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.app.reload.LiveConfig;
import io.tradehost.coordinator.execution.ExecutionCoordinator;
import io.tradehost.coordinator.execution.GuardChain;
import io.tradehost.coordinator.runtime.RuntimeCoordinator;
import io.tradehost.coordinator.runtime.RuntimeSettings;
import io.tradehost.coordinator.runtime.guards.HostGuardContext;
import io.tradehost.coordinator.runtime.guards.RuntimeGuards;
import io.tradehost.coordinator.runtime.operator.OperatorConsole;
import io.tradehost.coordinator.runtime.state.TradingStateMachine;
import io.tradehost.coordinator.runtime.venue.VenueBootstrap;
import io.tradehost.coordinator.strategy.StrategyCoordinator;
import io.tradehost.coordinator.telemetry.MarkBook;
import io.tradehost.coordinator.telemetry.TelemetryCoordinator;
import io.tradehost.faults.FaultInjection;
import io.tradehost.journal.Durability;
import io.tradehost.journal.JournalStore;
import io.tradehost.journal.SqlJournal;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.VenueEventAdapter;
import io.tradehost.kernel.VirtualClock;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
/**
 * How the host is put together. The only place that knows the concrete coordinator classes; they
 * reach each other only through the api contracts given here.
 */
@Module
final class HostModule {
    private HostModule() {
    }

    @Provides
    @Singleton
    static Kernel kernel(Clock clock) {
        return new Kernel(clock);
    }

    @Provides
    @Singleton
    static TradingStateMachine tradingState(Kernel kernel, Clock clock) {
        return new TradingStateMachine(kernel, clock, kernel);
    }

    @Provides
    @Singleton
    static OperatorConsole operator(TradingStateMachine state, Clock clock, Kernel kernel, HostConfig config) {
        return new OperatorConsole(state, clock, kernel, kernel, Set.copyOf(config.symbols()));
    }

    @Provides
    @Singleton
    static VenueBootstrap venues(PluginCatalog plugins, HostConfig config, HostInputs inputs, Kernel kernel,
                                 Clock clock, IsolationPolicy isolation) {
        List<VenueFactory> factories = config.faults().isEmpty() ? plugins.venues()
                : plugins.venues().stream().map(f -> FaultInjection.wrap(f, config.faults().get(), inputs.seed()))
                        .toList();
        return new VenueBootstrap(factories, inputs.environment(), clock, kernel, new VenueEventAdapter(kernel, clock),
                inputs.dataDirectory(), isolation);
    }

    /**
     * The journal: in {@code <data dir>/journal.db} or the PostgreSQL schema {@code journal.url} names
     * ({@link JournalStores}), with a writer thread whose outcomes come back on the kernel thread, or in
     * memory for tests. A failed write is published, and halts trading
     * until an operator clears it.
     */
    @Provides
    @Singleton
    static SqlJournal journal(HostConfig config, HostInputs inputs, Kernel kernel, Clock clock) {
        if (inputs.dataDirectory() == null) {
            return SqlJournal.inline(JournalStore.memory(), inputs.runId(), kernel, clock);
        }
        JournalStore store = JournalStores.of(config.journal(), inputs.dataDirectory(), inputs.environment());
        if (inputs.journalInline()) {
            return SqlJournal.inline(store, inputs.runId(), kernel, clock);
        }
        return SqlJournal.open(store, inputs.runId(), config.journalDurability(), config.journalQueue(),
                task -> kernel.schedule(Duration.ZERO, task), kernel, clock);
    }

    @Provides
    static OrderJournal orderJournal(SqlJournal journal) {
        return journal;
    }

    @Provides
    @Singleton
    static MarkBook marks(HostConfig config) {
        return new MarkBook(config.markWindow());
    }

    @Provides
    @Singleton
    static RuntimeCoordinator runtime(HostConfig config, HostInputs inputs, PluginCatalog plugins,
                                      VenueBootstrap venues, TradingStateMachine state, PortfolioView portfolio,
                                      MarkBook marks, OrderJournal journal, Kernel kernel, Clock clock,
                                      IsolationPolicy isolation) {
        RuntimeGuards guards = RuntimeGuards.create(plugins.runtimeGuards(), config.runtimeGuardOrder(),
                config::runtimeGuardConfig, new HostGuardContext(clock, portfolio, marks, venues, state, kernel), state,
                clock, isolation);
        return new RuntimeCoordinator(new RuntimeSettings(config.venue(), config.venueConfig(), config.symbols(),
                config.reduceOnly(), config.halted(), inputs.seed(), config.reconcileInterval(),
                config.refuseOnMismatch(), config.derivatives()), venues, state, guards, journal, kernel, kernel, clock);
    }

    @Provides
    @Singleton
    static ExecutionCoordinator execution(HostConfig config, HostInputs inputs, PluginCatalog plugins,
                                          VenueBootstrap venues, MarkBook marks, TradingStateMachine state,
                                          OrderJournal journal, Kernel kernel, Clock clock,
                                          IsolationPolicy isolation) {
        GuardChain guards = GuardChain.create(plugins.guards(), config.guardOrder(), config::guardConfig, isolation);
        return new ExecutionCoordinator(CoordinatorSettings.execution(config, inputs.seed()), guards, venues, marks,
                state, journal, kernel, kernel, kernel, clock);
    }

    @Provides
    static PortfolioView portfolio(ExecutionCoordinator execution) {
        return execution.portfolio();
    }

    /**
     * How each plugin runs: built-ins inline, drop-ins isolated, unless {@code plugins.isolation}
     * says otherwise; on a virtual clock isolated calls wait for real hangs only.
     */
    @Provides
    @Singleton
    static IsolationPolicy isolation(HostConfig config, PluginCatalog plugins, HostInputs inputs, Clock clock) {
        return IsolationPolicy.of(config, plugins, clock instanceof VirtualClock ? inputs.virtualCallWait() : null,
                inputs.decisionTimer());
    }

    @Provides
    @Singleton
    static StrategyCoordinator strategy(HostConfig config, PluginCatalog plugins, VenueBootstrap venues,
                                        MarkBook marks, PortfolioView portfolio, TradingStateMachine state,
                                        OrderJournal journal, Kernel kernel, Clock clock, IsolationPolicy isolation) {
        return new StrategyCoordinator(CoordinatorSettings.strategy(config), plugins.strategies(), venues, marks,
                portfolio, state, kernel, kernel, clock, kernel, isolation, journal);
    }

    @Provides
    static HealthRegistry health(Lazy<CoordinatorRegistry> registry) {
        return () -> registry.get().all();
    }

    @Provides
    @Singleton
    static TelemetryCoordinator telemetry(HostConfig config, MarkBook marks, VenueBootstrap venues,
                                          PortfolioView portfolio, TradingStateMachine state, HealthRegistry health,
                                          Kernel kernel, Clock clock) {
        return new TelemetryCoordinator(CoordinatorSettings.telemetry(config), marks, venues, portfolio, state,
                health, kernel, clock, kernel);
    }

    @Provides
    @Singleton
    static CoordinatorRegistry registry(RuntimeCoordinator runtime, ExecutionCoordinator execution,
                                        StrategyCoordinator strategy, TelemetryCoordinator telemetry, Kernel kernel) {
        return new CoordinatorRegistry(List.of(runtime, execution, strategy, telemetry), List.of(kernel::health));
    }

    @Provides
    @Singleton
    static Pipeline pipeline(Kernel kernel, SqlJournal journal, RuntimeCoordinator runtime,
                             ExecutionCoordinator execution, StrategyCoordinator strategy,
                             TelemetryCoordinator telemetry, OperatorConsole operator, LiveConfig live) {
        return new Pipeline(kernel, journal, runtime, execution, strategy, telemetry, operator, live);
    }

    @Provides
    @Singleton
    static Host host(Kernel kernel, Pipeline pipeline, CoordinatorRegistry registry, TradingStateMachine state,
                     OperatorConsole operator, PortfolioView portfolio, MarkBook marks, VenueBootstrap venues,
                     TelemetryCoordinator telemetry, SqlJournal journal, IsolationPolicy isolation,
                     LiveConfig live) {
        return new Host(kernel, pipeline, registry, state, operator, portfolio, marks, venues, telemetry,
                journal, isolation, live);
    }

    @Provides
    @Singleton
    static LiveConfig live(HostConfig config, HostInputs inputs, PluginCatalog plugins, StrategyCoordinator strategy,
                           ExecutionCoordinator execution, RuntimeCoordinator runtime, TelemetryCoordinator telemetry,
                           TradingStateMachine state, IsolationPolicy isolation, PortfolioView portfolio,
                           MarkBook marks, VenueBootstrap venues, OperatorConsole operator, Clock clock) {
        return new LiveConfig(config, strategy, execution, runtime, telemetry, state, plugins, isolation, portfolio,
                marks, venues, operator, clock, inputs.seed());
    }
}

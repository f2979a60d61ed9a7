package io.tradehost.app.cli;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.host.PrintableText;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.time.Clock;
import io.tradehost.app.config.ConfigError;
import io.tradehost.app.config.ConfigProblems;
import io.tradehost.app.config.HostConfig;
import io.tradehost.app.failover.Primacy;
import io.tradehost.app.wiring.JournalStores;
import io.tradehost.app.surface.RegistryFleet;
import io.tradehost.app.surface.StandbySurface;
import io.tradehost.journal.FleetRegistry;
import org.slf4j.LoggerFactory;
import io.tradehost.app.host.DataDirectory;
import io.tradehost.app.host.Host;
import io.tradehost.app.host.RunSummary;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.app.record.QuoteRecorder;
import io.tradehost.app.reload.ConfigReloader;
import io.tradehost.app.surface.OperatorSurface;
import io.tradehost.app.wiring.HostComponent;
import io.tradehost.app.wiring.HostInputs;
import io.tradehost.kernel.SystemClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
/** {@code tradehost run}: trades until the duration passes or SIGINT/SIGTERM, then prints the summary. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the host until --duration passes or SIGINT/SIGTERM; then stop in order and print a summary.")
public final class RunCommand implements Callable<Integer> {
    /** How long a signal waits for the orderly stop before the JVM exits regardless. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "TOML configuration (default: embedded defaults)")
    private Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one key, e.g. --set strategy.name=breakout")
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
            description = "How long to run, e.g. 30s, 5m, 2h (default: until a signal)")
    private Duration duration;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed for simulated venues (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--summary-json", paramLabel = "FILE", description = "Also write the summary as JSON to FILE")
    private Path summaryJson;

    @Option(names = "--record", paramLabel = "FILE",
            description = "Record the session's market data to FILE in the quotes CSV format (gzip if it ends in .gz)")
    private Path record;

    @Option(names = "--strategy", paramLabel = "NAME",
            description = "Strategy for every symbol that config does not assign one (sets strategy.name)")
    private String strategy;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "Where the journal and the venue's own state live (default: ./${DEFAULT-VALUE})")
    private Path dataDir;

    private QuoteRecorder recorder;

    @Mixin
    private PluginDirectoryOption plugins;

    /** Picocli instantiates it. */
    public RunCommand() {
        // fields are injected by picocli
    }

    @Override
    public Integer call() {
        List<String> settings = new ArrayList<>(overrides);
        if (strategy != null) {
            settings.add("strategy.name=\"" + strategy + "\"");
        }
        Map<String, String> environment = System.getenv();
        // the whole configuration, plugin blocks too, is checked before the data directory is touched
        CheckedConfig checked;
        try {
            checked = CheckedConfig.load(config, settings, environment, plugins);
        } catch (ConfigProblems p) {
            throw strategy == null ? p : p.problems().stream().filter(x -> "strategy.name".equals(x.key())
                    && x.origin().equals("--set")).findFirst().<RuntimeException>map(x -> new ConfigError("--strategy",
                    x.message().replace("no strategy plugin named", "no strategy named"))).orElse(p);
        }
        HostConfig hostConfig = checked.config();
        PluginCatalog catalog = checked.catalog();
        if (strategy != null && !catalog.strategyNames().contains(strategy)) {
            throw new ConfigError("--strategy", "no strategy named '" + strategy + "' (found: "
                    + String.join(", ", catalog.strategyNames()) + ")");
        }
        Clock clock = new SystemClock();
        try (DataDirectory data = DataDirectory.lock(dataDir);
             Primacy primacy = primacy(hostConfig, data, environment);
             RegistryFleet fleet = primacy == null ? null : new RegistryFleet(FleetRegistry.reader(primacy.store()))) {
            if (primacy != null && !primacy.tryFirst()
                    && !standBy(primacy, hostConfig, catalog, fleet, data.path(), environment)) {
                return 0;
            }
            HostInputs inputs = HostInputs.of(hostConfig.runId(), clock, seed, environment)
                    .withDataDirectory(data.path(), false);
            Host host;
            try {
                host = HostComponent.wire(hostConfig, inputs, catalog, clock);
            } catch (ConfigException e) {
                throw ConfigError.of(hostConfig.source(), e);
            }
            if (primacy != null) {
                primacy.keep(host.kernel(), host.journal(), RunCommand::fenced); // fenced before anything is written
            }
            // signals are orderly stops from here on, also while starting (the run then ends at once)
            try (SignalStop signals = new SignalStop(host.kernel(), STOP_GRACE)) {
                try {
                    OperatorSurface surface;
                    try {
                        surface = OperatorSurface.attach(host, hostConfig, catalog, data.path(), environment);
                    } catch (IllegalArgumentException | UncheckedIOException e) {
                        host.abandon();
                        throw new ConfigError("admin", e.getMessage());
                    }
                    if (primacy != null) {
                        surface.inFleet(fleet, primacy.token());
                        primacy.report(surface::report);
                    }
                    ConfigReloader reloader = new ConfigReloader(host.kernel(), host.liveConfig(), config, settings,
                            environment, catalog, host::requestStop);
                    host.registry().addHealth(reloader::health);
                    surface.offerReload(reloader::request);
                    QuoteRecorder recorder = null;
                    if (record != null) {
                        try {
                            recorder = QuoteRecorder.open(record);
                        } catch (IOException e) {
                            host.abandon();
                            throw new ConfigError("--record", "cannot write " + record + ": " + e.getMessage());
                        }
                        host.watch("record", recorder);
                    }
                    this.recorder = recorder;
                    try {
                        host.start();
                    } catch (ConfigException e) {
                        host.abandon();
                        closeRecorder();
                        throw ConfigError.of(hostConfig.source(), e);
                    } catch (RuntimeException | Error e) {
                        host.abandon();
                        closeRecorder();
                        throw e;
                    }
                    try {
                        surface.start();
                    } catch (RuntimeException | Error e) {
                        // the host is up: stop it in order (nothing traded yet), then say why
                        surface.stopServing();
                        host.stop();
                        closeRecorder();
                        throw e;
                    }
                    ConfigTriggers triggers = ConfigTriggers.start(config, reloader);
                    try {
                        trade(host, surface, signals);
                    } finally {
                        triggers.close();
                        reloader.close();
                    }
                    int status = journalVerdict(host);
                    if (primacy != null) {
                        primacy.letGo(); // the lease goes before the process may end: a standby takes over at once
                    }
                    signals.finished(status);
                    return status;
                } finally {
                    if (primacy != null) {
                        primacy.letGo(); // however the run ended: before the signal hook may end the process
                    }
                }
            }
        }
    }

    /** A primary whose lease another host took ends here, at once: nothing more of it reaches the venue. */
    private static void fenced(String message) {
        LoggerFactory.getLogger(RunCommand.class).error("{}: exiting at once (status {})", message,
                TradehostCommand.EXIT_FENCED);
        System.err.println("tradehost: " + message);
        System.err.flush();
        Runtime.getRuntime().halt(TradehostCommand.EXIT_FENCED);
    }

    /** The primacy {@code host.account} asks for, or null for a host that trades alone. */
    private static Primacy primacy(HostConfig hostConfig, DataDirectory data, Map<String, String> environment) {
        try {
            return Primacy.of(hostConfig.journal(), JournalStores.of(hostConfig.journal(), data.path(), environment))
                    .orElse(null);
        } catch (ConfigException e) {
            throw ConfigError.of(hostConfig.source(), e);
        }
    }

    /**
     * Stands by until this host holds the account's lease, serving its admin API read-only meanwhile; a
     * signal ends the process at once (a standby holds nothing to put away). Returns false if it was asked
     * to stop first. The standby's server is closed before the host that takes over opens its own.
     */
    private static boolean standBy(Primacy primacy, HostConfig config, PluginCatalog catalog, RegistryFleet fleet,
                                   Path data, Map<String, String> environment) {
        StandbySurface surface;
        try {
            surface = StandbySurface.start(config, catalog, fleet, data, environment);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new ConfigError("admin", e.getMessage());
        }
        try (surface) {
            Thread onSignal = new Thread(() -> {
                primacy.standDown(); // at most two seconds
                Runtime.getRuntime().halt(0);
            }, "tradehost-standby-signal");
            Runtime.getRuntime().addShutdownHook(onSignal);
            boolean acquired = false;
            try {
                acquired = primacy.awaitLease(() -> false, surface).isPresent();
            } finally {
                // also when standing by failed: the run then ends with its error, not with the hook's status 0
                try {
                    Runtime.getRuntime().removeShutdownHook(onSignal);
                } catch (IllegalStateException e) {
                    acquired = false; // the JVM is shutting down: the hook ends it
                }
            }
            return acquired;
        }
    }

    /**
     * A run whose journal failed ends non-zero, so that a supervisor notices: trading halted, and
     * what the journal lacks must be looked at before the next start (which comes up halted). A run
     * whose journal's server went away and came back with nothing lost (only intents refused, their
     * orders never sent) and whose halt was lifted is not one.
     */
    private int journalVerdict(Host host) {
        long failed = host.journal().failedWrites();
        boolean stillHalted = host.tradingState().reasons().stream()
                .anyMatch(r -> ReasonCode.JOURNAL_WRITE_FAILED.equals(r.code()));
        // a halt restored from an earlier run's failure is that run's; this one failed if it has a first failure
        if (host.journal().firstFailure() == null || host.journal().lostWrites() == 0 && !stillHalted) {
            return 0;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("tradehost: failed: " + failed + " journal write(s) failed, the first: "
                + PrintableText.clip(host.journal().firstFailure(), 300) + (stillHalted
                ? "; trading was halted and the next start comes up halted until an operator clears"
                        + " journal.write_failed"
                : "; an operator cleared journal.write_failed during the run: check what the journal lacks"
                        + " (tradehost reconcile)"));
        err.flush();
        return TradehostCommand.EXIT_FAILURE;
    }

    private void closeRecorder() {
        if (recorder != null) {
            recorder.close();
            recorder = null;
        }
    }

    private void trade(Host host, OperatorSurface surface, SignalStop signals) {
        try {
            try {
                host.runUntil(duration, signals::requested);
            } finally {
                surface.stopServing();
                host.stop();
                closeRecorder();
            }
            RunSummary summary = host.summary(signals.requested() ? "signal" : "duration");
            spec.commandLine().getOut().print(summary.toText());
            spec.commandLine().getOut().flush();
            if (summaryJson != null) {
                Files.writeString(summaryJson, summary.toJson());
            }
            surface.stopped(summary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + summaryJson, e);
        }
    }
}

package io.tradehost.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.api.config.ConfigException;
import io.tradehost.api.host.StartupException;
import io.tradehost.api.journal.JournalSnapshot;
import io.tradehost.api.venue.VenueException;
import io.tradehost.app.config.ConfigError;
import io.tradehost.app.config.ConfigLoader;
import io.tradehost.app.config.HostConfig;
import io.tradehost.app.host.DataDirectory;
import io.tradehost.app.plugins.IsolationPolicy;
import io.tradehost.app.plugins.PluginCatalog;
import io.tradehost.coordinator.runtime.RuntimeSettings;
import io.tradehost.coordinator.runtime.reconcile.Difference;
import io.tradehost.coordinator.runtime.reconcile.Reconciler;
import io.tradehost.coordinator.runtime.reconcile.ReconciliationReport;
import io.tradehost.coordinator.runtime.venue.VenueBootstrap;
import io.tradehost.journal.JournalContents;
import io.tradehost.journal.JournalException;
import io.tradehost.journal.JournalFiles;
import io.tradehost.app.wiring.JournalStores;
import io.tradehost.kernel.Kernel;
import io.tradehost.kernel.SystemClock;
import io.tradehost.kernel.VenueEventAdapter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
/**
 * {@code tradehost reconcile}: compares the journal in the data directory with the venue, without
 * trading and without changing either, and prints what differs. Exit 0 when they agree, 3 when
 * they differ.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = "Compare the journal with the venue without trading; exit 0 if they agree, 3 if they differ.")
public final class ReconcileCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "TOML configuration (default: embedded defaults)")
    private Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one key")
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
            description = "The data directory of the host to check (default: ./${DEFAULT-VALUE})")
    private Path dataDir;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed the run used (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--json", description = "Print the differences as JSON")
    private boolean json;

    @Mixin
    private PluginDirectoryOption plugins;

    /** Picocli instantiates it. */
    public ReconcileCommand() {
        // fields are injected by picocli
    }

    @Override
    public Integer call() throws JsonProcessingException {
        HostConfig hostConfig = ConfigLoader.load(config, overrides);
        if (!hostConfig.journal().postgres() && !Files.isRegularFile(dataDir.resolve("journal.db"))) {
            throw new ConfigError("--data-dir", "no journal in " + dataDir.toAbsolutePath()
                    + " (a host that ran with this --data-dir leaves journal.db there)");
        }
        ReconciliationReport report;
        JournalSnapshot journal;
        try (DataDirectory data = DataDirectory.lock(dataDir)) {
            JournalContents contents;
            try {
                contents = JournalFiles.read(JournalStores.of(hostConfig.journal(), data.path(), System.getenv()));
            } catch (ConfigException e) {
                throw ConfigError.of(hostConfig.source(), e);
            }
            journal = contents.snapshot();
            SystemClock clock = new SystemClock();
            Kernel discard = new Kernel(clock);
            PluginCatalog catalog = plugins.catalog(hostConfig.plugins().pins());
            VenueBootstrap venues = new VenueBootstrap(catalog.venues(), System.getenv(), clock, discard,
                    new VenueEventAdapter(discard, clock), data.path(),
                    IsolationPolicy.of(hostConfig, catalog, null, System::nanoTime));
            try {
                venues.bootstrap(new RuntimeSettings(hostConfig.venue(), hostConfig.venueConfig(),
                        hostConfig.symbols(), false, false, seed));
                // the stops the host holds until their trigger are no difference, as at the host's own start
                report = Reconciler.reconcile(journal, contents.fundingIds(), venues.venue(), true,
                        venues.listedProducts(),
                        venues.product(hostConfig.symbols().getFirst()).quote(), clock.nanos(), account -> { },
                        contents.owners().entrySet().stream().filter(e -> e.getValue().heldByHost())
                                .map(java.util.Map.Entry::getKey).collect(java.util.stream.Collectors.toSet()));
            } catch (ConfigException e) {
                throw ConfigError.of(hostConfig.source(), e);
            } catch (VenueException e) {
                throw new StartupException("cannot ask the venue: " + e.getMessage() + " [" + e.code() + "]", e);
            } finally {
                venues.close();
            }
        } catch (JournalException e) {
            throw new StartupException(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? json(journal, report) : text(journal, report));
        out.flush();
        return report.agrees() ? 0 : TradehostCommand.EXIT_DIFFERENT;
    }

    private static String text(JournalSnapshot journal, ReconciliationReport report) {
        StringBuilder out = new StringBuilder();
        out.append("journal of run ").append(journal.runId()).append(": ").append(journal.openOrders().size())
                .append(" open order(s), ").append(journal.positions().size()).append(" position(s), cash ")
                .append(journal.cash()).append('\n');
        if (report.agrees()) {
            out.append("journal and venue agree\n");
            return out.toString();
        }
        report.differences().forEach(d -> out.append(d).append('\n'));
        out.append(report.differences().size()).append(" difference(s), ").append(report.unexplained().size())
                .append(" a restart cannot repair\n");
        return out.toString();
    }

    private static String json(JournalSnapshot journal, ReconciliationReport report) throws JsonProcessingException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("runId", journal.runId());
        root.put("agree", report.agrees());
        ArrayNode differences = root.putArray("differences");
        for (Difference d : report.differences()) {
            differences.addObject().put("kind", d.kind().name()).put("subject", d.subject())
                    .put("journal", d.journal()).put("venue", d.venue()).put("repairable", d.explained());
        }
        return mapper.writeValueAsString(root) + "\n";
    }
}

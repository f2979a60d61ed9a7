package io.tradehost.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.api.config.ConfigException;
import io.tradehost.api.host.PrintableText;
import io.tradehost.app.config.ConfigError;
import io.tradehost.app.config.ConfigLoader;
import io.tradehost.app.config.HostConfig;
import io.tradehost.app.wiring.JournalStores;
import io.tradehost.journal.FleetRegistry;
import io.tradehost.journal.JournalException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tradehost fleet}: the hosts that run accounts on one PostgreSQL server. */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        subcommands = {FleetCommand.Status.class, FleetCommand.Forget.class},
        description = "The fleet: every host that runs an account on the configured PostgreSQL journal's server.")
public final class FleetCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    /** Picocli instantiates it. */
    public FleetCommand() {
        // fields are injected by picocli
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The journal's store {@code config} and {@code overrides} name; a fleet needs PostgreSQL. */
    static io.tradehost.journal.JournalStore store(Path config, List<String> overrides) {
        HostConfig hostConfig = ConfigLoader.load(config, overrides);
        if (!hostConfig.journal().postgres()) {
            throw new ConfigError("journal.url", "a fleet lives on a PostgreSQL journal's server: set journal.url"
                    + " to the one the hosts use");
        }
        try {
            return JournalStores.of(hostConfig.journal(), Path.of("data"), System.getenv());
        } catch (ConfigException e) {
            throw ConfigError.of(hostConfig.source(), e);
        }
    }

    /** {@code tradehost fleet forget}: removes a retired host's row. */
    @Command(name = "forget", mixinStandardHelpOptions = true,
            description = "Remove a retired or renamed host from the fleet (its row, its Prometheus target). A host"
                    + " that still runs comes back at its next heartbeat; the primary is refused.")
    public static final class Forget implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--config", paramLabel = "FILE", description = "TOML configuration naming the journal")
        private Path config;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one key")
        private List<String> overrides = new ArrayList<>();

        @Option(names = "--account", paramLabel = "ACCOUNT", required = true, description = "The host's account")
        private String account;

        @Option(names = "--host", paramLabel = "ID", required = true, description = "The host's host.id")
        private String host;

        /** Picocli instantiates it. */
        public Forget() {
            // fields are injected by picocli
        }

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try (FleetRegistry registry = FleetRegistry.of(store(config, overrides))) {
                if (!registry.forget(account, host)) {
                    err.println("tradehost: no host " + PrintableText.escape(host) + " of account "
                            + PrintableText.escape(account) + " in the fleet");
                    err.flush();
                    return TradehostCommand.EXIT_FAILURE;
                }
            } catch (IllegalStateException e) {
                err.println("tradehost: " + PrintableText.escape(e.getMessage()));
                err.flush();
                return TradehostCommand.EXIT_FAILURE;
            } catch (JournalException e) {
                err.println("tradehost: cannot reach the fleet: " + PrintableText.clip(e.getMessage(), 400));
                err.flush();
                return TradehostCommand.EXIT_FAILURE;
            }
            spec.commandLine().getOut().println("forgot host " + PrintableText.escape(host) + " of account "
                    + PrintableText.escape(account));
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** {@code tradehost fleet status}: every host, its account, role, state, equity and last heartbeat. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show every host of the fleet from the journal's PostgreSQL server (exit 0 when every"
                    + " account has a primary and no host that did not stop in order has gone quiet, else 1).")
    public static final class Status implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Option(names = "--config", paramLabel = "FILE", description = "TOML configuration naming the journal"
                + " (journal.url, journal.user; the password from TRADEHOST_JOURNAL_PASSWORD or journal.password_file)")
        private Path config;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one key")
        private List<String> overrides = new ArrayList<>();

        @Option(names = "--quiet-after", paramLabel = "D", defaultValue = "30s", converter = DurationConverter.class,
                description = "A host that did not stop in order and has not beaten for this long is quiet: down,"
                        + " stalled or cut off (default: ${DEFAULT-VALUE})")
        private Duration quietAfter;

        @Option(names = "--json", description = "Print the hosts as JSON")
        private boolean json;

        /** Picocli instantiates it. */
        public Status() {
            // fields are injected by picocli
        }

        @Override
        public Integer call() throws JsonProcessingException {
            List<FleetRegistry.Member> members;
            try (FleetRegistry registry = FleetRegistry.reader(store(config, overrides))) {
                members = registry.members();
            } catch (JournalException e) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("tradehost: cannot read the fleet: " + PrintableText.clip(e.getMessage(), 400));
                err.flush();
                return TradehostCommand.EXIT_FAILURE;
            }
            Set<String> accounts = new TreeSet<>();
            Set<String> led = new TreeSet<>();
            List<String> quiet = new ArrayList<>();
            for (FleetRegistry.Member m : members) {
                accounts.add(m.beat().account());
                if (m.holdsLease()) {
                    led.add(m.beat().account());
                }
                if (quiet(m)) {
                    quiet.add(m.beat().account() + "/" + m.beat().hostId());
                }
            }
            Set<String> leaderless = new TreeSet<>(accounts);
            leaderless.removeAll(led);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(json(members));
            } else {
                table(out, members, leaderless);
            }
            out.flush();
            return quiet.isEmpty() && leaderless.isEmpty() ? 0 : TradehostCommand.EXIT_FAILURE;
        }

        private boolean quiet(FleetRegistry.Member m) {
            return !m.beat().role().equals(FleetRegistry.STOPPED) && m.heartbeatAge().compareTo(quietAfter) > 0;
        }

        private void table(PrintWriter out, List<FleetRegistry.Member> members, Set<String> leaderless) {
            out.printf("%-16s %-16s %-8s %-11s %-16s %-9s %-16s %s%n", "ACCOUNT", "HOST", "ROLE", "STATE",
                    "EQUITY", "LEASE", "HEARTBEAT", "ADMIN");
            for (FleetRegistry.Member m : members) {
                FleetRegistry.Beat b = m.beat();
                out.printf("%-16s %-16s %-8s %-11s %-16s %-9s %-16s %s%n", e(b.account()), e(b.hostId()), e(b.role()),
                        e(b.state()), b.equity() == null ? "-" : e(b.equity()),
                        m.holdsLease() ? "token " + b.leaseToken() : "-",
                        String.format("%.1f s ago%s", m.heartbeatAge().toMillis() / 1000.0, quiet(m) ? " QUIET" : ""),
                        b.adminUrl() == null ? "-" : e(b.adminUrl()));
            }
            for (String account : leaderless) {
                out.println("account " + e(account) + ": no host holds its lease (no primary)");
            }
            if (members.isEmpty()) {
                out.println("no host has joined this fleet yet (hosts join with host.account and host.id)");
            }
        }

        private String json(List<FleetRegistry.Member> members) throws JsonProcessingException {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode hosts = mapper.createArrayNode();
            for (FleetRegistry.Member m : members) {
                FleetRegistry.Beat b = m.beat();
                ObjectNode n = hosts.addObject();
                n.put("account", b.account());
                n.put("host", b.hostId());
                n.put("role", b.role());
                n.put("state", b.state());
                n.put("equity", b.equity());
                n.put("adminUrl", b.adminUrl());
                n.put("leaseToken", b.leaseToken());
                n.put("holdsLease", m.holdsLease());
                n.put("heartbeatAt", m.heartbeatAt().toString());
                n.put("heartbeatAgeSeconds", m.heartbeatAge().toMillis() / 1000.0);
                n.put("quiet", quiet(m));
            }
            ObjectNode all = mapper.createObjectNode();
            all.set("hosts", hosts);
            // every character outside ASCII as an escape: what the registry holds must not steer the terminal
            return mapper.writerWithDefaultPrettyPrinter().with(JsonWriteFeature.ESCAPE_NON_ASCII)
                    .writeValueAsString(all);
        }

        private static String e(String text) {
            return PrintableText.escape(PrintableText.clip(text, 200));
        }
    }
}

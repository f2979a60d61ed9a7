package io.tradehost.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradehost.journal.AccountLease;
import io.tradehost.journal.FleetRegistry;
import io.tradehost.journal.JournalStore;
import io.tradehost.journal.PostgresLocation;
import io.tradehost.testkit.PostgresServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tradehost fleet status} against a PostgreSQL server of its own (so that the fleet holds only
 * what this test put there): the table, the JSON, and the exit status that tells a script whether
 * every account has a primary and no host went quiet.
 */
class FleetCommandTest {
    private static final Instant STARTED = Instant.parse("2026-12-07T09:00:00Z");
    private static PostgresServer server;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() throws Exception {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private JournalStore store() {
        return JournalStore.postgres(PostgresLocation.of(server.url(), server.user(), server.password(), "fleet"),
                null);
    }

    private int status(String... more) throws Exception {
        Path password = dir.resolve("password");
        Files.writeString(password, server.password() + "\n");
        List<String> args = new ArrayList<>(List.of("fleet", "status", "--set", "journal.url=\"" + server.url() + "\"",
                "--set", "journal.user=\"" + server.user() + "\"",
                "--set", "journal.password_file=\"" + password + "\""));
        args.addAll(List.of(more));
        return TradehostCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                args.toArray(String[]::new));
    }

    private int fleet(String command, String[] where, String... more) {
        List<String> args = new ArrayList<>(List.of("fleet", command));
        args.addAll(List.of(where));
        args.addAll(List.of(more));
        return TradehostCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                args.toArray(String[]::new));
    }

    @Test
    void everyHostIsListedAndTheStatusSaysWhetherEachAccountHasAPrimaryAndNoHostWentQuiet() throws Exception {
        assertThat(status()).as(err.toString()).isZero();
        assertThat(out.toString()).contains("no host has joined this fleet yet");

        try (FleetRegistry registry = FleetRegistry.of(store());
             AccountLease leaseA = AccountLease.of(store(), "acct-1", "host-a", Duration.ofSeconds(60));
             AccountLease leaseC = AccountLease.of(store(), "acct-2", "host-c", Duration.ofSeconds(60))) {
            long token = leaseA.tryAcquire().orElseThrow();
            registry.beat(new FleetRegistry.Beat("acct-1", "host-a", FleetRegistry.PRIMARY, "ACTIVE", "100012.5",
                    "http://127.0.0.1:8570", token, STARTED));
            registry.beat(new FleetRegistry.Beat("acct-1", "host-b", FleetRegistry.STANDBY, "STANDBY", null,
                    "http://127.0.0.1:8571", 0, STARTED));
            out.getBuffer().setLength(0);
            assertThat(status()).as(err.toString()).isZero();
            String[] lines = out.toString().split("\n");
            assertThat(lines[0]).startsWith("ACCOUNT").contains("ROLE", "STATE", "EQUITY", "HEARTBEAT", "ADMIN");
            assertThat(lines[1]).matches("acct-1 +host-a +primary +ACTIVE +100012\\.5 +token 1 +\\d+\\.\\d s ago"
                    + " +http://127\\.0\\.0\\.1:8570");
            assertThat(lines[2]).matches("acct-1 +host-b +standby +STANDBY +- +- +\\d+\\.\\d s ago"
                    + " +http://127\\.0\\.0\\.1:8571");

            // a second account whose primary let its lease go: no primary, exit 1
            long tokenC = leaseC.tryAcquire().orElseThrow();
            registry.beat(new FleetRegistry.Beat("acct-2", "host-c", FleetRegistry.PRIMARY, "HALTED", "5", null,
                    tokenC, STARTED));
            leaseC.release(tokenC);
            out.getBuffer().setLength(0);
            assertThat(status()).isEqualTo(1);
            assertThat(out.toString()).contains("account acct-2: no host holds its lease (no primary)");

            // every host quiet under a 1 ms threshold; the JSON says which
            out.getBuffer().setLength(0);
            assertThat(status("--json", "--quiet-after", "1ms")).isEqualTo(1);
            JsonNode hosts = new ObjectMapper().readTree(out.toString()).path("hosts");
            assertThat(hosts).hasSize(3);
            assertThat(hosts.get(0).path("host").asText()).isEqualTo("host-a");
            assertThat(hosts.get(0).path("holdsLease").asBoolean()).isTrue();
            assertThat(hosts.get(0).path("equity").asText()).isEqualTo("100012.5");
            assertThat(hosts.get(1).path("equity").isNull()).isTrue();
            assertThat(hosts.get(2).path("holdsLease").asBoolean()).isFalse();
            hosts.forEach(h -> assertThat(h.path("quiet").asBoolean()).isTrue());

            // a retired host is forgotten; the primary is not
            String[] where = {"--set", "journal.url=\"" + server.url() + "\"", "--set", "journal.user=\""
                    + server.user() + "\"", "--set", "journal.password_file=\"" + dir.resolve("password") + "\""};
            err.getBuffer().setLength(0);
            assertThat(fleet("forget", where, "--account", "acct-1", "--host", "host-a")).isEqualTo(1);
            assertThat(err.toString()).contains("host host-a holds the lease of account acct-1: it is the primary");
            assertThat(fleet("forget", where, "--account", "acct-2", "--host", "host-c")).isZero();
            assertThat(fleet("forget", where, "--account", "acct-2", "--host", "host-c")).isEqualTo(1);
            assertThat(err.toString()).contains("no host host-c of account acct-2 in the fleet");
            assertThat(registry.members()).extracting(m -> m.beat().hostId()).containsExactly("host-a", "host-b");
        }
        assertThat(out.toString() + err).doesNotContain(server.password());
    }

    @Test
    void aFleetNeedsAPostgresJournalAndAnUnreachableServerIsExitOneNamingIt() throws Exception {
        assertThat(TradehostCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), "fleet", "status"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("journal.url");
        err.getBuffer().setLength(0);
        Path password = dir.resolve("password");
        Files.writeString(password, "not-the-password");
        int exit = TradehostCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), "fleet", "status",
                "--set", "journal.url=\"" + server.url() + "\"", "--set", "journal.user=\"" + server.user() + "\"",
                "--set", "journal.password_file=\"" + password + "\"");
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("cannot read the fleet").doesNotContain("not-the-password");
    }
}

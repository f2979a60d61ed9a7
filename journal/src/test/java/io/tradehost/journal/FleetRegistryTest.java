package io.tradehost.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.testkit.PostgresServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fleet's heartbeats on a real PostgreSQL server, read back with the lease each host holds. */
class FleetRegistryTest {
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();
    private static final Instant STARTED = Instant.parse("2026-12-07T10:00:00Z");

    private JournalStore store;
    private String account;
    private FleetRegistry registry;
    private AccountLease leaseA;

    @BeforeEach
    void open() throws Exception {
        PostgresServer server = PostgresServer.shared();
        account = "fleet_" + ACCOUNTS.incrementAndGet();
        store = JournalStore.postgres(PostgresLocation.of(server.url(), server.user(), server.password(), account),
                null);
        registry = FleetRegistry.of(store);
        leaseA = AccountLease.of(store, account, "host-a", Duration.ofSeconds(30));
    }

    @AfterEach
    void close() {
        registry.close();
        leaseA.close();
    }

    private List<FleetRegistry.Member> mine() {
        return registry.members().stream().filter(m -> m.beat().account().equals(account)).toList();
    }

    @Test
    void eachHostsLastBeatIsReadBackWithWhoHoldsTheLease() {
        long token = leaseA.tryAcquire().orElseThrow();
        FleetRegistry.Beat a = new FleetRegistry.Beat(account, "host-a", FleetRegistry.PRIMARY, "ACTIVE", "100012.5",
                "http://127.0.0.1:8570", token, STARTED);
        FleetRegistry.Beat b = new FleetRegistry.Beat(account, "host-b", FleetRegistry.STANDBY, "STANDBY", null,
                "http://127.0.0.1:8571", 0, STARTED.plusSeconds(5));
        registry.beat(b);
        registry.beat(a);

        List<FleetRegistry.Member> members = mine();
        assertThat(members).extracting(FleetRegistry.Member::beat).containsExactly(a, b);
        assertThat(members).extracting(FleetRegistry.Member::holdsLease).containsExactly(true, false);
        assertThat(members).allSatisfy(m -> assertThat(m.heartbeatAge()).isLessThan(Duration.ofSeconds(10)));
    }

    @Test
    void aLaterBeatReplacesTheHostsRowAndALeaseLetGoIsNoLongerHeld() {
        long token = leaseA.tryAcquire().orElseThrow();
        registry.beat(new FleetRegistry.Beat(account, "host-a", FleetRegistry.PRIMARY, "ACTIVE", "1", null, token,
                STARTED));
        leaseA.release(token);
        FleetRegistry.Beat stopped = new FleetRegistry.Beat(account, "host-a", FleetRegistry.STOPPED, "HALTED", "2",
                null, token, STARTED);
        registry.beat(stopped);

        List<FleetRegistry.Member> members = mine();
        assertThat(members).hasSize(1);
        assertThat(members.getFirst().beat()).isEqualTo(stopped);
        assertThat(members.getFirst().holdsLease()).as("released: expired now").isFalse();
    }

    @Test
    void aHostWhoseTokenIsNotTheLeasesDoesNotHoldIt() {
        long first = leaseA.tryAcquire().orElseThrow();
        long second = leaseA.tryAcquire().orElseThrow(); // a new incarnation of host-a
        registry.beat(new FleetRegistry.Beat(account, "host-a", FleetRegistry.PRIMARY, "ACTIVE", "1", null, first,
                STARTED));
        assertThat(second).isEqualTo(first + 1);
        assertThat(mine().getFirst().holdsLease()).isFalse();
    }

    @Test
    void aReaderSeesWhatWritersBeatAndBeatsNothingItself() {
        registry.beat(new FleetRegistry.Beat(account, "host-a", FleetRegistry.STANDBY, "STANDBY", null, null, 0,
                STARTED));
        try (FleetRegistry reader = FleetRegistry.reader(store)) {
            assertThat(reader.members()).extracting(m -> m.beat().hostId() + "@" + m.beat().account())
                    .contains("host-a@" + account);
            assertThatThrownBy(() -> reader.beat(new FleetRegistry.Beat(account, "host-x", FleetRegistry.STANDBY,
                    "STANDBY", null, null, 0, STARTED))).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void onlyAPostgresJournalHasAFleet() {
        assertThatThrownBy(() -> FleetRegistry.of(JournalStore.memory()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PostgreSQL");
    }
}

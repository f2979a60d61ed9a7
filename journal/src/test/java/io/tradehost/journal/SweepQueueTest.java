package io.tradehost.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.testkit.PostgresServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sweep queue on a real PostgreSQL server, each test in a database of its own: points claimed in
 * grid order and never by two workers at once, a dead worker's point taken again after its lease, and a
 * stale attempt unable to overwrite the point's next run.
 */
class SweepQueueTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Duration LEASE = Duration.ofSeconds(60);

    private PostgresServer server;
    private String database;
    private final List<SweepQueue> open = new ArrayList<>();

    @BeforeEach
    void database() throws Exception {
        server = PostgresServer.shared();
        database = "sweepq_" + DATABASES.incrementAndGet();
        server.execute("CREATE DATABASE " + database);
    }

    @AfterEach
    void close() {
        open.forEach(SweepQueue::close);
    }

    private SweepQueue queue() {
        SweepQueue q = SweepQueue.of(PostgresLocation.of(server.url().replace("/postgres", "/" + database),
                server.user(), server.password(), "ignored"));
        open.add(q);
        return q;
    }

    private static List<List<String>> grid() {
        return List.of(List.of("a=1", "b=x"), List.of("a=1", "b=y"), List.of("a=2", "b=x"));
    }

    /** Makes every running point's lease run out now, as a dead worker's does. */
    private void expireLeases() throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(server.jdbcUrl().replace("/postgres", "/"
                + database), server.user(), server.password()); java.sql.Statement s = c.createStatement()) {
            s.execute("UPDATE tradehost_sweeps.points SET lease_until = clock_timestamp() - interval '1 second'"
                    + " WHERE state = 'running'");
        }
    }

    @Test
    void pointsAreClaimedInGridOrderCompletedAndReadBackWithTheSpec() {
        SweepQueue q = queue();
        assertThat(q.drained()).as("no queue yet: nothing to do").isTrue();
        assertThat(q.claim("w", LEASE)).isEmpty();
        long id = q.submit("{\"what\":\"spec\"}", grid());
        assertThat(q.spec(id)).hasValue("{\"what\":\"spec\"}");
        assertThat(q.drained()).isFalse();

        List<SweepQueue.Claim> claims = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            claims.add(q.claim("w", LEASE).orElseThrow());
        }
        assertThat(claims).extracting(SweepQueue.Claim::index).containsExactly(1, 2, 3);
        assertThat(claims).extracting(SweepQueue.Claim::settings).containsExactlyElementsOf(grid());
        assertThat(claims).allSatisfy(c -> assertThat(c.spec()).isEqualTo("{\"what\":\"spec\"}"));
        assertThat(q.claim("w", LEASE)).as("all held").isEmpty();

        assertThat(q.complete(claims.get(0), List.of("100.5", "0.01"))).isTrue();
        assertThat(q.fail(claims.get(1), "boom")).isTrue();
        assertThat(q.drained()).as("one still running").isFalse();
        assertThat(q.complete(claims.get(2), List.of("99", ""))).isTrue();
        assertThat(q.drained()).isTrue();

        List<SweepQueue.Point> points = q.points(id);
        assertThat(points).extracting(SweepQueue.Point::state).containsExactly("done", "failed", "done");
        assertThat(points.get(0).figures()).containsExactly("100.5", "0.01");
        assertThat(points.get(2).figures()).as("an empty figure survives").containsExactly("99", "");
        assertThat(points.get(1).error()).isEqualTo("boom");
        assertThat(points).allSatisfy(p -> assertThat(p.worker()).isEqualTo("w"));
    }

    @Test
    void aDeadWorkersPointIsTakenAgainAfterItsLeaseAndItsLateResultIsRefused() throws Exception {
        SweepQueue q = queue();
        long id = q.submit("{}", grid());
        SweepQueue.Claim dead = q.claim("dead", LEASE).orElseThrow();
        assertThat(q.extend(dead, LEASE)).isTrue();
        expireLeases();

        SweepQueue.Claim again = q.claim("alive", LEASE).orElseThrow();
        assertThat(again.index()).as("the dead worker's point comes first again").isEqualTo(dead.index());
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(q.extend(dead, LEASE)).as("the stale attempt no longer holds it").isFalse();
        assertThat(q.complete(dead, List.of("stale"))).isFalse();
        assertThat(q.complete(again, List.of("fresh"))).isTrue();
        SweepQueue.Point point = q.points(id).getFirst();
        assertThat(point.figures()).containsExactly("fresh");
        assertThat(point.worker()).isEqualTo("alive");
        assertThat(point.attempts()).isEqualTo(2);
    }

    @Test
    void aPointThatLosesItsWorkerThreeTimesFailsAndAHandedBackPointDoesNotCount() throws Exception {
        SweepQueue q = queue();
        long id = q.submit("{}", List.of(List.of("a=1")));
        for (int i = 0; i < 2; i++) {
            SweepQueue.Claim c = q.claim("w" + i, LEASE).orElseThrow();
            assertThat(q.release(c, "w" + i + " could not run it: no data here")).isTrue();
        }
        assertThat(q.points(id).getFirst().state()).isEqualTo("pending");
        for (int lost = 1; lost <= SweepQueue.MAX_ATTEMPTS; lost++) {
            assertThat(q.claim("crashing", LEASE)).as("lost %d time(s) so far", lost - 1).isPresent();
            expireLeases(); // the worker ran out of memory on it
        }
        assertThat(q.claim("next", LEASE)).as("not handed out a fourth time").isEmpty();
        SweepQueue.Point point = q.points(id).getFirst();
        assertThat(point.state()).isEqualTo("failed");
        assertThat(point.error()).isEqualTo("its worker was lost 5 times (out of memory, a crash or a hang)");
        assertThat(q.drained()).isTrue();
    }

    @Test
    void workersClaimingTogetherNeverGetTheSamePoint() throws Exception {
        SweepQueue submitter = queue();
        List<List<String>> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(List.of("n=" + i));
        }
        long id = submitter.submit("{}", many);
        List<CompletableFuture<List<Integer>>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            SweepQueue q = queue();
            String name = "w" + w;
            workers.add(CompletableFuture.supplyAsync(() -> {
                List<Integer> mine = new ArrayList<>();
                for (Optional<SweepQueue.Claim> c = q.claim(name, LEASE); c.isPresent(); c = q.claim(name, LEASE)) {
                    mine.add(c.get().index());
                    assertThat(q.complete(c.get(), List.of(name))).isTrue();
                }
                return mine;
            }, task -> Thread.ofPlatform().start(task)));
        }
        List<Integer> all = new ArrayList<>();
        for (CompletableFuture<List<Integer>> w : workers) {
            all.addAll(w.get());
        }
        assertThat(all).hasSize(40).doesNotHaveDuplicates();
        assertThat(submitter.points(id)).allSatisfy(p -> {
            assertThat(p.state()).isEqualTo("done");
            assertThat(p.attempts()).isEqualTo(1);
        });
    }
}

package io.tradehost.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Parameter sweeps shared by machines, in schema {@code tradehost_sweeps} of a PostgreSQL database: a
 * sweep (an opaque description of the backtest, written by whoever submits it) and its points, each
 * pending, running under a worker's lease, done with its figures, or failed with why. A worker claims
 * the first pending point, or a running one whose lease ran out (its worker died), with
 * {@code FOR UPDATE SKIP LOCKED}, so that workers never wait on each other; each claim counts an
 * attempt, and only the attempt that holds the point may extend, complete or fail it, so that a worker
 * that stalled past its lease cannot overwrite the point's next run. A point whose worker was lost
 * {@value #MAX_ATTEMPTS} times (it ran out of memory, crashed or hung every worker that took it) is failed
 * rather than handed out again. A worker that cannot run a point for reasons of its own (the data not
 * on its machine, its plugins) releases it for another. Leases are judged by the server's clock alone.
 *
 * <p>One connection, opened on first use and again after a failure; thread-safe (one call at a time).
 */
public final class SweepQueue implements AutoCloseable {
    /** The schema the queue lives in. */
    public static final String SCHEMA = "tradehost_sweeps";
    /** Claims of one point whose worker was lost before the point is failed instead of handed out again. */
    public static final int MAX_ATTEMPTS = 3;
    /** The largest description a claim reads back (a configuration file and a list of paths, not data). */
    public static final int MAX_SPEC_BYTES = 4 * 1024 * 1024;

    /**
     * A point a worker holds.
     *
     * @param sweepId the sweep
     * @param index the point's place in the grid, from 1
     * @param settings its {@code KEY=VALUE} settings, in axis order
     * @param attempt which claim of the point this is, from 1
     * @param spec the sweep's description, as submitted
     */
    public record Claim(long sweepId, int index, List<String> settings, int attempt, String spec) {
        public Claim {
            settings = List.copyOf(settings);
        }
    }

    /**
     * A point as the queue holds it.
     *
     * @param index its place in the grid, from 1
     * @param settings its settings
     * @param state {@code pending}, {@code running}, {@code done} or {@code failed}
     * @param figures what the run gave (done), in the submitter's order; empty otherwise
     * @param error why it failed, or null
     * @param worker the worker that ran (or runs) it last, or null
     * @param attempts how many times it was claimed
     */
    public record Point(int index, List<String> settings, String state, List<String> figures, String error,
                        String worker, int attempts) {
        public Point {
            settings = List.copyOf(settings);
            figures = List.copyOf(figures);
        }
    }

    private static final String UNIT = "\u001f"; // a list joined by the unit separator: no value holds one

    private final FleetConnection connection;

    private SweepQueue(JournalStore store) {
        this.connection = new FleetConnection(store, Duration.ofSeconds(10), "sweep queue", false);
    }

    /**
     * The queue of the database {@code location} names (its schema is ignored: the queue's is
     * {@value #SCHEMA}).
     */
    public static SweepQueue of(PostgresLocation location) {
        return new SweepQueue(JournalStore.postgres(location.withSchema(SCHEMA), null));
    }

    /**
     * Queues a sweep.
     *
     * @param spec what every point runs, as the submitter describes it (the workers read it back)
     * @param grid every point's settings, in grid order
     * @return the sweep's id
     */
    public synchronized long submit(String spec, List<List<String>> grid) {
        Objects.requireNonNull(spec, "spec");
        for (List<String> settings : grid) {
            for (String s : settings) {
                if (s.contains(UNIT)) {
                    throw new IllegalArgumentException("a setting holds a control character: " + s);
                }
            }
        }
        if (!connection.transaction(SweepQueue::exists)) {
            connection.transaction(c -> {
                ensure(c); // its own short transaction: the lock is not held while a grid is inserted
                return null;
            });
        }
        return connection.transaction(c -> {
            long id;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO sweeps(spec, points, created_at) VALUES (?, ?,"
                    + " clock_timestamp()) RETURNING id")) {
                s.setString(1, spec);
                s.setInt(2, grid.size());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO points(sweep_id, point, settings, state,"
                    + " attempts) VALUES (?, ?, ?, 'pending', 0)")) {
                for (int i = 0; i < grid.size(); i++) {
                    s.setLong(1, id);
                    s.setInt(2, i + 1);
                    s.setString(3, String.join(UNIT, grid.get(i)));
                    s.addBatch();
                }
                s.executeBatch();
            }
            return id;
        });
    }

    /**
     * Claims the first point no live worker holds, for {@code lease}: a pending one, or a running one whose
     * lease ran out.
     *
     * @return the claim, or empty when there is none
     */
    public synchronized Optional<Claim> claim(String worker, Duration lease) {
        return connection.transaction(c -> {
            if (!exists(c)) {
                return Optional.<Claim>empty();
            }
            try (PreparedStatement lost = c.prepareStatement("UPDATE points SET state = 'failed', lease_until = NULL,"
                    + " error = 'its worker was lost ' || attempts || ' times (out of memory, a crash or a hang)'"
                    + " WHERE state = 'running' AND (lease_until IS NULL OR lease_until < clock_timestamp())"
                    + " AND attempts - releases >= ?")) {
                lost.setInt(1, MAX_ATTEMPTS);
                lost.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE points p SET state = 'running', worker = ?,"
                    + " attempts = p.attempts + 1, lease_until = clock_timestamp() + ? * interval '1 millisecond'"
                    + " FROM (SELECT sweep_id, point FROM points WHERE state = 'pending' OR (state = 'running' AND"
                    + " (lease_until IS NULL OR lease_until < clock_timestamp())) ORDER BY sweep_id, point LIMIT 1"
                    + " FOR UPDATE SKIP LOCKED) f, sweeps w WHERE p.sweep_id = f.sweep_id AND p.point = f.point"
                    + " AND w.id = p.sweep_id RETURNING p.sweep_id, p.point, p.settings, p.attempts,"
                    + " CASE WHEN octet_length(w.spec) <= ? THEN w.spec END")) {
                s.setString(1, worker);
                s.setLong(2, lease.toMillis());
                s.setInt(3, MAX_SPEC_BYTES);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Claim>empty();
                    }
                    String spec = rs.getString(5);
                    return Optional.of(new Claim(rs.getLong(1), rs.getInt(2), split(rs.getString(3)), rs.getInt(4),
                            spec == null ? "" : spec)); // too large: the worker cannot read it, and says so
                }
            }
        });
    }

    /** Extends {@code claim}'s lease by {@code lease} from now; false if the point is no longer its. */
    public synchronized boolean extend(Claim claim, Duration lease) {
        return connection.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE points SET lease_until = clock_timestamp() + ? *"
                    + " interval '1 millisecond' WHERE sweep_id = ? AND point = ? AND attempts = ? AND state = 'running'")) {
                s.setLong(1, lease.toMillis());
                s.setLong(2, claim.sweepId());
                s.setInt(3, claim.index());
                s.setInt(4, claim.attempt());
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Records {@code claim}'s figures; false if the point is no longer its (another worker runs it). */
    public synchronized boolean complete(Claim claim, List<String> figures) {
        return finish(claim, "done", String.join(UNIT, figures), null);
    }

    /** Records why {@code claim}'s run failed (it is not tried again); false if the point is no longer its. */
    public synchronized boolean fail(Claim claim, String error) {
        return finish(claim, "failed", null, error);
    }

    /**
     * Hands {@code claim}'s point back, pending, for another worker: this one cannot run it (the data is not
     * on its machine, its plugins differ). False if the point is no longer its.
     */
    public synchronized boolean release(Claim claim, String why) {
        return connection.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE points SET state = 'pending', error = ?, worker = NULL,"
                    + " releases = releases + 1, lease_until = NULL WHERE sweep_id = ? AND point = ? AND attempts = ?"
                    + " AND state = 'running'")) {
                s.setString(1, why);
                s.setLong(2, claim.sweepId());
                s.setInt(3, claim.index());
                s.setInt(4, claim.attempt());
                return s.executeUpdate() == 1;
            }
        });
    }

    private boolean finish(Claim claim, String state, String figures, String error) {
        return connection.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE points SET state = ?, figures = ?, error = ?,"
                    + " lease_until = NULL WHERE sweep_id = ? AND point = ? AND attempts = ? AND state = 'running'")) {
                s.setString(1, state);
                s.setString(2, figures);
                s.setString(3, error);
                s.setLong(4, claim.sweepId());
                s.setInt(5, claim.index());
                s.setInt(6, claim.attempt());
                return s.executeUpdate() == 1;
            }
        });
    }

    /** The sweep's description as submitted, or empty if there is no such sweep. */
    public synchronized Optional<String> spec(long sweepId) {
        return connection.transaction(c -> {
            if (!exists(c)) {
                return Optional.<String>empty();
            }
            try (PreparedStatement s = c.prepareStatement("SELECT spec FROM sweeps WHERE id = ?")) {
                s.setLong(1, sweepId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** Every point of the sweep, in grid order (empty if there is no such sweep). */
    public synchronized List<Point> points(long sweepId) {
        return connection.transaction(c -> {
            List<Point> all = new ArrayList<>();
            if (!exists(c)) {
                return all;
            }
            try (PreparedStatement s = c.prepareStatement("SELECT point, settings, state, figures, error, worker,"
                    + " attempts FROM points WHERE sweep_id = ? ORDER BY point")) {
                s.setLong(1, sweepId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String figures = rs.getString(4);
                        all.add(new Point(rs.getInt(1), split(rs.getString(2)), rs.getString(3),
                                figures == null ? List.of() : split(figures), rs.getString(5), rs.getString(6),
                                rs.getInt(7)));
                    }
                }
            }
            return all;
        });
    }

    /** Whether every point of every sweep is done or failed: nothing pending, nothing running. */
    public synchronized boolean drained() {
        return connection.transaction(c -> {
            if (!exists(c)) {
                return true;
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM points WHERE state IN ('pending',"
                         + " 'running'))")) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }

    private static List<String> split(String joined) {
        return joined.isEmpty() ? List.of() : List.of(joined.split(UNIT, -1));
    }

    private static boolean exists(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT to_regclass('" + SCHEMA + ".points') IS NOT NULL")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** Creates the schema and tables if missing, under an advisory lock (submitters may start together). */
    private static void ensure(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            PostgresSchemas.lockAndCreate(s, "tradehost sweeps", SCHEMA);
            s.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".sweeps(id BIGINT GENERATED ALWAYS AS IDENTITY"
                    + " PRIMARY KEY, spec TEXT NOT NULL, points INT NOT NULL, created_at TIMESTAMPTZ NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".points(sweep_id BIGINT NOT NULL REFERENCES " + SCHEMA
                    + ".sweeps(id), point INT NOT NULL, settings TEXT NOT NULL, state TEXT NOT NULL, worker TEXT,"
                    + " attempts INT NOT NULL, releases INT NOT NULL DEFAULT 0, lease_until TIMESTAMPTZ, figures TEXT,"
                    + " error TEXT,"
                    + " PRIMARY KEY (sweep_id, point), CHECK (state IN ('pending', 'running', 'done', 'failed')))");
            // claims and the drained check read only the open points, however long the history
            s.execute("CREATE INDEX IF NOT EXISTS points_open ON " + SCHEMA + ".points(sweep_id, point) WHERE state IN"
                    + " ('pending', 'running')");
        }
    }

    @Override
    public synchronized void close() {
        connection.close();
    }
}

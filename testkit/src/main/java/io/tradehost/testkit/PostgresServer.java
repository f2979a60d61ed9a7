package io.tradehost.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests: a cluster of its own in a new directory under the system's
 * temporary directory, listening on 127.0.0.1 at a free port (its unix socket in that directory),
 * whose superuser {@link #user} has a random {@link #password} (SCRAM). Started and stopped within
 * bounded times; {@link #close} stops it (fast shutdown) and deletes its files.
 *
 * <p>PostgreSQL refuses to run as root, and CI runs as root: then the cluster belongs to the
 * unprivileged user {@code nobody} and every PostgreSQL program runs as it through {@code runuser}.
 * The binaries are Debian's ({@code /usr/lib/postgresql/<version>/bin}, the newest; the README's test
 * command installs the {@code postgresql} package when absent), or those on the {@code PATH}.
 * Durability is relaxed for speed ({@code fsync} off): a killed server loses nothing, a crashed machine
 * might. Not thread-safe.
 */
public final class PostgresServer implements AutoCloseable {
    private static final long START_SECONDS = 60;
    private static final String USER = "tradehost";

    private static PostgresServer shared;

    private final Path directory;
    private final Path bin;
    private final boolean asNobody;
    private final int port;
    private final String password;
    private boolean running;
    /** Stops the server should the test's JVM exit without closing it (a kill -9 of the JVM is beyond help). */
    private final Thread hook = new Thread(() -> {
        try {
            close();
        } catch (RuntimeException e) {
            // the JVM is exiting: nothing left to tell
        }
    }, "postgres-server-stop");

    private PostgresServer(Path directory, Path bin, boolean asNobody, int port, String password) {
        this.directory = directory;
        this.bin = bin;
        this.asNobody = asNobody;
        this.port = port;
        this.password = password;
    }

    /** The directory of PostgreSQL's programs ({@code initdb}, {@code pg_ctl}), if there is one. */
    public static Optional<Path> binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            Optional<Path> debian = versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(b -> version(b.getParent().getFileName().toString())));
            if (debian.isPresent()) {
                return debian;
            }
        } catch (IOException e) {
            // no Debian layout: look on the PATH
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).filter(d -> !d.isEmpty())
                .map(Path::of).filter(d -> Files.isExecutable(d.resolve("initdb"))
                        && Files.isExecutable(d.resolve("pg_ctl"))).findFirst();
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Makes a cluster and starts its server.
     *
     * @throws AssertionError if PostgreSQL is not installed, or a program fails (with its words)
     */
    public static PostgresServer start() throws IOException, InterruptedException {
        Path bin = binaries().orElseThrow(() -> new AssertionError("PostgreSQL is not installed (apt-get install"
                + " postgresql; scripts/test.sh installs it)"));
        Path directory = Files.createTempDirectory("tradehost-postgres-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        boolean root = "root".equals(Files.getOwner(directory).getName());
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        PostgresServer server = new PostgresServer(directory, bin, root, freePort(), password);
        Path passwordFile = directory.resolve("password");
        try {
            Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
            if (root) {
                UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(directory, users.lookupPrincipalByName("nobody"));
                Files.setOwner(passwordFile, users.lookupPrincipalByName("nobody"));
            }
            server.run(START_SECONDS, "initdb", "-D", directory.resolve("data").toString(), "-U", USER,
                    "--pwfile=" + passwordFile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync");
            Files.delete(passwordFile);
            Runtime.getRuntime().addShutdownHook(server.hook);
            server.resume();
            return server;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            try {
                server.close();
            } catch (RuntimeException | AssertionError suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Starts the server again after {@link #stop}, on the same port with the same data (a server that came
     * back), waiting at most a minute. Idempotent.
     */
    public void resume() throws IOException, InterruptedException {
        if (!running) {
            run(START_SECONDS, "pg_ctl", "-D", directory.resolve("data").toString(), "-l",
                    directory.resolve("server.log").toString(), "-w", "-t", Long.toString(START_SECONDS), "-o",
                    "-c listen_addresses=127.0.0.1 -p " + port + " -k " + directory
                            + " -c fsync=off -c full_page_writes=off -c synchronous_commit=off", "start");
            running = true;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Runs a PostgreSQL program (as {@code nobody} under root) to its end within {@code seconds}; its
     * output goes to a file, so that the bound holds however much or little it says. One that overruns is
     * killed with everything it started.
     */
    private void run(long seconds, String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asNobody) {
            command.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        Path said = Files.createTempFile("tradehost-postgres-" + program + "-", ".out");
        try {
            Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(said.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(program + " did not finish within " + seconds + " s:\n"
                        + Files.readString(said) + log());
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(program + " failed (exit " + p.exitValue() + "):\n" + Files.readString(said)
                        + log());
            }
        } finally {
            Files.deleteIfExists(said);
        }
    }

    private String log() {
        try {
            Path log = directory.resolve("server.log");
            return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * One server for the whole test JVM, started on first use, stopped and removed when the JVM exits.
     * Tests share it by each using their own schema; a test that stops its server must start its own.
     */
    public static synchronized PostgresServer shared() throws IOException, InterruptedException {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /** The first column of every row {@code sql} returns in {@code schema}, as strings: reading a journal as an auditor. */
    public List<String> strings(String schema, String sql) throws java.sql.SQLException {
        List<String> out = new ArrayList<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl(), user(), password())) {
            c.setSchema(schema);
            try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Runs {@code sql} (a statement that returns no rows) in database {@code postgres}: planting data a test needs. */
    public void execute(String sql) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl(), user(), password());
             java.sql.Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The address of database {@code postgres} as tradehost's {@code journal.url} takes it. */
    public String url() {
        return "postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** The JDBC URL of database {@code postgres} over TCP on loopback. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** The superuser's name. */
    public String user() {
        return USER;
    }

    /** The superuser's password: for the test's connections only, never to be logged. */
    public String password() {
        return password;
    }

    /** The TCP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Whether the server was started and not stopped since. */
    public boolean isRunning() {
        return running;
    }

    /** Stops the server (fast: open sessions are ended), waiting at most a minute. Idempotent. */
    public void stop() throws IOException, InterruptedException {
        if (running) {
            run(START_SECONDS, "pg_ctl", "-D", directory.resolve("data").toString(), "-m", "fast", "-w", "-t",
                    Long.toString(START_SECONDS), "stop");
            running = false;
        }
    }

    /**
     * Stops whatever server runs on the cluster (one whose start overran, or whose stop failed: its
     * {@code postmaster.pid} is there), immediately, then deletes the files.
     */
    @Override
    public void close() {
        try {
            if (Files.exists(directory.resolve("data/postmaster.pid"))) {
                run(START_SECONDS, "pg_ctl", "-D", directory.resolve("data").toString(), "-m", "immediate", "-w",
                        "-t", Long.toString(START_SECONDS), "stop");
            }
            running = false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // shutting down, or never added
            }
            delete();
        }
    }

    private void delete() {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}

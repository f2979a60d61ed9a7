package io.tradehost.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.testkit.PostgresServer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The real PostgreSQL server the journal's PostgreSQL store will be tested against (issue 24): made,
 * started on loopback with a password, reached over JDBC, stopped and removed by the test, as root
 * (CI) through an unprivileged user.
 */
class PostgresServerTest {
    @Test
    void aRealServerRunsOnLoopbackAsksForItsPasswordAndIsGoneWhenClosed() throws Exception {
        Path data = null;
        try (PostgresServer server = PostgresServer.start()) {
            try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id bigint PRIMARY KEY, note text NOT NULL)");
                s.execute("INSERT INTO t VALUES (1, 'caf\u00e9')");
                try (ResultSet rs = s.executeQuery("SELECT note, current_setting('listen_addresses'),"
                        + " current_setting('data_directory') FROM t")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("caf\u00e9");
                    assertThat(rs.getString(2)).isEqualTo("127.0.0.1");
                    data = Path.of(rs.getString(3));
                }
            }
            assertThat(data).exists();
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), server.user(), "not-the-password"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            server.stop();
            assertThat(server.isRunning()).isFalse();
            try (Socket probe = new Socket()) {
                assertThatThrownBy(() -> probe.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000))
                        .as("nothing listens after the stop").isInstanceOf(java.io.IOException.class);
            }
        }
        assertThat(data).isNotNull();
        assertThat(Files.exists(data)).as("its files are removed").isFalse();
    }
}

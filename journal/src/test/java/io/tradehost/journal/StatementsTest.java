package io.tradehost.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class StatementsTest {
    @Test
    void aStatementIsPreparedOncePerConnectionAndItsParametersAreClearedBetweenLeases() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            c.createStatement().execute("CREATE TABLE t(k TEXT, v TEXT)");
            PreparedStatement first;
            try (Statements.Lease lease = Statements.lease(c, "INSERT INTO t(k, v) VALUES (?, ?)")) {
                first = lease.statement();
                first.setString(1, "a");
                first.setString(2, "1");
                first.executeUpdate();
            }
            try (Statements.Lease lease = Statements.lease(c, "INSERT INTO t(k, v) VALUES (?, ?)")) {
                assertThat(lease.statement()).isSameAs(first);
                lease.statement().setString(1, "b");
                lease.statement().executeUpdate();
            }
            try (ResultSet r = c.createStatement().executeQuery("SELECT k, v FROM t ORDER BY k")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(2)).isEqualTo("1");
                assertThat(r.next()).isTrue();
                assertThat(r.getString(2)).as("the first lease's value was cleared").isNull();
            }
            first.close();
            try (Statements.Lease lease = Statements.lease(c, "INSERT INTO t(k, v) VALUES (?, ?)")) {
                assertThat(lease.statement()).as("a closed statement is prepared again").isNotSameAs(first);
            }
        }
    }
}

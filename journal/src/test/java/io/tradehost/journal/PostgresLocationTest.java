package io.tradehost.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A PostgreSQL journal's address read strictly, and printed without its password. */
class PostgresLocationTest {
    private static final String SECRET = "s3cr3t-Pa55";

    @Test
    void anAddressBecomesItsJdbcUrlAndPrintsWithoutThePassword() {
        PostgresLocation location = PostgresLocation.of("postgresql://db.internal/trading?sslmode=verify-full",
                "host1", SECRET, "account_a");
        assertThat(location.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/trading?sslmode=verify-full");
        assertThat(location.toString()).isEqualTo("postgresql://db.internal:5432/trading (schema account_a, user host1)")
                .doesNotContain(SECRET);
        assertThat(location.withSchema("account_b").jdbcUrl()).isEqualTo(location.jdbcUrl());
        assertThat(location.withSchema("account_b").schema()).isEqualTo("account_b");
        assertThat(PostgresLocation.of("postgres://127.0.0.1:6543/x", "u", "", "s").jdbcUrl())
                .isEqualTo("jdbc:postgresql://127.0.0.1:6543/x");
    }

    @Test
    void credentialsInTheAddressAreRefusedWithoutBeingRepeated() {
        assertThatThrownBy(() -> PostgresLocation.of("postgresql://ann:" + SECRET + "@db/trading", "u", "", "s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not carry credentials").hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> PostgresLocation.of("postgresql://db/trading?password=" + SECRET, "u", "", "s"))
                .hasMessage("the address must not set 'password': it comes from journal.user and the password setting")
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> PostgresLocation.of("postgresql://db/trading?currentSchema=x", "u", "", "s"))
                .hasMessageContaining("journal.schema");
    }

    @Test
    void whatIsNotAPostgresqlAddressSaysWhatIsMissing() {
        assertThatThrownBy(() -> PostgresLocation.of("mysql://db/x", "u", "", "s"))
                .hasMessage("not a postgresql:// address: it starts with 'mysql'");
        assertThatThrownBy(() -> PostgresLocation.of("postgresql:///x", "u", "", "s"))
                .hasMessageContaining("names no host");
        assertThatThrownBy(() -> PostgresLocation.of("postgresql://db", "u", "", "s"))
                .hasMessageContaining("names no database");
        assertThatThrownBy(() -> PostgresLocation.of("postgresql://db/x y", "u", "", "s"))
                .hasMessageStartingWith("not a postgresql:// address (");
        assertThatThrownBy(() -> PostgresLocation.of("postgresql://db/x", " ", "", "s"))
                .hasMessage("no user for the PostgreSQL journal: set journal.user");
        assertThatThrownBy(() -> PostgresLocation.of("postgresql://db/x", "u", "", "Robert'); DROP TABLE orders;--"))
                .hasMessageContaining("is not a plain lower-case identifier");
    }

    @Test
    void aHostWithAnUnderscoreIsReadAndTheAddressMaySetOnlyTls() {
        assertThat(PostgresLocation.of("postgresql://journal_db:6000/x", "u", "", "s").jdbcUrl())
                .isEqualTo("jdbc:postgresql://journal_db:6000/x");
        assertThat(PostgresLocation.of("postgresql://journal_db/x?ssl=true&sslmode=require", "u", "", "s").jdbcUrl())
                .isEqualTo("jdbc:postgresql://journal_db:5432/x?ssl=true&sslmode=require");
        for (String parameter : new String[] {"socketTimeout=0", "options=-c%20search_path=public",
                "sslpassword=" + SECRET}) {
            assertThatThrownBy(() -> PostgresLocation.of("postgresql://db/x?" + parameter, "u", "", "s"))
                    .hasMessageStartingWith("the address may set only ssl, sslmode").hasMessageNotContaining(SECRET);
        }
        assertThatThrownBy(() -> PostgresLocation.of("postgresql://db/x", "u", "", "pg_catalog"))
                .hasMessageContaining("not pg_...");
    }
}

package io.tradehost.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.command.RecordIntent;
import io.tradehost.api.event.ConfigReloaded;
import io.tradehost.api.event.Event;
import io.tradehost.api.event.FundingBooked;
import io.tradehost.api.event.IntentNotRecorded;
import io.tradehost.api.event.IntentRecorded;
import io.tradehost.api.event.JournalWriteFailed;
import io.tradehost.api.event.OperatorActed;
import io.tradehost.api.event.OrderAccepted;
import io.tradehost.api.event.OrderCancelled;
import io.tradehost.api.event.OrderReconciled;
import io.tradehost.api.event.OrderRejected;
import io.tradehost.api.event.PositionChanged;
import io.tradehost.api.event.StateReasonChanged;
import io.tradehost.api.event.TradingStateChanged;
import io.tradehost.api.host.OperatorAction;
import io.tradehost.api.journal.JournalSnapshot;
import io.tradehost.api.order.ClientOrderId;
import io.tradehost.api.order.Fill;
import io.tradehost.api.order.FundingPayment;
import io.tradehost.api.order.Liquidity;
import io.tradehost.api.order.Order;
import io.tradehost.api.order.OrderRequest;
import io.tradehost.api.order.OrderStatus;
import io.tradehost.api.order.Position;
import io.tradehost.api.order.RejectionCode;
import io.tradehost.api.state.ReasonCode;
import io.tradehost.api.state.ReasonSource;
import io.tradehost.api.state.StateReason;
import io.tradehost.api.state.TradingState;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.OrderType;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Side;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.value.TimeInForce;
import io.tradehost.kernel.VirtualClock;
import io.tradehost.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal contract on SQLite, and what only a SQLite journal does: old releases' files, memory, a corrupt file. */
class SqliteJournalTest extends JournalContractTest {
    private Path file() {
        return dir.resolve("journal.db");
    }

    @Override
    JournalStore store() {
        return JournalStore.file(file());
    }

    @Override
    JournalStore absent() {
        return JournalStore.file(dir.resolve("none.db"));
    }

    @Override
    void setSchemaVersion(int version) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = " + version);
        }
    }

    @Override
    String duplicateKeyMessage() {
        return "UNIQUE constraint failed";
    }

    /** A journal as a release of schema {@code version} left it, with integer amounts scaled by 10^8. */
    private void olderJournal(int version, String... rows) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement s = c.createStatement()) {
            for (int v = 1; v <= version; v++) {
                for (String sql : Schema.migration(v)) {
                    s.execute(sql);
                }
            }
            s.execute("PRAGMA user_version = " + version);
            s.execute("INSERT INTO meta VALUES ('run_id', 'old')");
            for (String row : rows) {
                s.execute(row);
            }
        }
    }

    @Test
    void aVersionOneJournalIsMigratedOnOpen() throws SQLException {
        olderJournal(1, "INSERT INTO account VALUES (1, 500000000, 1)");
        assertThat(reopen().snapshot().cash()).isEqualTo(Money.ofUnits(5));
        assertThat(count("SELECT COUNT(*) FROM active_reasons")).isZero();
        assertThat(count("PRAGMA user_version")).isEqualTo(Schema.latest()).isEqualTo(13);
        assertThat(count("SELECT COUNT(*) FROM strategy_state")).isZero();
        assertThat(count("SELECT COUNT(*) FROM orders WHERE strategy <> '' OR tag <> '' OR managed <> 0")).isZero();
        assertThat(count("SELECT COUNT(*) FROM operator_actions")).isZero();
        assertThat(count("SELECT COUNT(*) FROM funding")).isZero();
    }

    @Test
    void integerAmountsOfAnOlderJournalBecomeTheSameExactDecimals() throws SQLException {
        olderJournal(2,
                "INSERT INTO account VALUES (1, 10000000012345678, 1)",
                "INSERT INTO positions VALUES ('BTC-PERP', -150000000, -9637500000000, 12345, 2, 1)",
                "INSERT INTO orders VALUES ('old-7', 7, 'BTC-PERP', 'BUY', 'LIMIT', 100000000, 6425050000000, 'GTC',"
                        + " 0, 0, 'PARTIALLY_FILLED', 50000000, 'v7', 'intent', 1, 2)",
                "INSERT INTO orders VALUES ('old-8', 8, 'BTC-PERP', 'SELL', 'MARKET', 1, NULL, 'IOC', 1, 0,"
                        + " 'SUBMITTED', 0, NULL, 'intent', 3, 3)",
                "INSERT INTO fills VALUES ('t1', 'old-7', 'BTC-PERP', 'BUY', 50000000, 6425050000000, 160626, 'MAKER', 3)");
        JournalSnapshot snapshot = reopen().snapshot();
        assertThat(snapshot.runId()).isEqualTo("old");
        assertThat(snapshot.cash()).isEqualTo(Money.of("100000000.12345678"));
        assertThat(snapshot.positions()).containsExactly(new Position(BTC, Quantity.of("-1.5"), Money.of("-96375"),
                Money.of("0.00012345"), Money.of("0.00000002")));
        OrderRequest limit = new OrderRequest(ClientOrderId.of("old-7"), BTC, Side.BUY, OrderType.LIMIT,
                Quantity.ofUnits(1), Price.of("64250.5"), TimeInForce.GTC, false, false);
        assertThat(snapshot.openOrders()).containsExactly(
                new Order(limit, OrderStatus.PARTIALLY_FILLED, Quantity.of("0.5"), "v7"),
                new Order(new OrderRequest(ClientOrderId.of("old-8"), BTC, Side.SELL, OrderType.MARKET,
                        Quantity.of("0.00000001"), null, TimeInForce.IOC, true, false), OrderStatus.SUBMITTED,
                        Quantity.ZERO, null));
        assertThat(snapshot.openOrderTradeIds()).containsExactly("t1");
        assertThat(count("PRAGMA user_version")).isEqualTo(Schema.latest());

        dispatch(journal, new PositionChanged(new Position(BTC, Quantity.of("-1"), Money.of("-64250"), Money.ZERO,
                Money.ZERO), new Fill("t2", ClientOrderId.of("old-7"), BTC, Side.BUY, Quantity.of("0.5"),
                Price.of("64250.5"), Money.of("0.0000000001"), Liquidity.MAKER, 4), Money.of("1")));
        assertThat(reopen().snapshot().openOrders()).extracting(Order::clientOrderId)
                .containsExactly(ClientOrderId.of("old-8"));
        assertThat(count("SELECT COUNT(*) FROM orders WHERE client_id = 'old-7' AND status = 'FILLED'"
                + " AND filled = '1'")).isOne();
    }

    @Test
    void readingACorruptJournalSaysWhere() throws Exception {
        java.nio.file.Files.writeString(file(), "this is not a database, but it is long enough to look like a header");
        assertThatThrownBy(() -> JournalFiles.read(file())).isInstanceOf(JournalException.class)
                .hasMessage("cannot open journal " + file()
                        + ": [SQLITE_NOTADB] File opened that is not a database file (file is not a database)");
    }

    @Test
    void anInMemoryJournalWorksWithoutAFile() {
        try (SqlJournal memory = SqlJournal.inline(JournalStore.memory(), "m", this::heard, clock)) {
            memory.record(new RecordIntent(buy("m-1", "1"), 1, 1, 1));
            assertThat(memory.snapshot().openOrders()).hasSize(1);
            assertThat(memory.backlog()).isZero();
        }
        assertThat(outcomes).containsExactly("m-1 durable");
    }

    @Test
    void anInMemoryJournalSavedOnCloseIsTheSameJournalOnFileAndTheSameBytesEachTime() throws Exception {
        List<byte[]> copies = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Path target = dir.resolve("saved-" + run + ".db");
            SqlJournal memory = SqlJournal.inline(JournalStore.memory(), "m", this::heard, clock);
            memory.recordBaseline(Money.ofUnits(1000), List.of(), 1);
            memory.record(new RecordIntent(buy("m-1", "1"), 1, 1, 1));
            memory.saveOnClose(target);
            JournalSnapshot before = memory.snapshot();
            memory.close();
            assertThat(JournalFiles.read(target).snapshot()).isEqualTo(before);
            copies.add(Files.readAllBytes(target));
        }
        assertThat(copies.get(1)).isEqualTo(copies.get(0));
        SqlJournal threaded = SqlJournal.open(dir.resolve("threaded.db"), "t", Durability.NORMAL,
                16, Runnable::run, this::heard, clock);
        assertThatThrownBy(() -> threaded.saveOnClose(dir.resolve("x.db"))).isInstanceOf(IllegalStateException.class);
        threaded.close();
    }
}

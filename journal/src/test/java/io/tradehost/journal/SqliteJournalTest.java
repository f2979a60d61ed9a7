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
class SqliteJournalTest {
    private static final Symbol BTC = Symbol.of("BTC-PERP");

    @TempDir
    Path dir;

    private final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    private final List<String> failures = new ArrayList<>();
    private final List<String> outcomes = new ArrayList<>();
    private SqliteJournal journal;

    private Path file() {
        return dir.resolve("journal.db");
    }

    private SqliteJournal reopen() {
        if (journal != null) {
            journal.close();
        }
        journal = SqliteJournal.inline(file(), "r1", this::heard, clock);
        return journal;
    }

    @AfterEach
    void close() {
        if (journal != null) {
            journal.close();
        }
    }

    /** What the journal publishes: its answers to intents, and its failures. */
    private void heard(Event event) {
        switch (event) {
            case IntentRecorded r -> outcomes.add(r.request().clientOrderId() + " durable");
            case IntentNotRecorded n -> outcomes.add(n.request().clientOrderId() + " failed");
            case JournalWriteFailed f -> failures.add(f.message());
            default -> throw new AssertionError("the journal published " + event);
        }
    }

    /** The pipeline's routes to the journal. */
    private static void dispatch(SqliteJournal journal, Event event) {
        switch (event) {
            case OrderAccepted e -> journal.onAccepted(e);
            case OrderRejected e -> journal.onRejected(e);
            case OrderCancelled e -> journal.onCancelled(e);
            case PositionChanged e -> journal.onPositionChanged(e);
            case OrderReconciled e -> journal.onReconciled(e);
            case StateReasonChanged e -> journal.onReasonChanged(e);
            case TradingStateChanged e -> journal.onStateChanged(e);
            case OperatorActed e -> journal.onOperatorActed(e);
            case FundingBooked e -> journal.onFundingBooked(e);
            case ConfigReloaded e -> journal.onConfigReloaded(e);
            default -> throw new AssertionError("not the journal's: " + event);
        }
    }

    private static OrderRequest buy(String id, String quantity) {
        return OrderRequest.market(ClientOrderId.of(id), BTC, Side.BUY, Quantity.of(quantity));
    }

    private static Fill fill(String trade, String id, String quantity) {
        return new Fill(trade, ClientOrderId.of(id), BTC, Side.BUY, Quantity.of(quantity), Price.of("100"),
                Money.of("0.1"), Liquidity.TAKER, 5);
    }

    private void booked(Fill fill, String position, String cash) {
        dispatch(journal, new PositionChanged(Position.flat(BTC).apply(Side.BUY, Quantity.of(position), Price.of("100"),
                Money.ZERO), fill, Money.of(cash)));
    }

    @Test
    void aNewJournalTakesTheProposedRunIdAndIsFreshUntilItHasABaseline() {
        JournalSnapshot first = reopen().snapshot();
        assertThat(first.fresh()).isTrue();
        assertThat(first.runId()).isEqualTo("r1");
        journal.recordBaseline(Money.ofUnits(1000), List.of(), 1);
        journal.close();
        journal = SqliteJournal.inline(file(), "other", this::heard, clock);
        JournalSnapshot again = journal.snapshot();
        assertThat(again.fresh()).isFalse();
        assertThat(again.runId()).as("an existing journal keeps its run id").isEqualTo("r1");
        assertThat(again.cash()).isEqualTo(Money.ofUnits(1000));
    }

    @Test
    void anIntentIsDurableBeforeItIsReportedAndSurvivesARestart() {
        reopen().recordBaseline(Money.ofUnits(1000), List.of(), 1);
        journal.record(new RecordIntent(buy("r1-1", "2"), 1, 1, 10));
        assertThat(outcomes).containsExactly("r1-1 durable");
        JournalSnapshot after = reopen().snapshot();
        assertThat(after.lastSequence()).isEqualTo(1);
        assertThat(after.openOrders()).extracting(Order::clientOrderId, Order::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ClientOrderId.of("r1-1"), OrderStatus.SUBMITTED));
    }

    @Test
    void fillsPositionsAndCashAreRecordedTogetherAndOnce() {
        reopen().recordBaseline(Money.ofUnits(1000), List.of(), 1);
        journal.record(new RecordIntent(buy("r1-1", "2"), 1, 1, 10));
        dispatch(journal, new OrderAccepted(ClientOrderId.of("r1-1"), BTC, "v-1", 11));
        booked(fill("t-1", "r1-1", "1"), "1", "899.9");
        booked(fill("t-1", "r1-1", "1"), "1", "899.9");

        JournalSnapshot partial = reopen().snapshot();
        assertThat(partial.openOrders()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
            assertThat(o.filledQuantity()).as("the repeated trade id counts once").isEqualTo(Quantity.of("1"));
            assertThat(o.venueOrderId()).isEqualTo("v-1");
        });
        assertThat(partial.openOrderTradeIds()).containsExactly("t-1");
        assertThat(partial.positions()).extracting(Position::quantity).containsExactly(Quantity.of("1"));
        assertThat(partial.cash()).isEqualTo(Money.of("899.9"));

        booked(fill("t-2", "r1-1", "1"), "2", "799.8");
        JournalSnapshot done = reopen().snapshot();
        assertThat(done.openOrders()).isEmpty();
        assertThat(done.positions()).extracting(Position::quantity).containsExactly(Quantity.of("2"));
        assertThat(count("SELECT COUNT(*) FROM fills")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM orders WHERE status = 'FILLED' AND filled = '2'")).isEqualTo(1);
    }

    @Test
    void theInMemoryViewMatchesWhatARestartReads() {
        reopen().recordBaseline(Money.ofUnits(1000), List.of(), 1);
        journal.record(new RecordIntent(buy("r1-1", "2"), 1, 1, 10));
        journal.record(new RecordIntent(buy("r1-2", "2"), 2, 2, 10));
        journal.record(new RecordIntent(buy("r1-3", "2"), 3, 3, 10));
        dispatch(journal, new OrderAccepted(ClientOrderId.of("r1-1"), BTC, "v-1", 11));
        dispatch(journal, new OrderRejected(ClientOrderId.of("r1-2"), BTC, RejectionCode.of("NOPE"), "no", 11));
        dispatch(journal, new OrderCancelled(ClientOrderId.of("r1-3"), BTC, "ioc", 11));
        booked(fill("t-1", "r1-1", "1"), "1", "899.9");
        JournalSnapshot live = journal.snapshot();
        assertThat(reopen().snapshot()).isEqualTo(live);
    }

    @Test
    void illegalTransitionsAreNotApplied() {
        reopen().recordBaseline(Money.ofUnits(1000), List.of(), 1);
        journal.record(new RecordIntent(buy("r1-1", "1"), 1, 1, 10));
        dispatch(journal, new OrderCancelled(ClientOrderId.of("r1-1"), BTC, "gone", 11));
        dispatch(journal, new OrderAccepted(ClientOrderId.of("r1-1"), BTC, "v-late", 12));
        dispatch(journal, new OrderAccepted(ClientOrderId.of("unknown"), BTC, "v", 12));
        assertThat(count("SELECT COUNT(*) FROM orders WHERE status = 'CANCELLED' AND venue_order_id IS NULL"))
                .isEqualTo(1);
        assertThat(reopen().snapshot().openOrders()).isEmpty();
    }

    @Test
    void reconciliationAdoptsUnknownOrdersAndOverwritesKnownOnes() {
        reopen().recordBaseline(Money.ofUnits(1000), List.of(), 1);
        journal.record(new RecordIntent(buy("r1-1", "1"), 1, 1, 10));
        OrderRequest foreign = new OrderRequest(ClientOrderId.of("r1-9"), BTC, Side.SELL, OrderType.LIMIT,
                Quantity.of("1"), Price.of("120"), TimeInForce.GTC, false, true);
        dispatch(journal, new OrderReconciled(new Order(foreign, OrderStatus.ACCEPTED, Quantity.ZERO, "v-9"), true,
                "open at the venue", 20));
        dispatch(journal, new OrderReconciled(new Order(buy("r1-1", "1"), OrderStatus.CANCELLED, Quantity.ZERO, null),
                false, "cancelled at the venue", 20));
        JournalSnapshot after = reopen().snapshot();
        assertThat(after.openOrders()).extracting(Order::clientOrderId).containsExactly(ClientOrderId.of("r1-9"));
        assertThat(after.openOrders().getFirst().request()).isEqualTo(foreign);
        assertThat(after.lastSequence()).as("an adopted id of this run moves the sequence on").isEqualTo(9);
    }

    @Test
    void aFailedWriteIsReportedAndAnIntentThatCannotBeWrittenIsNotSent() {
        reopen().recordBaseline(Money.ofUnits(1000), List.of(), 1);
        journal.record(new RecordIntent(buy("r1-1", "1"), 1, 1, 10));
        journal.record(new RecordIntent(buy("r1-1", "1"), 1, 1, 10));
        assertThat(outcomes).containsExactly("r1-1 durable", "r1-1 failed");
        assertThat(failures).singleElement().asString().contains("writing intent r1-1 failed")
                .contains("UNIQUE constraint failed");
        assertThat(journal.failedWrites()).isEqualTo(1);
    }

    @Test
    void tradingStateTransitionsAreRecorded() {
        dispatch(reopen(), new TradingStateChanged(TradingState.ACTIVE, TradingState.HALTED, List.of(new StateReason(
                ReasonCode.OPERATOR_HALT, ReasonSource.OPERATOR, TradingState.HALTED, "ops", Map.of(), 3)), 3));
        assertThat(count("SELECT COUNT(*) FROM state_transitions WHERE to_state = 'HALTED'"
                + " AND reasons = 'operator.halt'")).isEqualTo(1);
    }

    @Test
    void activeReasonsSurviveARestartWithTheirMetadataAndClearedOnesDoNot() {
        StateReason halt = new StateReason(ReasonCode.of("operator.halt"), ReasonSource.OPERATOR, TradingState.HALTED,
                "ops: \"maintenance\" = 50%", Map.of("operator", "ann=b#c", "note", "line\nbreak"), 3);
        StateReason stale = new StateReason(ReasonCode.of("stale.BTC-PERP"), ReasonSource.STALENESS, TradingState.HALTED, "old",
                Map.of(), 4, BTC, io.tradehost.api.state.ClearingRule.MARKS_FRESH);
        dispatch(reopen(), new StateReasonChanged(halt, true, "", 3));
        dispatch(journal, new StateReasonChanged(stale, true, "", 4));
        dispatch(journal, new StateReasonChanged(stale, false, "fresh marks", 5));
        assertThat(journal.snapshot().activeReasons()).containsExactly(halt);
        assertThat(reopen().snapshot().activeReasons()).containsExactly(halt);
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
    void operatorActionsAreJournaledWithWhoWhenWhyAndOutcomeAndSurviveReopening() {
        reopen();
        OperatorActed halt = new OperatorActed(7, OperatorAction.HALT, null, "ana@127.0.0.1", "maintenance", true,
                "halted by operator", 1_000);
        OperatorActed clear = new OperatorActed(8, OperatorAction.CLEAR, "daily_loss", "cli:ben@127.0.0.1",
                "reviewed", false, "no active reason daily_loss (active: [])", 2_000);
        dispatch(journal, halt);
        dispatch(journal, clear);
        journal.close();
        journal = null;

        // the journal numbers its rows; everything else is what the runtime said
        assertThat(JournalFiles.operatorActions(file())).containsExactly(
                new OperatorActed(1, OperatorAction.HALT, null, "ana@127.0.0.1", "maintenance", true,
                        "halted by operator", 1_000),
                new OperatorActed(2, OperatorAction.CLEAR, "daily_loss", "cli:ben@127.0.0.1", "reviewed", false,
                        "no active reason daily_loss (active: [])", 2_000));
        assertThat(failures).isEmpty();
    }

    @Test
    void configReloadsAreJournaledWithTheirDiffSeverityAndErrorsAndSurviveReopening() {
        reopen();
        ConfigReloaded applied = new ConfigReloaded("file", "reduce-only", "high", List.of(
                new ConfigReloaded.Change("guards.config.leverage.max", "3", "0.5", "high",
                        "tightened below the open 1.2"),
                new ConfigReloaded.Change("telemetry.mark_window", null, "128", "safe", "hot-applied")),
                List.of(), 1_000);
        ConfigReloaded refused = new ConfigReloaded("SIGHUP", "refused", "none", List.of(),
                List.of("cfg.toml:3: guards.config.leverage.mx: unknown key (nearest: guards.config.leverage.max)",
                        "cfg.toml: host.symbols: must list at least one symbol"), 2_000);
        dispatch(journal, applied);
        dispatch(journal, refused);
        journal.close();
        journal = null;

        assertThat(JournalFiles.configReloads(file())).containsExactly(applied, refused);
        assertThat(failures).isEmpty();
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
    void aStopOrderKeepsItsTriggerAcrossAReopen() {
        reopen();
        OrderRequest stop = new OrderRequest(ClientOrderId.of("r1-1"), BTC, Side.SELL, OrderType.STOP_LIMIT,
                Quantity.of("1"), Price.of("95"), TimeInForce.GTC, true, false, Price.of("96"));
        journal.record(new RecordIntent(stop, 1, 1, 10));
        assertThat(reopen().snapshot().openOrders()).containsExactly(new Order(stop, OrderStatus.SUBMITTED,
                Quantity.ZERO, null));
    }

    @Test
    void aFundingPaymentIsKeptWithTheCashAndItsIdSurvivesAReopen() throws SQLException {
        reopen();
        FundingPayment p = new FundingPayment("f-9", BTC, Money.of("-1.5"), Ratio.of("0.0001"), Quantity.of("2"),
                Price.of("7500"), 11);
        dispatch(journal, new FundingBooked(p, Money.of("998.5")));
        assertThat(journal.fundingPaymentIds()).containsExactly("f-9");
        assertThat(journal.snapshot().cash()).isEqualTo(Money.of("998.5"));
        SqliteJournal again = reopen();
        assertThat(again.fundingPaymentIds()).containsExactly("f-9");
        assertThat(again.snapshot().cash()).isEqualTo(Money.of("998.5"));
        assertThat(JournalFiles.read(file()).fundingIds()).containsExactly("f-9");
        assertThat(count("SELECT COUNT(*) FROM funding WHERE amount = '-1.5' AND rate = '0.0001'"
                + " AND position_size = '2' AND mark = '7500' AND venue_nanos = 11")).isOne();
        dispatch(again, new FundingBooked(p, Money.of("998.5")));
        assertThat(count("SELECT COUNT(*) FROM funding")).isOne();
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
    void aJournalFromANewerHostIsRefusedWithItsVersion() throws SQLException {
        reopen().close();
        journal = null;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        assertThatThrownBy(() -> SqliteJournal.inline(file(), "r1", this::heard, clock))
                .isInstanceOf(JournalException.class)
                .hasMessage("journal " + file() + " has schema version 99, newer than this tradehost understands ("
                        + Schema.latest() + "); run a newer tradehost");
    }

    @Test
    void readingAMissingOrCorruptJournalSaysWhere() throws Exception {
        assertThatThrownBy(() -> JournalFiles.read(dir.resolve("none.db"))).isInstanceOf(JournalException.class)
                .hasMessage("no journal at " + dir.resolve("none.db"));
        java.nio.file.Files.writeString(file(), "this is not a database, but it is long enough to look like a header");
        assertThatThrownBy(() -> JournalFiles.read(file())).isInstanceOf(JournalException.class)
                .hasMessage("cannot open journal " + file()
                        + ": [SQLITE_NOTADB] File opened that is not a database file (file is not a database)");
    }

    @Test
    void readReturnsWhatWasWritten() {
        reopen().recordBaseline(Money.ofUnits(1000), List.of(), 1);
        journal.record(new RecordIntent(buy("r1-1", "1"), 1, 1, 10));
        JournalContents contents = JournalFiles.read(file());
        assertThat(contents.snapshot()).isEqualTo(journal.snapshot());
        assertThat(contents.runId()).isEqualTo("r1");
    }

    @Test
    void anInMemoryJournalWorksWithoutAFile() {
        try (SqliteJournal memory = SqliteJournal.inline(null, "m", this::heard, clock)) {
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
            SqliteJournal memory = SqliteJournal.inline(null, "m", this::heard, clock);
            memory.recordBaseline(Money.ofUnits(1000), List.of(), 1);
            memory.record(new RecordIntent(buy("m-1", "1"), 1, 1, 1));
            memory.saveOnClose(target);
            JournalSnapshot before = memory.snapshot();
            memory.close();
            assertThat(JournalFiles.read(target).snapshot()).isEqualTo(before);
            copies.add(Files.readAllBytes(target));
        }
        assertThat(copies.get(1)).isEqualTo(copies.get(0));
        SqliteJournal threaded = SqliteJournal.open(dir.resolve("threaded.db"), "t", SqliteJournal.Durability.NORMAL,
                16, Runnable::run, this::heard, clock);
        assertThatThrownBy(() -> threaded.saveOnClose(dir.resolve("x.db"))).isInstanceOf(IllegalStateException.class);
        threaded.close();
    }

    private long count(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}

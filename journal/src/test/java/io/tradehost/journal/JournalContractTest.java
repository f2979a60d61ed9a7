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
/**
 * What every journal store must do alike: the same writes, read back the same after a restart. Run on
 * SQLite ({@link SqliteJournalTest}) and on a real PostgreSQL server ({@link PostgresJournalTest}).
 */
abstract class JournalContractTest {
    static final Symbol BTC = Symbol.of("BTC-PERP");

    @TempDir
    Path dir;

    /** The store under test: the same one for every call within a test, a new one for each test. */
    abstract JournalStore store();

    /** A store where no journal was ever opened. */
    abstract JournalStore absent();

    /** Marks the journal in {@link #store()} as written by a release of schema {@code version}. */
    abstract void setSchemaVersion(int version) throws SQLException;

    /** What the store says when a primary key is taken twice. */
    abstract String duplicateKeyMessage();

    final VirtualClock clock = new VirtualClock(Fixtures.EPOCH);
    final List<String> failures = new ArrayList<>();
    final List<String> outcomes = new ArrayList<>();
    SqlJournal journal;

    SqlJournal reopen() {
        if (journal != null) {
            journal.close();
        }
        journal = SqlJournal.inline(store(), "r1", this::heard, clock);
        return journal;
    }

    @AfterEach
    void close() {
        if (journal != null) {
            journal.close();
        }
    }

    /** What the journal publishes: its answers to intents, and its failures. */
    void heard(Event event) {
        switch (event) {
            case IntentRecorded r -> outcomes.add(r.request().clientOrderId() + " durable");
            case IntentNotRecorded n -> outcomes.add(n.request().clientOrderId() + " failed");
            case JournalWriteFailed f -> failures.add(f.message());
            default -> throw new AssertionError("the journal published " + event);
        }
    }

    /** The pipeline's routes to the journal. */
    static void dispatch(SqlJournal journal, Event event) {
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

    static OrderRequest buy(String id, String quantity) {
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
        journal = SqlJournal.inline(store(), "other", this::heard, clock);
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
                .contains(duplicateKeyMessage());
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
        assertThat(JournalFiles.operatorActions(store())).containsExactly(
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

        assertThat(JournalFiles.configReloads(store())).containsExactly(applied, refused);
        assertThat(failures).isEmpty();
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
        SqlJournal again = reopen();
        assertThat(again.fundingPaymentIds()).containsExactly("f-9");
        assertThat(again.snapshot().cash()).isEqualTo(Money.of("998.5"));
        assertThat(JournalFiles.read(store()).fundingIds()).containsExactly("f-9");
        assertThat(count("SELECT COUNT(*) FROM funding WHERE amount = '-1.5' AND rate = '0.0001'"
                + " AND position_size = '2' AND mark = '7500' AND venue_nanos = 11")).isOne();
        dispatch(again, new FundingBooked(p, Money.of("998.5")));
        assertThat(count("SELECT COUNT(*) FROM funding")).isOne();
    }

    @Test
    void readReturnsWhatWasWritten() {
        reopen().recordBaseline(Money.ofUnits(1000), List.of(), 1);
        journal.record(new RecordIntent(buy("r1-1", "1"), 1, 1, 10));
        JournalContents contents = JournalFiles.read(store());
        assertThat(contents.snapshot()).isEqualTo(journal.snapshot());
        assertThat(contents.runId()).isEqualTo("r1");
    }

    @Test
    void aJournalFromANewerHostIsRefusedWithItsVersion() throws SQLException {
        reopen().close();
        journal = null;
        setSchemaVersion(99);
        assertThatThrownBy(() -> SqlJournal.inline(store(), "r1", this::heard, clock))
                .isInstanceOf(JournalException.class)
                .hasMessageStartingWith("journal " + store() + " has schema version 99, newer than this tradehost"
                        + " understands (")
                .hasMessageEndingWith("); run a newer tradehost");
    }

    @Test
    void readingAMissingJournalSaysWhere() {
        assertThatThrownBy(() -> JournalFiles.read(absent())).isInstanceOf(JournalException.class)
                .hasMessage("no journal at " + absent());
    }

    long count(String sql) {
        try (Connection c = store().connect(Durability.NORMAL);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}

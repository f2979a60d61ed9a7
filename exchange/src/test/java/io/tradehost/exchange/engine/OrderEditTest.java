package io.tradehost.exchange.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.exchange.store.StateFile;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edits of resting orders on a market that moves only when a test moves it: a product whose every
 * book level holds exactly one lot (so one step through a price fills one order there, and which
 * one shows who had priority), volatility zero. Outcomes are recorded as lines and compared whole.
 */
class OrderEditTest {
    private static final String T = "T-USD";
    /** Tick 0.01, lot 1, levels of one lot 0.01 apart around the mid: best bid 99.99, best ask 100.01. */
    private static final Listing LISTING = new Listing(T, "T", "USD", false, new BigDecimal("0.01"), BigDecimal.ONE,
            BigDecimal.ONE, new BigDecimal("1000"), new BigDecimal("100.00"), 0.0, 0.0001, new BigDecimal("100"), 1,
            BigDecimal.ZERO, BigDecimal.ZERO);

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_764_000_000_000L);
    private final EngineState state = new EngineState();
    private final List<String> heard = new ArrayList<>();
    private MatchingEngine engine;
    private int ids;

    private MatchingEngine engine(EngineState from, StateFile store) {
        MatchingEngine e = new MatchingEngine(List.of(LISTING), from, new BigDecimal("1000000"),
                3, new BigDecimal("0.006"), new BigDecimal("0.004"), clock::incrementAndGet, store::save);
        e.listener(new EngineListener() {
            @Override
            public void bookChanged(String productId, List<Level> updates) {
            }

            @Override
            public void orderChanged(ExchangeOrder o) {
                heard.add(o.clientOrderId + " " + o.status + " " + o.baseSize.toPlainString() + "@"
                        + o.limitPrice.toPlainString() + " filled " + o.filledSize.toPlainString());
            }
        });
        return e;
    }

    private void start() {
        engine = engine(state, new StateFile(dir));
    }

    private String place(String side, String size, String price, boolean postOnly) {
        PlaceResult r = engine.place(new PlaceRequest("c" + ++ids, T, side, "limit_limit_gtc", new BigDecimal(size),
                null, new BigDecimal(price), null, null, postOnly, 0, null, null));
        assertThat(r.created()).as("%s", r.message()).isTrue();
        return r.order().orderId;
    }

    private String edit(String orderId, String price, String size) {
        EditResult r = engine.edit(orderId, price == null ? null : new BigDecimal(price),
                size == null ? null : new BigDecimal(size));
        return r.success() ? "ok" : r.editFailureReason() + "/" + r.previewFailureReason();
    }

    /** The market moves to {@code mid} in one step: the book is laddered around it, resting orders checked. */
    private void stepTo(String mid) {
        state.mids.put(T, new BigDecimal(mid));
        engine.tick();
    }

    /** Every fill so far, oldest first: {@code client size@price liquidity}. */
    private List<String> fills() {
        return engine.fills(List.of(), List.of()).reversed().stream().map(f -> engine.order(f.orderId())
                .orElseThrow().clientOrderId + " " + f.size().toPlainString() + "@" + f.price().toPlainString() + " "
                + f.liquidity()).toList();
    }

    private String terms(String orderId) {
        ExchangeOrder o = engine.order(orderId).orElseThrow();
        return o.status + " " + o.baseSize.toPlainString() + "@" + o.limitPrice.toPlainString() + " filled "
                + o.filledSize.toPlainString();
    }

    @Test
    void aSmallerSizeAtTheSamePriceKeepsTheOrdersPlaceInTheQueue() {
        start();
        String a = place("BUY", "5", "99.00", false);
        place("BUY", "5", "99.00", false);
        assertThat(edit(a, "99.00", "4")).isEqualTo("ok");
        // asks from 99.00 up: the one lot at 99.00 goes to the first in the queue
        stepTo("98.99");
        assertThat(fills()).containsExactly("c1 1@99.00 MAKER");
        assertThat(terms(a)).isEqualTo("OPEN 4@99.00 filled 1");
    }

    @Test
    void aLargerSizeSendsTheOrderToTheBackOfTheQueue() {
        start();
        String a = place("BUY", "5", "99.00", false);
        place("BUY", "5", "99.00", false);
        assertThat(edit(a, "99.00", "6")).isEqualTo("ok");
        stepTo("98.99");
        assertThat(fills()).containsExactly("c2 1@99.00 MAKER");
        stepTo("98.99");
        assertThat(fills()).containsExactly("c2 1@99.00 MAKER", "c2 1@99.00 MAKER");
    }

    @Test
    void aNewPriceJoinsTheBackOfItsNewLevelHoweverOldTheOrder() {
        start();
        String a = place("BUY", "5", "98.00", false);
        place("BUY", "5", "99.00", false);
        assertThat(edit(a, "99.00", "5")).isEqualTo("ok");
        stepTo("98.99");
        assertThat(fills()).containsExactly("c2 1@99.00 MAKER");
        // and back down and up again: still behind
        assertThat(edit(a, "98.50", "5")).isEqualTo("ok");
        assertThat(edit(a, "99.00", "5")).isEqualTo("ok");
        stepTo("98.99");
        assertThat(fills()).containsExactly("c2 1@99.00 MAKER", "c2 1@99.00 MAKER");
    }

    @Test
    void anEditThroughTheBookTradesAtOnceAsATakerAndTheRestRests() {
        start();
        String a = place("BUY", "5", "99.00", false);
        heard.clear();
        assertThat(edit(a, "100.02", "5")).isEqualTo("ok");
        assertThat(fills()).containsExactly("c1 1@100.01 TAKER", "c1 1@100.02 TAKER");
        assertThat(heard).containsExactly("c1 OPEN 5@100.02 filled 2");
        assertThat(terms(a)).isEqualTo("OPEN 5@100.02 filled 2");
        // a resting sell (of what the buy got) edited down to the best bid fills whole and is done
        String s = place("SELL", "1", "101.00", false);
        assertThat(edit(s, "99.99", "1")).isEqualTo("ok");
        assertThat(terms(s)).isEqualTo("FILLED 1@99.99 filled 1");
        assertThat(edit(s, "99.99", "2")).isEqualTo("ONLY_OPEN_ORDERS_CAN_BE_EDITED/UNKNOWN_PREVIEW_FAILURE_REASON");
    }

    @Test
    void refusalsNameCoinbasesReasonAndLeaveTheOrderAsItWas() {
        start();
        String a = place("BUY", "5", "99.00", false);
        String post = place("BUY", "5", "99.00", true);
        String cancelled = place("BUY", "1", "90.00", false);
        assertThat(engine.cancel(cancelled)).isNull();
        String stop = engine.place(new PlaceRequest("stop", T, "BUY", "stop_limit_stop_limit_gtc", new BigDecimal("1"),
                null, new BigDecimal("120.00"), new BigDecimal("110.00"), "STOP_DIRECTION_STOP_UP", false, 0, null, null))
                .order().orderId;
        assertThat(edit(a, "100.01", "3")).isEqualTo("ok");
        assertThat(terms(a)).isEqualTo("OPEN 3@100.01 filled 1");
        heard.clear();
        List<String> refused = List.of(
                edit("no-such-order", "99.00", "1"),
                edit(cancelled, "91.00", "1"),
                edit(stop, "121.00", "1"),
                edit(a, "99.005", "3"),
                edit(a, "0", "3"),
                edit(a, "1e999999999", "3"),
                edit(a, null, "3"),
                edit(a, "99.00", "2.5"),
                edit(a, "99.00", "0"),
                edit(a, "99.00", "1001"),
                edit(a, "99.00", null),
                edit(a, "99.00", "1"),
                edit(a, "100.01", "3"),
                edit(a, "99999.00", "1000"),
                edit(post, "100.02", "5"));
        assertThat(refused).containsExactly(
                "ORDER_NOT_FOUND/UNKNOWN_PREVIEW_FAILURE_REASON",
                "ONLY_OPEN_ORDERS_CAN_BE_EDITED/UNKNOWN_PREVIEW_FAILURE_REASON",
                "ONLY_LIMIT_ORDER_EDITS_SUPPORTED/UNKNOWN_PREVIEW_FAILURE_REASON",
                "INVALID_EDITED_PRICE/UNKNOWN_PREVIEW_FAILURE_REASON",
                "INVALID_EDITED_PRICE/UNKNOWN_PREVIEW_FAILURE_REASON",
                "INVALID_EDITED_PRICE/UNKNOWN_PREVIEW_FAILURE_REASON",
                "INVALID_EDITED_PRICE/UNKNOWN_PREVIEW_FAILURE_REASON",
                "INVALID_EDITED_SIZE/UNKNOWN_PREVIEW_FAILURE_REASON",
                "INVALID_EDITED_SIZE/UNKNOWN_PREVIEW_FAILURE_REASON",
                "INVALID_EDITED_SIZE/UNKNOWN_PREVIEW_FAILURE_REASON",
                "INVALID_EDITED_SIZE/UNKNOWN_PREVIEW_FAILURE_REASON",
                "CANNOT_EDIT_TO_BELOW_FILLED_SIZE/UNKNOWN_PREVIEW_FAILURE_REASON",
                "EDIT_REQUEST_EQUAL_TO_ORIGINAL_REQUEST/UNKNOWN_PREVIEW_FAILURE_REASON",
                "COMMANDER_REJECTED_EDIT_ORDER/PREVIEW_INSUFFICIENT_FUND",
                "COMMANDER_REJECTED_EDIT_ORDER/PREVIEW_INVALID_LIMIT_PRICE_POST_ONLY");
        assertThat(heard).isEmpty();
        assertThat(terms(a)).isEqualTo("OPEN 3@100.01 filled 1");
        assertThat(terms(post)).isEqualTo("OPEN 5@99.00 filled 0");
        assertThat(fills()).containsExactly("c1 1@100.01 TAKER");
        assertThat(engine.stats()).containsEntry("orders_edited", 1L);
        // the smallest size that still leaves something open
        assertThat(edit(a, "100.01", "2")).isEqualTo("ok");
        assertThat(terms(a)).isEqualTo("OPEN 2@100.01 filled 1");
    }

    @Test
    void theStateFileKeepsTheEditedTermsAndTheQueue() {
        start();
        String a = place("BUY", "5", "99.00", false);
        place("BUY", "5", "99.00", false);
        assertThat(edit(a, "99.00", "7")).isEqualTo("ok");
        EngineState saved = new StateFile(dir).load();
        assertThat(saved.orders.get(a).baseSize).isEqualByComparingTo("7");
        assertThat(saved.orders.get(a).queue).isEqualTo(3);
        assertThat(saved.nextQueue).isEqualTo(4);
        assertThat(saved.ordersEdited).isEqualTo(1);
        engine = engine(saved, new StateFile(dir));
        saved.mids.put(T, new BigDecimal("98.99"));
        engine.tick();
        assertThat(fills()).containsExactly("c2 1@99.00 MAKER");
    }
}

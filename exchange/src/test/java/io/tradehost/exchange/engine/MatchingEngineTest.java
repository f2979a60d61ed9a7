package io.tradehost.exchange.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.exchange.store.StateFile;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exchange's books against an independent recomputation from its own fill list: after a seeded
 * mix of market, limit, IOC, FOK and post-only orders, cancels and market steps, every balance is
 * the starting balance plus what the fills moved, to the unit; every order's filled size is the sum
 * of its fills; and the state file gives back exactly the same exchange.
 */
class MatchingEngineTest {
    private static final BigDecimal CASH = new BigDecimal("1000000");
    private static final BigDecimal TAKER = new BigDecimal("0.006");
    private static final BigDecimal MAKER = new BigDecimal("0.004");

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_764_000_000_000L);

    private MatchingEngine engine(EngineState state, StateFile store) {
        List<Listing> spot = Listing.DEFAULTS.stream().filter(l -> l.productId().equals("BTC-USD")
                || l.productId().equals("BTC-PERP-INTX")).toList();
        return new MatchingEngine(spot, state, CASH, 5, TAKER, MAKER, clock::incrementAndGet, store::save);
    }

    @Test
    void balancesEqualWhatTheFillsMovedAndTheStateFileRestoresEverything() {
        StateFile store = new StateFile(dir);
        MatchingEngine engine = engine(store.load(), store);
        SplittableRandom random = new SplittableRandom(11);
        int created = 0;
        for (int i = 0; i < 400; i++) {
            String product = random.nextInt(3) == 0 ? "BTC-PERP-INTX" : "BTC-USD";
            String side = random.nextBoolean() ? "BUY" : "SELL";
            BigDecimal mid = engine.mid(product);
            BigDecimal size = product.equals("BTC-USD") ? new BigDecimal("0.01").multiply(BigDecimal.valueOf(1
                    + random.nextInt(100))) : new BigDecimal("0.0001").multiply(BigDecimal.valueOf(1 + random.nextInt(5000)));
            String config = List.of("market_market_ioc", "limit_limit_gtc", "sor_limit_ioc", "limit_limit_fok")
                    .get(random.nextInt(4));
            BigDecimal tick = engine.listing(product).orElseThrow().priceIncrement();
            BigDecimal limit = mid.multiply(BigDecimal.valueOf(0.998 + random.nextDouble() * 0.004))
                    .divide(tick, 0, RoundingMode.HALF_EVEN).multiply(tick);
            PlaceResult r = engine.place(new PlaceRequest("c-" + i, product, side, config, size, null,
                    config.startsWith("market") ? null : limit, null, null, false, 0, null, null));
            if (r.created()) {
                created++;
            } else {
                assertThat(r.error()).isIn("INSUFFICIENT_FUND", "INVALID_LIMIT_PRICE_POST_ONLY");
            }
            if (random.nextInt(10) == 0) {
                engine.orders(true, List.of()).stream().findFirst().ifPresent(o -> assertThat(engine.cancel(o.orderId))
                        .isNull());
            }
            if (random.nextInt(3) == 0) {
                engine.tick();
            }
            if (random.nextInt(50) == 0) {
                engine.chargeFunding();
            }
        }
        assertThat(created).isGreaterThan(200);
        List<ExchangeFill> fills = engine.fills(List.of(), List.of());
        assertThat(fills).hasSizeGreaterThan(200);

        BigDecimal usd = CASH;
        BigDecimal btc = BigDecimal.ZERO;
        BigDecimal usdc = CASH;
        Map<String, BigDecimal[]> perp = new HashMap<>();
        List<ExchangeFill> oldestFirst = fills.reversed();
        for (ExchangeFill f : oldestFirst) {
            BigDecimal notional = f.price().multiply(f.size());
            BigDecimal rate = f.liquidity().equals("MAKER") ? MAKER : TAKER;
            assertThat(f.commission()).isEqualByComparingTo(notional.multiply(rate).setScale(10, RoundingMode.HALF_EVEN));
            if (f.productId().equals("BTC-USD")) {
                boolean buy = f.side().equals("BUY");
                usd = usd.add(buy ? notional.negate() : notional).subtract(f.commission());
                btc = btc.add(buy ? f.size() : f.size().negate());
            } else {
                usdc = usdc.subtract(f.commission()).add(realised(perp, f));
            }
        }
        for (EngineState.FundingPayment p : engine.funding()) {
            usdc = usdc.add(p.amount());
            assertThat(p.amount()).isEqualByComparingTo(p.positionSize().multiply(p.mark()).multiply(p.rate()).negate()
                    .setScale(10, RoundingMode.HALF_EVEN));
        }
        Map<String, BigDecimal> balances = engine.balances();
        assertThat(balances.get("USD")).isEqualByComparingTo(usd);
        assertThat(balances.get("BTC")).isEqualByComparingTo(btc);
        assertThat(balances.get("USDC")).isEqualByComparingTo(usdc);
        BigDecimal perpSize = perp.getOrDefault("BTC-PERP-INTX", new BigDecimal[] {BigDecimal.ZERO})[0];
        BigDecimal reported = engine.positions().containsKey("BTC-PERP-INTX")
                ? engine.positions().get("BTC-PERP-INTX")[0] : BigDecimal.ZERO;
        assertThat(reported).isEqualByComparingTo(perpSize);

        Map<String, BigDecimal> filledByOrder = fills.stream().collect(Collectors.groupingBy(ExchangeFill::orderId,
                Collectors.reducing(BigDecimal.ZERO, ExchangeFill::size, BigDecimal::add)));
        for (ExchangeOrder o : engine.orders(false, List.of())) {
            assertThat(o.filledSize).isEqualByComparingTo(filledByOrder.getOrDefault(o.orderId, BigDecimal.ZERO));
            assertThat(o.status.equals("FILLED")).isEqualTo(o.filledSize.compareTo(o.baseSize) == 0);
            assertThat(o.filledSize).isLessThanOrEqualTo(o.baseSize);
        }
        assertThat(engine.hold("USD")).isNotNegative().isLessThanOrEqualTo(balances.get("USD"));

        MatchingEngine again = engine(new StateFile(dir).load(), store);
        assertThat(again.balances()).isEqualTo(balances);
        assertThat(again.fills(List.of(), List.of())).isEqualTo(fills);
        assertThat(again.orders(false, List.of()).stream().map(o -> o.orderId + o.status + o.filledSize).toList())
                .isEqualTo(engine.orders(false, List.of()).stream().map(o -> o.orderId + o.status + o.filledSize)
                        .toList());
        assertThat(again.stats()).isEqualTo(engine.stats());
    }

    /** Average-cost accounting of one perpetual fill, computed independently; the realised PnL it books. */
    private static BigDecimal realised(Map<String, BigDecimal[]> books, ExchangeFill f) {
        BigDecimal[] b = books.computeIfAbsent(f.productId(), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
        BigDecimal signed = f.side().equals("BUY") ? f.size() : f.size().negate();
        if (b[0].signum() == 0 || b[0].signum() == signed.signum()) {
            b[0] = b[0].add(signed);
            b[1] = b[1].add(f.price().multiply(signed));
            return BigDecimal.ZERO;
        }
        BigDecimal closing = b[0].abs().min(f.size());
        BigDecimal released = b[1].multiply(closing).divide(b[0].abs(), 10, RoundingMode.HALF_EVEN);
        BigDecimal value = f.price().multiply(closing);
        BigDecimal pnl = b[0].signum() > 0 ? value.subtract(released) : released.negate().subtract(value);
        BigDecimal opened = f.size().subtract(closing);
        b[0] = b[0].add(signed);
        b[1] = b[0].signum() == 0 ? BigDecimal.ZERO
                : b[1].subtract(released).add(f.price().multiply(signed.signum() > 0 ? opened : opened.negate()));
        return pnl;
    }

    @Test
    void aReusedClientIdAnswersTheExistingOrderAndCreatesNothing() {
        StateFile store = new StateFile(dir);
        MatchingEngine engine = engine(store.load(), store);
        PlaceRequest r = new PlaceRequest("same", "BTC-USD", "BUY", "limit_limit_gtc", new BigDecimal("0.01"), null,
                new BigDecimal("1000.00"), null, null, false, 0, null, null);
        PlaceResult first = engine.place(r);
        PlaceResult second = engine.place(r);
        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.order().orderId).isEqualTo(first.order().orderId);
        assertThat(engine.stats()).containsEntry("orders_created", 1L).containsEntry("client_id_reuses", 1L);
        assertThat(engine.place(new PlaceRequest("x", "BTC-USD", "BUY", "limit_limit_gtc", new BigDecimal("0.001"), null,
                new BigDecimal("1000.005"), null, null, false, 0, null, null)).error()).isEqualTo("INVALID_PRICE_PRECISION");
        assertThat(engine.place(new PlaceRequest("y", "BTC-USD", "BUY", "limit_limit_ioc", new BigDecimal("0.001"), null,
                new BigDecimal("1000"), null, null, false, 0, null, null)).error())
                .isEqualTo("UNSUPPORTED_ORDER_CONFIGURATION");
        assertThat(engine.cancel(first.order().orderId)).isNull();
        assertThat(engine.cancel(first.order().orderId)).isEqualTo("DUPLICATE_CANCEL_REQUEST");
        assertThat(engine.cancel("nope")).isEqualTo("UNKNOWN_CANCEL_ORDER");
    }

    @Test
    void aStopLimitRestsUntilTheMarketCrossesItsTrigger() {
        StateFile store = new StateFile(dir);
        MatchingEngine engine = engine(store.load(), store);
        BigDecimal mid = engine.mid("BTC-USD");
        BigDecimal trigger = mid.add(new BigDecimal("5.00"));
        PlaceResult r = engine.place(new PlaceRequest("stop", "BTC-USD", "BUY", "stop_limit_stop_limit_gtc",
                new BigDecimal("0.01"), null, trigger.add(new BigDecimal("1000.00")), trigger, "STOP_DIRECTION_STOP_UP",
                false, 0, null, null));
        assertThat(r.order().status).isEqualTo("OPEN");
        assertThat(r.order().triggered).isFalse();
        for (int i = 0; i < 5_000 && engine.order(r.order().orderId).orElseThrow().isOpen(); i++) {
            engine.tick();
            if (engine.mid("BTC-USD").compareTo(trigger) < 0) {
                assertThat(engine.order(r.order().orderId).orElseThrow().filledSize).isZero();
            }
        }
        ExchangeOrder done = engine.order(r.order().orderId).orElseThrow();
        assertThat(done.status).isEqualTo("FILLED");
        assertThat(done.triggered).isTrue();
    }
}

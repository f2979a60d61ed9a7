package io.tradehost.backtest.venue;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.value.Money;
import io.tradehost.api.value.Price;
import io.tradehost.api.value.Product;
import io.tradehost.api.value.ProductKind;
import io.tradehost.api.value.Quantity;
import io.tradehost.api.value.Ratio;
import io.tradehost.api.value.Symbol;
import io.tradehost.api.venue.Venue;
import io.tradehost.api.venue.VenueContext;
import io.tradehost.api.venue.VenueFactory;
import io.tradehost.simulator.EngineRules;
import io.tradehost.simulator.FillModel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code backtest}: the simulated matching venue over the recorded symbols. Not found by
 * ServiceLoader: a backtest hands it the symbols its data holds. Keys: {@code starting_cash}
 * (100000), {@code taker_fee_bps} (5), {@code maker_fee_bps} (2), {@code half_spread_bps} (1),
 * {@code slippage_bps} (0), {@code latency} ("0ms"), {@code depth_notional} (1000000), and per
 * symbol {@code markets.<SYMBOL>} with {@code kind} ({@code spot}, or {@code perpetual}; default
 * perpetual for names ending in {@code -PERP}), {@code tick} (0.00000001), {@code lot}
 * (0.00000001), {@code min_size} (the lot) and {@code max_leverage} (1 spot, 10 perpetual). What the
 * tape holds decides what market data the venue publishes besides quotes: public trades from a tape
 * of trades, one level of depth from quote rows ({@link SimulatedVenue}). Fees and slippage go to the
 * matching engine ({@link EngineRules}), the rest to {@link TapeSettings}. The venue it created last
 * is kept for the replay to feed ({@link #venue}). Not thread-safe.
 */
public final class SimulatedVenueFactory implements VenueFactory {
    /** The name configuration uses. */
    public static final String NAME = "backtest";

    /** Venue order ids {@code BT-n} and trade ids {@code BT-T-n}. */
    private static final String ORDER_IDS = "BT-";
    private static final String TRADE_IDS = "BT-T-";

    private final Set<Symbol> symbols;
    private final boolean trades;
    private final boolean quotes;
    private SimulatedVenue venue;

    /** A factory for a venue listing {@code symbols}, replaying a tape of quotes or bars (or both). */
    public SimulatedVenueFactory(Set<Symbol> symbols) {
        this(symbols, false, true);
    }

    /**
     * A factory for a venue listing {@code symbols}.
     *
     * @param trades the tape is of trades only: each row is reported as a public trade too
     * @param quotes the tape has quote rows: each one's touch is reported as one level of depth too
     */
    public SimulatedVenueFactory(Set<Symbol> symbols, boolean trades, boolean quotes) {
        this.trades = trades;
        this.quotes = quotes;
        this.symbols = new TreeSet<>(symbols);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean simulated() {
        return true;
    }

    @Override
    public String description() {
        return "simulated matching venue over recorded market data (backtests)";
    }

    @Override
    public List<String> requiredCredentials() {
        return List.of();
    }

    @Override
    public Venue create(PluginConfig config, VenueContext context) {
        Money startingCash = config.money("starting_cash", "100000", "0", "1000000000000");
        Ratio taker = config.ratio("taker_fee_bps", "5", "0", "1000");
        Ratio maker = config.ratio("maker_fee_bps", "2", "-100", "1000");
        Ratio halfSpread = config.ratio("half_spread_bps", "1", "0", "1000");
        Ratio slippage = config.ratio("slippage_bps", "0", "0", "1000");
        TapeSettings settings = new TapeSettings(startingCash, halfSpread,
                config.duration("latency", Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1)),
                config.money("depth_notional", "1000000", "0.0000000001", "1000000000000"),
                config.ratio("funding_rate", "0", "-0.1", "0.1"),
                config.duration("funding_interval", Duration.ofHours(8), Duration.ZERO, Duration.ofDays(7)));
        FillModel fillModel = new FillModel(config.bool("queue_position", true),
                config.ratio("level_step_bps", "1", "0", "1000"));
        // the host holds stops in a backtest, as it does for a venue without them
        EngineRules rules = new EngineRules(taker, maker, slippage, false, ORDER_IDS, TRADE_IDS, fillModel);
        PluginConfig markets = config.section("markets");
        Map<Symbol, Product> products = new LinkedHashMap<>();
        for (Symbol symbol : symbols) {
            products.put(symbol, product(symbol, markets.section(symbol.value())));
        }
        venue = new SimulatedVenue(products, settings, rules, context.clock(), context.scheduler(), context.listener(),
                trades, quotes);
        return venue;
    }

    private static Product product(Symbol symbol, PluginConfig m) {
        String defaultKind = symbol.value().endsWith("-PERP") ? "perpetual" : "spot";
        String kindName = m.string("kind", defaultKind).toLowerCase(Locale.ROOT);
        ProductKind kind = switch (kindName) {
            case "spot" -> ProductKind.SPOT;
            case "perpetual" -> ProductKind.PERPETUAL;
            default -> throw new ConfigException(m.path() + ".kind", "must be \"spot\" or \"perpetual\", not \""
                    + kindName + "\"");
        };
        Price tick = m.price("tick", "0.00000001", "0.0000000001", "1000000");
        Quantity lot = Quantity.of(m.decimal("lot", "0.00000001", "0.0000000001", "1000000"));
        Quantity minSize = Quantity.of(m.decimal("min_size", lot.toString(), lot.toString(), "1000000000"));
        Ratio leverage = m.ratio("max_leverage", kind == ProductKind.PERPETUAL ? "10" : "1", "1", "200");
        String value = symbol.value();
        int dash = value.indexOf('-');
        String base = dash > 0 ? value.substring(0, dash) : value;
        return new Product(symbol, base, "USD", kind, tick, lot, minSize, leverage);
    }

    /**
     * The venue created last, for the replay to feed.
     *
     * @throws IllegalStateException before the host created it
     */
    public SimulatedVenue venue() {
        if (venue == null) {
            throw new IllegalStateException("the host has not created the simulated venue yet");
        }
        return venue;
    }
}

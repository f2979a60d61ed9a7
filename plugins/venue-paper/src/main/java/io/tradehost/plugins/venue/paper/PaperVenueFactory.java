package io.tradehost.plugins.venue.paper;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.market.BookDepth;
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
import java.math.RoundingMode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code paper}: keys {@code tick_interval} ("250ms"), {@code funding_interval} ("8h", "0s" for none;
 * each open perpetual pays {@code size x mid x funding_rate} then, and each subscribed perpetual's
 * rate and next payment time are published when it is subscribed and at every payment time),
 * {@code depth_levels} (10, at most 50, 0 for none: the synthetic book's levels a side, published
 * whenever they change), {@code starting_cash} (100000), {@code taker_fee_bps} (5),
 * {@code maker_fee_bps} (2), and per listed symbol a block
 * {@code markets.<SYMBOL>} with {@code price}, {@code drift_bps}, {@code volatility_bps},
 * {@code spread_bps} (per market step), {@code funding_rate} (perpetuals, per interval, 0.0001) and {@code depth_notional} (1000000: the size quoted at each
 * side of the book, as notional at the starting price). Lists BTC-PERP, ETH-PERP, DOGE-PERP (perpetuals) and
 * SOL-USD, ETH-USD (spot), and a synthetic market for every other symbol the host trades: a perpetual
 * if its name ends in {@code -PERP}, else spot ({@code kind}), starting at {@code price} 100 with tick
 * ({@code tick}) 0.01, lot ({@code lot}) 0.001, 10 bps volatility and 2 bps spread, 10x for a
 * perpetual ({@code max_leverage}), each overridable in its block. Needs no credentials. Given a data directory it keeps its book in
 * {@code paper.db} there and continues from it when created again ({@code starting_cash} then only
 * applies to a new book).
 */
public final class PaperVenueFactory implements VenueFactory {
    private record Listing(Product product, String price, String driftBps, String volatilityBps, String spreadBps) {
    }

    private static final List<Listing> LISTINGS = List.of(
            listing("BTC-PERP", "BTC", ProductKind.PERPETUAL, "0.1", "0.0001", 20, "60000", "8", "1"),
            listing("ETH-PERP", "ETH", ProductKind.PERPETUAL, "0.01", "0.001", 20, "3000", "10", "1.5"),
            listing("DOGE-PERP", "DOGE", ProductKind.PERPETUAL, "0.00001", "1", 10, "0.15", "15", "4"),
            listing("SOL-USD", "SOL", ProductKind.SPOT, "0.01", "0.01", 1, "150", "12", "3"),
            listing("ETH-USD", "ETH", ProductKind.SPOT, "0.01", "0.0001", 1, "3000", "10", "2"));

    /** The factory ServiceLoader instantiates. */
    public PaperVenueFactory() {
        // stateless
    }

    private static Listing listing(String symbol, String base, ProductKind kind, String tick, String lot,
                                   long leverage, String price, String volatilityBps, String spreadBps) {
        return new Listing(new Product(Symbol.of(symbol), base, "USD", kind, Price.of(tick), Quantity.of(lot),
                Quantity.of(lot), Ratio.ofUnits(leverage)), price, "0", volatilityBps, spreadBps);
    }

    @Override
    public String name() {
        return "paper";
    }

    @Override
    public boolean simulated() {
        return true;
    }

    @Override
    public String description() {
        return "in-process simulated exchange with seeded synthetic market data, spot and perpetuals";
    }

    @Override
    public List<String> requiredCredentials() {
        return List.of();
    }

    /**
     * The listings: the built-in ones, then a synthetic one for each symbol the host trades that they
     * lack, as its block in {@code markets} shapes it.
     */
    private static List<Listing> listings(VenueContext context, PluginConfig markets) {
        List<Listing> out = new java.util.ArrayList<>(LISTINGS);
        java.util.Set<Symbol> listed = new java.util.HashSet<>();
        LISTINGS.forEach(l -> listed.add(l.product().symbol()));
        for (Symbol symbol : context.symbols()) {
            if (!listed.add(symbol)) {
                continue;
            }
            PluginConfig m = markets.section(symbol.value());
            String kindName = m.string("kind", symbol.value().endsWith("-PERP") ? "perpetual" : "spot");
            ProductKind kind = switch (kindName.toLowerCase(java.util.Locale.ROOT)) {
                case "perpetual" -> ProductKind.PERPETUAL;
                case "spot" -> ProductKind.SPOT;
                default -> throw new io.tradehost.api.config.ConfigException(m.path() + ".kind",
                        "must be \"spot\" or \"perpetual\", not \"" + kindName + "\"");
            };
            String value = symbol.value();
            String base = value.contains("-") ? value.substring(0, value.indexOf('-')) : value;
            Quantity lot = Quantity.of(m.decimal("lot", "0.001", "0.0000000001", "1000000"));
            Product product = new Product(symbol, base, "USD", kind, m.price("tick", "0.01", "0.0000000001", "1000000"),
                    lot, lot, kind == ProductKind.PERPETUAL ? m.ratio("max_leverage", "10", "1", "200") : Ratio.ONE);
            out.add(new Listing(product, "100", "0", "10", "2"));
        }
        return out;
    }

    @Override
    public Venue create(PluginConfig config, VenueContext context) {
        Duration tick = config.duration("tick_interval", Duration.ofMillis(250), Duration.ofMillis(1),
                Duration.ofHours(1));
        Money startingCash = config.money("starting_cash", "100000", "0", "1000000000");
        Ratio taker = config.ratio("taker_fee_bps", "5", "0", "1000");
        Ratio maker = config.ratio("maker_fee_bps", "2", "-100", "1000");
        PluginConfig marketsConfig = config.section("markets");
        List<Listing> listings = listings(context, marketsConfig);
        Map<Symbol, Market> markets = new LinkedHashMap<>();
        for (Listing listing : listings) {
            Symbol symbol = listing.product().symbol();
            PluginConfig m = marketsConfig.section(symbol.value());
            long seed = context.seed() ^ (symbol.value().hashCode() * 0x9E3779B97F4A7C15L);
            Price start = m.price("price", listing.price(), "0.00000001", "1000000000");
            markets.put(symbol, new Market(listing.product(), start,
                    toBps(m.ratio("drift_bps", listing.driftBps(), "-100", "100")),
                    toBps(m.ratio("volatility_bps", listing.volatilityBps(), "0", "1000")),
                    toBps(m.ratio("spread_bps", listing.spreadBps(), "0", "1000")),
                    depth(listing.product(), m.money("depth_notional", "1000000", "0", "1000000000"), start), seed));
        }
        Duration fundingInterval = config.duration("funding_interval", Duration.ofHours(8), Duration.ZERO,
                Duration.ofDays(7));
        Map<Symbol, Ratio> fundingRates = new LinkedHashMap<>();
        for (Listing listing : listings) {
            if (listing.product().isPerpetual()) {
                Symbol symbol = listing.product().symbol();
                fundingRates.put(symbol, marketsConfig.section(symbol.value()).ratio("funding_rate", "0.0001", "-0.1",
                        "0.1"));
            }
        }
        int depthLevels = (int) config.integer("depth_levels", 10, 0, BookDepth.MAX_LEVELS);
        PaperStore store = context.dataDirectoryIfAny().map(PaperStore::open).orElseGet(PaperStore::none);
        return new PaperVenue(markets, startingCash, taker, maker, tick, depthLevels,
                new PaperFunding(fundingInterval, fundingRates), context.clock(), context.scheduler(),
                context.listener(), store);
    }

    /** Size at each side of the book: {@code depth_notional} at the starting price, on the lot grid. */
    private static Quantity depth(Product product, Money notional, Price startPrice) {
        Quantity size = product.roundSize(notional.divide(startPrice, RoundingMode.DOWN));
        return size.isPositive() ? size : product.sizeIncrement();
    }

    private static double toBps(Ratio ratio) {
        return ratio.toDouble();
    }
}

package io.tradehost.plugins.venue.coinbase;

import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.time.Clock;
import io.tradehost.api.venue.VenueContext;
import io.tradehost.exchange.ExchangeSettings;
import io.tradehost.exchange.LocalExchange;
import io.tradehost.exchange.auth.KeyType;
import io.tradehost.exchange.engine.EngineListener;
import io.tradehost.exchange.engine.Listing;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local exchange on 127.0.0.1 (port 0, its market still unless a test ticks it) and a Coinbase
 * venue connected to it with the key it issued, feeding a {@link RecordingListener}. Closes both.
 */
final class ExchangeHarness implements AutoCloseable {
    static final Clock WALL = () -> {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    };

    final LocalExchange exchange;
    final RecordingListener listener = new RecordingListener();
    final LiveScheduler scheduler = new LiveScheduler();
    CoinbaseVenue venue;

    ExchangeHarness(Path dir, KeyType keyType, int pageSize) {
        this(dir, keyType, pageSize, Duration.ZERO);
    }

    /** An exchange that charges funding every {@code fundingInterval} (zero: never). */
    ExchangeHarness(Path dir, KeyType keyType, int pageSize, Duration fundingInterval) {
        ExchangeSettings defaults = ExchangeSettings.defaults(new InetSocketAddress("127.0.0.1", 0), dir);
        ExchangeSettings settings = new ExchangeSettings(defaults.listen(), dir, 7, Listing.DEFAULTS, keyType,
                Duration.ofHours(1), fundingInterval, new BigDecimal("10000000"), defaults.takerFee(),
                defaults.makerFee(), pageSize, false, List.of(), false);
        exchange = LocalExchange.start(settings);
    }

    /** The venue's configuration against this exchange, plus {@code extra}. */
    Map<String, Object> config(Map<String, Object> extra) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("base_url", exchange.uri().toString());
        c.put("ws_url", exchange.wsUri().toString());
        c.put("ws_user_url", exchange.wsUri() + "/user");
        c.put("silence_timeout", "1500ms");
        c.put("reconnect_min", "20ms");
        c.put("reconnect_max", "200ms");
        c.putAll(extra);
        return c;
    }

    Map<String, String> credentials() {
        return Map.of(CoinbaseVenueFactory.KEY_NAME, exchange.apiKey().name(),
                CoinbaseVenueFactory.PRIVATE_KEY, exchange.apiKey().secret());
    }

    CoinbaseVenue connect(Map<String, Object> extra) throws Exception {
        return connect(extra, credentials());
    }

    CoinbaseVenue connect(Map<String, Object> extra, Map<String, String> credentials) throws Exception {
        VenueContext context = new VenueContext(WALL, scheduler, listener, credentials, 11);
        venue = (CoinbaseVenue) new CoinbaseVenueFactory().create(new PluginConfig("venue.config", config(extra)),
                context);
        venue.connect();
        return venue;
    }

    /** The exchange's best ask of {@code product} now. */
    BigDecimal bestAsk(String product) {
        return exchange.engine().snapshot(product).stream().filter(l -> !l.bid()).map(EngineListener.Level::price)
                .map(BigDecimal::new).min(BigDecimal::compareTo).orElseThrow();
    }

    BigDecimal bestBid(String product) {
        return exchange.engine().snapshot(product).stream().filter(EngineListener.Level::bid)
                .map(EngineListener.Level::price).map(BigDecimal::new).max(BigDecimal::compareTo).orElseThrow();
    }

    BigDecimal bestAskSize(String product) {
        BigDecimal ask = bestAsk(product);
        return exchange.engine().snapshot(product).stream().filter(l -> !l.bid() && new BigDecimal(l.price())
                .compareTo(ask) == 0).map(l -> new BigDecimal(l.size())).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        if (venue != null) {
            venue.close();
        }
        scheduler.close();
        exchange.close();
    }
}

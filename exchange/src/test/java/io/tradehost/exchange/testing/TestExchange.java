package io.tradehost.exchange.testing;

import io.tradehost.exchange.ExchangeSettings;
import io.tradehost.exchange.LocalExchange;
import io.tradehost.exchange.auth.KeyType;
import io.tradehost.exchange.engine.Listing;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A local exchange on 127.0.0.1 (any free port) whose market stands still (one tick an hour, no
 * funding), so prices read in one call hold for the next. Closes the exchange.
 */
public final class TestExchange implements AutoCloseable {
    public final LocalExchange exchange;

    public TestExchange(Path dir, KeyType keyType, boolean strictAuth) {
        ExchangeSettings d = ExchangeSettings.defaults(new InetSocketAddress("127.0.0.1", 0), dir);
        exchange = LocalExchange.start(new ExchangeSettings(d.listen(), dir, 3, Listing.DEFAULTS, keyType,
                Duration.ofHours(1), Duration.ZERO, d.startingCash(), d.takerFee(), d.makerFee(), 100, strictAuth,
                List.of(), false));
    }

    public TestExchange(Path dir) {
        this(dir, KeyType.ED25519, false);
    }

    public int port() {
        return exchange.port();
    }

    /** {@code "127.0.0.1:PORT"}, the host part of a {@code uri} claim. */
    public String host() {
        return "127.0.0.1:" + port();
    }

    /** A signed GET of a private endpoint, as Coinbase's own SDKs sign it (the uri without the query). */
    public RawHttp.Response privateGet(String target) throws IOException {
        String path = target.split("\\?", 2)[0];
        String token = Tokens.rest(exchange.apiKey(), Instant.now().getEpochSecond(), "GET " + host() + path);
        return RawHttp.get(port(), target, "Authorization: Bearer " + token);
    }

    @Override
    public void close() {
        exchange.close();
    }
}

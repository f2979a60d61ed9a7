package io.tradehost.plugins.venue.coinbase;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.market.BookDepth;
import io.tradehost.plugins.venue.coinbase.feed.Feed;
import io.tradehost.plugins.venue.coinbase.feed.MarketFeed;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The {@code coinbase} venue's configuration ({@code [venue.config]}). Immutable.
 *
 * @param baseUrl REST base, default {@code https://api.coinbase.com}
 * @param wsUrl market feed, default {@code wss://advanced-trade-ws.coinbase.com}
 * @param wsUserUrl user feed, default {@code wss://advanced-trade-ws-user.coinbase.com}
 * @param products products to list to the host (empty: every one the venue has)
 * @param quoteCurrency the cash currency whose spot products' base balances are positions
 * @param portfolioUuid the perpetuals (INTX) portfolio to read positions from; empty for none
 * @param credentialsFile a file with {@code COINBASE_API_KEY_NAME=} and {@code COINBASE_API_PRIVATE_KEY=}
 *     lines, used when the environment has no key; {@code null} for none
 * @param rateLimit client-side requests per second (below Coinbase's 30 for private endpoints)
 * @param requestTimeout how long one REST call may take (keep it below {@code venue.call_budget})
 * @param connectTimeout TCP and WebSocket handshake timeout
 * @param readAttempts how often a read is tried on a dropped connection or a 5xx
 * @param marketChannel level2 (default) or ticker
 * @param depthLevels levels a side of each level2 book published as depth (10; 0 for none, at most
 *     {@link BookDepth#MAX_LEVELS}); the ticker channel carries no depth
 * @param feedTiming feed silence timeout and reconnect backoff
 * @param fundingPoll how often the perpetuals portfolio's funding payments are read
 */
public record CoinbaseSettings(URI baseUrl, URI wsUrl, URI wsUserUrl, List<String> products, String quoteCurrency,
                               String portfolioUuid, Path credentialsFile, int rateLimit, Duration requestTimeout,
                               Duration connectTimeout, int readAttempts, MarketFeed.Channel marketChannel,
                               int depthLevels, Feed.Timing feedTiming, Duration fundingPoll) {

    static CoinbaseSettings from(PluginConfig c) {
        URI base = uri(c, "base_url", "https://api.coinbase.com", "http", "https");
        URI ws = uri(c, "ws_url", "wss://advanced-trade-ws.coinbase.com", "ws", "wss");
        URI wsUser = uri(c, "ws_user_url", "wss://advanced-trade-ws-user.coinbase.com", "ws", "wss");
        String channel = c.string("market_channel", "level2").toUpperCase(Locale.ROOT);
        MarketFeed.Channel market;
        try {
            market = MarketFeed.Channel.valueOf(channel);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(c.path() + ".market_channel", "must be level2 or ticker, was '"
                    + channel.toLowerCase(Locale.ROOT) + "'");
        }
        String file = c.string("credentials_file", "");
        Duration min = c.duration("reconnect_min", Duration.ofMillis(250), Duration.ofMillis(10), Duration.ofMinutes(1));
        Duration max = c.duration("reconnect_max", Duration.ofSeconds(30), min, Duration.ofMinutes(10));
        return new CoinbaseSettings(base, ws, wsUser, c.strings("products", List.of()),
                c.string("quote_currency", "USD"), c.string("portfolio_uuid", ""),
                file.isBlank() ? null : Path.of(file), (int) c.integer("rate_limit", 25, 1, 30),
                c.duration("request_timeout", Duration.ofMillis(1500), Duration.ofMillis(50), Duration.ofMinutes(1)),
                c.duration("connect_timeout", Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofMinutes(1)),
                (int) c.integer("read_attempts", 3, 1, 10), market,
                (int) c.integer("depth_levels", 10, 0, BookDepth.MAX_LEVELS),
                new Feed.Timing(
                        c.duration("connect_timeout", Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofMinutes(1)),
                        c.duration("silence_timeout", Duration.ofSeconds(5), Duration.ofMillis(100),
                                Duration.ofMinutes(5)), min, max),
                c.duration("funding_poll", Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofHours(1)));
    }

    private static URI uri(PluginConfig c, String key, String fallback, String... schemes) {
        String text = c.string(key, fallback);
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(c.path() + "." + key, "not a URL: '" + text + "'");
        }
        if (uri.getHost() == null || !List.of(schemes).contains(uri.getScheme())) {
            throw new ConfigException(c.path() + "." + key, "must be a " + String.join(" or ", schemes)
                    + " URL with a host, was '" + text + "'");
        }
        return uri;
    }
}

/**
 * The Coinbase Advanced Trade venue ({@code coinbase}): REST over the JDK HttpClient with a JWT per
 * request (Ed25519 or ES256 CDP keys, signed with the JDK's own crypto), the market feed (level2
 * with heartbeats, or ticker) and the user feed over the JDK WebSocket client, JSON with Jackson.
 */
module io.tradehost.plugins.venue.coinbase {
    requires transitive io.tradehost.api;
    requires transitive java.net.http;
    requires org.slf4j;
    requires transitive com.fasterxml.jackson.databind;

    exports io.tradehost.plugins.venue.coinbase;
    exports io.tradehost.plugins.venue.coinbase.auth;
    exports io.tradehost.plugins.venue.coinbase.wire;
    exports io.tradehost.plugins.venue.coinbase.feed;

    provides io.tradehost.api.venue.VenueFactory with io.tradehost.plugins.venue.coinbase.CoinbaseVenueFactory;
}

package io.tradehost.plugins.venue.coinbase;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.api.venue.Venue;
import io.tradehost.api.venue.VenueContext;
import io.tradehost.api.venue.VenueFactory;
import io.tradehost.plugins.venue.coinbase.auth.ApiCredentials;
import io.tradehost.plugins.venue.coinbase.auth.JwtSigner;
import io.tradehost.plugins.venue.coinbase.net.RateGate;
import io.tradehost.plugins.venue.coinbase.net.RestClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code coinbase}: Coinbase Advanced Trade. Keys (all optional): {@code base_url}, {@code ws_url},
 * {@code ws_user_url} (the real endpoints by default; point them at {@code tradehost exchange} to
 * try a setup on loopback), {@code products}, {@code quote_currency} ("USD"), {@code portfolio_uuid}
 * (perpetuals), {@code credentials_file}, {@code rate_limit} (25 per second), {@code request_timeout}
 * (1.5s), {@code connect_timeout} (5s), {@code read_attempts} (3), {@code market_channel} (level2 or
 * ticker), {@code depth_levels} (10, at most 50, 0 for none: each level2 book's best levels a side,
 * published as depth when one of them changes), {@code silence_timeout} (5s), {@code reconnect_min}
 * (250ms), {@code reconnect_max} (30s), {@code funding_poll} (60s).
 * The API key comes from {@code COINBASE_API_KEY_NAME} and {@code COINBASE_API_PRIVATE_KEY}, or
 * from the credentials file; it is never logged or shown.
 */
public final class CoinbaseVenueFactory implements VenueFactory {
    /** The environment variable with the key name. */
    public static final String KEY_NAME = "COINBASE_API_KEY_NAME";
    /** The environment variable with the private key. */
    public static final String PRIVATE_KEY = "COINBASE_API_PRIVATE_KEY";

    /** The factory ServiceLoader instantiates. */
    public CoinbaseVenueFactory() {
        // stateless
    }

    @Override
    public String name() {
        return "coinbase";
    }

    @Override
    public String description() {
        return "Coinbase Advanced Trade (REST and WebSocket, CDP keys), spot and perpetuals";
    }

    @Override
    public List<String> requiredCredentials() {
        return List.of();
    }

    @Override
    public List<String> optionalCredentials() {
        return List.of(KEY_NAME, PRIVATE_KEY);
    }

    @Override
    public Venue create(PluginConfig config, VenueContext context) {
        CoinbaseSettings settings = CoinbaseSettings.from(config);
        ApiCredentials credentials = credentials(settings, context.credentials(), config.path());
        JwtSigner signer = new JwtSigner(credentials, () -> context.clock().instant().getEpochSecond());
        HttpClient http = CoinbaseVenue.client(settings);
        RestClient rest = new RestClient(http, settings.baseUrl(), signer,
                new RateGate(context.clock(), settings.rateLimit(), Duration.ofSeconds(1)), context.clock(),
                settings.requestTimeout(), settings.readAttempts());
        return new CoinbaseVenue(settings, context, signer, rest, http);
    }

    private static ApiCredentials credentials(CoinbaseSettings settings, Map<String, String> env, String path) {
        Map<String, String> found = new LinkedHashMap<>();
        String source = "environment variable ";
        if (env.containsKey(KEY_NAME) || env.containsKey(PRIVATE_KEY)) {
            found.putAll(env);
        } else if (settings.credentialsFile() != null) {
            found.putAll(readFile(settings.credentialsFile(), path));
            source = settings.credentialsFile() + ": ";
        } else {
            throw new ConfigException(path + ".credentials_file", "coinbase needs an API key: set " + KEY_NAME
                    + " and " + PRIVATE_KEY + ", or name a credentials file");
        }
        try {
            return ApiCredentials.parse(found.get(KEY_NAME), found.get(PRIVATE_KEY), source + KEY_NAME,
                    source + PRIVATE_KEY);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path + ".credentials", e.getMessage());
        }
    }

    /** {@code NAME=value} lines, values optionally in single or double quotes; comments and blanks ignored. */
    static Map<String, String> readFile(Path file, String path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(path + ".credentials_file", "cannot read " + file + ": "
                    + e.getClass().getSimpleName());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines) {
            String t = line.strip();
            if (t.startsWith("export ")) {
                t = t.substring(7).strip();
            }
            int eq = t.indexOf('=');
            if (t.isEmpty() || t.startsWith("#") || eq < 1) {
                continue;
            }
            String value = t.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'")
                    || value.startsWith("\"") && value.endsWith("\""))) {
                value = value.substring(1, value.length() - 1);
            }
            out.put(t.substring(0, eq).strip(), value);
        }
        return out;
    }
}

package io.tradehost.admin;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code [admin]} block. Immutable.
 *
 * @param listen where the server listens, or null when {@code listen = "off"}
 * @param allowRemote whether {@code listen} may be a non-loopback address
 * @param tokenFile where the token is read from, or null for the environment, else a generated file
 * @param metricsToken whether {@code /metrics} needs the token too
 * @param maxConnections open connections beyond which the one waiting longest for its request head is
 *     closed to make room (connections busy with a request are kept; at twice this, none is accepted)
 * @param maxRequestBytes largest request body accepted (413 beyond)
 * @param maxHeaderBytes largest request head accepted (431 beyond)
 * @param idleTimeout how long a connection may send nothing before it is closed (slow clients)
 * @param headerTimeout how long a connection may take to send a whole request head, from its opening
 *     or its last response, however much it sends meanwhile (slow-loris)
 * @param snapshotInterval how often the kernel publishes the state the server reads
 * @param stallAfter a snapshot older than this (real time) means the kernel is stalled: health 503
 * @param badTokenLimit wrong tokens from one address within a minute before it gets 429
 */
public record AdminSettings(InetSocketAddress listen, boolean allowRemote, Path tokenFile, boolean metricsToken,
                            int maxConnections, int maxRequestBytes, int maxHeaderBytes, Duration idleTimeout,
                            Duration headerTimeout, Duration snapshotInterval, Duration stallAfter, int badTokenLimit) {
    /** The default address. */
    public static final String DEFAULT_LISTEN = "127.0.0.1:8570";

    /** Reads {@code block} strictly: an unknown or wrong key is an error naming it. */
    public static AdminSettings read(PluginConfig block) {
        String where = block.path().isEmpty() ? "" : block.path() + ".";
        InetSocketAddress listen = address(where + "listen", block.string("listen", DEFAULT_LISTEN));
        boolean allowRemote = block.bool("allow_remote", false);
        if (listen != null && !listen.getAddress().isLoopbackAddress() && !allowRemote) {
            throw new ConfigException(where + "listen", listen.getAddress().getHostAddress()
                    + " is not a loopback address; set " + where + "allow_remote = true to serve other hosts");
        }
        String tokenFile = block.string("token_file", null);
        AdminSettings settings = new AdminSettings(listen, allowRemote, tokenFile == null ? null : Path.of(tokenFile),
                block.bool("metrics_token", false),
                (int) block.integer("max_connections", 64, 1, 10_000),
                (int) block.integer("max_request_bytes", 65_536, 256, 16 * 1024 * 1024),
                (int) block.integer("max_header_bytes", 8_192, 1_024, 65_536),
                block.duration("idle_timeout", Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofHours(1)),
                block.duration("header_timeout", Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofMinutes(5)),
                block.duration("snapshot_interval", Duration.ofMillis(250), Duration.ofMillis(10), Duration.ofMinutes(1)),
                block.duration("stall_after", Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofHours(1)),
                (int) block.integer("bad_token_limit", 10, 1, 1_000_000));
        if (!block.unreadKeys().isEmpty()) {
            throw new ConfigException(block.unreadKeys().getFirst(), "unknown key");
        }
        return settings;
    }

    /** Whether the server is to run at all. */
    public boolean enabled() {
        return listen != null;
    }

    private static InetSocketAddress address(String key, String text) {
        if (text.equals("off")) {
            return null;
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new ConfigException(key, "must be HOST:PORT or \"off\" (was \"" + text + "\")");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "port is not a number (was \"" + text + "\")");
        }
        if (port < 0 || port > 65_535) {
            throw new ConfigException(key, "port must be 0-65535 (was " + port + ")");
        }
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]+|localhost")) {
            throw new ConfigException(key, "host must be an IP address or localhost, not a name to look up (was \""
                    + host + "\")");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new ConfigException(key, "not an address: \"" + host + "\"");
        }
    }
}

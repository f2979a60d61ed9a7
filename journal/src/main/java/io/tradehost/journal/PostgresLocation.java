package io.tradehost.journal;

import java.net.URI;
import java.net.URISyntaxException;
import io.tradehost.api.host.PrintableText;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A PostgreSQL journal's address: {@code postgresql://host[:port]/database[?parameters]}, the user,
 * the password (never in the address, never printed) and the schema the journal's tables live in
 * (one schema per journal, so many hosts can share one database). Immutable; {@link #toString()}
 * leaves the password out.
 */
public final class PostgresLocation {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}");
    private static final int DEFAULT_PORT = 5432;
    private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9_.-]+)(?::(\\d{1,5}))?");
    /** What the address may set: TLS, nothing that overrides the journal's own settings or holds a secret. */
    private static final List<String> PARAMETERS = List.of("ssl", "sslmode", "sslrootcert", "sslcert", "sslkey",
            "sslfactory", "sslhostnameverifier", "sslnegotiation", "gssEncMode", "ApplicationName");

    private final String host;
    private final int port;
    private final String database;
    private final String query;
    private final String user;
    private final String password;
    private final String schema;

    private PostgresLocation(String host, int port, String database, String query, String user, String password,
                             String schema) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.query = query;
        this.user = user;
        this.password = password;
        this.schema = schema;
    }

    /**
     * Reads {@code url} ({@code postgresql://} or {@code postgres://}).
     *
     * @param password may be empty (trust or peer authentication), never null
     * @throws IllegalArgumentException naming what is wrong; the message never holds the password, nor a
     *     credential written into {@code url}
     */
    public static PostgresLocation of(String url, String user, String password, String schema) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(password, "password");
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a postgresql:// address (" + e.getReason() + ")");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the address must not carry credentials (user@ or user:password@):"
                    + " give the user as journal.user and the password in the environment or a file");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("postgresql") && !scheme.equals("postgres")) {
            throw new IllegalArgumentException("not a postgresql:// address: it starts with '" + scheme + "'");
        }
        String host = uri.getHost();
        int port = uri.getPort();
        if (host == null && uri.getRawAuthority() != null) {
            // java.net.URI takes a host with '_' (a compose service name) for a registry name: read it here
            Matcher m = HOST_PORT.matcher(uri.getRawAuthority());
            if (m.matches()) {
                host = m.group(1);
                port = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
            }
        }
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("the address names no host: write postgresql://host:port/database");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        if (!DATABASE.matcher(database).matches()) {
            throw new IllegalArgumentException("the address names no database (or an odd one): write"
                    + " postgresql://host:port/database");
        }
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        for (String parameter : query.isEmpty() ? new String[0] : query.split("&")) {
            String name = parameter.split("=", 2)[0];
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("password") || lower.equals("user") || lower.equals("currentschema")) {
                throw new IllegalArgumentException("the address must not set '" + lower + "': it comes from"
                        + (lower.equals("currentschema") ? " journal.schema" : " journal.user and the password setting"));
            }
            if (!PARAMETERS.contains(name)) {
                // the driver lets the address override what the journal sets (timeouts, search_path, ...)
                throw new IllegalArgumentException("the address may set only " + String.join(", ", PARAMETERS)
                        + ", not '" + PrintableText.clip(name, 40) + "'");
            }
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("no user for the PostgreSQL journal: set journal.user");
        }
        if (schema == null || !IDENTIFIER.matcher(schema).matches() || schema.startsWith("pg_")) {
            throw new IllegalArgumentException("the schema '" + schema + "' is not a plain lower-case identifier"
                    + " ([a-z_][a-z0-9_]*, at most 63 characters, not pg_...)");
        }
        return new PostgresLocation(host, port < 0 ? DEFAULT_PORT : port, database, query, user, password, schema);
    }

    /** The same server and credentials, another schema. */
    public PostgresLocation withSchema(String other) {
        return of("postgresql://" + host + ":" + port + "/" + database + (query.isEmpty() ? "" : "?" + query), user,
                password, other);
    }

    /** The schema the journal's tables live in: a plain identifier, safe to write into SQL. */
    public String schema() {
        return schema;
    }

    /** The user the journal connects as. */
    public String user() {
        return user;
    }

    String password() {
        return password;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database + (query.isEmpty() ? "" : "?" + query);
    }

    /** {@code postgresql://host:port/database (schema s, user u)}: no password. */
    @Override
    public String toString() {
        return "postgresql://" + host + ":" + port + "/" + database + " (schema " + schema + ", user " + user + ")";
    }
}

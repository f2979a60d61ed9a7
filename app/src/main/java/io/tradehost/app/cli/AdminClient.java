package io.tradehost.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradehost.admin.AdminToken;
import io.tradehost.api.host.PrintableText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Option;
/**
 * Talks to a running host's admin API for {@code tradehost status} and {@code tradehost operator}:
 * where it listens, and the token from {@code TRADEHOST_ADMIN_TOKEN}, {@code --token-file} or the
 * data directory's {@code admin.token}. Failures become one clear line ({@link Failure}).
 */
public final class AdminClient {
    /** Per client, not static: Jackson's classes stay out of {@code --help} and {@code --version}. */
    private final ObjectMapper json = new ObjectMapper();
    private static final String DEFAULT_TIMEOUT = "15s";

    /** A request that did not get the answer it needed, said in one line. */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    /** The options every client command takes. */
    public static final class Options {
        @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8570",
                description = "The host's admin API (default: ${DEFAULT-VALUE})")
        URI url;

        @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
                description = "The host's data directory, where a generated admin.token lives (default: ./${DEFAULT-VALUE})")
        Path dataDir;

        @Option(names = "--token-file", paramLabel = "FILE",
                description = "Read the token from FILE (default: TRADEHOST_ADMIN_TOKEN, else <data dir>/admin.token)")
        Path tokenFile;

        @Option(names = "--timeout", paramLabel = "D", defaultValue = DEFAULT_TIMEOUT,
                converter = DurationConverter.class,
                description = "Give up when the host has not answered within D, e.g. 2s (default: ${DEFAULT-VALUE})")
        Duration timeout;

        /** Picocli fills the fields. */
        public Options() {
            // fields are injected by picocli
        }

        AdminClient client(Map<String, String> environment) {
            return new AdminClient(url, () -> token(environment), timeout);
        }

        private AdminToken token(Map<String, String> environment) {
            if (environment.get(AdminToken.ENVIRONMENT) == null && tokenFile == null
                    && !Files.exists(dataDir.resolve(AdminToken.FILE_NAME))) {
                throw new Failure("no admin token: set " + AdminToken.ENVIRONMENT + ", pass --token-file, or point"
                        + " --data-dir at the host's data directory (no " + dataDir.resolve(AdminToken.FILE_NAME) + ")");
            }
            try {
                return AdminToken.resolve(environment, tokenFile, dataDir);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw new Failure(e.getMessage());
            }
        }
    }

    /** An answer: its status and JSON body. */
    record Answer(int status, JsonNode body) {
    }

    private final URI base;
    private final Supplier<AdminToken> token;
    private final Duration timeout;
    private final HttpClient http;

    AdminClient(URI base, Supplier<AdminToken> token, Duration timeout) {
        this.base = base;
        this.token = token;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** GET {@code path} without the token (health). */
    Answer getOpen(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), false);
    }

    /** GET {@code path} with the token; a 401 is a failure naming where the token came from. */
    Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), true);
    }

    /** POST {@code body} as JSON to {@code path} with the token. */
    Answer post(String path, JsonNode body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), true);
    }

    private Answer send(HttpRequest.Builder builder, boolean authorised) {
        AdminToken t = authorised ? token.get() : null;
        if (t != null) {
            builder.header("Authorization", "Bearer " + t.reveal());
        }
        HttpResponse<String> response;
        try {
            response = http.send(builder.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new Failure("no tradehost host is listening at " + base + " (is it running? does admin.listen say"
                    + " another address? pass --url)");
        } catch (HttpTimeoutException e) {
            throw new Failure("the host at " + base + " did not answer within " + timeout.toMillis() + " ms"
                    + " (--timeout)");
        } catch (IOException e) {
            throw new Failure("cannot talk to " + base + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        }
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (IOException e) {
            throw new Failure("the server at " + base + " did not answer JSON (HTTP " + response.statusCode()
                    + "): is it a tradehost host?");
        }
        if (response.statusCode() == 401) {
            throw new Failure("the host refused the token from " + t.source() + ": "
                    + PrintableText.escape(body.path("message").asText()));
        }
        if (response.statusCode() == 429) {
            throw new Failure("the host is refusing wrong tokens from this address for a while (too many of them);"
                    + (t == null ? " and this request carried no token" : " the token from " + t.source()
                    + " was wrong too"));
        }
        return new Answer(response.statusCode(), body);
    }
}

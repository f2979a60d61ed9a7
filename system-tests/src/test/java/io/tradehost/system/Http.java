package io.tradehost.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
/** Small helpers over the JDK client for talking to the image, and {@code promtool}. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    static HttpResponse<String> get(URI base, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    /** Runs {@code promtool check metrics} on {@code exposition}; fails with promtool's words if it objects. */
    static void promtool(String exposition) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool is not installed (apt-get install prometheus; .ci/run does)", e);
        }
        p.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || !said.isEmpty()) {
            throw new AssertionError("promtool check metrics objected:\n" + said);
        }
    }

    /** Every sample of an exposition: name with labels, and value. */
    static Map<String, Double> samples(String exposition) {
        Map<String, Double> all = new HashMap<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                all.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return all;
    }
}

package io.tradehost.app.surface;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The files in the repository's {@code deploy/} folder, as the tests read them. */
final class DeployFiles {
    /** The folder: the tests run in the app module's folder. */
    static final Path DEPLOY = Path.of("..", "deploy").toAbsolutePath().normalize();
    static final Path PROMETHEUS = DEPLOY.resolve("prometheus");
    static final Path GRAFANA = DEPLOY.resolve("grafana").resolve("tradehost-fleet.json");
    private static final Pattern METRIC = Pattern.compile("\\btradehost_[a-z_]+\\b");
    /** Labels the fleet's service discovery puts on every target, named like metrics but not metrics. */
    private static final Set<String> LABELS = Set.of("tradehost_account", "tradehost_host");

    private DeployFiles() {
    }

    /** Every PromQL expression of the Grafana dashboard. */
    static List<String> grafanaExpressions() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(GRAFANA));
        List<String> all = new ArrayList<>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> all.add(t.path("expr").asText())));
        return all;
    }

    /**
     * Every metric the alert rules and the dashboard name, as exposed ({@code _total}, {@code _bucket}
     * included), without the labels the service discovery adds.
     */
    static Set<String> metricsNamed() throws IOException {
        Set<String> names = new TreeSet<>();
        List<String> texts = new ArrayList<>(grafanaExpressions());
        texts.add(Files.readString(PROMETHEUS.resolve("alerts.yml")));
        for (String text : texts) {
            Matcher m = METRIC.matcher(text);
            while (m.find()) {
                if (!LABELS.contains(m.group())) {
                    names.add(m.group());
                }
            }
        }
        return names;
    }
}

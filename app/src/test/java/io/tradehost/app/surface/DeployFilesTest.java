package io.tradehost.app.surface;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradehost.testkit.Promtool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Prometheus configuration, alerting rules and Grafana dashboard of {@code deploy/}, checked
 * by the real {@code promtool}: the configuration loads, the rules parse, each alert fires on the series
 * that should raise it and on no other ({@code alerts-test.yml}), and every dashboard query is valid
 * PromQL. That each metric they name is one a host exposes is checked on a real primary and standby in
 * {@link StandbySurfaceTest}.
 */
class DeployFilesTest {
    @TempDir
    Path work;

    @Test
    void thePrometheusConfigurationLoadsWithItsRules() throws Exception {
        for (String name : List.of("prometheus.yml", "alerts.yml", "alerts-test.yml")) {
            Files.copy(DeployFiles.PROMETHEUS.resolve(name), work.resolve(name));
        }
        Files.writeString(work.resolve("tradehost-admin.token"), "token"); // the file the config names
        assertThat(Promtool.run(work, "check", "config", "prometheus.yml")).contains("1 rule files found");
        assertThat(Promtool.run(work, "check", "rules", "alerts.yml")).contains("6 rules found");
    }

    @Test
    void eachAlertFiresOnWhatShouldRaiseItAndNothingElse() throws Exception {
        assertThat(Promtool.run(DeployFiles.PROMETHEUS, "test", "rules", "alerts-test.yml")).contains("SUCCESS");
    }

    @Test
    void everyDashboardQueryIsValidPromQl() throws Exception {
        List<String> expressions = DeployFiles.grafanaExpressions();
        assertThat(expressions).hasSizeGreaterThanOrEqualTo(9).allSatisfy(e -> assertThat(e).isNotBlank());
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < expressions.size(); i++) {
            rules.append("      - record: dashboard:panel_").append(i).append("\n        expr: '")
                    .append(expressions.get(i).replace("'", "''")).append("'\n");
        }
        Files.writeString(work.resolve("dashboard.yml"), rules);
        assertThat(Promtool.run(work, "check", "rules", "dashboard.yml"))
                .contains(expressions.size() + " rules found");
    }

    @Test
    void theDeployFolderHoldsWhatTheReadmeSays() {
        assertThat(Stream.of("prometheus/prometheus.yml", "prometheus/alerts.yml", "prometheus/alerts-test.yml",
                "grafana/tradehost-fleet.json")).allSatisfy(f -> assertThat(DeployFiles.DEPLOY.resolve(f)).isRegularFile());
    }
}

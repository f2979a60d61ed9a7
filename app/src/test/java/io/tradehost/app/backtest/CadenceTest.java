package io.tradehost.app.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradehost.app.plugins.PluginCatalog;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CadenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode tree() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"telemetry": {"stale_after": "45s"},
                 "runtime_guards": {"order": ["daily-loss", "mark-staleness", "concentration"],
                   "config": {"daily-loss": {"max_loss": "5", "check_interval": "2h"},
                              "mark-staleness": {"warn_after": "bogus"}}}}""");
    }

    @Test
    void timersOfAGuardInUseRiseToTheDataSpacingWithinTheirCapsAndNothingIsLowered() throws Exception {
        ObjectNode tree = tree();
        Cadence.apply(tree, Duration.ofDays(1), PluginCatalog.fromLayer(ModuleLayer.boot()).runtimeGuards());
        assertThat(tree.at("/telemetry/status_interval").asText()).isEqualTo("3600000ms");
        assertThat(tree.at("/telemetry/stale_after").asText()).isEqualTo("86400000ms");
        assertThat(tree.at("/runtime/reconciliation/interval").asText()).isEqualTo("86400000ms");
        assertThat(tree.at("/runtime_guards/config/daily-loss/check_interval").asText()).as("above the cap: kept")
                .isEqualTo("2h");
        assertThat(tree.at("/runtime_guards/config/mark-staleness/check_interval").asText()).isEqualTo("3600000ms");
        assertThat(tree.at("/runtime_guards/config/mark-staleness/warn_after").asText()).as("not a duration: "
                + "left for validation to name").isEqualTo("bogus");
        assertThat(tree.at("/runtime_guards/config/mark-staleness/halt_after").asText()).isEqualTo("86400000ms");
        assertThat(tree.at("/runtime_guards/config/concentration/check_interval").asText()).isEqualTo("3600000ms");
        assertThat(tree.at("/runtime_guards/config/drawdown").isMissingNode()).as("a guard not in use is untouched")
                .isTrue();
    }

    @Test
    void denseDataChangesNothingButTheStatusLine() throws Exception {
        ObjectNode tree = tree();
        Cadence.apply(tree, Duration.ofMillis(200), PluginCatalog.fromLayer(ModuleLayer.boot()).runtimeGuards());
        assertThat(tree.at("/telemetry/stale_after").asText()).isEqualTo("45s");
        ObjectNode fine = (ObjectNode) JSON.readTree("""
                {"runtime_guards": {"order": ["mark-staleness"], "config": {"mark-staleness": {}}}}""");
        Cadence.apply(fine, Duration.ofMillis(200), PluginCatalog.fromLayer(ModuleLayer.boot()).runtimeGuards());
        assertThat(fine.at("/runtime_guards/config/mark-staleness/warn_after").asText())
                .as("no WARN per gap of recorded data: the warning is the halt").isEqualTo("360s");
        assertThat(tree.at("/runtime/reconciliation/interval").isMissingNode()).isTrue();
        assertThat(tree.at("/runtime_guards/config/mark-staleness/check_interval").isMissingNode()).isTrue();
        assertThat(tree.at("/telemetry/status_interval").asText()).isEqualTo("3600000ms");
    }
}

package io.tradehost.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradehost.api.config.PluginConfig;
import io.tradehost.testkit.HttpReceiver;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
class KernelWatchdogTest {
    @Test
    void aStallRaisesOneCriticalAlertAndTheRecoveryOneInfoAlert() throws Exception {
        try (HttpReceiver receiver = new HttpReceiver()) {
            AlertDispatcher alerts = new AlertDispatcher(AlertSettings.read(new PluginConfig("alerts",
                    Map.of("webhook", Map.of("url", receiver.url("/h"))))), "r1", System::nanoTime);
            AtomicLong age = new AtomicLong(Long.MAX_VALUE); // nothing published yet: not a stall
            KernelWatchdog watchdog = new KernelWatchdog(alerts, age::get, Duration.ofSeconds(5), () -> 7,
                    Duration.ofMillis(5));
            try {
                age.set(Duration.ofMillis(100).toNanos());
                age.set(Duration.ofSeconds(6).toNanos());
                HttpReceiver.Request stalled = receiver.next();
                age.set(Duration.ofMillis(100).toNanos());
                HttpReceiver.Request recovered = receiver.next();
                ObjectMapper json = new ObjectMapper();
                assertThat(json.readTree(stalled.body()).get("title").asText()).isEqualTo("kernel stalled");
                assertThat(json.readTree(stalled.body()).get("severity").asText()).isEqualTo("CRITICAL");
                assertThat(json.readTree(stalled.body()).get("text").asText()).isEqualTo(
                        "no snapshot for 6000 ms (limit 5000 ms)");
                assertThat(json.readTree(recovered.body()).get("title").asText()).isEqualTo("kernel publishing again");
            } finally {
                watchdog.close();
            }
            alerts.close(Duration.ofSeconds(5));
            assertThat(alerts.counts().sent()).isEqualTo(2);
        }
    }
}

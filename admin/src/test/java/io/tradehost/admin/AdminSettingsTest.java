package io.tradehost.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradehost.api.config.ConfigException;
import io.tradehost.api.config.PluginConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminSettingsTest {
    private static AdminSettings read(Map<String, Object> values) {
        return AdminSettings.read(new PluginConfig("admin", values));
    }

    @Test
    void theDefaultsListenOnLoopbackWithTheDocumentedLimits() {
        AdminSettings s = read(Map.of());
        assertThat(s.enabled()).isTrue();
        assertThat(s.listen().getAddress().isLoopbackAddress()).isTrue();
        assertThat(s.listen().getPort()).isEqualTo(8570);
        assertThat(s.allowRemote()).isFalse();
        assertThat(s.tokenFile()).isNull();
        assertThat(s.metricsToken()).isFalse();
        assertThat(s.maxConnections()).isEqualTo(64);
        assertThat(s.maxRequestBytes()).isEqualTo(65_536);
        assertThat(s.maxHeaderBytes()).isEqualTo(8_192);
        assertThat(s.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.snapshotInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.stallAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.badTokenLimit()).isEqualTo(10);
    }

    @Test
    void offDisablesTheServer() {
        assertThat(read(Map.of("listen", "off")).enabled()).isFalse();
    }

    @Test
    void aNonLoopbackAddressNeedsAllowRemote() {
        assertThatThrownBy(() -> read(Map.of("listen", "0.0.0.0:8570"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("admin.listen").hasMessageContaining("allow_remote = true");
        AdminSettings remote = read(Map.of("listen", "0.0.0.0:9000", "allow_remote", true));
        assertThat(remote.listen().getPort()).isEqualTo(9000);
        assertThat(read(Map.of("listen", "[::1]:8571")).listen().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void malformedAddressesAndUnknownKeysAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> read(Map.of("listen", "8570"))).hasMessageContaining("admin.listen")
                .hasMessageContaining("HOST:PORT");
        assertThatThrownBy(() -> read(Map.of("listen", "127.0.0.1:http"))).hasMessageContaining("port is not a number");
        assertThatThrownBy(() -> read(Map.of("listen", "127.0.0.1:70000"))).hasMessageContaining("0-65535");
        assertThatThrownBy(() -> read(Map.of("listen", "example.com:80"))).hasMessageContaining("not a name to look up");
        assertThatThrownBy(() -> read(Map.of("listn", "127.0.0.1:1"))).hasMessageContaining("listn")
                .hasMessageContaining("unknown key");
        assertThatThrownBy(() -> read(Map.of("max_connections", 0))).hasMessageContaining("max_connections");
    }
}

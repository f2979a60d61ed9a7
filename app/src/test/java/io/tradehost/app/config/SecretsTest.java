package io.tradehost.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {
    @Test
    void credentialsAreMaskedAtAnyDepthAndEverythingElseIsKept() {
        Map<String, Object> tree = Map.of(
                "alerts", Map.of("webhook", Map.of("url", "https://hooks.example/SECRET", "min_severity", "info"),
                        "telegram", Map.of("token", "123:SECRET", "chat_id", "-100SECRET")),
                "venue", Map.of("name", "coinbase", "config", Map.of("api_key", "SECRET", "private_key_file",
                        "/etc/SECRET.pem", "products", List.of("BTC-USD"))),
                "admin", Map.of("listen", "127.0.0.1:8570"),
                "host", Map.of("symbols", List.of("BTC-PERP")));

        Map<String, Object> masked = Secrets.masked(tree);

        assertThat(masked.toString()).doesNotContain("SECRET");
        assertThat(masked).isEqualTo(Map.of(
                "alerts", Map.of("webhook", Map.of("url", "***", "min_severity", "info"),
                        "telegram", Map.of("token", "***", "chat_id", "***")),
                "venue", Map.of("name", "coinbase", "config", Map.of("api_key", "***", "private_key_file", "***",
                        "products", List.of("BTC-USD"))),
                "admin", Map.of("listen", "127.0.0.1:8570"),
                "host", Map.of("symbols", List.of("BTC-PERP"))));
    }

    @Test
    void whatCountsAsASecretIsDecidedByTheKeysName() {
        assertThat(List.of("token", "bot_token", "api_key", "apiKey", "secret", "password", "passphrase", "url",
                "base_url", "key_name", "chat_id", "private_key")).allMatch(Secrets::isSecret);
        assertThat(List.of("listen", "symbols", "max", "name", "min_severity", "interval")).noneMatch(Secrets::isSecret);
    }
}
